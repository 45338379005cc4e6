import Testing
import Tenancy
import TenancyCLI
import TenancyFixtures

struct HelpTests {
    private let spec = CommandSpec(
        "add", abstract: "Add a user to an organization with a role.",
        discussion: "Refused if the role is unknown.",
        arguments: [
            Positional<String>("ORG", help: "The organization's slug."),
            Option<String>("role", help: "An organization role."),
            Option<[String]>("assign", value: "ASSIGNMENT", help: "A bundle."),
            Flag("dry-run", help: "Write nothing."),
        ])

    @Test func theUsageLineListsPositionalsThenOptionsMarkingWhatIsOptional() {
        #expect(
            Help.usage(for: spec, commandPath: "tenancy member add", isGroup: false)
                == "tenancy member add ORG --role ROLE [--assign ASSIGNMENT]... [--dry-run]")
    }

    @Test func aGroupsUsageEndsWithCommandAfterItsOptions() {
        let root = CommandSpec(
            "tenancy", abstract: "", arguments: [Option<String?>("format", help: "", choices: ["text", "json"])])
        #expect(
            Help.usage(for: root, commandPath: "tenancy", isGroup: true)
                == "tenancy [--format text|json] COMMAND")
    }

    @Test func helpHasOverviewUsageArgumentsAndOptionsWithNotes() {
        let registry = Option<String?>("registry", value: "PATH", help: "The registry root.")
        let text = Help.text(for: spec, commandPath: "tenancy member add", globalOptions: [registry.spec])
        #expect(
            text == """
                OVERVIEW: Add a user to an organization with a role.

                Refused if the role is unknown.

                USAGE: tenancy member add ORG --role ROLE [--assign ASSIGNMENT]... [--dry-run]

                ARGUMENTS:
                  ORG                     The organization's slug.

                OPTIONS:
                  --role ROLE             An organization role. (required)
                  --assign ASSIGNMENT     A bundle. (repeatable)
                  --dry-run               Write nothing.
                  -h, --help              Show help information.

                GLOBAL OPTIONS:
                  --registry PATH         The registry root.

                """)
    }

    @Test func aGroupsHelpListsItsCommandsWithTheirAbstracts() {
        let group = CommandSpec("member", abstract: "Manage members.")
        let text = Help.text(
            for: group, commandPath: "tenancy member",
            subcommands: [Help.Entry("add", abstract: "Add a member.")])
        #expect(text.contains("COMMANDS:\n  add                     Add a member.\n"))
        #expect(text.contains("See 'tenancy member help COMMAND' for help on a command."))
    }

    @Test func aLabelTooWideForTheColumnPutsItsHelpOnTheNextLine() {
        let wide = CommandSpec(
            "x", abstract: "",
            arguments: [Option<String?>("format", help: "How to print.", choices: ["text", "json", "github"])])
        let text = Help.text(for: wide, commandPath: "tenancy x")
        #expect(text.contains("  --format text|json|github\n" + String(repeating: " ", count: 26) + "How to print.\n"))
    }
}

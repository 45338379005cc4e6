import Testing
import Tenancy
import TenancyCLI
import TenancyFixtures

/// Every command below `command`, groups and leaves, with the words that name it:
/// `["member", "add"]`.
private func commands<Context>(below command: Command<Context>, path: [String] = [])
    -> [(path: [String], command: Command<Context>)]
{
    command.subcommands.flatMap { subcommand in
        let path = path + [subcommand.spec.name]
        return [(path, subcommand)] + commands(below: subcommand, path: path)
    }
}

/// What is wrong with a command's spec, given the global options it also accepts: each
/// mistake one the compiler cannot see, since names and groups are assembled at run time.
func problems(of spec: CommandSpec, globals: [OptionSpec] = []) -> [String] {
    var problems: [String] = []
    let names = spec.options.map(\.name) + spec.flags.map(\.name)
    let accepted = names + globals.map(\.name) + ["help"]
    for name in Set(accepted) where accepted.count(where: { $0 == name }) > 1 {
        problems.append("--\(name) is declared more than once")
    }
    let positionals = spec.positionals.map(\.name)
    for name in Set(positionals) where positionals.count(where: { $0 == name }) > 1 {
        problems.append("\(name) is declared more than once")
    }
    if let optional = spec.positionals.firstIndex(where: \.isOptional),
        let required = spec.positionals[optional...].first(where: { !$0.isOptional })
    {
        problems.append("\(required.name) must come before \(spec.positionals[optional].name), which may be left out")
    }
    // A positional that may be left out may stand for an option (`NEW` or `--to NEW`);
    // `oneOf` may name the global `--as` of a mutation.
    let optionalPositionals = spec.positionals.filter(\.isOptional).map(\.name)
    let groupKinds = [
        ("exclusive", spec.exclusive, names + optionalPositionals), ("together", spec.together, names),
        ("oneOf", spec.oneOf, names + optionalPositionals),
    ]
    for (kind, groups, known) in groupKinds {
        for group in groups {
            if Set(group).count < 2 { problems.append("\(kind) group \(group) needs two different names") }
            for name in group where !known.contains(name) {
                problems.append("\(kind) group names '\(name)', not an option or flag of the command")
            }
        }
    }
    for option in spec.options where option.isRequired && spec.oneOf.joined().contains(option.name) {
        problems.append("--\(option.name) is required, so an alternative to it means nothing")
    }
    for option in spec.options where option.isRequired && spec.exclusive.joined().contains(option.name) {
        problems.append("--\(option.name) is required, so nothing exclusive with it could be given")
    }
    for option in spec.options where !option.choices.isEmpty && Set(option.choices).count < option.choices.count {
        problems.append("--\(option.name) lists a choice twice")
    }
    // A shell completes projects and invitations within the organization a positional names.
    let completions = spec.positionals.map(\.completion) + spec.options.map(\.completion)
    if completions.contains(where: \.isWithinOrg) && !spec.positionals.contains(where: { $0.completion == .org }) {
        problems.append("completes projects or invitations, but no positional completes organizations")
    }
    return problems
}

struct CommandTreeTests {
    private let root = rootCommand
    private let dispatcher = Dispatcher.tenancy(environment: [:], currentDirectory: "/")

    @Test func everyCommandsSpecIsWellFormed() {
        #expect(problems(of: root.spec) == [])
        for (path, command) in commands(below: root) {
            let globals = command.isGroup ? [] : root.spec.options
            #expect(problems(of: command.spec, globals: globals) == [], "tenancy \(path.joined(separator: " "))")
        }
    }

    /// The help is rendered from the same keys the command reads, so it shows each of
    /// them, and the usage line is the one its parser accepts.
    @Test func everyLeafRendersItsHelpWithEveryArgument() throws {
        let leaves = commands(below: root).filter { !$0.command.isGroup && !$0.command.isHidden }
        guard case .print(let rootHelp) = try dispatcher.resolve(["--help"]) else {
            Issue.record("tenancy --help does not print help")
            return
        }
        let listed = rootHelp.split(separator: "\n").drop { $0 != "COMMANDS:" }.dropFirst()
            .prefix { $0.hasPrefix("  ") }
        #expect(listed.count == leaves.count + 1, "every leaf, and help, in the root's help")
        for (path, command) in leaves {
            let name = "tenancy " + path.joined(separator: " ")
            guard case .print(let help) = try dispatcher.resolve(path + ["--help"]) else {
                Issue.record("\(name) --help does not print help")
                continue
            }
            let spec = command.spec
            #expect(listed.contains { $0.hasPrefix("  " + path.joined(separator: " ") + " ") }, "\(name)")
            #expect(help.hasPrefix("OVERVIEW: \(spec.abstract)\n"), "\(name)")
            #expect(help.contains("\nUSAGE: \(Help.usage(for: spec, commandPath: name, isGroup: false))\n"), "\(name)")
            let labels =
                spec.positionals.map { "  \($0.name)" } + spec.options.map { "  --\($0.name) \($0.valueName)" }
                + spec.flags.map { "  --\($0.name)" } + root.spec.options.map { "  --\($0.name) " }
            for label in labels {
                #expect(help.contains("\n" + label), "\(name) --help lacks \(label)")
            }
        }
    }

    @Test func theCheckFindsEachMistakeASpecCanHold() {
        let role = Option<String>("role", help: "")
        let staged = Flag("staged", help: "")
        let rev = Option<String?>("rev", help: "")
        let org = Positional<String>("ORG", help: "")
        let note = Positional<String?>("NOTE", help: "")
        let bad = CommandSpec(
            "add", abstract: "",
            arguments: [
                note, org, org, role, Flag("role", help: ""), Flag("help", help: ""), staged, rev,
                Option<String?>("format", help: "", choices: ["a", "a"]),
                Option<String?>("project", help: "", completion: .project),
            ],
            exclusive: [[staged, role], [rev]], together: [[rev, org]])
        #expect(
            Set(problems(of: bad, globals: [rev.spec]))
                == [
                    "--role is declared more than once", "--help is declared more than once",
                    "--rev is declared more than once", "ORG is declared more than once",
                    "ORG must come before NOTE, which may be left out",
                    "exclusive group [\"rev\"] needs two different names",
                    "together group names 'ORG', not an option or flag of the command",
                    "--role is required, so nothing exclusive with it could be given",
                    "--format lists a choice twice",
                    "completes projects or invitations, but no positional completes organizations",
                ])
    }
}

import Testing
import TenancyCore

@testable import TenancyCLI

/// The tables the completion scripts are generated from, the manual page's roff, and
/// where a relative registry path leads.
struct CompletionAndManualTests {
    private let table = CompletionTable(root: rootCommand, namesCommand: "__complete")

    private func values(_ path: String) -> [String: CompletionValue] {
        let entry = table.entries.first { $0.path == path }
        return Dictionary(uniqueKeysWithValues: (entry?.values ?? []).map { ($0.argument, $0.value) })
    }

    @Test func theTableDeclaresWhichNamesEachArgumentTakes() {
        #expect(values("member add") == ["0": .names("orgs", orgArgument: nil), "1": .names("users", orgArgument: nil),
                                         "--as": .names("users", orgArgument: nil)])
        #expect(values("project delete")["1"] == .names("projects", orgArgument: 0))
        #expect(values("invitation revoke")["1"] == .names("invitations", orgArgument: 0))
        #expect(values("list invitations")["--status"] == .words(["pending", "accepted", "declined", "revoked", "expired"]))
        #expect(table.globalValues.map(\.argument) == ["--registry", "--format"])
    }

    @Test func hiddenCommandsAreNotInTheTable() {
        #expect(!table.entries.contains { $0.path.hasPrefix("__") })
        #expect(!table.entries[0].subcommands.contains { $0.name.hasPrefix("__") })
        #expect(table.entries[0].subcommands.last?.name == "help")
    }

    @Test func aPositionalWithChoicesTakesOnlyThose() {
        let shell = Positional<String>("SHELL", help: "", choices: ["bash", "zsh"])
        let parser = ArgumentParser(spec: CommandSpec("completion", abstract: "", arguments: [shell]), commandPath: "t")
        #expect(throws: UsageError("invalid value 'tcsh' for SHELL: expected one of bash, zsh", commandPath: "t")) {
            try parser.parse(["tcsh"])
        }
        #expect((try? parser.parse(["zsh"]))?[shell] == "zsh")
    }

    @Test func theManualEscapesWhatRoffWouldReadAsARequestOrAnEscape() {
        let root = Command<Void>(
            group: "tool", abstract: "A tool.",
            [Command("run", abstract: "Run it.", discussion: ".tenancy is kept.\nA \\ and é.\n\n  tool run --fast") { _, _ in }])
        let page = ManPage(source: "tool 1", description: "", sections: []).roff(for: root)
        #expect(page.contains("\n\\&.tenancy is kept.\nA \\e and \\[u00E9].\n.PP\n.RS 4\n.nf\ntool run \\-\\-fast\n.fi\n.RE\n"))
        #expect(page.contains("\n.SS \"tool run\"\nRun it.\n"))
    }

    @Test(arguments: [
        ("../..", "/a/b/c", "/a"), (".", "/a", "/a"), ("registry", "/a", "/a/registry"),
        ("../registry", "/a/b", "/a/registry"), ("/x/y", "/a", "/x/y"), ("..", "/", "/"),
        ("./x/../y", "/a", "/a/x/../y"),
    ])
    func aRelativeRegistryPathResolvesItsLeadingDotsByName(path: String, directory: String, absolute: String) {
        #expect(RegistryLocation.absolute(path, in: directory) == absolute)
    }
}

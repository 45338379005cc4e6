import Testing
import Tenancy
import TenancyCLI
import TenancyFixtures

private let diagnostics = [
    Diagnostic(
        path: "users/bob.json", at: Position(line: 3, column: 12), rule: SchemaRule.id,
        message: "unknown key \"nmae\""),
    Diagnostic(path: "orgs/acme/org.json", rule: OwnerRemainsRule.id, message: "acme has no owner"),
]

struct ReportersTests {
    @Test func textListsDiagnosticsSortedByPathUnderTheRegistryThenASummary() {
        let report = DiagnosticReport(diagnostics, root: "registry", fileCount: 12)
        #expect(
            TextReporter(colour: false).render(report) == """
                registry/orgs/acme/org.json:1:1: error: acme has no owner [owner-remains]
                registry/users/bob.json:3:12: error: unknown key "nmae" [schema]
                2 errors in 2 files

                """)
    }

    @Test func textWithoutProblemsSaysSoWithTheFileCount() {
        let report = DiagnosticReport([], root: "registry", fileCount: 355_001)
        #expect(TextReporter(colour: false).render(report) == "no problems found in 355,001 files\n")
        #expect(DiagnosticReport([], root: "r").summary == "no problems found")
    }

    @Test func theSummaryCountsWarningsApartAndUsesSingulars() {
        let warning = Diagnostic(path: "a.json", rule: FormatRule.id, message: "m", severity: .warning)
        let report = DiagnosticReport([diagnostics[0], warning], root: "")
        #expect(report.summary == "1 error, 1 warning in 2 files")
    }

    @Test func textInColourMarksTheLocationAndTheSeverity() {
        let report = DiagnosticReport([diagnostics[1]], root: "registry")
        let text = TextReporter(colour: true).render(report)
        #expect(
            text.hasPrefix(
                "\u{1B}[1mregistry/orgs/acme/org.json:1:1:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m acme has no owner"))
        #expect(!TextReporter(colour: false).render(report).contains("\u{1B}"))
    }

    @Test func colourOnlyOnATerminalWithoutNoColor() {
        #expect(TerminalColour.isAllowed(isTerminal: true, environment: [:]))
        #expect(TerminalColour.isAllowed(isTerminal: true, environment: ["NO_COLOR": ""]))
        #expect(!TerminalColour.isAllowed(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(!TerminalColour.isAllowed(isTerminal: true, environment: ["TERM": "dumb"]))
        #expect(!TerminalColour.isAllowed(isTerminal: false, environment: [:]))
    }

    @Test func jsonIsOneDocumentWithSortedKeysAndCounts() {
        let report = DiagnosticReport([diagnostics[0]], root: "registry", fileCount: 2)
        #expect(
            JSONReporter.render(report).filter { !$0.isWhitespace } == """
                {"diagnostics":[{"column":12,"line":3,"message":"unknownkey\\"nmae\\"",\
                "path":"registry/users/bob.json","rule":"schema","severity":"error"}],\
                "errorCount":1,"fileCount":2,"version":1,"warningCount":0}
                """)
    }

    @Test func githubPrintsOneWorkflowCommandPerDiagnosticThenTheSummary() {
        let report = DiagnosticReport(diagnostics, root: "registry")
        #expect(
            GitHubReporter.render(report) == """
                ::error file=registry/orgs/acme/org.json,line=1,col=1,title=owner-remains::acme has no owner
                ::error file=registry/users/bob.json,line=3,col=12,title=schema::unknown key "nmae"
                2 errors in 2 files

                """)
    }

    @Test func githubEscapesPercentAndLineBreaksInMessagesAndAlsoColonsAndCommasInProperties() {
        #expect(GitHubReporter.escapeData("50%\r\nok: a, b") == "50%25%0D%0Aok: a, b")
        #expect(GitHubReporter.escapeProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
        let odd = Diagnostic(path: "users/a,b:c.json", rule: LayoutRule.id, message: "line1\nline2")
        #expect(
            GitHubReporter.render(DiagnosticReport([odd], root: "")).hasPrefix(
                "::error file=users/a%2Cb%3Ac.json,line=1,col=1,title=layout::line1%0Aline2\n"))
    }

    /// A file name from a commit and a value quoted from a file can hold ESC or a line
    /// separator: no format prints one raw, and each diagnostic stays on one line.
    @Test func everyFormatEscapesControlCharactersInPathsAndMessages() {
        let hostile = Diagnostic(
            path: "users/\u{1B}]0;owned\u{7}.json", rule: LayoutRule.id,
            message: "handle '\u{1B}[2J\u{9B}x\u{2028}y\u{202E}' is odd\r\nfake.json:1:1: error: z")
        let report = DiagnosticReport([hostile], root: "registry")
        let text = TextReporter(colour: false).render(report)
        #expect(text == #"""
            registry/users/\u{1B}]0;owned\u{7}.json:1:1: error: handle '\u{1B}[2J\u{9B}x\u{2028}y\u{202E}' is odd\u{D}\u{A}fake.json:1:1: error: z [layout]
            1 error in 1 file

            """#)
        let github = GitHubReporter.render(report)
        #expect(github.hasPrefix(#"::error file=registry/users/\u{1B}]0;owned\u{7}.json,line=1,col=1,title=layout::handle '\u{1B}[2J\u{9B}x\u{2028}y\u{202E}' is odd%0D%0Afake.json:1:1: error: z"#))
        let json = JSONReporter.render(report)
        for output in [text, github, json] {
            #expect(!output.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" }, "\(output)")
        }
        #expect(text.split(separator: "\n").count == 2)
        #expect(github.split(separator: "\n").count == 2)
    }

    @Test func theRegistryRootIsShownAsTheUserCanOpenIt() {
        #expect(DiagnosticReport.root(forRegistry: "registry", currentDirectory: "/w") == "registry")
        #expect(DiagnosticReport.root(forRegistry: "./registry/", currentDirectory: "/w") == "registry")
        #expect(DiagnosticReport.root(forRegistry: "/w/data/registry", currentDirectory: "/w") == "data/registry")
        #expect(DiagnosticReport.root(forRegistry: "/elsewhere/reg", currentDirectory: "/w") == "/elsewhere/reg")
        #expect(DiagnosticReport.root(forRegistry: ".", currentDirectory: "/w") == "")
        let report = DiagnosticReport([diagnostics[1]], root: "")
        #expect(report.path(of: diagnostics[1]) == "orgs/acme/org.json")
    }
}

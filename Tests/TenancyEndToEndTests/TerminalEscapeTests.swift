import Foundation
import Tenancy
import TenancyCLI
import TenancyFixtures
import TenancyTestSupport
import Testing

/// An email or name with ESC could retitle the terminal of whoever lists users and hide
/// what follows; a bidi override can make a name read backwards. Such values are refused
/// as arguments (exit 2) and in files (`schema`), and whatever text output quotes from a
/// file, a path or an argument is escaped: no raw control character ever reaches the
/// terminal, and one diagnostic stays one line.
struct TerminalEscapeTests {
    static let escape = "\u{1B}]0;owned\u{7}\u{1B}[2J"

    /// No character unsafe on a terminal but the line feed.
    func expectPrintable(_ run: TenancyRun, sourceLocation: SourceLocation = #_sourceLocation) {
        let output = run.stdout + run.stderr
        let unsafe = output.unicodeScalars.filter { TerminalText.isUnsafe($0) && $0 != "\n" }
        #expect(unsafe.isEmpty, "printed raw: \(output.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        (["user", "add", "carol", "--email", "carol\(escape)@example.com"], "--email may not contain control characters, whitespace or bidi controls"),
        (["user", "add", "carol", "--email", "car\tol@example.com"], "--email may not contain"),
        (["user", "add", "carol", "--email", "carol\u{7F}@example.com"], "--email may not contain"),
        (["user", "set", "bob", "--email", "bob\u{85}@example.com"], "--email may not contain"),
        (["invite", "acme", "dave\(escape)@example.com", "--role", "member", "--inviter", "alice"], "EMAIL may not contain"),
        (["user", "add", "carol", "--email", "carol@example.com", "--name", "Carol\u{202E}lorac"], "--name may not contain control characters, line separators or bidi controls"),
        (["user", "set", "bob", "--name", "Bob\(escape)"], "--name may not contain"),
        (["user", "set", "bob", "--name", ""], "--name must not be empty"),
        (["org", "create", "initech", "--name", "Ini\u{2028}tech", "--owner", "alice"], "--name may not contain"),
        (["org", "set", "acme", "--name", "Acme\u{2066}"], "--name may not contain"),
        (["project", "create", "acme", "api", "--name", "API\u{9B}31m"], "--name may not contain"),
        (["org", "convert", "bob", "--to", "bobco", "--name", "Bob\u{1B}"], "--name may not contain"),
    ] as [([String], String)])
    func aControlCharacterInAnArgumentIsAUsageErrorNamingIt(_ args: [String], _ message: String) throws {
        let f = try MutationFixture()
        let before = f.tree.tree()
        let run = try f.run(args)
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(f.tree.tree() == before, "the registry changed")
        expectPrintable(run)
    }

    @Test func aControlCharacterInAFileIsASchemaErrorAtTheValue() throws {
        let f = try MutationFixture([
            "users/bob.json": RegistryFiles.base["users/bob.json"]!
                .replacingOccurrences(of: "\"bob@example.com\"", with: #""bob\u001b]0;owned\u0007@example.com""#)
                .replacingOccurrences(of: "\"Bob Builder\"", with: "\"Bob \u{202E}redliuB\""),
        ])
        let run = try f.run(["validate"])
        #expect(run.status == 1)
        #expect(run.stdout == """
            registry/users/bob.json:3:12: error: "email" may not contain control characters, whitespace or bidi controls [schema]
            registry/users/bob.json:6:11: error: "name" may not contain control characters, line separators or bidi controls [schema]
            2 errors in 1 file

            """)
    }

    /// A file name can hold ESC (a commit can add one): the `path:line:col` part and the
    /// layout rule's message about the stray entry print it escaped.
    @Test func aPathWithControlCharactersIsPrintedEscaped() throws {
        let f = try MutationFixture()
        try f.write("users/\u{1B}[8mbob.json", "{}\n")
        try f.write("orgs/acme/notes\u{2028}.txt", "x\n")
        for format in ["text", "json", "github"] {
            let run = try f.run(["--format", format, "validate"])
            #expect(run.status == 1)
            expectPrintable(run)
        }
        let run = try f.run(["validate"])
        #expect(run.stdout.contains(#"registry/users/\u{1B}[8mbob.json:1:1: error: handle '\u{1B}[8mbob' may contain only"#), "\(run.stdout)")
        #expect(run.stdout.contains(#"registry/orgs/acme/notes\u{2028}.txt:1:1: error:"#), "\(run.stdout)")
    }

    /// A role is any string in a membership file (the `role-defined` rule judges it), so
    /// `list` and `show` still answer, and print it escaped.
    @Test func listAndShowEscapeWhatTheyQuoteFromFiles() throws {
        let role = "member\\u001b]0;owned\\u0007\u{9B}2J\u{202E}"
        let f = try MutationFixture(["orgs/acme/members/bob.json": RegistryFiles.member("bob", role)])
        let list = try f.run(["list", "members", "acme"])
        #expect(list.status == 0)
        #expect(list.stdout.contains(#"bob@example.com    member\u{1B}]0;owned\u{7}\u{9B}2J\u{202E}"#), "\(list.stdout)")
        let show = try f.run(["show", "user", "bob"])
        #expect(show.stdout.contains(#"  acme  member\u{1B}]0;owned\u{7}\u{9B}2J\u{202E}"#), "\(show.stdout)")
        for run in [list, show, try f.run(["--format", "json", "list", "members", "acme"]), try f.run(["--format", "json", "show", "user", "bob"])] {
            expectPrintable(run)
        }
        let json = try f.run(["--format", "json", "list", "members", "acme"])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let rows = document?["members"] as? [[String: Any]]
        #expect(rows?.last?["role"] as? String == "member\u{1B}]0;owned\u{7}\u{9B}2J\u{202E}")
    }

    @Test func errorMessagesEscapeTheArgumentsTheyQuote() throws {
        let f = try MutationFixture()
        let run = try f.run(["show", "user", "\u{1B}[31mroot\u{2028}"])
        #expect(run.status == 1)
        #expect(run.stderr == #"tenancy: error: no user '\u{1B}[31mroot\u{2028}' in registry"# + "\n")
        let usage = try f.run(["member", "add", "acme", "bob", "\u{1B}[2J", "--role", "member"])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains(#"unexpected argument '\u{1B}[2J'"#), "\(usage.stderr)")
    }

    /// `diff` prints roles and emails from the files under review.
    @Test func diffEscapesWhatItQuotesFromFiles() throws {
        let repository = try registryRepository()
        try repository.write(
            "registry/orgs/acme/members/bob.json", RegistryFiles.member("bob", "admin\\u001b[2J\u{85}\u{2066}"))
        for format in ["text", "json", "github"] {
            let run = try tenancy(["--format", format, "diff", "HEAD"], in: repository)
            #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
            expectPrintable(run)
        }
        let run = try tenancy(["diff", "HEAD"], in: repository)
        #expect(run.stdout.contains(#"~ bob: member -> admin\u{1B}[2J\u{85}\u{2066}"#), "\(run.stdout)")
    }
}

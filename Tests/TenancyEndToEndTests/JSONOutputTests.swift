import Foundation
import Tenancy
import TenancyTestSupport
import Testing
@testable import TenancyCLI

/// `--format json`: one typed document per command, printed by one writer, as
/// docs/JSON.md documents it.
struct JSONOutputTests {
    /// The package's own top level, where `docs/` lives.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// carol, who has the base registry's pending invitation, and dave, each with their
    /// personal organization.
    static let users: [String: String?] = {
        var files: [String: String?] = [:]
        for (index, handle) in ["carol", "dave"].enumerated() {
            files["users/\(handle).json"] = RegistryFiles.user(handle, id: "6a000000-0000-4000-8000-00000000000\(index)")
            files["orgs/\(handle)/org.json"] = RegistryFiles.org(
                handle, id: "6b000000-0000-4000-8000-00000000000\(index)", kind: "personal", personalOf: handle)
            files["orgs/\(handle)/members/\(handle).json"] = RegistryFiles.member(handle, "owner")
        }
        return files
    }()

    /// The base registry with carol and dave, committed, then bob made an admin of acme
    /// in a second commit: what every documented command runs on.
    static func repository() throws -> TemporaryGitRepository {
        let repository = try registryRepository(users)
        let admin = users.merging(["orgs/acme/members/bob.json": RegistryFiles.member("bob", "admin")]) { $1 }
        try repository.commitRegistry(RegistryFiles.registry(admin), "bob becomes admin")
        return repository
    }

    static func run(_ arguments: [String], in repository: TemporaryGitRepository) throws -> TenancyRun {
        try runTenancy(
            arguments, cwd: URL(fileURLWithPath: repository.path),
            env: ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "SOURCE_DATE_EPOCH": MutationFixture.now])
    }

    /// Each `$ tenancy …` line of a `console` block of docs/JSON.md with the `json` block
    /// that follows it: the command and the document it prints.
    static func documentedExamples() throws -> [(arguments: [String], shape: String)] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("docs/JSON.md"), encoding: .utf8)
        var examples: [(arguments: [String], shape: String)] = []
        var commands: [[String]] = []
        var block: (language: String, lines: [String])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if let open = block {
                    if open.language == "console" {
                        commands = open.lines.filter { $0.hasPrefix("$ tenancy ") }
                            .map { $0.dropFirst("$ tenancy ".count).split(separator: " ").map(String.init) }
                    } else if open.language == "json" {
                        examples += commands.map { ($0, open.lines.joined(separator: "\n")) }
                        commands = []
                    }
                    block = nil
                } else {
                    block = (String(line.dropFirst(3)), [])
                }
            } else if block != nil {
                block!.lines.append(String(line))
            }
        }
        return examples
    }

    static func parse(_ text: String) throws -> JSONValue {
        try JSONReader.parse(Array(text.utf8)).value
    }

    /// Where `actual` does not have the shape of `documented`: the same keys, each value
    /// of the same type, each element of an array shaped like one of the documented
    /// elements. `null` stands for a value that may be absent, so it matches any type.
    static func mismatches(_ actual: JSONValue, _ documented: JSONValue, at place: String = "") -> [String] {
        switch (actual, documented) {
        case (.null, _), (_, .null), (.bool, .bool), (.number, .number), (.string, .string):
            return []
        case (.object(let members), .object(let expected)):
            let keys = members.map(\.key).sorted(), expectedKeys = expected.map(\.key).sorted()
            guard keys == expectedKeys else { return ["\(place): keys \(keys), documented \(expectedKeys)"] }
            return expected.flatMap { member in
                mismatches(members.first { $0.key == member.key }!.value.value, member.value.value, at: place + "." + member.key)
            }
        case (.array(let elements), .array(let expected)) where !expected.isEmpty:
            return elements.enumerated().flatMap { index, element in
                let tries = expected.map { mismatches(element.value, $0.value, at: "\(place)[\(index)]") }
                return tries.contains { $0.isEmpty } ? [] : tries[0]
            }
        case (.array, .array):
            return []
        default:
            return ["\(place): \(actual), documented \(documented)"]
        }
    }

    @Test(.slow) func everyDocumentedCommandPrintsTheDocumentedShape() throws {
        let examples = try Self.documentedExamples()
        #expect(examples.count > 40, "\(examples.count) examples found in docs/JSON.md")
        for (arguments, shape) in examples {
            let command = arguments.joined(separator: " ")
            let documented = try Self.parse(shape)
            let run = try Self.run(arguments, in: try Self.repository())
            #expect(run.stderr == "", "\(command): \(run.stderr)")
            let printed = try #require(try? Self.parse(run.stdout), "\(command) printed no JSON: \(run.stdout)")
            #expect(Self.mismatches(printed, documented) == [], "\(command)")
            // One writer: the canonical form, as the registry's files are written.
            #expect(CanonicalWriter.bytes(for: printed) == Array(run.stdout.utf8), "\(command)")
            if case .object(let members) = printed {
                #expect(members.first { $0.key == "version" }?.value.value == .number("1"), "\(command)")
            }
        }
    }

    /// Every command but `completion`, which prints a shell script, has an example.
    @Test func everyCommandIsDocumented() throws {
        let documented = try Self.documentedExamples().map { $0.arguments.joined(separator: " ") }
        let undocumented = rootCommand.leaves.map(\.name).filter { name in
            name != "completion" && !documented.contains { ($0 + " ").hasPrefix("--format json " + name + " ") }
        }
        #expect(undocumented == [])
    }
}

/// What the documents say, beyond their shape: mutations, dry runs, errors.
struct JSONDocumentTests {
    static func document(_ run: TenancyRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
    }

    /// A change lists the files it wrote under the registry, as diagnostics name them;
    /// `--dry-run` lists the same, says so, and writes nothing.
    @Test func aMutationListsTheFilesItWroteAndADryRunSaysSo() throws {
        let f = try MutationFixture()
        let before = f.tree.tree()
        let dry = try f.run(["--format", "json", "member", "remove", "acme", "bob", "--dry-run"])
        #expect(dry.status == 0 && dry.stderr == "", "\(dry.stdout)\(dry.stderr)")
        #expect(f.tree.tree() == before)
        let planned = try Self.document(dry)
        #expect(planned["version"] as? Int == 1 && planned["dryRun"] as? Bool == true)
        let removed = ["registry/orgs/acme/members/bob.json", "registry/orgs/acme/projects/web/members/bob.json"]
        #expect(planned["removed"] as? [String] == removed)
        #expect(planned["created"] as? [String] == [] && planned["changed"] as? [String] == [])

        let done = try Self.document(try f.run(["--format", "json", "member", "remove", "acme", "bob"]))
        #expect(done["dryRun"] as? Bool == false && done["removed"] as? [String] == removed)
        #expect(!f.exists("orgs/acme/members/bob.json"))
    }

    /// Every error is one JSON document on stdout, nothing on stderr, with the exit code
    /// it has in text: a usage error found while parsing or after, a refusal, an I/O failure.
    @Test(arguments: [
        (["--format", "json", "member", "ad", "acme"], Int32(2), "usage", "unknown command 'ad'; did you mean 'add'?"),
        (["member", "add", "acme", "--format=json"], 2, "usage", "missing argument USER"),
        (["--format", "json", "invitation", "prune", "--before", "soon"], 2, "usage",
         "--before must be an RFC 3339 UTC time, like 2026-11-21T09:30:00Z"),
        (["--format", "json", "member", "add", "acme", "nobody", "--role", "member"], 1, "refused", "no user 'nobody'"),
        (["--format", "json", "--registry", "elsewhere", "list", "users"], 3, "io", "not a registry"),
    ])
    func errorsAreJSONDocumentsWithTheirExitCodes(arguments: [String], status: Int32, kind: String, message: String) throws {
        let f = try MutationFixture()
        try FileManager.default.createDirectory(atPath: f.tree.path + "/elsewhere", withIntermediateDirectories: true)
        let run = try f.run(arguments)
        #expect(run.status == status && run.stderr == "", "\(run.stdout)\(run.stderr)")
        let error = try Self.document(run)["error"] as? [String: String]
        #expect(error?["kind"] == kind)
        #expect(error?["message"]?.contains(message) == true, "\(error ?? [:])")
    }

    /// A change a rule refuses is an error that carries the rule's diagnostics.
    @Test func aRefusedChangeIsAnErrorWithItsDiagnostics() throws {
        let f = try MutationFixture()
        let run = try f.refuse("--format", "json", "member", "remove", "acme", "alice", saying: "owner-remains")
        #expect(run.stderr == "")
        let document = try Self.document(run)
        #expect((document["error"] as? [String: String])?["kind"] == "refused")
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["rule"] as? String } == ["owner-remains"])
        #expect(diagnostics.map { $0["path"] as? String } == ["registry/orgs/acme/members/bob.json"])
        #expect(document["errorCount"] as? Int == 1)
    }

    /// `validate` prints through the writer `list` uses (it had its own): `"key": value`, keys
    /// sorted, a version.
    @Test func diagnosticsArePrintedByTheOneWriter() throws {
        let f = try MutationFixture()
        let run = try f.run(["--format", "json", "validate"])
        #expect(run.status == 0)
        #expect(run.stdout == "{\n  \"diagnostics\": [],\n  \"errorCount\": 0,\n  \"fileCount\": 13,\n  \"version\": 1,\n  \"warningCount\": 0\n}\n")
    }
}

/// What people read: names beside handles, and a coloured diff on a terminal.
struct PeopleOutputTests {
    /// An invitation's inviter and project are listed with it.
    @Test func listInvitationsShowsTheProjectAndTheInviter() throws {
        let f = try MutationFixture()
        try f.change(
            "invite", "acme", "dave@example.com", "--role", "member", "--inviter", "alice", "--project", "web",
            "--project-role", "member")
        let run = try f.run(["list", "invitations", "acme", "--status", "pending"])
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasSuffix("STATUS   EXPIRES               INVITER  PROJECT") == true, "\(run.stdout)")
        #expect(lines.contains { $0.contains("dave@example.com   member  pending  2026-11-30T00:00:00Z  alice    web") }, "\(run.stdout)")
    }

    /// On a terminal (`script` gives it one) a gain is green and a loss red, unless
    /// `NO_COLOR` is set.
    @Test(.enabled(if: executableOnPath("script") != nil, "script (util-linux) is not installed"))
    func diffIsColouredOnATerminalUnlessNoColor() throws {
        let repository = try registryRepository()
        try repository.write("registry/orgs/acme/members/bob.json", RegistryFiles.member("bob", "admin"))
        try repository.remove("registry/orgs/acme/invitations/\(RegistryFiles.invitationID).json")
        var environment = ["PATH": try pathWithTenancy(), "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
        let command = ["script", "-qec", "tenancy diff HEAD", "/dev/null"]
        let coloured = try runProgram(command, in: repository.path, environment: environment).output
        #expect(coloured.contains("\u{1B}[1macme:\u{1B}[0m"), "\(coloured)")
        #expect(coloured.contains("  \u{1B}[33m~ bob: member -> admin\u{1B}[0m"), "\(coloured)")
        #expect(coloured.contains("  \u{1B}[31m- invitation carol@example.com [6bce7ab8] deleted (pending)\u{1B}[0m"), "\(coloured)")
        environment["NO_COLOR"] = "1"
        let plain = try runProgram(command, in: repository.path, environment: environment).output
        #expect(plain.contains("acme:\r\n  ~ bob: member -> admin\r\n"), "\(plain)")
        #expect(!plain.contains("\u{1B}"))
    }
}

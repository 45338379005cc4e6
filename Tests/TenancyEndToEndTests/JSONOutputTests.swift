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

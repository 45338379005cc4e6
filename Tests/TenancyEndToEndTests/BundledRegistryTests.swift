import Foundation
import TenancyTestSupport
import Testing

/// The example registry CI validates: valid as shipped, and any one broken value is
/// reported at its file, line and column.
struct BundledRegistryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("registry").path

    /// A scratch copy of the bundled registry.
    func copy() throws -> TemporaryRegistry {
        let tree = try TemporaryRegistry()
        try FileManager.default.removeItem(atPath: tree.registry)
        try FileManager.default.copyItem(atPath: Self.root, toPath: tree.registry)
        try? FileManager.default.removeItem(atPath: tree.registry + "/.tenancy")
        return tree
    }

    @Test func theBundledRegistryIsValid() throws {
        let run = try runTenancy(["--registry", Self.root, "validate"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    /// Each case replaces one value in one file; the diagnostic must name that file at
    /// the line and column where the new value starts.
    @Test(arguments: [
        ("users/bob.json", "\"bob@example.com\"", "\"BOB@example.com\"", "schema"),
        ("orgs/acme/members/carol.json", "\"user\": \"carol\"", "\"user\": \"carla\"", "key-mismatch"),
        ("orgs/acme/org.json", "\"kind\": \"team\"", "\"kind\": \"company\"", "schema"),
        ("orgs/globex/members/frank.json", "\"createdAt\": ", "\"createdAt\": 1, \"x\": ", "schema"),
        ("users/dave.json", "\"name\": \"Dave Lister\"", "\"name\": \"Dave Lister\",", "json"),
    ])
    func oneBrokenValueIsReportedWhereItIs(file: String, old: String, new: String, rule: String) throws {
        let tree = try copy()
        let path = tree.registry + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(text.range(of: old))
        try text.replacingCharacters(in: range, with: new).write(toFile: path, atomically: false, encoding: .utf8)
        let offset = text[..<range.lowerBound]
        let line = offset.split(separator: "\n", omittingEmptySubsequences: false).count
        let run = try runTenancy(["validate"], cwd: URL(fileURLWithPath: tree.path))
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").filter { $0.hasPrefix("registry/\(file):\(line):") && $0.hasSuffix("[\(rule)]") }
        #expect(!lines.isEmpty, "expected a [\(rule)] diagnostic at registry/\(file):\(line):…, got:\n\(run.stdout)")
    }
}

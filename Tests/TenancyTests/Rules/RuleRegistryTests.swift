import Foundation
import Tenancy
import Testing

@Suite("Rule registry")
struct RuleRegistryTests {
    /// The repository root, from this file's path (Tests/TenancyTests/Rules/…).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("every *Rule.swift type is registered, once, with a unique id")
    func everyRuleFileIsRegistered() throws {
        let folder = Self.root.appendingPathComponent("Sources/TenancyCore/Rules")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix("Rule.swift") && $0 != "Rule.swift" }
        let registered = RuleRegistry.all.map { String(describing: $0) }
        #expect(!files.isEmpty)
        for file in files {
            let type = String(file.split(separator: "/").last!.dropLast(".swift".count))
            #expect(registered.contains(type), "\(file) is not in RuleRegistry")
        }
        #expect(Set(registered).count == registered.count, "a rule is registered twice")
        let ids = RuleRegistry.all.map { $0.id }
        #expect(Set(ids).count == ids.count, "two rules share an id: \(ids)")
    }

    @Test("every rule has a summary and a passing example")
    func everyRuleIsDocumented() {
        for rule in RuleRegistry.all {
            #expect(!rule.summary.isEmpty, "\(rule.id) has no summary")
            #expect(!rule.examples.passing.isEmpty, "\(rule.id) has no passing example")
        }
    }

    /// The README's rule table is the users' list of rules: it names exactly the registered ones.
    @Test("rule ids are those of the README's rule table")
    func idsMatchTheReadme() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let documented = Self.tableIDs(inSection: "## Rules", of: readme)
        #expect(!documented.isEmpty, "no rule table found in the README's Rules section")
        let ids = Set(RuleRegistry.all.map { $0.id })
        for id in ids { #expect(documented.contains(id), "rule \(id) is not in the README's rule table") }
        for id in documented { #expect(ids.contains(id), "the README's rule \(id) is not registered") }
    }

    /// The first column of the table rows (`| \`id\` | … |`) of one `## ` section.
    static func tableIDs(inSection heading: String, of text: String) -> Set<RuleID> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(heading) }) else { return [] }
        let section = lines[(start + 1)...].prefix { !$0.hasPrefix("## ") }
        var ids: Set<RuleID> = []
        for line in section where line.hasPrefix("| `") {
            let cell = line.dropFirst(3).prefix { $0 != "`" }
            ids.insert(RuleID(rawValue: String(cell)))
        }
        return ids
    }
}

import Foundation
import Tenancy
import Testing

@Suite("Rule registry")
struct RuleRegistryTests {
    /// The repository root, from this file's path (Tests/TenancyTests/Rules/…).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The registry's rules in the core, a review's rules (which include them) in the review.
    static let folders = ["Sources/TenancyCore/Rules", "Sources/TenancyReview/Review"]

    @Test("every *Rule.swift type is registered, once, with a unique id")
    func everyRuleFileIsRegistered() throws {
        var files: [String] = []
        for folder in Self.folders {
            let path = Self.root.appendingPathComponent(folder).path
            files += try FileManager.default.subpathsOfDirectory(atPath: path).filter {
                $0.hasSuffix("Rule.swift") && !["Rule.swift", "ChangeRule.swift"].contains($0)
            }
        }
        let registered = ReviewRules.all.map { String(describing: $0) }
        #expect(files.count == registered.count, "a registered rule has no file of its own: \(files)")
        for file in files {
            let type = String(file.split(separator: "/").last!.dropLast(".swift".count))
            #expect(registered.contains(type), "\(file) is not in RuleRegistry or ReviewRules")
        }
        #expect(Set(registered).count == registered.count, "a rule is registered twice")
        let ids = ReviewRules.all.map { $0.id }
        #expect(Set(ids).count == ids.count, "two rules share an id: \(ids)")
    }

    /// A review checks the head snapshot with every rule of the registry, then the change.
    @Test("a review's rules are the registry's and the change rules")
    func reviewRulesIncludeTheRegistry() {
        let registry = RuleRegistry.all.map { String(describing: $0) }
        #expect(Array(ReviewRules.all.map { String(describing: $0) }.prefix(registry.count)) == registry)
        #expect(ReviewRules.changeRules.map { $0.id.name } == ["transition", "mass-removal", "authorization"])
    }

    /// An id is its type's name in words: `KeyMismatchRule` is `key-mismatch`.
    @Test("ids are made from the rule types' names")
    func idsFromTypeNames() {
        #expect(JSONRule.id.name == "json")
        #expect(IDUniqueRule.id.name == "id-unique")
        #expect(ProjectMemberInOrgRule.id.name == "project-member-in-org")
        for rule in ReviewRules.all {
            #expect(String(describing: rule).hasSuffix("Rule"), "\(rule): a rule type's name ends in Rule")
        }
    }

    @Test("every rule has a summary and a passing example")
    func everyRuleIsDocumented() {
        for rule in ReviewRules.all {
            #expect(!rule.summary.isEmpty, "\(rule.id) has no summary")
            #expect(!rule.examples.passing.isEmpty, "\(rule.id) has no passing example")
            #expect(!rule.examples.failing.isEmpty, "\(rule.id) has no failing example")
        }
    }

    /// The README's rule table is the users' list of rules: it names exactly the registered ones.
    @Test("rule ids are those of the README's rule table")
    func idsMatchTheReadme() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let documented = Self.tableIDs(inSection: "## Rules", of: readme)
        #expect(!documented.isEmpty, "no rule table found in the README's Rules section")
        let ids = Set(ReviewRules.all.map { $0.id.name })
        for id in ids { #expect(documented.contains(id), "rule \(id) is not in the README's rule table") }
        for id in documented { #expect(ids.contains(id), "the README's rule \(id) is not registered") }
    }

    /// The first column of the table rows (`| \`id\` | … |`) of one `## ` section.
    static func tableIDs(inSection heading: String, of text: String) -> Set<String> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(heading) }) else { return [] }
        let section = lines[(start + 1)...].prefix { !$0.hasPrefix("## ") }
        var ids: Set<String> = []
        for line in section where line.hasPrefix("| `") {
            ids.insert(String(line.dropFirst(3).prefix { $0 != "`" }))
        }
        return ids
    }
}

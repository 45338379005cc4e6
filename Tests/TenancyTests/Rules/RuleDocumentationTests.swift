import Foundation
import Tenancy
import Testing

/// The README documents every rule: a new rule cannot ship undocumented.
struct RuleDocumentationTests {
    @Test func theReadmeListsEveryRuleWithItsMessage() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for rule in ReviewRules.all {
            #expect(text.contains("| `\(rule.id)` | \(rule.summary) |"), "README lacks rule \(rule.id)")
            #expect(text.contains("[\(rule.id)]"), "README lacks an example message of \(rule.id)")
        }
    }
}

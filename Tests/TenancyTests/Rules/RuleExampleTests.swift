import Tenancy
import TenancyTestSupport
import Testing

/// One rule example: an overlay on the base registry, named for failure messages.
struct RuleExample: Sendable, CustomTestStringConvertible {
    var rule: RuleID
    var failing: Bool
    var index: Int
    var overlay: RuleExamples.Registry
    var companions: Set<RuleID> = []

    var testDescription: String { "\(rule) \(failing ? "failing" : "passing") example #\(index)" }

    static let all: [RuleExample] = RuleRegistry.all.flatMap { rule in
        rule.examples.passing.enumerated().map { RuleExample(rule: rule.id, failing: false, index: $0, overlay: $1) }
            + rule.examples.failing.enumerated().map { RuleExample(rule: rule.id, failing: true, index: $0, overlay: $1, companions: rule.examples.companions) }
    }
}

@Suite("Rule examples")
struct RuleExampleTests {
    @Test("the base registry of the examples is valid")
    func baseRegistryIsValid() throws {
        let registry = try TemporaryRegistry(RuleExamples.baseRegistry)
        let diagnostics = try Validator.validate(registry.source).diagnostics
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
    }

    /// A passing example gives no diagnostic at all; a failing one gives diagnostics of
    /// its rule only, all exactly at the `↓` of its one marked file.
    @Test("every example of every rule", arguments: RuleExample.all)
    func example(_ example: RuleExample) throws {
        let (files, markers) = TemporaryRegistry.overlay(RuleExamples.baseRegistry, example.overlay)
        let registry = try TemporaryRegistry(files)
        let diagnostics = try Validator.validate(registry.source).diagnostics
        let found = diagnostics.isEmpty ? "nothing" : diagnostics.map(\.formatted).joined(separator: "\n")
        guard example.failing else {
            #expect(markers.isEmpty, "\(example.testDescription): a passing example has no ↓")
            #expect(diagnostics.isEmpty, "\(example.testDescription) found:\n\(found)")
            return
        }
        try #require(markers.count == 1, "\(example.testDescription): mark exactly one place with ↓")
        let (path, position) = markers.first!
        let expected = "[\(example.rule)] at \(path):\(position.line):\(position.column)"
        #expect(!diagnostics.isEmpty, "\(example.testDescription): expected \(expected), found nothing")
        #expect(diagnostics.contains { $0.rule == example.rule }, "\(example.testDescription): expected \(expected), found:\n\(found)")
        for diagnostic in diagnostics where !(example.companions.contains(diagnostic.rule) && diagnostic.path == path) {
            #expect(
                diagnostic.rule == example.rule && diagnostic.path == path && diagnostic.position == position,
                "\(example.testDescription): expected only \(expected), found:\n\(found)")
        }
    }
}

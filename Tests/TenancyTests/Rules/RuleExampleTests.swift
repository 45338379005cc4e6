import Tenancy
import TenancyTestSupport
import Testing

/// One rule example, named for failure messages.
struct RuleExample: Sendable, CustomTestStringConvertible {
    var rule: RuleID
    var failing: Bool
    var index: Int
    var example: RuleExamples.Example
    var companions: Set<RuleID> = []

    var testDescription: String { "\(rule) \(failing ? "failing" : "passing") example #\(index)" }

    static let all: [RuleExample] = ReviewRules.all.flatMap { rule in
        rule.examples.passing.enumerated().map { RuleExample(rule: rule.id, failing: false, index: $0, example: $1) }
            + rule.examples.failing.enumerated().map { RuleExample(rule: rule.id, failing: true, index: $0, example: $1, companions: rule.examples.companions) }
    }

    /// What the tool finds in the example, and where its markers are: `validate` of a
    /// registry; `diff` (with `--actor` when the example has one) of a change.
    func run() throws -> (diagnostics: [Diagnostic], markers: [String: Position]) {
        switch example {
        case .registry(let overlay):
            let (files, markers) = TemporaryRegistry.overlay(RuleExamples.baseRegistry, overlay)
            let registry = try TemporaryRegistry(files)
            return (try Validator.validate(registry.source).diagnostics, markers)
        case .change(let base, let head, let actor):
            let (baseFiles, baseMarkers) = TemporaryRegistry.overlay(RuleExamples.baseRegistry, base)
            #expect(baseMarkers.isEmpty, "\(testDescription): mark the head of a change, not its base")
            let (headFiles, markers) = TemporaryRegistry.overlay(baseFiles, head)
            let (baseRegistry, headRegistry) = (try TemporaryRegistry(baseFiles), try TemporaryRegistry(headFiles))
            let before = try SnapshotLoader.load(from: baseRegistry.source)
            let after = try Validator.validate(headRegistry.source)
            return (DiffResult(base: before, head: after, allowMassRemoval: false, actor: actor.map(Handle.init(unchecked:))).diagnostics, markers)
        }
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
        let (diagnostics, markers) = try example.run()
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

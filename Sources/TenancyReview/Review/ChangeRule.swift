import TenancyCore

/// A rule over a change rather than a state: it compares the base and the head snapshot
/// of a review (`tenancy diff`), knowing who makes the change. Its examples are changes
/// (`RuleExamples.Example.change`).
public protocol ChangeRule: Rule {
    static func check(_ change: ReviewedChange, into sink: inout DiagnosticSink)
}

/// A change under review: both snapshots, the access changes between them, and what the
/// review is asked to allow.
public struct ReviewedChange: Sendable {
    public let base: Snapshot
    public let head: Snapshot
    public let diff: AccessDiff
    /// Who makes the change (`--actor`); nil when it is not checked for authorization.
    public let actor: Handle?
    /// Whether removing many members at once is intended (`--allow-mass-removal`).
    public let allowMassRemoval: Bool

    public init(base: Snapshot, head: Snapshot, actor: Handle? = nil, allowMassRemoval: Bool = false) {
        self.base = base
        self.head = head
        self.diff = AccessDiff(base: base, head: head)
        self.actor = actor
        self.allowMassRemoval = allowMassRemoval
    }
}

/// Every rule a review applies: the registry's, which the head snapshot is validated
/// with (`RuleRegistry`), and the change rules.
public enum ReviewRules {
    public static let changeRules: [any ChangeRule.Type] = [
        TransitionRule.self, MassRemovalRule.self, AuthorizationRule.self,
    ]

    public static var all: [any Rule.Type] { RuleRegistry.all + changeRules }

    /// What the change rules find, sorted.
    public static func check(_ change: ReviewedChange) -> [Diagnostic] {
        var sink = DiagnosticSink()
        for rule in changeRules { rule.check(change, into: &sink) }
        return sink.sorted
    }
}

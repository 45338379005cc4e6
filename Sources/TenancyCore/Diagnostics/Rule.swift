/// A rule of the registry. The type's doc comment is its user documentation; `examples`
/// are both documentation and tests (see `RuleExampleTests`), and its name makes its id
/// (`RuleID`). Every rule is registered: `RuleRegistry` lists the rules of a registry's
/// files and state, `ReviewRules` (in the review) those of a change too.
public protocol Rule: Sendable {
    /// `RuleID(Self.self)`, made once.
    static var id: RuleID { get }
    /// One line: what the rule requires.
    static var summary: String { get }
    static var examples: RuleExamples { get }
}


/// Examples over `RuleExamples.baseRegistry`. Each overlay maps a path to file text,
/// with `↓` marking where the diagnostic must point (the marker is removed before the
/// file is written); a value of `nil` removes that file.
public struct RuleExamples: Sendable {
    public typealias Registry = [String: String?]

    public enum Example: Sendable {
        /// The base registry with this overlay, validated.
        case registry(Registry)
        /// A change, reviewed: from the base registry with the `base` overlay to that
        /// registry with the `head` overlay on top (where the markers are), made by
        /// `actor` (nil: authorization is not checked).
        case change(base: Registry, head: Registry, actor: String?)
    }

    public var passing: [Example]
    public var failing: [Example]
    /// Rules that a failing example cannot help breaking too, in the same file: a second
    /// membership of one user is only possible in a file named for someone else, so
    /// `single-membership` comes with `key-mismatch`.
    public var companions: Set<RuleID>

    /// Examples of a rule over one registry.
    public init(passing: [Registry], failing: [Registry], companions: Set<RuleID> = []) {
        self.init(passing: passing.map(Example.registry), failing: failing.map(Example.registry), companions: companions)
    }

    /// Examples of a rule over a change (`.change`).
    public init(passing: [Example], failing: [Example], companions: Set<RuleID> = []) {
        self.passing = passing
        self.failing = failing
        self.companions = companions
    }
}

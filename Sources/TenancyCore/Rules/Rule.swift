/// A rule (the README's rule table lists them). The type's doc comment is its user documentation; `examples` are
/// both documentation and tests (see `RuleExampleTests`).
public protocol Rule: Sendable {
    static var id: RuleID { get }
    /// One line: what the rule requires.
    static var summary: String { get }
    static var examples: RuleExamples { get }
}

/// A rule over a whole snapshot (uniqueness, references, owners, limits...).
public protocol StateRule: Rule {
    init()
    func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink)
}

/// A rule applied to each file while the snapshot loads (json, schema, format, layout,
/// key-mismatch, policy): its check lives in `SnapshotLoader`/`FileCheck`, and the type
/// carries its id, documentation and examples.
public protocol FileRule: Rule {}

/// Overlays on `RuleExamples.baseRegistry`: path -> file text, with `↓` marking where the
/// diagnostic must point (the marker is removed before the file is written). A value of
/// `nil` removes that file from the base.
public struct RuleExamples: Sendable {
    public typealias Registry = [String: String?]
    public var passing: [Registry]
    public var failing: [Registry]
    /// Rules that a failing example cannot help breaking too, in the same file: a second
    /// membership of one user is only possible in a file named for someone else, so
    /// `single-membership` comes with `key-mismatch`.
    public var companions: Set<RuleID>

    public init(passing: [Registry], failing: [Registry], companions: Set<RuleID> = []) {
        self.passing = passing
        self.failing = failing
        self.companions = companions
    }
}

public enum RuleRegistry {
    public static let fileRules: [any FileRule.Type] = [
        JSONRule.self, SchemaRule.self, FormatRule.self, LayoutRule.self, KeyMismatchRule.self, PolicyRule.self,
    ]

    public static let stateRules: [any StateRule.Type] = [
        SlugUniqueRule.self, IDUniqueRule.self, EmailUniqueRule.self, SingleMembershipRule.self,
        DanglingReferenceRule.self, ProjectMemberInOrgRule.self, OwnerRemainsRule.self, PersonalOrgRule.self,
        RoleDefinedRule.self, InvitationRule.self, LimitsRule.self, AccessTestRule.self,
    ]

    public static var all: [any Rule.Type] { fileRules + stateRules }

    /// Runs every state rule on a snapshot; the file rules already ran while it loaded.
    public static func check(_ snapshot: Snapshot) -> [Diagnostic] {
        // Rules are independent readers of one snapshot: run them on every core.
        let boxes = stateRules.map(RuleBox.init)
        let found = parallelMap(boxes) { (box: RuleBox) -> [Diagnostic] in
            var sink = DiagnosticSink()
            box.rule.init().check(snapshot, into: &sink)
            return sink.diagnostics
        }
        var sink = DiagnosticSink()
        sink.append(contentsOf: snapshot.fileDiagnostics)
        for diagnostics in found { sink.append(contentsOf: diagnostics) }
        return sink.sorted
    }
}

/// Loads a source and checks it: the whole of `tenancy validate`.
public struct ValidationResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var fileCount: Int
    public var snapshot: Snapshot
}

public enum Validator {
    public static func validate(_ source: any SnapshotSource) throws -> ValidationResult {
        let snapshot = try SnapshotLoader.load(from: source)
        return ValidationResult(diagnostics: RuleRegistry.check(snapshot), fileCount: snapshot.fileCount, snapshot: snapshot)
    }
}

/// A rule type as a value that may cross threads (metatypes of `Sendable` types are).
private struct RuleBox: Sendable {
    let rule: any StateRule.Type
}

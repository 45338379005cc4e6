import TenancyCore

/// The whole of `tenancy diff` once both snapshots are loaded: the changes, checked by
/// the change rules (`ReviewRules`), with the head snapshot's own findings.
public struct DiffResult: Sendable {
    public var changes: [AccessChange]
    /// The head snapshot's rule findings and the change rules'; sorted.
    public var diagnostics: [Diagnostic]
    /// Files read from the head snapshot.
    public var fileCount: Int

    /// `head` is the validated head snapshot (`Validator.validate`, `Registry.validate`);
    /// with an `actor`, every change they may not make is an `authorization` error.
    public init(base: Snapshot, head: ValidationResult, allowMassRemoval: Bool, actor: Handle? = nil) {
        self.init(ReviewedChange(base: base, head: head.snapshot, actor: actor, allowMassRemoval: allowMassRemoval), head)
    }

    /// The same, from a base snapshot read only within `scope`, which covers the change
    /// (`DiffScope.covers`): the change is reviewed within the scope, the head validated whole.
    public init(base: Snapshot, head: ValidationResult, scope: DiffScope, allowMassRemoval: Bool, actor: Handle? = nil) {
        let limited = head.snapshot.limited(to: scope)
        self.init(ReviewedChange(base: base, head: limited, actor: actor, allowMassRemoval: allowMassRemoval), head)
    }

    private init(_ change: ReviewedChange, _ head: ValidationResult) {
        changes = change.diff.changes
        diagnostics = (head.diagnostics + ReviewRules.check(change)).sorted()
        fileCount = head.fileCount
    }
}

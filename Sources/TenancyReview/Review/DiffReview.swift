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
    public init(base: Snapshot, head: ValidationResult, allowMassRemoval: Bool, actor: String? = nil) {
        let change = ReviewedChange(base: base, head: head.snapshot, actor: actor, allowMassRemoval: allowMassRemoval)
        changes = change.diff.changes
        diagnostics = (head.diagnostics + ReviewRules.check(change)).sorted()
        fileCount = head.fileCount
    }
}

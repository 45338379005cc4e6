import TenancyCore

/// The whole of `tenancy diff` once both snapshots are loaded: the changes, checked by
/// the transition rules and the mass-removal guard, with the head snapshot's own findings.
public struct DiffResult: Sendable {
    public var changes: [AccessChange]
    /// The head snapshot's rule findings, the transition rules', the guard's; sorted.
    public var diagnostics: [Diagnostic]
    /// Files read from the head snapshot.
    public var fileCount: Int

    /// `head` is the validated head snapshot (`Validator.validate`, `Registry.validate`);
    /// with an `actor`, every change they may not make is an `authorization` error.
    public init(base: Snapshot, head: ValidationResult, allowMassRemoval: Bool, actor: String? = nil) {
        let diff = AccessDiff(base: base, head: head.snapshot)
        changes = diff.changes
        diagnostics = head.diagnostics + TransitionRules.check(base: base, head: head.snapshot, matching: diff.matching)
        if !allowMassRemoval {
            diagnostics += MassRemoval.check(diff, base: base, head: head.snapshot)
        }
        if let actor {
            let authorization = Authorization(actor: actor, base: base, head: head.snapshot, changes: diff.changes)
            diagnostics += authorization.denials().map(\.diagnostic)
        }
        diagnostics.sort()
        fileCount = head.fileCount
    }
}

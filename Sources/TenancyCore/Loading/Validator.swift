/// What `Validator.validate` found: every diagnostic, sorted, and the snapshot.
public struct ValidationResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var fileCount: Int
    public var snapshot: Snapshot
}

/// Loads a source and checks it: the whole of `tenancy validate`.
public enum Validator {
    public static func validate(_ source: any SnapshotSource) throws -> ValidationResult {
        let snapshot = try SnapshotLoader.load(from: source)
        return ValidationResult(diagnostics: RuleRegistry.check(snapshot), fileCount: snapshot.fileCount, snapshot: snapshot)
    }
}

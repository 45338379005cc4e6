/// What `Validator.validate` found: every diagnostic, sorted, and the snapshot.
public struct ValidationResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var fileCount: Int
    public var snapshot: Snapshot

    package init(diagnostics: [Diagnostic], fileCount: Int, snapshot: Snapshot) {
        (self.diagnostics, self.fileCount, self.snapshot) = (diagnostics, fileCount, snapshot)
    }
}

/// Loads a source and checks it: the whole of `tenancy validate`.
public enum Validator {
    public static func validate(_ source: any SnapshotSource) throws -> ValidationResult {
        let snapshot = try SnapshotLoader.load(from: source)
        return ValidationResult(diagnostics: RuleRegistry.check(snapshot), fileCount: snapshot.fileCount, snapshot: snapshot)
    }
}

extension Validator {
    /// The same, with the index of registry-wide facts kept in `registry`'s `.tenancy/`
    /// (`FactIndex`): files whose identity it recorded are not read again, and the index of
    /// this load is kept for the next one when it differs (taking the shared lock to write
    /// it: call this without holding the registry's lock).
    public static func validate(_ source: any SnapshotSource, indexIn registry: Registry) throws -> ValidationResult {
        try validate(source, index: FactIndex.read(root: registry.root), keepingIn: registry)
    }

    /// The same with `index` already read (`FactIndex.read`), for a source told which
    /// files it need not read.
    package static func validate(
        _ source: any SnapshotSource, index: FactIndex?, keepingIn registry: Registry
    ) throws -> ValidationResult {
        let (snapshot, found) = try SnapshotLoader.load(from: source, index: index)
        if index.map({ !$0.holds(found.clean) }) ?? true { registry.keep(found, of: snapshot) }
        return ValidationResult(diagnostics: RuleRegistry.check(snapshot), fileCount: snapshot.fileCount, snapshot: snapshot)
    }
}

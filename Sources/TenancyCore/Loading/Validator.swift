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
    /// `validate`, with `build` run on the snapshot while the state rules check it, both
    /// on every core: for a command that uses what it builds only when no rule is broken
    /// (an export), which would otherwise wait for the rules first. What `build` threw is
    /// in `product`, for the caller to rethrow once it has seen the diagnostics.
    public static func validate<Product>(
        _ source: any SnapshotSource, building build: (Snapshot) throws -> Product
    ) throws -> (result: ValidationResult, product: Result<Product, any Error>) {
        let snapshot = try SnapshotLoader.load(from: source)
        let (diagnostics, product) = concurrently({ RuleRegistry.check(snapshot) }) { Result { try build(snapshot) } }
        return (ValidationResult(diagnostics: diagnostics, fileCount: snapshot.fileCount, snapshot: snapshot), product)
    }

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

import TenancyCore

/// `validate --staged` and `validate --rev`: from the last tree found clean
/// (`CleanTree`, `IncrementalValidation`) when the change since covers it, else whole;
/// either way a state without findings is recorded as the next clean tree.
package enum GitValidation {
    /// The index of the repository holding `registry`.
    package static func validateIndex(_ registry: Registry, environment: GitEnvironment) throws -> ValidationResult {
        if let result = incremental(.index, registry, environment) { return result }
        // Named before and after the check: a `git add` meanwhile must not be recorded unchecked.
        let before = try? stagedTree(registry.root, environment)
        let result = try Validator.validate(IndexSource(registryRoot: registry.root, environment: environment), indexIn: registry)
        if result.diagnostics.isEmpty, let staged = before ?? nil, staged == (try? stagedTree(registry.root, environment)) {
            registry.keep(CleanTree(tree: staged.tree, base: staged.base, overrides: staged.overrides, snapshot: result.snapshot))
        }
        return result
    }

    /// Commit `revision`. The result's snapshot is the whole registry only when
    /// `isWhole`; from a clean tree it holds just the part that changed. `incremental:
    /// false` checks the whole tree always.
    package static func validateCommit(
        _ revision: String, _ registry: Registry, environment: GitEnvironment, incremental allowed: Bool = true
    ) throws -> (result: ValidationResult, isWhole: Bool) {
        let repository = try Repository(registryRoot: registry.root, environment: environment)
        // Resolved once: a branch that moves meanwhile must not have another tree recorded.
        let commit = try repository.commit(revision)
        let tree = try repository.tree(commit)
        if allowed, let result = incremental(.tree(tree), registry, environment) { return (result, false) }
        let index = FactIndex.read(root: registry.root)
        let source = RevisionSource(
            registryRoot: registry.root, revision: commit, environment: environment, only: nil,
            known: index?.identities ?? [])
        let result = try Validator.validate(source, index: index, keepingIn: registry)
        if result.diagnostics.isEmpty { registry.keep(CleanTree(tree: tree, snapshot: result.snapshot)) }
        return (result, true)
    }

    /// The answer from the recorded clean tree, or nil: none recorded, not covered, or git
    /// could not compare (the recorded tree is gone, say): then the state is checked whole.
    private static func incremental(
        _ target: IncrementalValidation.Target, _ registry: Registry, _ environment: GitEnvironment
    ) -> ValidationResult? {
        guard let clean = CleanTree.read(root: registry.root),
            let validation = try? IncrementalValidation(clean: clean, registryRoot: registry.root, environment: environment),
            let (result, record) = (try? validation.validate(target)) ?? nil
        else { return nil }
        if let record, record != clean { registry.keep(record) }
        return result
    }

    /// The tree the index holds, staged on `HEAD`'s (nil before the first commit).
    private static func stagedTree(_ root: String, _ environment: GitEnvironment) throws -> CleanTree? {
        let repository = try Repository(registryRoot: root, environment: environment)
        let head = try repository.tree("HEAD")
        return try CleanTree.staged(from: head, repository.changes(from: head), in: repository)
    }
}

/// A change a user asked for that cannot be made as asked (an unknown user, an existing
/// membership, an invitation that is no longer pending): one line, exit 1.
public struct OperationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The planned state breaks rules that the current state does not: nothing is written.
public struct MutationRefused: Error, Hashable, Sendable {
    public var diagnostics: [Diagnostic]
}

/// The actor (`--as USER`) may not make the planned change: nothing is written.
public struct MutationDenied: Error, Hashable, Sendable {
    public var denials: [Authorization.Denial]
}

/// The one pipeline of every mutation (SPEC §4): under the exclusive lock, load the
/// registry, plan, check the planned state with the rules, and only then write.
public struct Mutation {
    public var registry: Registry
    public var now: Timestamp
    public var dryRun: Bool
    /// The user the change is made as (`--as`); nil means no authorization check.
    public var actor: String?
    public var fileSystem: FileSystem

    public init(
        registry: Registry, now: Timestamp, dryRun: Bool = false, actor: String? = nil,
        fileSystem: FileSystem = .fromEnvironment()
    ) {
        self.registry = registry
        self.now = now
        self.dryRun = dryRun
        self.actor = actor
        self.fileSystem = fileSystem
    }

    /// Plans with `plan` and writes the result unless it is refused or a dry run; returns
    /// what happened to each file.
    public func run(_ plan: (Snapshot, Timestamp) throws -> Changeset) throws -> [ChangeSummary] {
        try registry.withLock(.exclusive, fileSystem: fileSystem) {
            let base = try SnapshotLoader.load(from: DirectorySource(root: registry.root))
            let changeset = try plan(base, now)
            if let actor { try Self.authorize(changeset, as: actor, against: base) }
            try Self.check(changeset, against: base)
            if !dryRun {
                try Transaction(root: registry.root, fileSystem: fileSystem).commit(changeset.fileChanges)
            }
            return changeset.summary(against: base)
        }
    }

    /// Refuses a changeset that `actor` may not make in the base state.
    public static func authorize(_ changeset: Changeset, as actor: String, against base: Snapshot) throws {
        let denials = Authorization(actor: actor, base: base, head: base.applying(changeset)).denials()
        if !denials.isEmpty { throw MutationDenied(denials: denials) }
    }

    /// Refuses a changeset whose planned state has an error the base state does not have.
    /// Positions are ignored in the comparison: an edit that moves an old problem to
    /// another line does not make it new, so a registry with an unrelated problem can
    /// still be changed, and fixed.
    public static func check(_ changeset: Changeset, against base: Snapshot) throws {
        let known = Set(RuleRegistry.check(base).map(Finding.init))
        let new = RuleRegistry.check(base.applying(changeset)).filter {
            $0.severity == .error && !known.contains(Finding($0))
        }
        if !new.isEmpty { throw MutationRefused(diagnostics: new) }
    }

    private struct Finding: Hashable {
        var rule: RuleID
        var path: String
        var message: String
        init(_ d: Diagnostic) { (rule, path, message) = (d.rule, d.path, d.message) }
    }
}

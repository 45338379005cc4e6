import TenancyCore

/// The planned state breaks rules that the current state does not: nothing is written.
public struct MutationRefused: Error, Hashable, Sendable {
    public var diagnostics: [Diagnostic]
    /// What the change would have done, in the order it was planned: what the command
    /// asked for first (the removed membership), then its cascades. A diagnostic may be
    /// about another file (the organization's remaining members), so a refusal names this too.
    public var changes: [ChangeSummary] = []
}

/// The actor (`--as USER`) may not make the planned change: nothing is written.
public struct MutationDenied: Error, Hashable, Sendable {
    public var denials: [Authorization.Denial]
}

/// The one pipeline of every mutation: under the exclusive lock, load the
/// registry, plan, check the planned state with the rules, and only then write.
public struct Mutation {
    public var registry: Registry
    public var now: Timestamp
    public var dryRun: Bool
    /// The user the change is made as (`--as`); nil means no authorization check.
    public var actor: Handle?
    public var fileSystem: FileSystem

    public init(
        registry: Registry, now: Timestamp, dryRun: Bool = false, actor: Handle? = nil,
        fileSystem: FileSystem? = nil
    ) {
        self.registry = registry
        self.now = now
        self.dryRun = dryRun
        self.actor = actor
        self.fileSystem = fileSystem ?? registry.makeFileSystem()
    }

    /// What an operation does: plan a changeset against a snapshot at a moment.
    public typealias Plan = (Snapshot, Timestamp) throws -> Changeset

    /// Plans with `plan` and writes the result unless it is refused or a dry run; returns
    /// what happened to each file. With a `scope`, only that part of the registry is
    /// loaded and checked (see `Scope`); without one, or when the change reaches outside
    /// it, the whole registry is.
    public func run(scope: Scope? = nil, _ plan: Plan) throws -> [ChangeSummary] {
        try registry.withLock(.exclusive, fileSystem: fileSystem) {
            let prepared = try prepare(scope: scope, plan)
            if !dryRun {
                try Transaction(root: registry.root, fileSystem: fileSystem).commit(prepared.changeset.fileChanges)
            }
            return prepared.changeset.summary(against: prepared.base)
        }
    }

    /// A checked change, not yet written.
    public struct Prepared {
        /// The state planned from: the whole registry, or the part of it in `scope`.
        public var base: Snapshot
        public var changeset: Changeset
        /// The scope loaded and checked; nil when it was the whole registry.
        public var scope: Scope?
    }

    /// Loads, plans, authorizes and checks, writing nothing. The caller holds the
    /// exclusive lock.
    public func prepare(scope: Scope?, _ plan: Plan) throws -> Prepared {
        if var scope {
            if let actor { scope.users.insert(actor) }
            let (base, covered) = try ScopedLoader.load(scope, root: registry.root)
            let changeset = try plan(base, now)
            let planned = base.applying(changeset)
            if covered.covers(changeset, base: base, planned: planned) {
                try vet(changeset, base: base, planned: planned)
                return Prepared(base: base, changeset: changeset, scope: covered)
            }
        }
        let base = try SnapshotLoader.load(from: DirectorySource(root: registry.root))
        let changeset = try plan(base, now)
        try vet(changeset, base: base, planned: base.applying(changeset))
        return Prepared(base: base, changeset: changeset, scope: nil)
    }

    private func vet(_ changeset: Changeset, base: Snapshot, planned: Snapshot) throws {
        if let actor {
            // Checked first, so that even a change of nothing is refused to nobody.
            guard base.users[actor] != nil else { throw OperationError.noActor(actor.rawValue) }
            try Self.authorize(as: actor, base: base, planned: planned)
        }
        do {
            try Self.check(base: base, planned: planned)
        } catch var refused as MutationRefused {
            refused.changes = changeset.summary(against: base, sorted: false)
            throw refused
        }
    }

    /// Refuses a change that `actor` may not make in the base state.
    public static func authorize(as actor: Handle, base: Snapshot, planned: Snapshot) throws {
        let denials = Authorization(actor: actor, base: base, head: planned).denials()
        if !denials.isEmpty { throw MutationDenied(denials: denials) }
    }

    /// Refuses a planned state with an error the base state does not have. Positions are
    /// ignored in the comparison: an edit that moves an old problem to another line does
    /// not make it new, so a registry with an unrelated problem can still be changed, and
    /// fixed.
    public static func check(base: Snapshot, planned: Snapshot) throws {
        let known = Set(RuleRegistry.check(base).map(Finding.init))
        let new = RuleRegistry.check(planned).filter {
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

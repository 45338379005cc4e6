import TenancyCore

/// Validates a tree, or the index, as a change from a tree found clean before
/// (`CleanTree`): only the files that differ, the organizations and users they belong
/// to, the users those refer to and the policy are read from the two, and the findings of
/// the rules on that part of the new state, less those the same part of the clean state
/// has too (findings of the partial view: the clean tree has none of its own), are every
/// finding of the whole new state, as for a scoped mutation (`Scope`).
///
/// Nil when that does not hold (`covers`): the policy changed, a file outside any
/// organization or user file changed, a user was removed, a user, organization, project
/// or invitation took what the rest of the clean tree holds (an id, an email, a login, a
/// slug); the caller then checks the whole state.
package struct IncrementalValidation {
    let repository: Repository
    let clean: CleanTree
    let registryRoot: String

    /// What is compared with the clean tree.
    package enum Target: Sendable {
        case index
        case tree(String)
    }

    package init(clean: CleanTree, registryRoot: String, environment: GitEnvironment) throws {
        repository = try Repository(registryRoot: registryRoot, environment: environment)
        (self.clean, self.registryRoot) = (clean, registryRoot)
    }

    /// The result, and the record of the new state when it has no finding; nil when the
    /// whole state must be checked.
    package func validate(_ target: Target) throws -> (ValidationResult, CleanTree?)? {
        // The clean tree itself once it was committed; before, the tree it was staged on.
        let (from, overrides) =
            try repository.hasTree(clean.tree)
            ? (clean.tree, [])
            : (clean.base, clean.overrides.map(PathChange.init))
        let changes: [PathChange]
        switch target {
        case .index: changes = try repository.changes(from: from)
        case .tree(let id): changes = id == from ? [] : try repository.changes(from: from, to: id)
        }
        let changed = Self.differing(overrides, changes).compactMap { repository.registryPath($0[...]).map(entryPath) }
        if changed.isEmpty {
            return (ValidationResult(diagnostics: [], fileCount: clean.fileCount, snapshot: Snapshot()), nil)
        }
        guard changes.allSatisfy({ $0.status != "U" }), var scope = try scope(of: changed, from, overrides) else { return nil }
        let sources = Sources(validation: self, from: from, overrides: overrides, target: target, changes: changes)
        var (base, head) = try sources.load(scope.paths)
        // The policy's access tests and the users the files name are read too: the
        // organizations all at once again, the users added to what was read.
        let tested = DeltaScope(orgs: Set(base.policy.tests.map(\.org)), users: Set(base.policy.tests.map(\.user)))
        if !tested.orgs.isSubset(of: scope.orgs) {
            scope.orgs.formUnion(tested.orgs)
            (base, head) = try sources.load(scope.paths)
        }
        let missing = DeltaScope(users: tested.users.union(referencedUsers(base) + referencedUsers(head)).subtracting(scope.users))
        if scope.paths.count + missing.users.count > DeltaScope.maxPaths { return nil }
        if !missing.users.isEmpty {
            let (baseUsers, headUsers) = try sources.load(missing.userPaths)
            base.addUsers(of: baseUsers)
            head.addUsers(of: headUsers)
            scope.users.formUnion(missing.users)
        }
        let paths = changed.compactMap { path -> EntityPath? in
            guard case .entity(let entity) = Layout.classify(path) else { return nil }
            return entity
        }
        var others = clean.facts  // what the unchanged rest of the clean tree holds
        for path in paths { if let entity = base.entity(at: path) { others.remove(entity, at: path) } }
        guard covers(paths, scope, others, base: base, head: head) else { return nil }
        let known = Set(RuleRegistry.check(base).map(Finding.init))
        let diagnostics = RuleRegistry.check(head).filter { !known.contains(Finding($0)) }
        let fileCount = clean.fileCount - base.fileCount + head.fileCount
        let result = ValidationResult(diagnostics: diagnostics, fileCount: fileCount, snapshot: head)
        guard diagnostics.isEmpty, var record = try record(of: target, from: from, changes) else { return (result, nil) }
        record.fileCount = fileCount
        // All removed (`others`) before any is inserted: a value may move to a path that sorts first.
        record.facts = others
        for path in paths { if let entity = head.entity(at: path) { record.facts.insert(entity, at: path) } }
        return (result, record)
    }

    /// The paths (relative to the top level) whose entries differ between the clean
    /// tree, which is a tree with `overrides`, and what that tree became with `changes`.
    static func differing(_ overrides: [PathChange], _ changes: [PathChange]) -> [[UInt8]] {
        let clean = Dictionary(overrides.map { ($0.path, $0) }) { first, _ in first }
        var result: [[UInt8]] = []
        for change in changes {
            if let override = clean[change.path], (override.newMode, override.newID) == (change.newMode, change.newID) { continue }
            result.append(change.path)
        }
        let changed = Set(changes.map(\.path))
        return result + overrides.map(\.path).filter { !changed.contains($0) }
    }

    /// The organizations and users the changed registry paths belong to; nil for a path
    /// that belongs to neither (unless the policy skips it), or the policy.
    private func scope(of changed: [String], _ from: String, _ overrides: [PathChange]) throws -> DeltaScope? {
        var scope = DeltaScope(), loose: [String] = []
        for path in changed {
            switch Layout.classify(path) {
            case .entity(.policy): return nil
            case .entity(.user(let handle)): scope.users.insert(handle)
            // The user a membership file's path names, read even when the file does not
            // decode (it still makes them a member: an invitation to them is reported).
            case .entity(.member(let org, let user)), .entity(.projectMember(let org, _, let user)):
                scope.orgs.insert(org)
                scope.users.insert(user)
            case .entity(let entity):
                guard let org = entity.org else { return nil }
                scope.orgs.insert(org)
            case .ignored, .stray:
                let parts = path.split(separator: "/", omittingEmptySubsequences: false)
                if parts.count > 2, parts[0] == "orgs", let org = Slug(String(parts[1])) {
                    scope.orgs.insert(org)
                } else {
                    loose.append(path)
                }
            }
        }
        return try loose.isEmpty || skipped(loose, from, overrides) ? scope : nil
    }

    /// Whether the clean state's policy (`from` with `overrides`: the clean tree may not be
    /// in the repository yet) skips all of `paths`; it is the new state's too when this
    /// matters: a changed policy is never covered.
    private func skipped(_ paths: [String], _ from: String, _ overrides: [PathChange]) throws -> Bool {
        let policy = RevisionSource(repository, registryRoot: registryRoot, tree: from, overrides: overrides, only: ["tenancy.json"])
        let ignored = IgnoredEntries.declared(byPolicy: try? policy.contents(of: "tenancy.json"))
        return ignored.kept(paths.map { SourceEntry(path: $0, kind: .file, identity: nil) }).isEmpty
    }

    /// The clean state (`from` with `overrides`) and the target, read at some paths.
    private struct Sources {
        let validation: IncrementalValidation
        let from: String
        let overrides: [PathChange]
        let target: Target
        /// From `from` to the target.
        let changes: [PathChange]

        func load(_ paths: [String]) throws -> (Snapshot, Snapshot) {
            let (repository, root) = (validation.repository, validation.registryRoot)
            let base = RevisionSource(repository, registryRoot: root, tree: from, overrides: overrides, only: paths)
            // The index is `from` with `changes`: read so, git's index is not listed again.
            let head =
                switch target {
                case .index: RevisionSource(repository, registryRoot: root, tree: from, overrides: changes, only: paths)
                case .tree(let id): RevisionSource(repository, registryRoot: root, tree: id, only: paths)
                }
            return (try SnapshotLoader.load(from: base), try SnapshotLoader.load(from: head))
        }
    }

    private func referencedUsers(_ snapshot: Snapshot) -> [Handle] {
        snapshot.present.compactMap(snapshot.entity(at:)).flatMap(\.referencedUsers)
    }

    /// Whether the findings of the part read are every finding of the whole new state:
    /// `Scope.covers` for the files of organizations, and for users and organizations
    /// added or changed, nothing the rest of the clean tree holds (`CleanTree.Facts`);
    /// not a user removed (others may name them) or given another email, a kind or owner
    /// of an organization changed, a second personal organization for a user of the clean tree, or a
    /// membership counted against a limit of organizations per user.
    /// `others`: the clean tree's facts less those of the changed files.
    private func covers(_ paths: [EntityPath], _ scope: DeltaScope, _ others: CleanTree.Facts, base: Snapshot, head: Snapshot) -> Bool {
        let files = paths.filter { path in
            switch path {
            case .user, .org: false
            default: true
            }
        }
        let mutationScope = Scope(orgs: Array(scope.orgs), users: Array(scope.users))
        guard mutationScope.covers(changed: files, base: base, planned: head) else { return false }
        if head.policy.limits.organizationsPerUser != nil,
            paths.contains(where: { if case .member = $0 { head.present.contains($0) } else { false } })
        {
            return false
        }
        return paths.allSatisfy { path in
            switch (base.entity(at: path), head.entity(at: path)) {
            case (.user, nil): false
            // A pending invitation of any organization the user is in may be addressed to the new email.
            case (.user(let before), .user(let after)): before.email == after.email && others.admit(.user(after), at: path)
            case (.org(let before), .org(let after)):
                before.kind == after.kind && before.personalOf == after.personalOf && others.admit(.org(after), at: path)
            case (nil, .org(let after)):
                after.personalOf.map { base.users[$0] == nil } ?? true && others.admit(.org(after), at: path)
            case (_, let after?): others.admit(after, at: path)
            default: true
            }
        }
    }

    /// The record of the target found clean, without its facts yet: the tree the index
    /// holds, staged on `from`, or the target tree.
    private func record(of target: Target, from: String, _ changes: [PathChange]) throws -> CleanTree? {
        switch target {
        case .index:
            try CleanTree.staged(from: from, changes, in: repository)
        case .tree(let id):
            CleanTree(tree: id, fileCount: 0, facts: CleanTree.Facts())
        }
    }

    /// A finding as a scoped mutation compares them: without its position.
    private struct Finding: Hashable {
        var rule: RuleID
        var path: String
        var message: String
        init(_ d: Diagnostic) { (rule, path, message) = (d.rule, d.path, d.message) }
    }
}

extension CleanTree {
    /// The record of the tree the index holds, which is `from` with `changes`, without
    /// its facts; nil when its id cannot be computed (`TreeHash`).
    static func staged(from: String, _ changes: [PathChange], in repository: Repository) throws -> CleanTree? {
        guard let tree = try TreeHash.id(of: from, with: changes, in: repository.git) else { return nil }
        let overrides = changes.filter { repository.registryPath($0.path[...]) != nil }.map {
            Override(path: String(decoding: $0.path, as: UTF8.self), mode: $0.newMode, id: $0.newID)
        }
        return CleanTree(tree: tree, base: from, overrides: overrides, fileCount: 0, facts: CleanTree.Facts())
    }
}

extension PathChange {
    /// An override of a clean tree, as a change from its base.
    init(_ override: CleanTree.Override) {
        self.init(path: Array(override.path.utf8), oldMode: "", newMode: override.mode, oldID: "", newID: override.id)
    }
}

/// The organizations and users a change touches, read whole from both states.
struct DeltaScope: Hashable {
    var orgs: Set<Slug> = []
    var users: Set<Handle> = []

    /// Beyond this many paths the change is most of the registry: it is checked whole.
    static let maxPaths = 2000

    var paths: [String] {
        [EntityPath.policy.path] + userPaths + orgs.sorted().map { "orgs/\($0)/" }
    }

    /// The user files: names that cannot be part of a path are simply not in the registry.
    var userPaths: [String] {
        users.filter { Name.problem(with: $0.rawValue) == nil }.sorted().map { EntityPath.user($0).path }
    }
}

import TenancyCore

/// The part of two snapshots a change between two commits can reach, so that `diff BASE
/// HEAD` reads from the base commit only that part instead of the whole tree.
///
/// It holds the policy, every file of each organization a changed path is in, each
/// changed user and the actor: all the access diff, the transition rules, the
/// mass-removal guard (an organization's member count) and authorization (the actor's
/// roles and assignments) read. Unchanged files are the same in both snapshots, so they
/// change nothing and break no transition rule, with one exception: matching entities by
/// id (`Matching`) could pair a changed entity with an unchanged one when ids repeat.
/// `covers` finds that case, and a changed policy (which changes what every role grants),
/// and then the whole trees are compared instead.
public struct DiffScope: Hashable, Sendable {
    public var orgs: Set<Slug> = []
    public var users: Set<Handle> = []
    /// Whether `tenancy.json` changed.
    public var policyChanged = false

    /// Beyond this many paths to read, the scope is most of the tree (and git's command
    /// line would grow long): the whole tree is read instead.
    public static let maxPaths = 2000

    /// The scope of the changed paths (relative to the registry root), with the actor's
    /// user file. A path outside the layout holds no entity: the layout rule reports it
    /// in the head snapshot, which is validated whole.
    public init(changedPaths: [String], actor: Handle?) {
        for path in changedPaths {
            guard case .entity(let entity) = Layout.classify(path) else { continue }
            switch entity {
            case .policy: policyChanged = true
            case .user(let handle): users.insert(handle)
            default: if let org = entity.org { orgs.insert(org) }
            }
        }
        if let actor, Name.problem(with: actor.rawValue) == nil { users.insert(actor) }
    }

    /// What to read from a tree: paths relative to the registry root, a directory per
    /// organization.
    public var paths: [String] {
        [EntityPath.policy.path] + users.sorted().map { EntityPath.user($0).path } + orgs.sorted().map { "orgs/\($0)/" }
    }

    public func contains(_ path: EntityPath) -> Bool {
        switch path {
        case .policy: true
        case .user(let handle): users.contains(handle)
        default: path.org.map(orgs.contains) ?? false
        }
    }

    /// Whether comparing the scoped base snapshot with the head snapshot limited to this
    /// scope finds what comparing the whole trees finds: the policy is unchanged, and no
    /// user, organization or project of the scope shares its id with one outside it in the
    /// head snapshot (the unchanged entities outside, which the base has as well).
    public func covers(base: Snapshot, head: Snapshot) -> Bool {
        guard !policyChanged else { return false }
        // By path key: what a file says its handle or slug is may differ (key-mismatch).
        let users = Dictionary(grouping: head.users, by: \.value.id).mapValues { $0.map(\.key) }
        let orgs = Dictionary(grouping: head.orgs, by: \.value.id).mapValues { $0.map(\.key) }
        let projects = Dictionary(grouping: head.everyProject, by: \.id).mapValues { $0.map(\.org) }
        let inside: (Snapshot) -> Bool = { snapshot in
            snapshot.users.values.allSatisfy { (users[$0.id] ?? []).allSatisfy(self.users.contains) }
                && snapshot.orgs.values.allSatisfy { (orgs[$0.id] ?? []).allSatisfy(self.orgs.contains) }
                && snapshot.everyProject.allSatisfy { (projects[$0.id] ?? []).allSatisfy(self.orgs.contains) }
        }
        return inside(base) && inside(head.limited(to: self))
    }
}

extension Snapshot {
    /// The entities of `scope` only, with their findings of the file rules.
    package func limited(to scope: DiffScope) -> Snapshot {
        var limited = Snapshot()
        for path in present where scope.contains(path) {
            limited.insert(entity(at: path), at: path, canonical: canonicalFixes[path])
        }
        return limited
    }
}

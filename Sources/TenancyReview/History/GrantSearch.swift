import TenancyCore

/// `tenancy why`: for each source that grants a user a permission now (a site admin
/// flag, an organization role, an assignment, a project role), the step of history that
/// introduced it: walking from the newest commit back, the first whose registry has the
/// grant and whose parent's has not. The user, organization and project are followed by id.
public struct GrantSearch: Sendable {
    public let permission: Permission
    private var user: Followed
    private var org: Followed
    /// The project asked about, by its slug now and its id.
    private let project: (slug: Slug, id: String)?
    /// The grants not found yet, in the order `can` gives them.
    public private(set) var pending: [AccessDecision.Source]

    /// `now` is the registry as it is now, which has the user, the organization and the
    /// project; `grants` what grants the permission there.
    public init(
        user: Handle, org: Slug, project: Slug?, permission: Permission, now: Snapshot,
        grants: [AccessDecision.Source]
    ) {
        self.permission = permission
        self.user = Followed(.user, user.rawValue, id: now.users[user]?.id)
        self.org = Followed(.organization, org.rawValue, id: now.orgs[org]?.id)
        self.project = project.flatMap { slug in now.projects[org]?[slug].map { (slug, $0.id) } }
        pending = grants
    }

    /// The grants this step introduced, no longer pending. A grant the step's registry
    /// does not have is dropped from `pending` too: walking back from the newest commit,
    /// that means no commit made it (the working tree's uncommitted changes did).
    public mutating func introduced(base: Snapshot, head: Snapshot) -> [AccessDecision.Source] {
        let after = grants(in: head), before = grants(in: base)
        let found = pending.filter { after.contains($0) && !before.contains($0) }
        pending.removeAll { !after.contains($0) || found.contains($0) }
        return found
    }

    /// The changes of a step that may have made a grant: the policy's, the user's own
    /// (site admin), and the user's in the organization and its projects.
    public mutating func relevant(_ changes: [AccessChange], base: Snapshot, head: Snapshot) -> [AccessChange] {
        let users = user.names(base: base, head: head), orgs = org.names(base: base, head: head)
        return changes.filter { change in
            if case .policyChanged = change { return true }
            guard let name = change.user?.rawValue, users.contains(name) else { return false }
            return change.org.map { orgs.contains($0.rawValue) } ?? true
        }
    }

    /// What grants the permission in `snapshot`: nothing when it does not have the user,
    /// the organization or the project.
    private mutating func grants(in snapshot: Snapshot) -> [AccessDecision.Source] {
        // Names of entities the snapshot holds, which its loader checked.
        guard let user = user.name(in: snapshot).map(Handle.init(unchecked:)),
            let org = org.name(in: snapshot).map(Slug.init(unchecked:))
        else { return [] }
        var slug: Slug?
        if let project {
            let projects = snapshot.projects[org] ?? [:]
            guard let found = projects[project.slug]?.id == project.id
                ? project.slug : projects.first(where: { $0.value.id == project.id })?.key
            else { return [] }
            slug = found
        }
        return snapshot.access(user, permission, org: org, project: slug).grantedBy
    }
}

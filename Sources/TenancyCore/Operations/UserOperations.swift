/// `user add|rename|remove|set`.
public enum UserOperations {
    /// Adds the user, with their personal organization when the policy requires one or a
    /// slug for it is given.
    public static func add(
        _ s: Snapshot, now: Timestamp, handle: Handle, email: String, name: String?, personalOrg: Slug?
    ) throws -> Changeset {
        try requireName(handle.rawValue, "handle")
        try s.requireAbsent(.user(handle), .userExists(handle.rawValue))
        let user = User(
            handle: handle, id: newID(), email: Email.normalized(email), name: name ?? handle.rawValue, createdAt: now,
            siteAdmin: nil, origin: Origin(path: ""))
        var changes = Changeset([.put(.user(handle), user.json)])
        guard s.policy.personalOrganizations.required || personalOrg != nil else { return changes }
        // By default the handle, whose grammar is a slug's (`requireName` checks both).
        let slug = personalOrg ?? Slug(unchecked: handle.rawValue)
        try requireName(slug.rawValue, "organization slug")
        if let reason = s.whyUnavailable(slug) {
            throw OperationError.personalOrganizationSlug(slug.rawValue, reason: reason, given: personalOrg != nil)
        }
        let org = Organization(
            slug: slug, id: newID(), name: user.name, kind: .personal, createdAt: now,
            personalOf: handle, previousSlugs: [], logo: nil, metadata: nil, origin: Origin(path: ""))
        changes.put(.org(slug), org.json)
        changes.put(.member(org: slug, user: handle), OrgOperations.firstOwner(handle, of: slug, s, now).json)
        return changes
    }

    /// Renames the user file and every file that names the user; the personal
    /// organization keeps its slug (its URL does not change with the handle).
    public static func rename(_ s: Snapshot, from old: Handle, to new: Handle) throws -> Changeset {
        _ = try s.requireUser(old)
        if new == old { return Changeset() }
        try requireName(new.rawValue, "handle")
        try s.requireAbsent(.user(new), .userExists(new.rawValue))
        var changes = Changeset()
        try changes.rewrite(s, move: { $0.renamingUser(old, to: new) }, edit: { $0.renamingUser(old, to: new) })
        return changes
    }

    /// Removes the user with their memberships, project memberships, the invitations
    /// addressed to them or sent by them, and their personal organizations. Refused,
    /// naming the organizations, while they are the last owner of a team organization.
    public static func remove(_ s: Snapshot, handle: Handle) throws -> Changeset {
        let user = try s.requireUser(handle)
        let lastOwned = s.orgSlugs.filter { slug in
            s.orgs[slug]?.kind == .team && s.memberships(in: slug).filter { s.policy.isOwnerRole($0.role) }.map(\.user) == [handle]
        }
        if !lastOwned.isEmpty {
            throw OperationError.lastOwner(user: handle.rawValue, orgs: lastOwned.map(\.rawValue))
        }
        let personal = Set(s.orgs.values.filter { $0.kind == .personal && $0.personalOf == handle }.map(\.slug))
        var changes = Changeset()
        changes.deleteAll(in: s) { path in
            if path.user == handle { return true }  // the user file and their memberships
            if let org = path.org, personal.contains(org) { return true }
            guard case .invitation(let org, let id) = path, let invitation = s.invitations[org]?[id] else { return false }
            return invitation.email == user.email || invitation.inviter == handle || invitation.acceptedBy == handle
        }
        return changes
    }

    /// Changes the name, the email, whether the user is a site admin (`siteAdmin`, written
    /// only when true), or logins by forge (`logins`: nil removes one). What the user
    /// already has changes nothing.
    public static func set(
        _ s: Snapshot, handle: Handle, name: String?, email: String?, siteAdmin: Bool? = nil,
        logins: [Forge: String?] = [:]
    ) throws -> Changeset {
        let current = try s.requireUser(handle)
        guard name != nil || email != nil || siteAdmin != nil || !logins.isEmpty else {
            throw OperationError.nothingToChange(
                options: ["--name", "--email", "--site-admin", "--no-site-admin", "--login", "--no-login"])
        }
        var user = current
        if let name { user.name = name }
        if let email { user.email = Email.normalized(email) }
        if let siteAdmin { user.siteAdmin = siteAdmin ? true : nil }
        for (forge, login) in logins { user.logins[forge] = login }
        if user.siteAdmin == false { user.siteAdmin = nil }  // no change, however the file says it
        var unchanged = current
        if unchanged.siteAdmin == false { unchanged.siteAdmin = nil }
        if user == unchanged { return Changeset() }
        return Changeset([.put(.user(handle), user.json)])
    }
}

extension Snapshot {
    /// Why a new organization cannot take `slug`, as the rule `slug-unique` would say it
    /// about a file the command has not written: said of the argument instead.
    fileprivate func whyUnavailable(_ slug: Slug) -> String? {
        if present.contains(.org(slug)) { return "is taken by an existing organization" }
        if policy.reservedSlugs.contains(where: { $0 == slug }) { return "is reserved by the policy (reservedSlugs)" }
        if let former = orgs.values.first(where: { $0.previousSlugs.contains { $0 == slug } }) {
            return "was a slug of organization '\(former.slug)' and stays taken"
        }
        return nil
    }
}

extension EntityPath {
    /// The same file with the user `old` renamed to `new` in its path.
    func renamingUser(_ old: Handle, to new: Handle) -> EntityPath {
        switch self {
        case .user(old): .user(new)
        case .member(let o, old): .member(org: o, user: new)
        case .projectMember(let o, let p, old): .projectMember(org: o, project: p, user: new)
        default: self
        }
    }
}

extension Entity {
    /// The same entity with every reference to the user `old` naming `new` instead.
    func renamingUser(_ old: Handle, to new: Handle) -> Entity {
        func renamed(_ handle: Handle) -> Handle { handle == old ? new : handle }
        switch self {
        case .policy: return self
        case .user(var u):
            u.handle = renamed(u.handle)
            return .user(u)
        case .org(var o):
            o.personalOf = o.personalOf.map(renamed)
            return .org(o)
        case .member(var m):
            m.user = renamed(m.user)
            return .member(m)
        case .project: return self
        case .projectMember(var m):
            m.user = renamed(m.user)
            return .projectMember(m)
        case .invitation(var i):
            i.inviter = renamed(i.inviter)
            i.acceptedBy = i.acceptedBy.map(renamed)
            return .invitation(i)
        }
    }
}

/// `org create|rename|set|delete|convert|transfer`.
public enum OrgOperations {
    public static func create(
        _ s: Snapshot, now: Timestamp, slug: Slug, name: String, owner: Handle, logo: String?
    ) throws -> Changeset {
        try requireName(slug.rawValue, "organization slug")
        try s.requireAbsent(.org(slug), .organizationExists(slug.rawValue))
        _ = try s.requireUser(owner)
        let org = Organization(
            slug: slug, id: newID(), name: name, kind: .team, createdAt: now, personalOf: nil,
            previousSlugs: [], logo: logo?.isEmpty == true ? nil : logo, metadata: nil, origin: Origin(path: ""))
        return Changeset([.put(.org(slug), org.json), .put(.member(org: slug, user: owner), firstOwner(owner, of: slug, s, now).json)])
    }

    /// Moves the organization's whole subtree; the id stays and the old slug stays taken.
    /// Renaming back to one of its own previous slugs takes that slug off the list (it is
    /// the current one again), so a rename can be undone.
    public static func rename(_ s: Snapshot, slug: Slug, to new: Slug) throws -> Changeset {
        var org = try s.requireOrg(slug)
        if new == slug { return Changeset() }
        try requireName(new.rawValue, "organization slug")
        try s.requireAbsent(.org(new), .organizationExists(new.rawValue))
        org.slug = new
        org.previousSlugs.removeAll { $0 == new }
        org.previousSlugs.append(slug)
        var changes = Changeset()
        try changes.rewrite(s, move: { $0.org == slug ? $0.inOrg(new) : $0 })
        changes.put(.org(new), org.json)
        return changes
    }

    /// `logo: ""` removes the logo; `metadata` is JSON text for an object (`{}` removes it).
    public static func set(_ s: Snapshot, slug: Slug, name: String?, logo: String?, metadata: String?) throws -> Changeset {
        let current = try s.requireOrg(slug)
        guard name != nil || logo != nil || metadata != nil else {
            throw OperationError.nothingToChange(options: ["--name", "--logo", "--metadata"])
        }
        var org = current
        if let name { org.name = name }
        if let logo { org.logo = logo.isEmpty ? nil : logo }
        if let metadata { org.metadata = try parseMetadata(metadata) }
        if org == current { return Changeset() }
        return Changeset([.put(.org(slug), org.json)])
    }

    /// Deletes the organization with everything in it. A personal organization goes with
    /// its user, unless the policy lets it go alone.
    public static func delete(_ s: Snapshot, slug: Slug) throws -> Changeset {
        let org = try s.requireOrg(slug)
        let personal = s.policy.personalOrganizations
        if org.kind == .personal {
            let owner = org.personalOf?.rawValue ?? ""
            if personal.required { throw OperationError.personalOrganizationRequired(slug.rawValue, personalOf: owner) }
            if !personal.deletable { throw OperationError.personalOrganizationKept(slug.rawValue, personalOf: owner) }
        }
        var changes = Changeset()
        changes.deleteAll(in: s) { $0.org == slug }
        return changes
    }

    /// Creates team organization `new` owned by the personal organization's owner and
    /// moves everything else there: projects, the other members, invitations.
    public static func convert(_ s: Snapshot, now: Timestamp, personal slug: Slug, to new: Slug, name: String?) throws -> Changeset {
        let personal = try s.requireOrg(slug)
        guard personal.kind == .personal, let owner = personal.personalOf else {
            throw OperationError.notPersonal(slug.rawValue)
        }
        guard s.policy.personalOrganizations.convertible else {
            throw OperationError.conversionForbidden
        }
        try requireName(new.rawValue, "organization slug")
        try s.requireAbsent(.org(new), .organizationExists(new.rawValue))
        let team = Organization(
            slug: new, id: newID(), name: name ?? personal.name, kind: .team, createdAt: now, personalOf: nil,
            previousSlugs: [], logo: personal.logo, metadata: personal.metadata, origin: Origin(path: ""))
        let kept: Set<EntityPath> = [.org(slug), .member(org: slug, user: owner)]
        var changes = Changeset()
        try changes.rewrite(s, move: { $0.org == slug && !kept.contains($0) ? $0.inOrg(new) : $0 })
        changes.put(.org(new), team.json)
        changes.put(.member(org: new, user: owner), firstOwner(owner, of: new, s, now).json)
        return changes
    }

    /// Makes `to` an owner (adding the membership if needed) and steps `from` down to
    /// the highest role that is not an owner role, in one change. A `to` who is already
    /// an owner stays one: without `from`, that changes nothing.
    public static func transfer(_ s: Snapshot, now: Timestamp, org: Slug, to: Handle, from: Handle?) throws -> Changeset {
        _ = try s.requireOrg(org)
        _ = try s.requireUser(to)
        var changes = Changeset()
        if var member = s.members[org]?[to] {
            if !s.policy.isOwnerRole(member.role) {
                member.role = s.ownerRole
                member.updatedAt = now
                changes.put(.member(org: org, user: to), member.json)
            }
        } else {
            changes.put(.member(org: org, user: to), firstOwner(to, of: org, s, now).json)
        }
        if let from {
            changes.put(.member(org: org, user: from), try steppedDown(s, now: now, org: org, user: from, for: to).json)
        }
        return changes
    }

    private static func steppedDown(_ s: Snapshot, now: Timestamp, org: Slug, user: Handle, for to: Handle) throws -> Membership {
        var member = try s.requireMember(org, user)
        guard user != to, s.policy.isOwnerRole(member.role) else { throw OperationError.notAnotherOwner(user: user.rawValue, org: org.rawValue) }
        guard let role = s.policy.organizationRoles.first(where: { !$0.owner }) else {
            throw OperationError.noRoleBelowOwners
        }
        member.role = role.name
        member.assignments = s.assignments(member.assignments, role: role.name)
        member.updatedAt = now
        return member
    }

    static func firstOwner(_ user: Handle, of org: Slug, _ s: Snapshot, _ now: Timestamp) -> Membership {
        Membership(
            org: org, user: user, role: s.ownerRole, assignments: [], createdAt: now, updatedAt: nil,
            origin: Origin(path: ""))
    }

    static func parseMetadata(_ text: String) throws -> JSONValue? {
        switch metadata(text) {
        case .success(let value): return value
        case .failure(let problem): throw OperationError.invalidMetadata(problem)
        }
    }

    /// `--metadata` text as an organization's metadata (nil for `{}`), or why it is none:
    /// a JSON object nested at most `Limits.maxDepth - 1` deep, so that the organization
    /// file holding it stays within the `json` rule's nesting limit and loads again.
    package static func metadata(_ text: String) -> Result<JSONValue?, MetadataProblem> {
        let node: JSONNode
        do {
            node = try JSONReader.parse(Array(text.utf8))
        } catch {
            return .failure(.notJSON(reason: error.message, column: error.position.column))
        }
        guard case .object(let members) = node.value else { return .failure(.notAnObject) }
        if node.value.depth >= Limits.maxDepth {
            return .failure(.tooDeep(limit: Limits.maxDepth - 1))
        }
        return .success(members.isEmpty ? nil : node.value)
    }
}

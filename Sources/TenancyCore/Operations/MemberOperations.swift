/// `member add|set|remove|leave`.
public enum MemberOperations {
    /// Adding a member who already has this role and these assignments changes nothing
    /// (a script may apply a desired state again); another role is refused.
    public static func add(
        _ s: Snapshot, now: Timestamp, org: Slug, user: Handle, role: RoleName, assignments: [String]
    ) throws -> Changeset {
        _ = try s.requireOrg(org)
        _ = try s.requireUser(user)
        try s.requireOrganizationRole(role)
        let assignments = s.assignments(assignments, role: role)
        if let member = s.members[org]?[user] {
            if member.role == role && member.assignments == assignments { return Changeset() }
            throw OperationError.alreadyAMember(user: user.rawValue, org: org.rawValue)
        }
        let member = Membership(
            org: org, user: user, role: role, assignments: assignments,
            createdAt: now, updatedAt: nil, origin: Origin(path: ""))
        return Changeset([.put(.member(org: org, user: user), member.json)])
    }

    /// Changes the role and the assignments: `assignments` replaces them all, `adding`
    /// and `removing` change them one by one. A change to what the member already has
    /// changes nothing, not even `updatedAt`.
    public static func set(
        _ s: Snapshot, now: Timestamp, org: Slug, user: Handle, role: RoleName?, assignments: [String]?,
        adding: [String] = [], removing: [String] = []
    ) throws -> Changeset {
        let current = try s.requireMember(org, user)
        guard role != nil || assignments != nil || !adding.isEmpty || !removing.isEmpty else {
            throw OperationError.nothingToChange(options: ["--role", "--assign", "--add-assignment", "--remove-assignment"])
        }
        var member = current
        if let role {
            try s.requireOrganizationRole(role)
            member.role = role
        }
        let given = (assignments ?? member.assignments).filter { !removing.contains($0) } + adding
        member.assignments = s.assignments(given, role: member.role)
        if member == current { return Changeset() }
        member.updatedAt = now
        return Changeset([.put(.member(org: org, user: user), member.json)])
    }

    /// Removes the membership and the user's project memberships in the organization.
    /// The rules refuse it when it leaves the organization without an owner.
    public static func remove(_ s: Snapshot, org: Slug, user: Handle) throws -> Changeset {
        _ = try s.requireMember(org, user)
        var changes = Changeset()
        changes.deleteAll(in: s) { path in
            path == .member(org: org, user: user) || (path.project?.org == org && path.user == user)
        }
        return changes
    }
}

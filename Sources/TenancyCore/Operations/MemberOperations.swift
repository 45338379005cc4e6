/// `member add|set|remove|leave`.
public enum MemberOperations {
    public static func add(
        _ s: Snapshot, now: Timestamp, org: String, user: String, role: String, assignments: [String]
    ) throws -> Changeset {
        _ = try s.requireOrg(org)
        _ = try s.requireUser(user)
        try s.requireOrganizationRole(role)
        if s.members[org]?[user] != nil { throw OperationError.alreadyAMember(user: user, org: org) }
        let member = Membership(
            org: org, user: user, role: role, assignments: s.assignments(assignments, role: role),
            createdAt: now, updatedAt: nil, origin: Origin(path: ""))
        return Changeset([.put(.member(org: org, user: user), member.json)])
    }

    /// Changes the role and, when given, replaces the assignments.
    public static func set(
        _ s: Snapshot, now: Timestamp, org: String, user: String, role: String?, assignments: [String]?
    ) throws -> Changeset {
        var member = try s.requireMember(org, user)
        guard role != nil || assignments != nil else { throw OperationError.nothingToChange(options: ["--role", "--assign"]) }
        if let role {
            try s.requireOrganizationRole(role)
            member.role = role
        }
        member.assignments = s.assignments(assignments ?? member.assignments, role: member.role)
        member.updatedAt = now
        return Changeset([.put(.member(org: org, user: user), member.json)])
    }

    /// Removes the membership and the user's project memberships in the organization.
    /// The rules refuse it when it leaves the organization without an owner.
    public static func remove(_ s: Snapshot, org: String, user: String) throws -> Changeset {
        _ = try s.requireMember(org, user)
        var changes = Changeset()
        changes.deleteAll(in: s) { path in
            path == .member(org: org, user: user) || (path.project?.org == org && path.user == user)
        }
        return changes
    }
}

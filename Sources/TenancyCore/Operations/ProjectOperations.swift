/// `project create|delete|rename` and `project member add|set|remove`.
public enum ProjectOperations {
    public static func create(_ s: Snapshot, now: Timestamp, org: Slug, slug: Slug, name: String) throws -> Changeset {
        _ = try s.requireOrg(org)
        try requireName(slug.rawValue, "project slug")
        try s.requireAbsent(.project(org: org, project: slug), .projectExists(slug.rawValue, org: org.rawValue))
        let project = Project(org: org, slug: slug, id: newID(), name: name, createdAt: now, origin: Origin(path: ""))
        return Changeset([.put(.project(org: org, project: slug), project.json)])
    }

    /// Deletes the project, its members and the invitations that name it.
    public static func delete(_ s: Snapshot, org: Slug, slug: Slug) throws -> Changeset {
        _ = try s.requireProject(org, slug)
        let key = Snapshot.ProjectKey(org: org, project: slug)
        var changes = Changeset()
        changes.deleteAll(in: s) { path in
            if path.project == key { return true }
            guard case .invitation(org, let id) = path else { return false }
            return s.invitations[org]?[id]?.project == slug
        }
        return changes
    }

    /// Moves the project's subtree to the new slug and updates the invitations naming it.
    public static func rename(_ s: Snapshot, org: Slug, slug: Slug, to new: Slug) throws -> Changeset {
        _ = try s.requireProject(org, slug)
        if new == slug { return Changeset() }
        try requireName(new.rawValue, "project slug")
        try s.requireAbsent(.project(org: org, project: new), .projectExists(new.rawValue, org: org.rawValue))
        var changes = Changeset()
        try changes.rewrite(s, move: { path in
            switch path {
            case .project(org, slug): .project(org: org, project: new)
            case .projectMember(org, slug, let user): .projectMember(org: org, project: new, user: user)
            default: path
            }
        }, edit: { entity in
            switch entity {
            case .project(var p) where p.org == org && p.slug == slug:
                p.slug = new
                return .project(p)
            case .invitation(var i) where i.org == org && i.project == slug:
                i.project = new
                return .invitation(i)
            default: return entity
            }
        })
        return changes
    }

    public static func addMember(
        _ s: Snapshot, now: Timestamp, org: Slug, project: Slug, user: Handle, role: RoleName
    ) throws -> Changeset {
        _ = try s.requireProject(org, project)
        _ = try s.requireUser(user)
        try s.requireProjectRole(role)
        let path = EntityPath.projectMember(org: org, project: project, user: user)
        if s.present.contains(path) {
            // The same role again is a desired state applied again: nothing to change.
            if s.projectMembers[Snapshot.ProjectKey(org: org, project: project)]?[user]?.role == role { return Changeset() }
            throw OperationError.alreadyAProjectMember(user: user.rawValue, org: org.rawValue, project: project.rawValue)
        }
        let member = ProjectMembership(
            org: org, project: project, user: user, role: role, createdAt: now, updatedAt: nil, origin: Origin(path: ""))
        return Changeset([.put(path, member.json)])
    }

    public static func setMember(
        _ s: Snapshot, now: Timestamp, org: Slug, project: Slug, user: Handle, role: RoleName
    ) throws -> Changeset {
        var member = try requireProjectMember(s, org, project, user)
        try s.requireProjectRole(role)
        if member.role == role { return Changeset() }
        member.role = role
        member.updatedAt = now
        return Changeset([.put(.projectMember(org: org, project: project, user: user), member.json)])
    }

    public static func removeMember(_ s: Snapshot, org: Slug, project: Slug, user: Handle) throws -> Changeset {
        _ = try requireProjectMember(s, org, project, user)
        return Changeset([.delete(.projectMember(org: org, project: project, user: user))])
    }

    private static func requireProjectMember(_ s: Snapshot, _ org: Slug, _ project: Slug, _ user: Handle) throws -> ProjectMembership {
        _ = try s.requireProject(org, project)
        guard let member = s.projectMembers[Snapshot.ProjectKey(org: org, project: project)]?[user] else {
            throw OperationError.notAProjectMember(user: user.rawValue, org: org.rawValue, project: project.rawValue)
        }
        return member
    }
}

import TenancyCore

/// `USER PERMISSION ORG[/PROJECT]`, as `can`, `can --batch` and `why` ask it, checked
/// against the registry: an unknown user, organization, project or permission is a
/// question with no answer, not a "no" (exit 2), with the nearest name the registry holds.
struct AccessQuestion {
    let user: Handle
    let permission: Permission
    let org: Slug
    let project: Slug?

    /// `place` is `ORG` or `ORG/PROJECT`.
    init(user: Handle, permission: Permission, place: String, in snapshot: Snapshot, context: Context) throws {
        let (org, project) = Self.split(place)
        try self.init(user: user, permission: permission, org: org, project: project, in: snapshot, context: context)
    }

    init(user: Handle, permission: Permission, org: Slug, project: Slug?, in snapshot: Snapshot, context: Context) throws {
        (self.user, self.permission, self.org, self.project) = (user, permission, org, project)
        let root = context.registryRoot
        guard snapshot.users[user] != nil else {
            throw Failure(.usage, "no user '\(user)' in \(context.registry)" + Suggestion.hint(user.rawValue, .user, root: root))
        }
        guard snapshot.orgs[org] != nil else {
            throw Failure(.usage, "no organization '\(org)' in \(context.registry)" + Suggestion.hint(org.rawValue, .org, root: root))
        }
        if let project, snapshot.projects[org]?[project] == nil {
            throw Failure(
                .usage, "no project '\(project)' in organization '\(org)'" + Suggestion.hint(project.rawValue, .project, org: org.rawValue, root: root))
        }
        guard snapshot.policy.defines(permission) else {
            throw Failure(.usage, "permission '\(permission)' is defined neither by the tool nor by the policy (tenancy.json)")
        }
    }

    /// `ORG/PROJECT` as its two parts. Empty parts are kept: `""` names the organization
    /// "", which does not exist.
    /// The names as given: the initializer looks for them.
    static func split(_ place: String) -> (org: Slug, project: Slug?) {
        let parts = place.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map { Slug(unchecked: String($0)) }
        return (parts[0], parts.count > 1 ? parts[1] : nil)
    }

    /// The answer in `snapshot`, which holds each name (the initializer checked).
    func decision(in snapshot: Snapshot) -> AccessDecision {
        snapshot.access(
            user, permission, org: org, project: project)
    }
}

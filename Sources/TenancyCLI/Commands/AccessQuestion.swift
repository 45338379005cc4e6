import TenancyCore

/// `USER PERMISSION ORG[/PROJECT]`, as `can` and `why` ask it, checked against the
/// registry: an unknown user, organization, project or permission is a question with no
/// answer, not a "no" (exit 2).
struct AccessQuestion {
    let user: String
    let permission: Permission
    let org: String
    let project: String?

    init(user: String, permission: Permission, place: String, in snapshot: Snapshot, registry: String) throws {
        // Empty parts are kept: `""` names the organization "", which does not exist.
        let parts = place.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        (self.user, self.permission, org, project) = (user, permission, parts[0], parts.count > 1 ? parts[1] : nil)
        guard snapshot.users[user] != nil else { throw Failure(.usage, "no user '\(user)' in \(registry)") }
        guard snapshot.orgs[org] != nil else { throw Failure(.usage, "no organization '\(org)' in \(registry)") }
        if let project, snapshot.projects[org]?[project] == nil {
            throw Failure(.usage, "no project '\(project)' in organization '\(org)'")
        }
        guard snapshot.policy.defines(permission) else {
            throw Failure(.usage, "permission '\(permission)' is defined neither by the tool nor by the policy (tenancy.json)")
        }
    }

    /// The answer in `snapshot`, which holds each name (the initializer checked).
    func decision(in snapshot: Snapshot) -> AccessDecision {
        snapshot.access(
            Handle(unchecked: user), permission, org: Slug(unchecked: org), project: project.map(Slug.init(unchecked:)))
    }
}

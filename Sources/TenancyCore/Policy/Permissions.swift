/// What grants a permission: the answer to "may this user do this here?" with its reason.
public struct AccessDecision: Hashable, Sendable {
    /// Where a permission came from.
    public enum Source: Hashable, Sendable, CustomStringConvertible {
        case siteAdmin
        case organizationRole(RoleName)
        case assignment(String)
        case projectRole(RoleName)

        public var description: String {
            switch self {
            case .siteAdmin: "site admin"
            case .organizationRole(let name): "organization role \(name)"
            case .assignment(let name): "assignment \(name)"
            case .projectRole(let name): "project role \(name)"
            }
        }
    }

    public var allowed: Bool
    /// The sources that grant the permission (empty when it is denied).
    public var grantedBy: [Source]
    /// One line: which source grants it, or what the user has instead.
    public var reason: String
}

extension Policy {
    /// Whether `permission` means anything here: the tool acts on it, or the policy names it
    /// in a role, an assignment or a project role — itself, or its resource as `resource:*`.
    /// (`*` alone defines nothing: it grants everything, so it would hide every typo.) A
    /// question about anything else, such as the typo `org:raed`, has no answer to give.
    public func defines(_ permission: Permission) -> Bool {
        let known = knownPermissions
        if permission == .all || known.contains(permission.rawValue) { return true }
        guard let resource = permission.resource else { return false }
        let wildcard = String(resource) + ":*"
        if permission.rawValue == wildcard { return known.contains { $0.hasPrefix(resource + ":") } }
        return known.contains(wildcard)
    }

    /// Every permission the tool or the policy names, and the `resource:*` of each, with
    /// `*`: the finite set of questions an export must answer as `can` does (each of them
    /// `defines`), sorted.
    public var namedPermissions: [Permission] {
        let known = knownPermissions
        let wildcards = known.compactMap { Permission(unchecked: $0).resource.map { String($0) + ":*" } }
        return Set(known + wildcards + ["*"]).sorted().map(Permission.init(unchecked:))
    }

    /// The permissions a question may name and the SQL export lists: those the tool acts
    /// on, then those the policy grants, wildcards (`*`, `resource:*`) aside, each once.
    public var exportedPermissions: [Permission] {
        var seen = Set<String>()
        return knownPermissions.filter { !$0.hasSuffix(":*") && seen.insert($0).inserted }.map(Permission.init(unchecked:))
    }

    /// The tool's permissions and those the policy's roles and assignments name, but `*`.
    private var knownPermissions: [String] {
        let named = (organizationRoles + projectRoles).flatMap(\.permissions) + assignments.flatMap(\.permissions)
        return Permission.ofTheTool.map(\.rawValue) + named.filter { $0 != "*" }
    }
}

extension Snapshot {
    /// Whether `user` holds `permission` in `org`, or in one of its projects.
    ///
    /// Organization roles and assignments apply to the organization and to every one of
    /// its projects; a project role applies to its project only (so a guest, whose
    /// organization role grants nothing, sees only the projects they belong to). A site
    /// admin may do anything.
    public func access(_ user: Handle, _ permission: Permission, org: Slug, project: Slug? = nil) -> AccessDecision {
        let sources = permissionSources(user: user, org: org, project: project)
        // The policy's permissions were checked as it was loaded.
        let granting = sources.filter { $0.1.contains { Permission(unchecked: $0).matches(permission) } }.map(\.0)
        if !granting.isEmpty {
            return AccessDecision(allowed: true, grantedBy: granting, reason: "granted by \(granting.map(\.description).joined(separator: ", "))")
        }
        let place = project.map { "\(org)/\($0)" } ?? org.rawValue
        let held = sources.map { "\($0.0) grants \($0.1.isEmpty ? "nothing" : $0.1.joined(separator: ", "))" }
        let reason = held.isEmpty
            ? "\(user) is not a member of \(place)"
            : "nothing grants \(permission) in \(place): " + held.joined(separator: "; ")
        return AccessDecision(allowed: false, grantedBy: [], reason: reason)
    }

    public func can(_ user: Handle, _ permission: Permission, org: Slug, project: Slug? = nil) -> Bool {
        access(user, permission, org: org, project: project).allowed
    }

    /// Each source of permissions the user has there, with what it grants.
    package func permissionSources(user: Handle, org: Slug, project: Slug?) -> [(AccessDecision.Source, [String])] {
        var sources: [(AccessDecision.Source, [String])] = []
        if users[user]?.siteAdmin == true { sources.append((.siteAdmin, ["*"])) }
        if let membership = members[org]?[user] {
            sources.append((.organizationRole(membership.role), policy.organizationRole(membership.role)?.permissions ?? []))
            for name in membership.assignments {
                sources.append((.assignment(name), policy.assignment(name)?.permissions ?? []))
            }
        }
        if let project, let member = projectMembers[ProjectKey(org: org, project: project)]?[user] {
            sources.append((.projectRole(member.role), policy.projectRole(member.role)?.permissions ?? []))
        }
        return sources
    }

    /// The projects a user may see: every project of an organization where their role or
    /// assignments grant `project:read`, and every project they are a member of.
    public func projects(of user: Handle) -> [Project] {
        projects.keys.sorted().flatMap(projects(in:)).filter {
            can(user, Permission(unchecked: "project:read"), org: $0.org, project: $0.slug)
        }
    }
}

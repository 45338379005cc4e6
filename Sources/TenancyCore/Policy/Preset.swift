/// Policies that reproduce known access models (`tenancy init --preset NAME`).
public enum Preset: String, CaseIterable, Hashable, Sendable {
    case `default`, packet, daytona, logfire

    /// The policy `tenancy init` writes for this preset.
    public var policy: Policy {
        switch self {
        case .default: Policy.default
        case .packet: Self.packetPolicy
        case .daytona: Self.daytonaPolicy
        case .logfire: Self.logfirePolicy
        }
    }

    private typealias Role = Policy.Role
    private typealias Assignment = Policy.Assignment

    private static let projectManagement = [
        "project:create", "project:read", "project:update", "project:delete", "project:members",
    ]

    /// Owners and admins run the organization; collaborators see only the projects they
    /// are members of; billing members see only billing.
    private static var packetPolicy: Policy {
        var policy = Policy()
        policy.organizationRoles = [
            Role(name: RoleName(unchecked: "owner"), owner: true, permissions: ["*"]),
            Role(
                name: RoleName(unchecked: "admin"),
                permissions: ["org:read", "org:update", "member:add", "member:remove", "member:update",
                    "invitation:create", "invitation:revoke"] + projectManagement),
            Role(name: RoleName(unchecked: "collaborator"), permissions: []),
            Role(name: RoleName(unchecked: "billing"), permissions: ["org:read", "billing:read", "billing:manage"]),
        ]
        return policy
    }

    /// Two roles; what a member may do comes from assignments, of which Viewer is held
    /// by every member. A personal organization has one member and lives with its user.
    private static var daytonaPolicy: Policy {
        var policy = Policy()
        policy.organizationRoles = [
            Role(name: RoleName(unchecked: "owner"), owner: true, permissions: ["*"]),
            Role(name: RoleName(unchecked: "member"), permissions: ["org:read"]),
        ]
        policy.assignments = [
            Assignment(name: "Viewer", permissions: ["sandbox:read", "snapshot:read", "registry:read", "volume:read"], required: true),
            Assignment(name: "Developer", permissions: ["sandbox:create", "sandbox:delete", "snapshot:create"]),
            Assignment(name: "Sandboxes Admin", permissions: ["sandbox:create", "sandbox:delete", "sandbox:manage"]),
            Assignment(name: "Snapshots Admin", permissions: ["snapshot:create", "snapshot:delete"]),
            Assignment(name: "Registries Admin", permissions: ["registry:create", "registry:delete"]),
            Assignment(name: "Volumes Admin", permissions: ["volume:create", "volume:delete"]),
            Assignment(name: "Super Admin", permissions: ["*"]),
            Assignment(name: "Auditor", permissions: ["audit:read"]),
            Assignment(name: "Infrastructure Admin", permissions: ["region:manage", "runner:manage"]),
        ]
        policy.personalOrganizations = .init(allowMembers: false, convertible: false, required: true, deletable: false)
        return policy
    }

    /// The admin role is the owner role; personal organizations may take members and
    /// convert, one way, into a normal organization.
    private static var logfirePolicy: Policy {
        var policy = Policy()
        policy.organizationRoles = [
            Role(name: RoleName(unchecked: "admin"), owner: true, permissions: ["*"]),
            Role(name: RoleName(unchecked: "member"), permissions: ["org:read", "project:read", "project:create"]),
            Role(name: RoleName(unchecked: "guest"), permissions: []),
        ]
        policy.personalOrganizations = .init(allowMembers: true, convertible: true, required: true, deletable: true)
        return policy
    }
}

import TenancyCore

/// One access change between two snapshots, as a reviewer reads it: who gained or lost
/// which role where, invitations sent or answered, organizations, projects and users
/// created, renamed or deleted.
///
/// Each change names the `permission` it needs in `org` of the base snapshot, so that
/// authorizing a whole diff (`tenancy diff --actor USER`) is checking each change.
public struct AccessChange: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case userAdded, userRemoved, userRenamed, userUpdated, siteAdminGranted, siteAdminRevoked
        /// A user's email changed (`from` and `to` are the emails): invitations are
        /// addressed to it, so it is a site admin's change, never self-service.
        case emailChanged
        case orgCreated, orgRenamed, orgConverted, orgUpdated, orgDeleted
        case memberAdded, memberRemoved, roleChanged, assignmentsChanged
        case projectCreated, projectRenamed, projectUpdated, projectDeleted
        case projectMemberAdded, projectMemberRemoved, projectRoleChanged
        case invitationSent, invitationExtended, invitationChanged, invitationAccepted, invitationDeclined
        case invitationRevoked, invitationDeleted
        /// `tenancy.json` changed: roles, permissions, assignments, limits, tests.
        case policyChanged
    }

    public var kind: Kind
    /// The organization's slug in the head snapshot (in the base one when deleted);
    /// nil for changes to users and to the policy.
    public var org: String?
    public var project: String?
    /// The user the change is about (the invitee's handle when accepted).
    public var user: String?
    public var invitation: String?
    public var email: String?
    /// The value before and after: a role, a slug, a kind, assignments joined by ", ".
    public var from: String?
    public var to: String?
    /// The permission the change needs: an organization permission such as
    /// `member:add`, or one of `org:create`, `user:create`, `user:update`, `user:delete`,
    /// `site-admin`, and `invitation:respond` (the invitee's own answer).
    public var permission: String
    /// The file that changed, relative to the registry root (the base one when removed).
    public var path: String

    public init(
        _ kind: Kind, org: String? = nil, project: String? = nil, user: String? = nil,
        invitation: String? = nil, email: String? = nil, from: String? = nil, to: String? = nil,
        path: String
    ) {
        self.kind = kind
        self.org = org
        self.project = project
        self.user = user
        self.invitation = invitation
        self.email = email
        self.from = from
        self.to = to
        self.permission = kind.permission
        self.path = path
    }
}

extension AccessChange.Kind {
    public var permission: String {
        switch self {
        case .userAdded: "user:create"
        case .userRemoved: "user:delete"
        case .userRenamed, .userUpdated: "user:update"
        case .siteAdminGranted, .siteAdminRevoked, .emailChanged, .policyChanged: "site-admin"
        case .orgCreated: "org:create"
        case .orgRenamed, .orgConverted, .orgUpdated: "org:update"
        case .orgDeleted: "org:delete"
        case .memberAdded: "member:add"
        case .memberRemoved: "member:remove"
        case .roleChanged, .assignmentsChanged: "member:update"
        case .projectCreated: "project:create"
        case .projectRenamed, .projectUpdated: "project:update"
        case .projectDeleted: "project:delete"
        case .projectMemberAdded, .projectMemberRemoved, .projectRoleChanged: "project:members"
        case .invitationSent, .invitationExtended, .invitationChanged: "invitation:create"
        case .invitationAccepted, .invitationDeclined: "invitation:respond"
        case .invitationRevoked, .invitationDeleted: "invitation:revoke"
        }
    }
}

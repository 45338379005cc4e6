import TenancyCore

/// One access change between two snapshots, as a reviewer reads it: who gained or lost
/// which role where, invitations sent or answered, organizations, projects and users
/// created, renamed or deleted.
///
/// Each case carries what its change is about: `org` is an organization's slug in the
/// head snapshot (in the base one when deleted), `project` a project's slug there, `user`
/// a handle there; `path` is the file that changed, relative to the registry root (the
/// base one when removed). Each change needs a `permission` in its organization of the
/// base snapshot, so that authorizing a whole diff (`tenancy diff --actor USER`) is
/// checking each change.
public enum AccessChange: Hashable, Sendable {
    /// `tenancy.json` changed: roles, permissions, assignments, limits, tests.
    case policyChanged(path: String)

    case userAdded(user: Handle, path: String)
    case userRemoved(user: Handle, path: String)
    /// A handle changed (the user's file moved); `to` is the user's handle in the head snapshot.
    case userRenamed(from: Handle, to: Handle, path: String)
    /// The name changed (and the handle did not: a rename already names the file).
    case userUpdated(user: Handle, path: String)
    /// Invitations are addressed to emails, so this is a site admin's change, never
    /// self-service.
    case emailChanged(user: Handle, from: String, to: String, path: String)
    /// A login on `forge` added (`from` nil), removed (`to` nil) or changed. A login says
    /// who opens a pull request (`diff --actor-login`) and whom CODEOWNERS names, which
    /// the registry cannot verify: a site admin's change, as an email is.
    case loginChanged(user: Handle, forge: Forge, from: String?, to: String?, path: String)
    case siteAdminGranted(user: Handle, path: String)
    case siteAdminRevoked(user: Handle, path: String)

    case orgCreated(org: Slug, kind: Organization.Kind, path: String)
    /// `from` and `to` are the slugs the organization's file gives in each snapshot; `org`
    /// is its directory, which is `to` unless the file breaks the `key-mismatch` rule.
    case orgRenamed(org: Slug, from: Slug, to: Slug, path: String)
    /// A personal organization became a team organization.
    case orgConverted(org: Slug, path: String)
    /// Its name, logo or metadata changed (and its slug did not).
    case orgUpdated(org: Slug, path: String)
    case orgDeleted(org: Slug, kind: Organization.Kind, path: String)

    case memberAdded(org: Slug, user: Handle, role: RoleName, path: String)
    case memberRemoved(org: Slug, user: Handle, role: RoleName, path: String)
    case roleChanged(org: Slug, user: Handle, from: RoleName, to: RoleName, path: String)
    /// The assignments before and after, each in the order its file gives them.
    case assignmentsChanged(org: Slug, user: Handle, from: [String], to: [String], path: String)

    case projectCreated(org: Slug, project: Slug, path: String)
    /// `from` and `to` are the slugs the project's file gives in each snapshot; `project`
    /// is its directory, which is `to` unless the file breaks the `key-mismatch` rule.
    case projectRenamed(org: Slug, project: Slug, from: Slug, to: Slug, path: String)
    /// Its name changed.
    case projectUpdated(org: Slug, project: Slug, path: String)
    case projectDeleted(org: Slug, project: Slug, path: String)
    case projectMemberAdded(org: Slug, project: Slug, user: Handle, role: RoleName, path: String)
    case projectMemberRemoved(org: Slug, project: Slug, user: Handle, role: RoleName, path: String)
    case projectRoleChanged(org: Slug, project: Slug, user: Handle, from: RoleName, to: RoleName, path: String)

    /// An invitation to `role` in the organization, and to `project` when it names one.
    case invitationSent(org: Slug, invitation: String, email: String, project: Slug?, role: RoleName, path: String)
    /// A pending invitation's expiry moved, what it offers unchanged.
    case invitationExtended(org: Slug, invitation: String, email: String, from: Timestamp, to: Timestamp, path: String)
    /// A pending invitation offers something else (its email, role, inviter, project or
    /// project role changed): `from` and `to` are its roles.
    case invitationChanged(
        org: Slug, invitation: String, email: String, project: Slug?, from: RoleName, to: RoleName, path: String)
    /// Each answer carries `acceptedBy` as the answered file has it: the invitee's handle
    /// when accepted (a declined or revoked invitation has it only when broken, which the
    /// `invitation` rule reports).
    case invitationAccepted(org: Slug, invitation: String, email: String, acceptedBy: Handle?, path: String)
    case invitationDeclined(org: Slug, invitation: String, email: String, acceptedBy: Handle?, path: String)
    case invitationRevoked(org: Slug, invitation: String, email: String, acceptedBy: Handle?, path: String)
    /// An invitation's file removed; `status` is what it was.
    case invitationDeleted(org: Slug, invitation: String, email: String, status: Invitation.Status, path: String)
}

extension AccessChange {
    /// The case's name: `memberAdded`.
    public var kind: String { fields.kind }

    /// The organization the change is in; nil for changes to users and to the policy.
    public var org: Slug? { fields.org }

    /// The file that changed, relative to the registry root (the base one when removed).
    public var path: String { fields.path }

    /// The permission the change needs: an organization permission such as
    /// `member:add`, or one of `org:create`, `user:create`, `user:update`, `user:delete`,
    /// `site-admin`, and `invitation:respond` (the invitee's own answer).
    public var permission: String {
        switch self {
        case .userAdded: "user:create"
        case .userRemoved: "user:delete"
        case .userRenamed, .userUpdated: "user:update"
        case .siteAdminGranted, .siteAdminRevoked, .emailChanged, .loginChanged, .policyChanged: "site-admin"
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

    /// The change under fixed keys, as `tenancy diff --format json` prints it: `from` and
    /// `to` hold what changed (a role, a slug, a kind, an email, an array of assignments,
    /// an expiry, an invitation's status, a login as `forge:login`); a user's handle is `user` even when
    /// renamed, the invitee's handle when an invitation is accepted.
    var fields: Fields {
        switch self {
        case .policyChanged(let path): Fields("policyChanged", path)
        case .userAdded(let user, let path): Fields("userAdded", path, user: user)
        case .userRemoved(let user, let path): Fields("userRemoved", path, user: user)
        case .userRenamed(let from, let to, let path): Fields("userRenamed", path, user: to, from: .string(from.rawValue), to: .string(to.rawValue))
        case .userUpdated(let user, let path): Fields("userUpdated", path, user: user)
        case .emailChanged(let user, let from, let to, let path): Fields("emailChanged", path, user: user, from: .string(from), to: .string(to))
        case .loginChanged(let user, let forge, let from, let to, let path):
            Fields(
                "loginChanged", path, user: user, from: .optional(from.map { "\(forge):\($0)" }),
                to: .optional(to.map { "\(forge):\($0)" }))
        case .siteAdminGranted(let user, let path): Fields("siteAdminGranted", path, user: user)
        case .siteAdminRevoked(let user, let path): Fields("siteAdminRevoked", path, user: user)
        case .orgCreated(let org, let kind, let path): Fields("orgCreated", path, org: org, to: .string(kind.rawValue))
        case .orgRenamed(let org, let from, let to, let path): Fields("orgRenamed", path, org: org, from: .string(from.rawValue), to: .string(to.rawValue))
        case .orgConverted(let org, let path): Fields("orgConverted", path, org: org, from: "personal", to: "team")
        case .orgUpdated(let org, let path): Fields("orgUpdated", path, org: org)
        case .orgDeleted(let org, let kind, let path): Fields("orgDeleted", path, org: org, from: .string(kind.rawValue))
        case .memberAdded(let org, let user, let role, let path): Fields("memberAdded", path, org: org, user: user, to: .string(role.rawValue))
        case .memberRemoved(let org, let user, let role, let path):
            Fields("memberRemoved", path, org: org, user: user, from: .string(role.rawValue))
        case .roleChanged(let org, let user, let from, let to, let path):
            Fields("roleChanged", path, org: org, user: user, from: .string(from.rawValue), to: .string(to.rawValue))
        case .assignmentsChanged(let org, let user, let from, let to, let path):
            Fields("assignmentsChanged", path, org: org, user: user, from: .strings(from), to: .strings(to))
        case .projectCreated(let org, let project, let path): Fields("projectCreated", path, org: org, project: project)
        case .projectRenamed(let org, let project, let from, let to, let path):
            Fields("projectRenamed", path, org: org, project: project, from: .string(from.rawValue), to: .string(to.rawValue))
        case .projectUpdated(let org, let project, let path): Fields("projectUpdated", path, org: org, project: project)
        case .projectDeleted(let org, let project, let path): Fields("projectDeleted", path, org: org, project: project)
        case .projectMemberAdded(let org, let project, let user, let role, let path):
            Fields("projectMemberAdded", path, org: org, project: project, user: user, to: .string(role.rawValue))
        case .projectMemberRemoved(let org, let project, let user, let role, let path):
            Fields("projectMemberRemoved", path, org: org, project: project, user: user, from: .string(role.rawValue))
        case .projectRoleChanged(let org, let project, let user, let from, let to, let path):
            Fields("projectRoleChanged", path, org: org, project: project, user: user, from: .string(from.rawValue), to: .string(to.rawValue))
        case .invitationSent(let org, let id, let email, let project, let role, let path):
            Fields("invitationSent", path, org: org, project: project, invitation: id, email: email, to: .string(role.rawValue))
        case .invitationExtended(let org, let id, let email, let from, let to, let path):
            Fields("invitationExtended", path, org: org, invitation: id, email: email, from: .string(from.description), to: .string(to.description))
        case .invitationChanged(let org, let id, let email, let project, let from, let to, let path):
            Fields("invitationChanged", path, org: org, project: project, invitation: id, email: email, from: .string(from.rawValue), to: .string(to.rawValue))
        case .invitationAccepted(let org, let id, let email, let user, let path):
            Fields("invitationAccepted", path, org: org, user: user, invitation: id, email: email, from: "pending", to: "accepted")
        case .invitationDeclined(let org, let id, let email, let user, let path):
            Fields("invitationDeclined", path, org: org, user: user, invitation: id, email: email, from: "pending", to: "declined")
        case .invitationRevoked(let org, let id, let email, let user, let path):
            Fields("invitationRevoked", path, org: org, user: user, invitation: id, email: email, from: "pending", to: "revoked")
        case .invitationDeleted(let org, let id, let email, let status, let path):
            Fields("invitationDeleted", path, org: org, invitation: id, email: email, from: .string(status.rawValue))
        }
    }

    /// See `fields`.
    struct Fields {
        var kind: String
        var org, project: Slug?
        var invitation, email: String?
        var user: Handle?
        var from, to: OutputValue?
        var path: String

        init(
            _ kind: String, _ path: String, org: Slug? = nil, project: Slug? = nil, user: Handle? = nil,
            invitation: String? = nil, email: String? = nil, from: OutputValue? = nil, to: OutputValue? = nil
        ) {
            (self.kind, self.path) = (kind, path)
            (self.org, self.project, self.user, self.invitation) = (org, project, user, invitation)
            (self.email, self.from, self.to) = (email, from, to)
        }
    }

    /// `fields` with the permission, every key present (`null` when the change has no
    /// such value), and the path under `root`, the registry as the user names it (as
    /// diagnostics print it).
    public func json(root: String) -> OutputValue {
        let fields = fields
        return [
            "kind": .string(fields.kind), "permission": .string(permission),
            "path": .string(root.isEmpty ? fields.path : root + "/" + fields.path),
            "org": .optional(fields.org?.rawValue), "project": .optional(fields.project?.rawValue), "user": .optional(fields.user?.rawValue),
            "invitation": .optional(fields.invitation), "email": .optional(fields.email),
            "from": fields.from ?? .null, "to": fields.to ?? .null,
        ]
    }
}

/// Assignments as a reviewer reads them: `developer, auditor`, or `none`.
func listed(_ names: [String]) -> String {
    names.isEmpty ? "none" : names.joined(separator: ", ")
}

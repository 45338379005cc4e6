/// A change a user asked for that cannot be made as asked (an unknown user, an existing
/// membership, an invitation that is no longer pending): one line, exit 1. Its
/// description is that line.
public enum OperationError: Error, Hashable, Sendable, CustomStringConvertible {
    // MARK: Names that name nothing, or something already there

    case noUser(String)
    /// The user a mutation is made as (`--as`) does not exist.
    case noActor(String)
    case noOrganization(String)
    case noProject(String, org: String)
    case noInvitation(String, org: String)
    /// Several invitations' ids start with the prefix given (`candidates`, sorted).
    case ambiguousInvitation(String, org: String, candidates: [String])
    /// `roles`: the policy's roles, in its order.
    case noOrganizationRole(String, roles: [String])
    case noProjectRole(String, roles: [String])
    /// A new handle or slug (`what`, such as `project slug`) breaks the name grammar.
    case invalidName(String, what: String, problem: String)
    case userExists(String)
    case organizationExists(String)
    case projectExists(String, org: String)

    // MARK: Memberships and owners

    case notAMember(user: String, org: String)
    case alreadyAMember(user: String, org: String)
    case notAProjectMember(user: String, org: String, project: String)
    case alreadyAProjectMember(user: String, org: String, project: String)
    /// An owner is stepped down for themselves, or is no owner.
    case notAnotherOwner(user: String, org: String)
    /// Removing the user would leave these team organizations without an owner.
    case lastOwner(user: String, orgs: [String])
    case noRoleBelowOwners

    // MARK: Organizations and files

    /// The policy keeps a personal organization as long as its user (`personalOf`).
    case personalOrganizationKept(String, personalOf: String)
    /// The policy requires every user to have a personal organization (`required`).
    case personalOrganizationRequired(String, personalOf: String)
    /// A new user's personal organization cannot have this slug (`reason`): `given` says
    /// whether it came from `--personal-org` or is the handle.
    case personalOrganizationSlug(String, reason: String, given: Bool)
    case notPersonal(String)
    case conversionForbidden
    case invalidMetadata(MetadataProblem)
    /// An entity to move to another path has a file that does not load.
    case brokenFile(EntityPath)
    /// A `set` given none of its `options`.
    case nothingToChange(options: [String])

    // MARK: Invitations

    case noPendingInvitation(email: String, org: String)
    case invitationPending(email: String, org: String, id: String)
    case addressedToSomeoneElse(invitation: String, email: String, user: String, userEmail: String)
    case invitationExpired(String, at: Timestamp)
    case invitationNotPending(String, status: Invitation.Status)

    public var description: String {
        switch self {
        case .noUser(let handle): "no user '\(handle)'"
        case .noActor(let handle): "no user '\(handle)' to act as (--as)"
        case .noOrganization(let slug): "no organization '\(slug)'"
        case .noProject(let slug, let org): "no project '\(slug)' in organization '\(org)'"
        case .noInvitation(let id, let org): "no invitation '\(id)' in organization '\(org)'"
        case .ambiguousInvitation(let prefix, let org, let candidates):
            "invitation '\(prefix)' is ambiguous in organization '\(org)': it could be \(candidates.joined(separator: ", "))"
        case .noOrganizationRole(let role, let roles):
            "no organization role '\(role)' in the policy (roles: \(roles.joined(separator: ", ")))"
        case .noProjectRole(let role, let roles): "no project role '\(role)' in the policy (roles: \(roles.joined(separator: ", ")))"
        case .invalidName(let name, let what, let problem): "\(what) '\(name)' \(problem)"
        case .userExists(let handle): "user '\(handle)' already exists"
        case .organizationExists(let slug): "organization '\(slug)' already exists"
        case .projectExists(let slug, let org): "project '\(slug)' in '\(org)' already exists"
        case .notAMember(let user, let org): "'\(user)' is not a member of '\(org)'"
        case .alreadyAMember(let user, let org): "'\(user)' is already a member of '\(org)'"
        case .notAProjectMember(let user, let org, let project): "'\(user)' is not a member of project '\(org)/\(project)'"
        case .alreadyAProjectMember(let user, let org, let project):
            "'\(user)' is already a member of project '\(org)/\(project)'"
        case .notAnotherOwner(let user, let org): "'\(user)' is not another owner of '\(org)'"
        case .lastOwner(let user, let orgs):
            "'\(user)' is the last owner of \(orgs.joined(separator: ", ")); make someone else an owner first (tenancy org transfer)"
        case .noRoleBelowOwners: "the policy has no role below the owner roles"
        case .personalOrganizationKept(let slug, let personalOf):
            "'\(slug)' is the personal organization of '\(personalOf)' and the policy does not let personal organizations be deleted (personalOrganizations.deletable is false); it goes with `tenancy user remove`"
        case .personalOrganizationRequired(let slug, let personalOf):
            "'\(slug)' is the personal organization of '\(personalOf)' and the policy requires every user to have one (personalOrganizations.required); it goes with `tenancy user remove`"
        case .personalOrganizationSlug(let slug, let reason, let given):
            given
                ? "--personal-org '\(slug)' \(reason)"
                : "the personal organization slug '\(slug)' (the handle) \(reason); choose another with --personal-org SLUG"
        case .notPersonal(let slug): "'\(slug)' is not a personal organization"
        case .conversionForbidden: "the policy does not let personal organizations be converted"
        case .invalidMetadata(let problem): "--metadata \(problem)"
        case .brokenFile(let path): "cannot move \(path.path): it has errors (see `tenancy validate`)"
        case .nothingToChange(let options):
            "nothing to change: give \(options.dropLast().joined(separator: ", ")) or \(options.last ?? "")"
        case .noPendingInvitation(let email, let org): "no pending invitation to \(email) in '\(org)' to resend"
        case .invitationPending(let email, let org, let id):
            "an invitation to \(email) is already pending in '\(org)' (\(id)); use --resend to extend it"
        case .addressedToSomeoneElse(let id, let email, let user, let userEmail):
            "invitation \(id) is addressed to \(email), not to '\(user)' (\(userEmail))"
        case .invitationExpired(let id, let expiresAt): "invitation \(id) expired at \(expiresAt); ask for a new one"
        case .invitationNotPending(let id, let status): "invitation \(id) is not pending: it was \(status.rawValue)"
        }
    }
}

/// Why `--metadata` text is not an organization's metadata.
public enum MetadataProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// `reason` is the JSON reader's, at `column`.
    case notJSON(reason: String, column: Int)
    case notAnObject
    /// Nested deeper than `limit`.
    case tooDeep(limit: Int)

    public var description: String {
        switch self {
        case .notJSON(let reason, let column): "is not JSON: \(reason) at column \(column)"
        case .notAnObject: "must be a JSON object"
        case .tooDeep(let limit): "may be nested at most \(limit) deep"
        }
    }
}

import TenancyCore

/// The decisions of the authorization rule (`AuthorizationRule`, which says what an
/// actor may change): every access change between the base and the head snapshot is
/// checked against the actor's access in the BASE snapshot, so a change cannot authorize
/// itself. Mutations made as a user (`--as`) are refused with its denials too.
public struct Authorization: Sendable {
    /// A change the actor may not make, with the one-line reason.
    public struct Denial: Hashable, Sendable, CustomStringConvertible {
        public var change: AccessChange
        public var message: String
        public var description: String { message }

        /// As a diagnostic of `tenancy diff --actor`, on the changed file.
        public var diagnostic: Diagnostic {
            Diagnostic(path: change.path, rule: AuthorizationRule.id, message: message)
        }
    }

    public let actor: String
    let base: Snapshot
    let head: Snapshot
    let changes: [AccessChange]

    /// `changes` defaults to `AccessDiff(base:head:).changes`.
    public init(actor: String, base: Snapshot, head: Snapshot, changes: [AccessChange]? = nil) {
        self.actor = actor
        self.base = base
        self.head = head
        self.changes = changes ?? AccessDiff(base: base, head: head).changes
    }

    /// The changes the actor may not make, in the order of `changes`; empty when allowed.
    public func denials() -> [Denial] {
        if base.users[actor] == nil {
            return changes.prefix(1).map { Denial(change: $0, message: "\(actor) may not change the registry: no such user") }
        }
        if base.users[actor]?.siteAdmin == true { return [] }
        return changes.compactMap { change in denial(change).map { Denial(change: change, message: $0) } }
    }

    /// Why the actor may not make `change`, or nil when they may.
    func denial(_ change: AccessChange) -> String? {
        if isSelfService(change) { return nil }
        if let org = change.org, createdOrg(org) != nil { return createdOrgDenial(change, org) }
        switch change.kind {
        case .userAdded, .userRemoved, .siteAdminGranted, .siteAdminRevoked, .policyChanged:
            return "\(actor) may not \(action(change)): only a site admin may"
        case .emailChanged:
            return "\(actor) may not \(action(change)): only a site admin may (invitations are addressed to emails, which the registry cannot verify)"
        case .userRenamed, .userUpdated:
            return "\(actor) may not \(action(change)): only the user themselves or a site admin may"
        case .invitationAccepted, .invitationDeclined:
            return "\(actor) may not \(action(change)): it is addressed to \(change.email ?? "someone else")"
        default:
            return permissionDenial(change) ?? rankDenial(change) ?? assignmentDenial(change) ?? inviterDenial(change)
        }
    }

    // MARK: Self-service

    func isSelfService(_ change: AccessChange) -> Bool {
        switch change.kind {
        case .userRenamed, .userUpdated: isActor(headUser: change.user)
        case .invitationAccepted: change.user.map(isActor(headUser:)) == true && addressedToActor(change)
        case .invitationDeclined: addressedToActor(change)
        case .memberRemoved, .projectMemberRemoved: change.user == actor
        case .memberAdded: acceptedByActor(change) && assignmentDenial(change) == nil
        case .projectMemberAdded: acceptedByActor(change)
        default: false
        }
    }

    /// The head user `handle` is the actor, renamed or not: user ids never change.
    func isActor(headUser handle: String?) -> Bool {
        guard let handle, let id = head.users[handle]?.id else { return false }
        return id == base.users[actor]?.id
    }

    /// Whether the invitation answered is addressed to the actor, as it was sent (an
    /// answer that also edits the invitation does not readdress it).
    func addressedToActor(_ change: AccessChange) -> Bool {
        guard let email = sentInvitation(change)?.email else { return false }
        return email == base.users[actor]?.email
    }

    /// The membership an invitation creates for the actor who accepts it in this change,
    /// with the role and project role the inviter chose in the base snapshot (given
    /// assignments are checked like anyone's: the invitee holds nothing yet).
    func acceptedByActor(_ change: AccessChange) -> Bool {
        guard change.user == actor, let org = change.org else { return false }
        return changes.contains { accepted in
            guard accepted.kind == .invitationAccepted, accepted.org == org, accepted.user == actor,
                let invitation = sentInvitation(accepted)
            else { return false }
            return change.kind == .memberAdded
                ? change.to == invitation.role
                : (change.project, change.to) == (invitation.project, invitation.projectRole)
        }
    }

    /// The invitation of `change` as the base snapshot has it.
    func sentInvitation(_ change: AccessChange) -> Invitation? {
        guard let org = baseOrg(change), let id = change.invitation else { return nil }
        return base.invitations[org]?[id]
    }

    // MARK: Organizations created by the change

    /// The organization `slug` of the head snapshot when the change creates it.
    func createdOrg(_ slug: String) -> Organization? {
        guard let org = head.orgs[slug], !base.orgs.values.contains(where: { $0.id == org.id }) else { return nil }
        return org
    }

    /// Whoever may create an organization owns what is in it, as long as they are one of
    /// its owners.
    func createdOrgDenial(_ change: AccessChange, _ org: String) -> String? {
        guard base.policy.usersMayCreateOrganizations else {
            return "\(actor) may not create organization \(org): the policy does not let users create organizations (usersMayCreateOrganizations is false)"
        }
        guard let role = head.members[org]?[actor]?.role, head.policy.isOwnerRole(role) else {
            return "\(actor) may not create organization \(org) for others: its creator must be one of its owners"
        }
        return nil
    }

    // MARK: Permissions, ranks, assignments

    func permissionDenial(_ change: AccessChange) -> String? {
        guard let org = baseOrg(change) else { return "\(actor) may not \(action(change)): needs \(change.permission)" }
        let project = change.permission.hasPrefix("project:") && change.kind != .projectCreated ? baseProject(change) : nil
        let decision = base.access(actor, change.permission, org: org, project: project)
        if decision.allowed { return nil }
        return "\(actor) may not \(action(change)): needs \(change.permission) (\(held(org: org, project: project)))"
    }

    /// What the actor holds there: `organization role member grants org:read, project:read`.
    func held(org: String, project: String?) -> String {
        let sources = base.permissionSources(user: actor, org: org, project: project)
        if sources.isEmpty { return "\(actor) is not a member of \(org)" }
        return sources.map { "\($0.0) grants \($0.1.isEmpty ? "nothing" : $0.1.joined(separator: ", "))" }
            .joined(separator: "; ")
    }

    /// Granting a role above one's own, or touching an owner without being one.
    func rankDenial(_ change: AccessChange) -> String? {
        guard let org = baseOrg(change), let own = base.members[org]?[actor]?.role else { return nil }
        let policy = base.policy
        let (from, to) = organizationRoles(change)
        let ownerInvolved = [from, to].contains { $0.map(policy.isOwnerRole) == true }
        if ownerInvolved && !policy.isOwnerRole(own) {
            return "\(actor) may not \(action(change)): only an owner may add, demote or remove an owner (\(actor) is \(own))"
        }
        for role in [from, to].compactMap({ $0 }) where ranksAbove(role, own) {
            return "\(actor) may not \(action(change)): role \(role) ranks above \(actor)'s role \(own)"
        }
        return nil
    }

    /// The organization roles a change takes away (`from`) and grants (`to`).
    func organizationRoles(_ change: AccessChange) -> (from: String?, to: String?) {
        switch change.kind {
        case .memberAdded, .invitationSent, .invitationChanged: (nil, change.to)
        case .invitationExtended: (nil, headInvitation(change)?.role)
        case .memberRemoved: (change.from, nil)
        case .roleChanged: (change.from, change.to)
        default: (nil, nil)
        }
    }

    /// Lower index, higher rank; an unknown role ranks nowhere (the rules refuse it).
    func ranksAbove(_ role: String, _ own: String) -> Bool {
        guard let rank = base.policy.rank(ofOrganizationRole: role), let ownRank = base.policy.rank(ofOrganizationRole: own) else {
            return false
        }
        return rank < ownRank
    }

    /// An assignment may only be given by someone holding every permission it grants, or
    /// `Super Admin` (`*`) would let any member with `member:update` make themselves all-powerful.
    func assignmentDenial(_ change: AccessChange) -> String? {
        guard change.kind == .memberAdded || change.kind == .assignmentsChanged,
            let org = change.org, let user = change.user, let baseSlug = baseOrg(change)
        else { return nil }
        let before = Set(base.members[baseSlug]?[user]?.assignments ?? [])
        let given = (head.members[org]?[user]?.assignments ?? []).filter {
            !before.contains($0) && !base.policy.requiredAssignments.contains($0)
        }
        for name in given {
            let missing = (base.policy.assignment(name)?.permissions ?? []).filter { !base.can(actor, $0, org: baseSlug) }
            if let first = missing.first {
                return "\(actor) may not give \(user) assignment \(name) in \(baseSlug): needs \(first), which \(actor) does not hold"
            }
        }
        return nil
    }

    /// Invitations go out in the name of whoever sends them, edits or extends them: each
    /// is an offer made anew.
    func inviterDenial(_ change: AccessChange) -> String? {
        guard [.invitationSent, .invitationChanged, .invitationExtended].contains(change.kind),
            let inviter = headInvitation(change)?.inviter, !isActor(headUser: inviter)
        else { return nil }
        return "\(actor) may not \(action(change)) in the name of \(inviter)"
    }

    /// The invitation of `change` as the head snapshot has it.
    func headInvitation(_ change: AccessChange) -> Invitation? {
        guard let org = change.org, let id = change.invitation else { return nil }
        return head.invitations[org]?[id]
    }

    // MARK: Names in the base snapshot

    /// The change's organization slug in the base snapshot (it may be renamed in head).
    func baseOrg(_ change: AccessChange) -> String? {
        if change.kind == .orgRenamed { return change.from }
        guard let slug = change.org else { return nil }
        guard let id = head.orgs[slug]?.id else { return base.orgs[slug] == nil ? nil : slug }
        return base.orgs.values.first { $0.id == id }?.slug
    }

    func baseProject(_ change: AccessChange) -> String? {
        change.kind == .projectRenamed ? change.from : change.project
    }

    /// What the change does, for the message: `add members to acme`.
    func action(_ change: AccessChange) -> String {
        let org = baseOrg(change) ?? change.org ?? ""
        let project = "\(org)/\(baseProject(change) ?? "")"
        let user = change.user ?? ""
        switch change.kind {
        case .userAdded: return "add user \(user)"
        case .userRemoved: return "remove user \(user)"
        case .userRenamed: return "rename user \(change.from ?? user)"
        case .userUpdated: return "change the name of \(user)"
        case .emailChanged: return "change the email of \(user)"
        case .siteAdminGranted: return "make \(user) a site admin"
        case .siteAdminRevoked: return "revoke site admin from \(user)"
        case .orgCreated: return "create organization \(org)"
        case .orgRenamed: return "rename \(org)"
        case .orgConverted: return "convert \(org)"
        case .orgUpdated: return "change the settings of \(org)"
        case .orgDeleted: return "delete \(org)"
        case .memberAdded: return "add members to \(org)"
        case .memberRemoved: return "remove \(user) (\(change.from ?? "")) from \(org)"
        case .roleChanged: return "change the role of \(user) in \(org) from \(change.from ?? "") to \(change.to ?? "")"
        case .assignmentsChanged: return "change the assignments of \(user) in \(org)"
        case .projectCreated: return "create projects in \(org)"
        case .projectRenamed, .projectUpdated: return "change project \(project)"
        case .projectDeleted: return "delete project \(project)"
        case .projectMemberAdded, .projectMemberRemoved, .projectRoleChanged: return "change the members of \(project)"
        case .invitationSent: return "invite \(change.email ?? "") to \(org) as \(change.to ?? "")"
        case .invitationExtended: return "extend invitations in \(org) (as \(headInvitation(change)?.role ?? ""))"
        case .invitationChanged: return "change invitations in \(org) (to \(change.to ?? ""))"
        case .invitationAccepted: return "accept invitation \(change.invitation ?? "")"
        case .invitationDeclined: return "decline invitation \(change.invitation ?? "")"
        case .invitationRevoked, .invitationDeleted: return "revoke invitations in \(org)"
        case .policyChanged: return "change the policy (tenancy.json)"
        }
    }
}

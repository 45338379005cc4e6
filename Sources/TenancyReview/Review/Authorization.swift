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

    public let actor: Handle
    let base: Snapshot
    let head: Snapshot
    let changes: [AccessChange]

    /// `changes` defaults to `AccessDiff(base:head:).changes`.
    public init(actor: Handle, base: Snapshot, head: Snapshot, changes: [AccessChange]? = nil) {
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
        if let org = change.org, createdOrg(org) != nil { return createdOrgDenial(org) }
        switch change {
        case .userAdded, .userRemoved, .siteAdminGranted, .siteAdminRevoked, .policyChanged:
            return "\(actor) may not \(action(change)): only a site admin may"
        case .emailChanged:
            return "\(actor) may not \(action(change)): only a site admin may (invitations are addressed to emails, which the registry cannot verify)"
        case .loginChanged:
            return "\(actor) may not \(action(change)): only a site admin may (a login says who opens a pull request and whom CODEOWNERS names, which the registry cannot verify)"
        case .userRenamed, .userUpdated:
            return "\(actor) may not \(action(change)): only the user themselves or a site admin may"
        case .invitationAccepted(_, _, let email, _, _), .invitationDeclined(_, _, let email, _, _):
            return "\(actor) may not \(action(change)): it is addressed to \(email)"
        default:
            return permissionDenial(change) ?? rankDenial(change) ?? assignmentDenial(change) ?? inviterDenial(change)
        }
    }

    // MARK: Self-service

    func isSelfService(_ change: AccessChange) -> Bool {
        switch change {
        case .userRenamed(_, let user, _), .userUpdated(let user, _): isActor(headUser: user)
        case .invitationAccepted(let org, let id, _, let user, _): isActor(headUser: user) && addressedToActor(org, id)
        case .invitationDeclined(let org, let id, _, _, _): addressedToActor(org, id)
        case .memberRemoved(_, let user, _, _), .projectMemberRemoved(_, _, let user, _, _): user == actor
        case .memberAdded(let org, let user, let role, _):
            acceptedByActor(user, org) { $0.role == role } && assignmentDenial(change) == nil
        case .projectMemberAdded(let org, let project, let user, let role, _):
            acceptedByActor(user, org) { $0.project == project && $0.projectRole == role }
        default: false
        }
    }

    /// The head user `handle` is the actor, renamed or not: user ids never change.
    func isActor(headUser handle: Handle?) -> Bool {
        guard let handle, let id = head.users[handle]?.id else { return false }
        return id == base.users[actor]?.id
    }

    /// Whether the invitation `id` of `org` (a head slug) is addressed to the actor, as it
    /// was sent (an answer that also edits the invitation does not readdress it).
    func addressedToActor(_ org: Slug, _ id: String) -> Bool {
        guard let email = sentInvitation(org, id)?.email else { return false }
        return email == base.users[actor]?.email
    }

    /// Whether `user` is the actor and a membership of theirs in `org` is what an
    /// invitation they accept in this change offers (`offers`, with the role and project
    /// role the inviter chose in the base snapshot; given assignments are checked like
    /// anyone's: the invitee holds nothing yet).
    func acceptedByActor(_ user: Handle, _ org: Slug, offers: (Invitation) -> Bool) -> Bool {
        guard user == actor else { return false }
        return changes.contains { accepted in
            guard case .invitationAccepted(org, let id, _, let invitee, _) = accepted, invitee == actor,
                let invitation = sentInvitation(org, id)
            else { return false }
            return offers(invitation)
        }
    }

    /// The invitation `id` of `org` (a head slug) as the base snapshot has it.
    func sentInvitation(_ org: Slug, _ id: String) -> Invitation? {
        guard let slug = baseSlug(of: org) else { return nil }
        return base.invitations[slug]?[id]
    }

    // MARK: Organizations created by the change

    /// The organization `slug` of the head snapshot when the change creates it.
    func createdOrg(_ slug: Slug) -> Organization? {
        guard let org = head.orgs[slug], !base.orgs.values.contains(where: { $0.id == org.id }) else { return nil }
        return org
    }

    /// Whoever may create an organization owns what is in it, as long as they are one of
    /// its owners.
    func createdOrgDenial(_ org: Slug) -> String? {
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
        let project = baseProject(change)
        let decision = base.access(
            actor, Permission(unchecked: change.permission), org: org, project: project)
        if decision.allowed { return nil }
        return "\(actor) may not \(action(change)): needs \(change.permission) (\(held(org: org, project: project)))"
    }

    /// What the actor holds there: `organization role member grants org:read, project:read`.
    func held(org: Slug, project: Slug?) -> String {
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
    func organizationRoles(_ change: AccessChange) -> (from: RoleName?, to: RoleName?) {
        switch change {
        case .memberAdded(_, _, let role, _), .invitationSent(_, _, _, _, let role, _),
            .invitationChanged(_, _, _, _, _, let role, _):
            (nil, role)
        case .invitationExtended(let org, let id, _, _, _, _): (nil, headInvitation(org, id)?.role)
        case .memberRemoved(_, _, let role, _): (role, nil)
        case .roleChanged(_, _, let from, let to, _): (from, to)
        default: (nil, nil)
        }
    }

    /// Lower index, higher rank; an unknown role ranks nowhere (the rules refuse it).
    func ranksAbove(_ role: RoleName, _ own: RoleName) -> Bool {
        guard let rank = base.policy.rank(ofOrganizationRole: role), let ownRank = base.policy.rank(ofOrganizationRole: own) else {
            return false
        }
        return rank < ownRank
    }

    /// An assignment may only be given by someone holding every permission it grants, or
    /// `Super Admin` (`*`) would let any member with `member:update` make themselves all-powerful.
    func assignmentDenial(_ change: AccessChange) -> String? {
        let (org, user): (Slug, Handle)
        switch change {
        case .memberAdded(let o, let u, _, _), .assignmentsChanged(let o, let u, _, _, _): (org, user) = (o, u)
        default: return nil
        }
        guard let slug = baseSlug(of: org) else { return nil }
        let before = Set(base.members[slug]?[user]?.assignments ?? [])
        let given = (head.members[org]?[user]?.assignments ?? []).filter {
            !before.contains($0) && !base.policy.requiredAssignments.contains($0)
        }
        for name in given {
            let missing = (base.policy.assignment(name)?.permissions ?? []).filter {
                !base.can(actor, Permission(unchecked: $0), org: slug)
            }
            if let first = missing.first {
                return "\(actor) may not give \(user) assignment \(name) in \(slug): needs \(first), which \(actor) does not hold"
            }
        }
        return nil
    }

    /// Invitations go out in the name of whoever sends them, edits or extends them: each
    /// is an offer made anew.
    func inviterDenial(_ change: AccessChange) -> String? {
        switch change {
        case .invitationSent(let org, let id, _, _, _, _), .invitationChanged(let org, let id, _, _, _, _, _),
            .invitationExtended(let org, let id, _, _, _, _):
            guard let inviter = headInvitation(org, id)?.inviter, !isActor(headUser: inviter) else { return nil }
            return "\(actor) may not \(action(change)) in the name of \(inviter)"
        default:
            return nil
        }
    }

    /// The invitation `id` of `org` as the head snapshot has it.
    func headInvitation(_ org: Slug, _ id: String) -> Invitation? {
        head.invitations[org]?[id]
    }

    // MARK: Names in the base snapshot

    /// The change's organization slug in the base snapshot (it may be renamed in head).
    func baseOrg(_ change: AccessChange) -> Slug? {
        if case .orgRenamed(_, let from, _, _) = change { return from }
        return change.org.flatMap(baseSlug(of:))
    }

    /// The slug in the base snapshot of the organization `slug` of the head snapshot.
    func baseSlug(of slug: Slug) -> Slug? {
        guard let id = head.orgs[slug]?.id else { return base.orgs[slug] == nil ? nil : slug }
        // When ids repeat, the same slug first, then the smallest (as `Matching` pairs them).
        if base.orgs[slug]?.id == id { return slug }
        return base.orgs.filter { $0.value.id == id }.keys.min()
    }

    /// The project a change to an existing project is about, for its permission there:
    /// its slug in the base snapshot when renamed.
    func baseProject(_ change: AccessChange) -> Slug? {
        switch change {
        case .projectRenamed(_, _, let from, _, _): from
        case .projectUpdated(_, let project, _), .projectDeleted(_, let project, _),
            .projectMemberAdded(_, let project, _, _, _), .projectMemberRemoved(_, let project, _, _, _),
            .projectRoleChanged(_, let project, _, _, _, _):
            project
        default: nil
        }
    }

    /// What the change does, for the message: `add members to acme`.
    func action(_ change: AccessChange) -> String {
        let org = baseOrg(change)?.rawValue ?? change.org?.rawValue ?? ""
        let project = "\(org)/\(baseProject(change)?.rawValue ?? "")"
        return switch change {
        case .userAdded(let user, _): "add user \(user)"
        case .userRemoved(let user, _): "remove user \(user)"
        case .userRenamed(let from, _, _): "rename user \(from)"
        case .userUpdated(let user, _): "change the name of \(user)"
        case .emailChanged(let user, _, _, _): "change the email of \(user)"
        case .loginChanged(let user, let forge, _, _, _): "change the \(forge) login of \(user)"
        case .siteAdminGranted(let user, _): "make \(user) a site admin"
        case .siteAdminRevoked(let user, _): "revoke site admin from \(user)"
        case .orgCreated: "create organization \(org)"
        case .orgRenamed: "rename \(org)"
        case .orgConverted: "convert \(org)"
        case .orgUpdated: "change the settings of \(org)"
        case .orgDeleted: "delete \(org)"
        case .memberAdded: "add members to \(org)"
        case .memberRemoved(_, let user, let role, _): "remove \(user) (\(role)) from \(org)"
        case .roleChanged(_, let user, let from, let to, _): "change the role of \(user) in \(org) from \(from) to \(to)"
        case .assignmentsChanged(_, let user, _, _, _): "change the assignments of \(user) in \(org)"
        case .projectCreated: "create projects in \(org)"
        case .projectRenamed, .projectUpdated: "change project \(project)"
        case .projectDeleted: "delete project \(project)"
        case .projectMemberAdded, .projectMemberRemoved, .projectRoleChanged: "change the members of \(project)"
        case .invitationSent(_, _, let email, _, let role, _): "invite \(email) to \(org) as \(role)"
        case .invitationExtended(let headOrg, let id, _, _, _, _):
            "extend invitations in \(org) (as \(headInvitation(headOrg, id)?.role.rawValue ?? ""))"
        case .invitationChanged(_, _, _, _, _, let to, _): "change invitations in \(org) (to \(to))"
        case .invitationAccepted(_, let id, _, _, _): "accept invitation \(id)"
        case .invitationDeclined(_, let id, _, _, _): "decline invitation \(id)"
        case .invitationRevoked, .invitationDeleted: "revoke invitations in \(org)"
        case .policyChanged: "change the policy (tenancy.json)"
        }
    }
}

/// `invite` and `invitation accept|decline|revoke|prune`.
public enum InvitationOperations {
    public struct Invite: Sendable {
        public var org: Slug
        public var email: String
        public var role: RoleName
        public var inviter: Handle
        public var project: Slug?
        public var projectRole: RoleName?
        /// Seconds; nil for the policy's `expiresAfterDays`.
        public var expiresIn: Int64?
        /// Send the pending invitation to this email again, with these terms, instead of
        /// adding one.
        public var resend = false

        public init(org: Slug, email: String, role: RoleName, inviter: Handle) {
            (self.org, self.email, self.role, self.inviter) = (org, email, role, inviter)
        }
    }

    /// A new pending invitation, or with `resend` the pending one sent again: the same id
    /// with every term of the request (role, inviter, project and project role, expiry),
    /// so that it is authorized as the offer it now makes. An option of the request is
    /// never ignored: left out, a project is dropped as it would be from a new invitation.
    public static func invite(_ s: Snapshot, now: Timestamp, _ request: Invite) throws -> Changeset {
        _ = try s.requireOrg(request.org)
        _ = try s.requireUser(request.inviter)
        try s.requireOrganizationRole(request.role)
        if let project = request.project { _ = try s.requireProject(request.org, project) }
        if let role = request.projectRole { try s.requireProjectRole(role) }
        let email = Email.normalized(request.email)
        let expiresAt = Timestamp(seconds: now.seconds + (request.expiresIn ?? Int64(s.policy.invitations.expiresAfterDays) * 86_400))
        let pending = (s.invitations[request.org] ?? [:]).values.first { $0.status == .pending && $0.email == email }
        if request.resend {
            guard var invitation = pending else { throw OperationError.noPendingInvitation(email: email, org: request.org.rawValue) }
            invitation.role = request.role
            invitation.inviter = request.inviter
            invitation.project = request.project
            invitation.projectRole = request.projectRole
            invitation.expiresAt = expiresAt
            return Changeset([.put(.invitation(org: request.org, id: invitation.id), invitation.json)])
        }
        if let pending {
            throw OperationError.invitationPending(email: email, org: request.org.rawValue, id: pending.id)
        }
        let invitation = Invitation(
            org: request.org, id: newID(), email: email, role: request.role, inviter: request.inviter, status: .pending,
            createdAt: now, expiresAt: expiresAt, project: request.project, projectRole: request.projectRole,
            respondedAt: nil, acceptedBy: nil, origin: Origin(path: ""))
        return Changeset([.put(.invitation(org: request.org, id: invitation.id), invitation.json)])
    }


    /// `7d` or `12h`, in seconds; nil when it is neither or longer than `Policy.Invitations.longestDays`.
    public static func duration(_ text: String) -> Int64? {
        guard let unit = text.last, let count = Int64(text.dropLast()), count > 0 else { return nil }
        switch unit {
        case "d" where count <= Policy.Invitations.longestDays: return count * 86_400
        case "h" where count <= Policy.Invitations.longestDays * 24: return count * 3_600
        default: return nil
        }
    }

    /// Makes the invitee a member (and a project member when the invitation names a
    /// project) and marks the invitation accepted. Accepting again changes nothing.
    /// `id` may be a unique prefix of the invitation's id (`Snapshot.requireInvitation`).
    public static func accept(_ s: Snapshot, now: Timestamp, org: Slug, id: String, user handle: Handle) throws -> Changeset {
        var invitation = try addressed(s, org: org, id: id, to: handle)
        let id = invitation.id
        if invitation.status == .accepted && invitation.acceptedBy == handle { return Changeset() }
        try requireOpen(invitation, now: now)
        var changes = Changeset()
        if s.members[org]?[handle] == nil {
            let member = Membership(
                org: org, user: handle, role: invitation.role, assignments: s.assignments([], role: invitation.role),
                createdAt: now, updatedAt: nil, origin: Origin(path: ""))
            changes.put(.member(org: org, user: handle), member.json)
        }
        if let project = invitation.project, let role = invitation.projectRole,
            !s.present.contains(.projectMember(org: org, project: project, user: handle))
        {
            let member = ProjectMembership(
                org: org, project: project, user: handle, role: role, createdAt: now, updatedAt: nil, origin: Origin(path: ""))
            changes.put(.projectMember(org: org, project: project, user: handle), member.json)
        }
        invitation.status = .accepted
        invitation.respondedAt = now
        invitation.acceptedBy = handle
        changes.put(.invitation(org: org, id: id), invitation.json)
        return changes
    }

    /// Declines as `user` (when given, the invitation must be addressed to them, as for
    /// `accept`). Declining again changes nothing.
    public static func decline(_ s: Snapshot, now: Timestamp, org: Slug, id: String, user: Handle? = nil) throws -> Changeset {
        var invitation = try user.map { try addressed(s, org: org, id: id, to: $0) } ?? s.requireInvitation(org, id)
        if invitation.status == .declined { return Changeset() }
        try requireOpen(invitation, now: now)
        invitation.status = .declined
        invitation.respondedAt = now
        return Changeset([.put(.invitation(org: org, id: invitation.id), invitation.json)])
    }

    /// Revokes a pending invitation, expired or not. Revoking again changes nothing.
    public static func revoke(_ s: Snapshot, now: Timestamp, org: Slug, id: String) throws -> Changeset {
        var invitation = try s.requireInvitation(org, id)
        if invitation.status == .revoked { return Changeset() }
        guard invitation.status == .pending else { throw notPending(invitation) }
        invitation.status = .revoked
        invitation.respondedAt = now
        return Changeset([.put(.invitation(org: org, id: invitation.id), invitation.json)])
    }

    /// The invitation, which must be addressed to the user `handle`.
    private static func addressed(_ s: Snapshot, org: Slug, id: String, to handle: Handle) throws -> Invitation {
        let invitation = try s.requireInvitation(org, id)
        let user = try s.requireUser(handle)
        guard invitation.email == user.email else {
            throw OperationError.addressedToSomeoneElse(
                invitation: invitation.id, email: invitation.email, user: handle.rawValue, userEmail: user.email)
        }
        return invitation
    }

    /// Deletes answered and expired invitations; with `before`, only those answered or
    /// expired before then.
    public static func prune(_ s: Snapshot, now: Timestamp, before: Timestamp?) -> Changeset {
        var changes = Changeset()
        let invitations = s.invitations.keys.sorted().flatMap(s.invitations(in:))
        for invitation in invitations where invitation.status != .pending || invitation.isExpired(at: now) {
            let closedAt = invitation.respondedAt ?? invitation.expiresAt
            if let before, closedAt >= before { continue }
            changes.delete(.invitation(org: invitation.org, id: invitation.id))
        }
        return changes
    }

    /// Only a pending invitation that has not expired can be answered.
    private static func requireOpen(_ invitation: Invitation, now: Timestamp) throws {
        guard invitation.status == .pending else { throw notPending(invitation) }
        if invitation.isExpired(at: now) {
            throw OperationError.invitationExpired(invitation.id, at: invitation.expiresAt)
        }
    }

    private static func notPending(_ invitation: Invitation) -> OperationError {
        .invitationNotPending(invitation.id, status: invitation.status)
    }
}

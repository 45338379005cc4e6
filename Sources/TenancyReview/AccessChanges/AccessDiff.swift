import TenancyCore

/// The access changes between a base and a head snapshot: pure values, no I/O. (The
/// transition rules judge them: `TransitionRule`, in the review.)
public struct AccessDiff: Sendable {
    /// Users first, then organizations by slug; within one organization: the
    /// organization itself, members, projects, project members, invitations.
    public var changes: [AccessChange]
    /// Which base entity is which head entity (by id, so renames match).
    let matching: Matching

    public init(base: Snapshot, head: Snapshot) {
        let matching = Matching(base: base, head: head)
        var builder = ChangeBuilder(base: base, head: head, matching: matching)
        builder.comparePolicy()
        builder.compareUsers()
        builder.compareOrgs()
        changes = builder.changes
        self.matching = matching
    }
}

/// Walks both snapshots once, appending changes in reading order.
private struct ChangeBuilder {
    let base: Snapshot
    let head: Snapshot
    let matching: Matching
    var changes: [AccessChange] = []

    /// A changed policy changes what every role grants: one change, needing a site admin.
    mutating func comparePolicy() {
        if base.policy.content != head.policy.content {
            changes.append(AccessChange(.policyChanged, path: EntityPath.policy.path))
        }
    }

    mutating func compareUsers() {
        let matched = Set(matching.users.values)
        for handle in head.userHandles where !matched.contains(handle) {
            changes.append(AccessChange(.userAdded, user: handle, path: EntityPath.user(handle).path))
        }
        for handle in base.userHandles {
            guard let headHandle = matching.users[handle] else {
                changes.append(AccessChange(.userRemoved, user: handle, path: EntityPath.user(handle).path))
                continue
            }
            let path = EntityPath.user(headHandle).path
            if headHandle != handle {
                changes.append(AccessChange(.userRenamed, user: headHandle, from: handle, to: headHandle, path: path))
            }
            guard let was = base.users[handle], let now = head.users[headHandle] else { continue }
            // A rename already needs user:update and names the file: one change is enough.
            if headHandle == handle, was.name != now.name {
                changes.append(AccessChange(.userUpdated, user: headHandle, path: path))
            }
            // Renamed or not: the email is what invitations are addressed to.
            if was.email != now.email {
                changes.append(AccessChange(.emailChanged, user: headHandle, from: was.email, to: now.email, path: path))
            }
            if (was.siteAdmin == true) != (now.siteAdmin == true) {
                changes.append(AccessChange(now.siteAdmin == true ? .siteAdminGranted : .siteAdminRevoked, user: headHandle, path: path))
            }
        }
        // The policy change, if any, has no user and stays first.
        changes.sort { ($0.user ?? "", $0.kind.rawValue) < ($1.user ?? "", $1.kind.rawValue) }
    }

    /// Each organization of either snapshot, by its head slug (base slug when deleted).
    mutating func compareOrgs() {
        var pairs: [(slug: String, base: String?, head: String?)] = matching.orgs.map { ($1, $0, $1) }
        let matched = Set(matching.orgs.values)
        pairs += base.orgSlugs.filter { matching.orgs[$0] == nil }.map { ($0, $0, nil) }
        pairs += head.orgSlugs.filter { !matched.contains($0) }.map { ($0, nil, $0) }
        for pair in pairs.sorted(by: { $0.slug < $1.slug }) {
            compareOrg(pair.slug, base: pair.base, head: pair.head)
        }
    }

    private mutating func compareOrg(_ slug: String, base baseSlug: String?, head headSlug: String?) {
        let was = baseSlug.flatMap { base.orgs[$0] }
        let now = headSlug.flatMap { head.orgs[$0] }
        switch (was, now) {
        case (nil, let now?):
            changes.append(AccessChange(.orgCreated, org: slug, to: now.kind.rawValue, path: now.origin.path))
        case (let was?, nil):
            changes.append(AccessChange(.orgDeleted, org: slug, from: was.kind.rawValue, path: was.origin.path))
        case (let was?, let now?):
            if was.slug != now.slug {
                changes.append(AccessChange(.orgRenamed, org: slug, from: was.slug, to: now.slug, path: now.origin.path))
            }
            if was.kind == .personal && now.kind == .team {
                changes.append(AccessChange(.orgConverted, org: slug, from: "personal", to: "team", path: now.origin.path))
            }
            if was.slug == now.slug, (was.name, was.logo, was.metadata) != (now.name, now.logo, now.metadata) {
                changes.append(AccessChange(.orgUpdated, org: slug, path: now.origin.path))
            }
        case (nil, nil): break
        }
        compareMembers(slug, base: baseSlug, head: headSlug)
        compareProjects(slug, base: baseSlug, head: headSlug)
        compareInvitations(slug, base: baseSlug, head: headSlug)
    }

    private mutating func compareMembers(_ slug: String, base baseSlug: String?, head headSlug: String?) {
        var before: [String: Membership] = [:]
        for member in baseSlug.map(base.memberships(in:)) ?? [] { before[matching.user(member.user)] = member }
        let after = headSlug.flatMap { head.members[$0] } ?? [:]
        for handle in Set(before.keys).union(after.keys).sorted() {
            switch (before[handle], after[handle]) {
            case (nil, let now?):
                changes.append(AccessChange(.memberAdded, org: slug, user: handle, to: now.role, path: now.origin.path))
            case (let was?, nil):
                changes.append(AccessChange(.memberRemoved, org: slug, user: handle, from: was.role, path: was.origin.path))
            case (let was?, let now?):
                if was.role != now.role {
                    changes.append(AccessChange(.roleChanged, org: slug, user: handle, from: was.role, to: now.role, path: now.origin.path))
                }
                if was.assignments.sorted() != now.assignments.sorted() {
                    changes.append(AccessChange(
                        .assignmentsChanged, org: slug, user: handle, from: listed(was.assignments),
                        to: listed(now.assignments), path: now.origin.path))
                }
            case (nil, nil): break
            }
        }
    }

    private mutating func compareProjects(_ slug: String, base baseSlug: String?, head headSlug: String?) {
        let before = baseSlug.flatMap { base.projects[$0] } ?? [:]
        let after = headSlug.flatMap { head.projects[$0] } ?? [:]
        var pairs: [(base: String?, head: String?)] = []
        var matched = Set<String>()
        for project in before.keys.sorted() {
            let headProject = baseSlug.flatMap { matching.projects[Snapshot.ProjectKey(org: $0, project: project)] }
            pairs.append((project, headProject))
            if let headProject { matched.insert(headProject) }
        }
        pairs += after.keys.sorted().filter { !matched.contains($0) }.map { (nil, $0) }
        for pair in pairs {
            let name = pair.head ?? pair.base!
            switch (pair.base.flatMap { before[$0] }, pair.head.flatMap { after[$0] }) {
            case (nil, let now?):
                changes.append(AccessChange(.projectCreated, org: slug, project: name, path: now.origin.path))
            case (let was?, nil):
                changes.append(AccessChange(.projectDeleted, org: slug, project: name, path: was.origin.path))
            case (let was?, let now?):
                if was.slug != now.slug {
                    changes.append(AccessChange(.projectRenamed, org: slug, project: name, from: was.slug, to: now.slug, path: now.origin.path))
                }
                if was.name != now.name {
                    changes.append(AccessChange(.projectUpdated, org: slug, project: name, path: now.origin.path))
                }
            default: break
            }
            compareProjectMembers(
                slug, name, base: key(baseSlug, pair.base), head: key(headSlug, pair.head))
        }
    }

    private func key(_ org: String?, _ project: String?) -> Snapshot.ProjectKey? {
        guard let org, let project else { return nil }
        return Snapshot.ProjectKey(org: org, project: project)
    }

    private mutating func compareProjectMembers(
        _ slug: String, _ project: String, base baseKey: Snapshot.ProjectKey?, head headKey: Snapshot.ProjectKey?
    ) {
        var before: [String: ProjectMembership] = [:]
        for member in (baseKey.flatMap { base.projectMembers[$0] } ?? [:]).values {
            before[matching.user(member.user)] = member
        }
        let after = headKey.flatMap { head.projectMembers[$0] } ?? [:]
        for handle in Set(before.keys).union(after.keys).sorted() {
            switch (before[handle], after[handle]) {
            case (nil, let now?):
                changes.append(AccessChange(.projectMemberAdded, org: slug, project: project, user: handle, to: now.role, path: now.origin.path))
            case (let was?, nil):
                changes.append(AccessChange(.projectMemberRemoved, org: slug, project: project, user: handle, from: was.role, path: was.origin.path))
            case (let was?, let now?) where was.role != now.role:
                changes.append(AccessChange(.projectRoleChanged, org: slug, project: project, user: handle, from: was.role, to: now.role, path: now.origin.path))
            default: break
            }
        }
    }

    private mutating func compareInvitations(_ slug: String, base baseSlug: String?, head headSlug: String?) {
        let before = baseSlug.flatMap { base.invitations[$0] } ?? [:]
        let after = headSlug.flatMap { head.invitations[$0] } ?? [:]
        for id in Set(before.keys).union(after.keys).sorted() {
            switch (before[id], after[id]) {
            case (nil, let now?):
                changes.append(AccessChange(.invitationSent, org: slug, project: now.project, invitation: id, email: now.email, to: now.role, path: now.origin.path))
            case (let was?, nil):
                changes.append(AccessChange(.invitationDeleted, org: slug, invitation: id, email: was.email, from: was.status.rawValue, path: was.origin.path))
            case (let was?, let now?) where was.status == .pending && now.status != .pending:
                changes.append(answered(now, slug))
            case (let was?, let now?) where was.status == .pending && now.status == .pending && was.terms != now.terms:
                changes.append(AccessChange(
                    .invitationChanged, org: slug, project: now.project, invitation: id, email: now.email,
                    from: was.role, to: now.role, path: now.origin.path))
            case (let was?, let now?) where was.status == .pending && was.expiresAt != now.expiresAt:
                changes.append(AccessChange(
                    .invitationExtended, org: slug, invitation: now.id, email: now.email, from: was.expiresAt.description,
                    to: now.expiresAt.description, path: now.origin.path))
            default: break
            }
        }
    }

    private func answered(_ invitation: Invitation, _ slug: String) -> AccessChange {
        let kind: AccessChange.Kind =
            switch invitation.status {
            case .accepted: .invitationAccepted
            case .declined: .invitationDeclined
            case .revoked, .pending: .invitationRevoked
            }
        return AccessChange(
            kind, org: slug, user: invitation.acceptedBy, invitation: invitation.id,
            email: invitation.email, from: "pending", to: invitation.status.rawValue,
            path: invitation.origin.path)
    }
}

extension Invitation {
    /// What the invitee is offered, and by whom: an edit of any of it is a new offer.
    fileprivate var terms: [String?] { [email, role, inviter, project, projectRole] }
}

extension Policy {
    /// What the policy says, without where in `tenancy.json` it says it.
    fileprivate var content: Policy {
        var policy = self
        policy.origin = Origin(path: origin.path)
        policy.tests = tests.map { test in
            var test = test
            test.position = .start
            return test
        }
        return policy
    }
}

/// Assignments as a reviewer reads them: `developer, auditor`, or `none`.
private func listed(_ names: [String]) -> String {
    names.isEmpty ? "none" : names.joined(separator: ", ")
}

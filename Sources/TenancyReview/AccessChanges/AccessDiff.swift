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
            changes.append(.policyChanged(path: EntityPath.policy.path))
        }
    }

    /// Each user's changes, by their handle in the head snapshot (in the base one when
    /// removed), then by kind.
    mutating func compareUsers() {
        var found: [(user: Handle, change: AccessChange)] = []
        let matched = Set(matching.users.values)
        for handle in head.userHandles where !matched.contains(handle) {
            found.append((handle, .userAdded(user: handle, path: EntityPath.user(handle).path)))
        }
        for handle in base.userHandles {
            guard let headHandle = matching.users[handle] else {
                found.append((handle, .userRemoved(user: handle, path: EntityPath.user(handle).path)))
                continue
            }
            let path = EntityPath.user(headHandle).path
            if headHandle != handle {
                found.append((headHandle, .userRenamed(from: handle, to: headHandle, path: path)))
            }
            guard let was = base.users[handle], let now = head.users[headHandle] else { continue }
            // A rename already needs user:update and names the file: one change is enough.
            if headHandle == handle, was.name != now.name {
                found.append((headHandle, .userUpdated(user: headHandle, path: path)))
            }
            // Renamed or not: the email is what invitations are addressed to.
            if was.email != now.email {
                found.append((headHandle, .emailChanged(user: headHandle, from: was.email, to: now.email, path: path)))
            }
            for forge in Forge.allCases where was.logins[forge] != now.logins[forge] {
                found.append((headHandle, .loginChanged(
                    user: headHandle, forge: forge, from: was.logins[forge], to: now.logins[forge], path: path)))
            }
            if (was.siteAdmin == true) != (now.siteAdmin == true) {
                let change: AccessChange =
                    now.siteAdmin == true
                    ? .siteAdminGranted(user: headHandle, path: path) : .siteAdminRevoked(user: headHandle, path: path)
                found.append((headHandle, change))
            }
        }
        // After the policy change, if any. Keys made once: `kind` is not stored.
        let keyed = found.map { (key: ($0.user, $0.change.kind), change: $0.change) }
        changes += keyed.sorted { $0.key < $1.key }.map(\.change)
    }

    /// Each organization of either snapshot, by its head slug (base slug when deleted).
    mutating func compareOrgs() {
        var pairs: [(slug: Slug, base: Slug?, head: Slug?)] = matching.orgs.map { ($1, $0, $1) }
        let matched = Set(matching.orgs.values)
        pairs += base.orgSlugs.filter { matching.orgs[$0] == nil }.map { ($0, $0, nil) }
        pairs += head.orgSlugs.filter { !matched.contains($0) }.map { ($0, nil, $0) }
        for pair in pairs.sorted(by: { $0.slug < $1.slug }) {
            compareOrg(pair.slug, base: pair.base, head: pair.head)
        }
    }

    private mutating func compareOrg(_ slug: Slug, base baseSlug: Slug?, head headSlug: Slug?) {
        let was = baseSlug.flatMap { base.orgs[$0] }
        let now = headSlug.flatMap { head.orgs[$0] }
        switch (was, now) {
        case (nil, let now?):
            changes.append(.orgCreated(org: slug, kind: now.kind, path: now.origin.path))
        case (let was?, nil):
            changes.append(.orgDeleted(org: slug, kind: was.kind, path: was.origin.path))
        case (let was?, let now?):
            if was.slug != now.slug {
                changes.append(.orgRenamed(org: slug, from: was.slug, to: now.slug, path: now.origin.path))
            }
            if was.kind == .personal && now.kind == .team {
                changes.append(.orgConverted(org: slug, path: now.origin.path))
            }
            if was.slug == now.slug, (was.name, was.logo, was.metadata) != (now.name, now.logo, now.metadata) {
                changes.append(.orgUpdated(org: slug, path: now.origin.path))
            }
        case (nil, nil): break
        }
        if let baseSlug, baseSlug == headSlug, !matching.renamesUsers, holdsTheSame(baseSlug) { return }
        compareMembers(slug, base: baseSlug, head: headSlug)
        compareProjects(slug, base: baseSlug, head: headSlug)
        compareInvitations(slug, base: baseSlug, head: headSlug)
    }

    /// Whether the organization's members, projects, project members and invitations are
    /// the same in both snapshots. Most are between two commits (`tenancy log`), whose
    /// snapshots share the storage of what did not change, so this is cheap where it
    /// matters and spares comparing them member by member.
    private func holdsTheSame(_ slug: Slug) -> Bool {
        guard base.members[slug] == head.members[slug], base.projects[slug] == head.projects[slug],
            base.invitations[slug] == head.invitations[slug]
        else { return false }
        return (base.projects[slug] ?? [:]).keys.allSatisfy { project in
            let key = Snapshot.ProjectKey(org: slug, project: project)
            return base.projectMembers[key] == head.projectMembers[key]
        }
    }

    private mutating func compareMembers(_ slug: Slug, base baseSlug: Slug?, head headSlug: Slug?) {
        var before: [Handle: Membership] = [:]
        for member in baseSlug.map(base.memberships(in:)) ?? [] { before[matching.user(member.user)] = member }
        let after = headSlug.flatMap { head.members[$0] } ?? [:]
        for handle in Set(before.keys).union(after.keys).sorted() {
            switch (before[handle], after[handle]) {
            case (nil, let now?):
                changes.append(.memberAdded(org: slug, user: handle, role: now.role, path: now.origin.path))
            case (let was?, nil):
                changes.append(.memberRemoved(org: slug, user: handle, role: was.role, path: was.origin.path))
            case (let was?, let now?):
                if was.role != now.role {
                    changes.append(.roleChanged(org: slug, user: handle, from: was.role, to: now.role, path: now.origin.path))
                }
                if was.assignments.sorted() != now.assignments.sorted() {
                    changes.append(.assignmentsChanged(
                        org: slug, user: handle, from: was.assignments, to: now.assignments, path: now.origin.path))
                }
            case (nil, nil): break
            }
        }
    }

    private mutating func compareProjects(_ slug: Slug, base baseSlug: Slug?, head headSlug: Slug?) {
        let before = baseSlug.flatMap { base.projects[$0] } ?? [:]
        let after = headSlug.flatMap { head.projects[$0] } ?? [:]
        var pairs: [(base: Slug?, head: Slug?)] = []
        var matched = Set<Slug>()
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
                changes.append(.projectCreated(org: slug, project: name, path: now.origin.path))
            case (let was?, nil):
                changes.append(.projectDeleted(org: slug, project: name, path: was.origin.path))
            case (let was?, let now?):
                if was.slug != now.slug {
                    changes.append(.projectRenamed(
                        org: slug, project: name, from: was.slug, to: now.slug, path: now.origin.path))
                }
                if was.name != now.name {
                    changes.append(.projectUpdated(org: slug, project: name, path: now.origin.path))
                }
            default: break
            }
            compareProjectMembers(
                slug, name, base: key(baseSlug, pair.base), head: key(headSlug, pair.head))
        }
    }

    private func key(_ org: Slug?, _ project: Slug?) -> Snapshot.ProjectKey? {
        guard let org, let project else { return nil }
        return Snapshot.ProjectKey(org: org, project: project)
    }

    private mutating func compareProjectMembers(
        _ slug: Slug, _ project: Slug, base baseKey: Snapshot.ProjectKey?, head headKey: Snapshot.ProjectKey?
    ) {
        var before: [Handle: ProjectMembership] = [:]
        // In order, as members are: when two base users became one head user (repeated
        // ids), the last one stands, whatever the order of a dictionary.
        for member in baseKey.map(base.projectMemberships(in:)) ?? [] { before[matching.user(member.user)] = member }
        let after = headKey.flatMap { head.projectMembers[$0] } ?? [:]
        for handle in Set(before.keys).union(after.keys).sorted() {
            switch (before[handle], after[handle]) {
            case (nil, let now?):
                changes.append(.projectMemberAdded(
                    org: slug, project: project, user: handle, role: now.role, path: now.origin.path))
            case (let was?, nil):
                changes.append(.projectMemberRemoved(
                    org: slug, project: project, user: handle, role: was.role, path: was.origin.path))
            case (let was?, let now?) where was.role != now.role:
                changes.append(.projectRoleChanged(
                    org: slug, project: project, user: handle, from: was.role, to: now.role, path: now.origin.path))
            default: break
            }
        }
    }

    private mutating func compareInvitations(_ slug: Slug, base baseSlug: Slug?, head headSlug: Slug?) {
        let before = baseSlug.flatMap { base.invitations[$0] } ?? [:]
        let after = headSlug.flatMap { head.invitations[$0] } ?? [:]
        for id in Set(before.keys).union(after.keys).sorted() {
            switch (before[id], after[id]) {
            case (nil, let now?):
                changes.append(.invitationSent(
                    org: slug, invitation: id, email: now.email, project: now.project, role: now.role, path: now.origin.path))
            case (let was?, nil):
                changes.append(.invitationDeleted(
                    org: slug, invitation: id, email: was.email, status: was.status, path: was.origin.path))
            case (let was?, let now?) where was.status == .pending && now.status != .pending:
                changes.append(answered(now, slug))
            case (let was?, let now?) where was.status == .pending && now.status == .pending && was.terms != now.terms:
                changes.append(.invitationChanged(
                    org: slug, invitation: id, email: now.email, project: now.project, from: was.role, to: now.role,
                    path: now.origin.path))
            case (let was?, let now?) where was.status == .pending && was.expiresAt != now.expiresAt:
                changes.append(.invitationExtended(
                    org: slug, invitation: now.id, email: now.email, from: was.expiresAt, to: now.expiresAt,
                    path: now.origin.path))
            default: break
            }
        }
    }

    /// An invitation that was pending and is not any more.
    private func answered(_ invitation: Invitation, _ slug: Slug) -> AccessChange {
        let (id, email, acceptedBy, path) = (invitation.id, invitation.email, invitation.acceptedBy, invitation.origin.path)
        return switch invitation.status {
        case .accepted: .invitationAccepted(org: slug, invitation: id, email: email, acceptedBy: acceptedBy, path: path)
        case .declined: .invitationDeclined(org: slug, invitation: id, email: email, acceptedBy: acceptedBy, path: path)
        case .revoked, .pending: .invitationRevoked(org: slug, invitation: id, email: email, acceptedBy: acceptedBy, path: path)
        }
    }
}

extension Invitation {
    /// What the invitee is offered, and by whom: an edit of any of it is a new offer.
    fileprivate var terms: [String?] { [email, role.rawValue, inviter.rawValue, project?.rawValue, projectRole?.rawValue] }
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

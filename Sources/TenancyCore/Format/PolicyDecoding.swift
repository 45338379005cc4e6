/// Decodes `tenancy.json`. Its problems are reported under the `policy` rule id, and the
/// defaults of docs/FORMAT.md fill every absent key.
enum PolicyDecoding {
    static func policy(_ node: JSONNode, _ c: FileContext) -> Policy? {
        guard let d = ObjectDecoder<Policy.Key>(node, context: c) else { return nil }
        var policy = Policy()
        if let format = d.int(.format), format != 1 {
            c.error("unsupported format \(format); this tenancy reads format 1", at: d.node(.format, required: false)!.position)
        }
        if let roles = roles(d, .organizationRoles, allowOwner: true) { policy.organizationRoles = roles }
        if let roles = roles(d, .projectRoles, allowOwner: false) { policy.projectRoles = roles }
        if let list = d.objects(.assignments, Policy.Assignment.Key.self) {
            policy.assignments = list.compactMap(assignment)
        }
        if let patterns = d.strings(.ignore, required: false, IgnoredEntries.problem(with:)) { policy.ignore = patterns }
        invitations(d, &policy)
        limits(d, &policy)
        personal(d, &policy)
        if let slugs = d.strings(.reservedSlugs, required: false, Name.problem(with:)) {
            policy.reservedSlugs = slugs.map(Slug.init(unchecked:))  // `strings` has checked the grammar
        }
        if let value = d.bool(.usersMayCreateOrganizations, required: false) { policy.usersMayCreateOrganizations = value }
        if let list = d.objects(.tests, Policy.AccessTest.Key.self) {
            policy.tests = list.compactMap(accessTest)
        }
        review(d, &policy)
        checkRoles(policy, c)
        policy.origin = c.origin
        return c.failed ? nil : policy
    }

    /// The keys of a project role: no `owner`.
    private static let projectRoleKeys = Policy.Role.Key.names.filter { $0 != Policy.Role.Key.owner.rawValue }

    private static func roles(_ d: ObjectDecoder<Policy.Key>, _ key: Policy.Key, allowOwner: Bool) -> [Policy.Role]? {
        let allowed = allowOwner ? Policy.Role.Key.names : projectRoleKeys
        guard let list = d.objects(key, Policy.Role.Key.self, allowed: allowed) else { return nil }
        return list.compactMap { r in
            guard let name = r.name(.name), let permissions = r.strings(.permissions) else { return nil }
            return Policy.Role(name: RoleName(unchecked: name), owner: r.bool(.owner, required: false) ?? false, permissions: permissions)
        }
    }

    private static func assignment(_ a: ObjectDecoder<Policy.Assignment.Key>) -> Policy.Assignment? {
        guard let name = a.text(.name), let permissions = a.strings(.permissions) else { return nil }
        return Policy.Assignment(name: name, permissions: permissions, required: a.bool(.required, required: false) ?? false)
    }

    private static func invitations(_ d: ObjectDecoder<Policy.Key>, _ policy: inout Policy) {
        guard let o = d.object(.invitations, Policy.Invitations.Key.self) else { return }
        let longest = Int(Policy.Invitations.longestDays)
        if let days = o.int(.expiresAfterDays, required: false, minimum: 1, maximum: longest) {
            policy.invitations.expiresAfterDays = days
        }
        if let max = o.nullableInt(.maxPendingPerOrganization) { policy.invitations.maxPendingPerOrganization = max }
    }

    private static func limits(_ d: ObjectDecoder<Policy.Key>, _ policy: inout Policy) {
        guard let o = d.object(.limits, Policy.Limits.Key.self) else { return }
        if let n = o.nullableInt(.membersPerOrganization, minimum: 1) { policy.limits.membersPerOrganization = n }
        if let n = o.int(.minOwnersPerOrganization, required: false, minimum: 1) { policy.limits.minOwnersPerOrganization = n }
        if let n = o.nullableInt(.organizationsPerUser, minimum: 1) { policy.limits.organizationsPerUser = n }
    }

    private static func personal(_ d: ObjectDecoder<Policy.Key>, _ policy: inout Policy) {
        guard let o = d.object(.personalOrganizations, Policy.PersonalOrganizations.Key.self) else { return }
        if let v = o.bool(.allowMembers, required: false) { policy.personalOrganizations.allowMembers = v }
        if let v = o.bool(.convertible, required: false) { policy.personalOrganizations.convertible = v }
        if let v = o.bool(.deletable, required: false) { policy.personalOrganizations.deletable = v }
        if let v = o.bool(.required, required: false) { policy.personalOrganizations.required = v }
    }

    private static func review(_ d: ObjectDecoder<Policy.Key>, _ policy: inout Policy) {
        guard let o = d.object(.review, Policy.Review.Key.self) else { return }
        if let text = o.string(.approvalPermission, required: false) {
            let at = o.node(.approvalPermission, required: false)!.position
            if let permission = Permission(text) {
                policy.review.approvalPermission = permission
            } else {
                d.context.error("\"review.approvalPermission\" must be a permission such as member:update", at: at)
            }
        }
        guard let node = o.node(.massRemoval, required: false) else { return }
        if case .null = node.value {
            policy.review.massRemoval = nil
        } else if let m = o.object(.massRemoval, Policy.MassRemoval.Key.self) {
            if let fraction = m.fraction(.maxFraction) { policy.review.massRemoval?.maxFraction = fraction }
            if let n = m.int(.minRemoved, required: false, minimum: 1) { policy.review.massRemoval?.minRemoved = n }
        }
    }

    private static func accessTest(_ t: ObjectDecoder<Policy.AccessTest.Key>) -> Policy.AccessTest? {
        guard let user = t.name(.user), let org = t.name(.org) else { return nil }
        let can = t.strings(.can, required: false) ?? []
        let cannot = t.strings(.cannot, required: false) ?? []
        // `name` has checked the grammar.
        return Policy.AccessTest(
            user: Handle(unchecked: user), org: Slug(unchecked: org),
            project: t.name(.project, required: false).map(Slug.init(unchecked:)), can: can, cannot: cannot,
            position: t.position)
    }

    /// Unique role names, at least one owner role, assignments known by name once, an
    /// approval permission that means something.
    private static func checkRoles(_ policy: Policy, _ c: FileContext) {
        duplicates(policy.organizationRoles.map(\.name.rawValue), .organizationRoles, "organization role", c)
        duplicates(policy.projectRoles.map(\.name.rawValue), .projectRoles, "project role", c)
        duplicates(policy.assignments.map(\.name), .assignments, "assignment", c)
        // A permission nothing defines (a typo such as member:updte) would leave every
        // organization to the site admins without a word.
        if !policy.defines(policy.review.approvalPermission), let at = c.position(of: "review.approvalPermission") {
            c.error("\"review.approvalPermission\" is \"\(policy.review.approvalPermission)\", which neither the tool nor the policy defines", at: at)
        }
        if !policy.organizationRoles.contains(where: \.owner) {
            c.error("at least one organization role needs \"owner\": true", at: c.position(of: Policy.Key.organizationRoles.rawValue) ?? .start)
        }
    }

    private static func duplicates(_ names: [String], _ key: Policy.Key, _ what: String, _ c: FileContext) {
        var seen: Set<String> = []
        for (index, name) in names.enumerated() where !seen.insert(name).inserted {
            c.error("\(what) \"\(name)\" is defined twice", at: c.position(of: "\(key.rawValue).\(index).name") ?? .start)
        }
    }
}

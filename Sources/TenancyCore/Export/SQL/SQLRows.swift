/// A snapshot as the rows of `SQLSchema.tables`.
struct SQLRows: Sendable {
    /// In the order of `SQLSchema.tables`.
    var tables: [SQLTableRows]

    init(_ s: Snapshot) throws(SQLExportError) {
        var rows = Dictionary(uniqueKeysWithValues: SQLSchema.tables.map { ($0.name, SQLTableRows($0)) })
        func add(_ table: SQLTable, _ values: [SQLValue]) throws(SQLExportError) { try rows[table.name]!.add(values) }
        try Self.addPolicy(s.policy, add)
        // Every reference names an entity of the snapshot: the export refuses one that breaks a rule.
        func userID(_ handle: Handle) -> SQLValue { .text(s.users[handle]!.id) }
        func orgID(_ slug: Slug) -> SQLValue { .text(s.orgs[slug]!.id) }
        for user in s.users.values {
            try add(SQLSchema.users, [
                .text(user.id), .text(user.handle.rawValue), .text(user.email), .text(user.name),
                .boolean(user.siteAdmin == true), .timestamp(user.createdAt),
            ])
        }
        for org in s.orgs.values {
            let metadata = org.metadata.map { String(decoding: CanonicalWriter.bytes(for: $0).dropLast(), as: UTF8.self) }
            try add(SQLSchema.organizations, [
                .text(org.id), .text(org.slug.rawValue), .text(org.name), .text(org.kind.rawValue),
                org.personalOf.map { userID($0) } ?? .null, SQLValue(org.logo), metadata.map(SQLValue.json) ?? .null,
                .timestamp(org.createdAt),
            ])
            for slug in org.previousSlugs { try add(SQLSchema.previousSlugs, [.text(slug.rawValue), .text(org.id)]) }
        }
        for m in s.everyMembership {
            try add(SQLSchema.memberships, [orgID(m.org), userID(m.user), .text(m.role.rawValue), .timestamp(m.createdAt), SQLValue(m.updatedAt)])
            for name in m.assignments { try add(SQLSchema.membershipAssignments, [orgID(m.org), userID(m.user), .text(name)]) }
        }
        for p in s.everyProject {
            try add(SQLSchema.projects, [.text(p.id), orgID(p.org), .text(p.slug.rawValue), .text(p.name), .timestamp(p.createdAt)])
        }
        for m in s.everyProjectMembership {
            let project = s.projects[m.org]![m.project]!
            try add(SQLSchema.projectMemberships, [
                .text(project.id), userID(m.user), orgID(m.org), .text(m.role.rawValue), .timestamp(m.createdAt), SQLValue(m.updatedAt),
            ])
        }
        for i in s.everyInvitation {
            try add(SQLSchema.invitations, [
                .text(i.id), orgID(i.org), .text(i.email), .text(i.role.rawValue), userID(i.inviter), .text(i.status.rawValue),
                i.project.map { SQLValue.text(s.projects[i.org]![$0]!.id) } ?? .null, SQLValue(i.projectRole?.rawValue),
                i.acceptedBy.map { userID($0) } ?? .null,
                .timestamp(i.createdAt), .timestamp(i.expiresAt), SQLValue(i.respondedAt),
            ])
        }
        tables = SQLSchema.tables.map { rows[$0.name]! }
    }

    private static func addPolicy(
        _ policy: Policy, _ add: (SQLTable, [SQLValue]) throws(SQLExportError) -> Void
    ) throws(SQLExportError) {
        let permissions = policy.exportedPermissions
        let tool = Set(Permission.ofTheTool)
        for permission in permissions {
            try add(SQLSchema.permissions, [.text(permission.rawValue), .boolean(tool.contains(permission))])
        }
        let granted = (policy.organizationRoles + policy.projectRoles).flatMap(\.permissions)
            + policy.assignments.flatMap(\.permissions) + ["*"]
        for pattern in granted.map(Permission.init(unchecked:)) {
            for permission in permissions where pattern.matches(permission) {
                try add(SQLSchema.permissionExpansions, [.text(pattern.rawValue), .text(permission.rawValue)])
            }
        }
        for (rank, role) in policy.organizationRoles.enumerated() {
            try add(SQLSchema.organizationRoles, [.text(role.name.rawValue), .integer(rank), .boolean(role.owner)])
            for permission in role.permissions { try add(SQLSchema.organizationRolePermissions, [.text(role.name.rawValue), .text(permission)]) }
        }
        for (rank, role) in policy.projectRoles.enumerated() {
            try add(SQLSchema.projectRoles, [.text(role.name.rawValue), .integer(rank)])
            for permission in role.permissions { try add(SQLSchema.projectRolePermissions, [.text(role.name.rawValue), .text(permission)]) }
        }
        for assignment in policy.assignments {
            try add(SQLSchema.assignments, [.text(assignment.name), .boolean(assignment.required)])
            for permission in assignment.permissions {
                try add(SQLSchema.assignmentPermissions, [.text(assignment.name), .text(permission)])
            }
        }
    }
}

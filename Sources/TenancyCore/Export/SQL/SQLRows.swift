/// A snapshot as the rows of `SQLSchema.tables`.
struct SQLRows: Sendable {
    /// In the order of `SQLSchema.tables`.
    var tables: [SQLTableRows]

    /// The kinds of entity, each giving the rows of its own tables.
    private enum Source: CaseIterable, Sendable {
        case policy, users, organizations, memberships, projects, projectMemberships, invitations
    }

    init(_ s: Snapshot) throws(SQLExportError) {
        // Each kind of entity on a core of its own: no two write the same table.
        let parts = try parallelMap(Source.allCases) { (source) throws(SQLExportError) in
            var rows: [String: SQLTableRows] = [:]
            try Self.add(source, of: s) { (table, values) throws(SQLExportError) in
                try rows[table.name, default: SQLTableRows(table)].add(values)
            }
            return rows
        }
        let rows = parts.reduce(into: [:]) { all, part in all.merge(part) { first, _ in first } }
        tables = SQLSchema.tables.map { rows[$0.name] ?? SQLTableRows($0) }
    }

    private static func add(
        _ source: Source, of s: Snapshot, _ add: (SQLTable, [SQLValue]) throws(SQLExportError) -> Void
    ) throws(SQLExportError) {
        // A reference may name nothing: rows are built while the rules run, and the rules'
        // errors, which refuse the export, are reported before this one.
        func userID(_ handle: Handle) throws(SQLExportError) -> SQLValue {
            guard let user = s.users[handle] else { throw .dangling("user \(handle)") }
            return .text(user.id)
        }
        func orgID(_ slug: Slug) throws(SQLExportError) -> SQLValue {
            guard let org = s.orgs[slug] else { throw .dangling("organization \(slug)") }
            return .text(org.id)
        }
        func projectID(_ org: Slug, _ project: Slug) throws(SQLExportError) -> SQLValue {
            guard let found = s.projects[org]?[project] else { throw .dangling("project \(org)/\(project)") }
            return .text(found.id)
        }
        switch source {
        case .policy: try addPolicy(s.policy, add)
        case .users:
            for user in s.users.values {
                try add(SQLSchema.users, [
                    .text(user.id), .text(user.handle.rawValue), .text(user.email), .text(user.name),
                    .boolean(user.siteAdmin == true), .timestamp(user.createdAt),
                ])
            }
        case .organizations:
            for org in s.orgs.values {
                let metadata = org.metadata.map { String(decoding: CanonicalWriter.bytes(for: $0).dropLast(), as: UTF8.self) }
                try add(SQLSchema.organizations, [
                    .text(org.id), .text(org.slug.rawValue), .text(org.name), .text(org.kind.rawValue),
                    org.personalOf.map { handle throws(SQLExportError) in try userID(handle) } ?? .null, SQLValue(org.logo), metadata.map(SQLValue.json) ?? .null,
                    .timestamp(org.createdAt),
                ])
                for slug in org.previousSlugs { try add(SQLSchema.previousSlugs, [.text(slug.rawValue), .text(org.id)]) }
            }
        case .memberships:
            for m in s.everyMembership {
                try add(SQLSchema.memberships, [orgID(m.org), userID(m.user), .text(m.role.rawValue), .timestamp(m.createdAt), SQLValue(m.updatedAt)])
                for name in m.assignments { try add(SQLSchema.membershipAssignments, [orgID(m.org), userID(m.user), .text(name)]) }
            }
        case .projects:
            for p in s.everyProject {
                try add(SQLSchema.projects, [.text(p.id), orgID(p.org), .text(p.slug.rawValue), .text(p.name), .timestamp(p.createdAt)])
            }
        case .projectMemberships:
            for m in s.everyProjectMembership {
                try add(SQLSchema.projectMemberships, [
                    projectID(m.org, m.project), userID(m.user), orgID(m.org), .text(m.role.rawValue), .timestamp(m.createdAt), SQLValue(m.updatedAt),
                ])
            }
        case .invitations:
            for i in s.everyInvitation {
                try add(SQLSchema.invitations, [
                    .text(i.id), orgID(i.org), .text(i.email), .text(i.role.rawValue), userID(i.inviter), .text(i.status.rawValue),
                    i.project.map { project throws(SQLExportError) in try projectID(i.org, project) } ?? .null, SQLValue(i.projectRole?.rawValue),
                    i.acceptedBy.map { handle throws(SQLExportError) in try userID(handle) } ?? .null,
                    .timestamp(i.createdAt), .timestamp(i.expiresAt), SQLValue(i.respondedAt),
                ])
            }
        }
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

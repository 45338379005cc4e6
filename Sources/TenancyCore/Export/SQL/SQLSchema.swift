/// The tables of the export, parents before the tables that refer to them.
///
/// Entities are keyed by their ids, and refer to each other by id, so that a rename
/// changes one row. Constraints mirror the rules: unique slugs, handles and emails, one
/// membership per user and organization, a project member is a member of its
/// organization, roles and assignments the policy defines, one pending invitation per
/// email and organization; deleting a row deletes what the registry deletes with its file.
enum SQLSchema {
    typealias Column = SQLTable.Column
    typealias ForeignKey = SQLTable.ForeignKey

    static let tables: [SQLTable] = [
        permissions, permissionExpansions,
        organizationRoles, organizationRolePermissions, projectRoles, projectRolePermissions,
        assignments, assignmentPermissions,
        users, organizations, previousSlugs, memberships, membershipAssignments, projects, projectMemberships,
        invitations,
    ]

    /// Every permission the tool acts on or the policy names, wildcards aside.
    static let permissions = SQLTable(
        name: "permissions",
        columns: [Column(name: "name", type: .text), Column(name: "tool", type: .boolean)],
        key: ["name"])

    /// Each permission or wildcard the policy grants (and `*`, which site admins hold),
    /// with each permission of `permissions` it grants.
    static let permissionExpansions = SQLTable(
        name: "permission_expansions",
        columns: [Column(name: "pattern", type: .text), Column(name: "permission", type: .text)],
        key: ["pattern", "permission"],
        foreignKeys: [ForeignKey(columns: ["permission"], table: "permissions", referenced: ["name"])])

    /// Highest first: rank 0 is the highest.
    static let organizationRoles = SQLTable(
        name: "organization_roles",
        columns: [
            Column(name: "name", type: .text), Column(name: "rank", type: .integer),
            Column(name: "owner", type: .boolean),
        ],
        key: ["name"])

    static let projectRoles = SQLTable(
        name: "project_roles",
        columns: [Column(name: "name", type: .text), Column(name: "rank", type: .integer)],
        key: ["name"])

    static let organizationRolePermissions = rolePermissions("organization_role_permissions", roles: "organization_roles")
    static let projectRolePermissions = rolePermissions("project_role_permissions", roles: "project_roles")

    /// What a role grants, as the policy writes it: a permission or a wildcard.
    private static func rolePermissions(_ name: String, roles: String) -> SQLTable {
        SQLTable(
            name: name,
            columns: [Column(name: "role", type: .text), Column(name: "permission", type: .text)],
            key: ["role", "permission"],
            foreignKeys: [ForeignKey(columns: ["role"], table: roles, referenced: ["name"])])
    }

    static let assignments = SQLTable(
        name: "assignments",
        columns: [Column(name: "name", type: .text), Column(name: "required", type: .boolean)],
        key: ["name"])

    static let assignmentPermissions = SQLTable(
        name: "assignment_permissions",
        columns: [Column(name: "assignment", type: .text), Column(name: "permission", type: .text)],
        key: ["assignment", "permission"],
        foreignKeys: [ForeignKey(columns: ["assignment"], table: "assignments", referenced: ["name"])])

    static let users = SQLTable(
        name: "users",
        columns: [
            Column(name: "id", type: .text), Column(name: "handle", type: .text, renamable: true),
            Column(name: "email", type: .text, renamable: true), Column(name: "name", type: .text),
            Column(name: "site_admin", type: .boolean), Column(name: "created_at", type: .timestamp),
        ],
        key: ["id"], unique: [["handle"], ["email"]])

    /// A personal organization goes with its user.
    static let organizations = SQLTable(
        name: "organizations",
        columns: [
            Column(name: "id", type: .text), Column(name: "slug", type: .text, renamable: true),
            Column(name: "name", type: .text), Column(name: "kind", type: .text),
            Column(name: "personal_of", type: .text, nullable: true), Column(name: "logo", type: .text, nullable: true),
            Column(name: "metadata", type: .json, nullable: true), Column(name: "created_at", type: .timestamp),
        ],
        key: ["id"], unique: [["slug"]],
        foreignKeys: [ForeignKey(columns: ["personal_of"], table: "users", referenced: ["id"])],
        checks: ["kind IN ('team', 'personal')", "(kind = 'personal') = (personal_of IS NOT NULL)"])

    /// The slugs an organization had: taken, so an old link cannot reach another organization.
    static let previousSlugs = SQLTable(
        name: "organization_previous_slugs",
        columns: [Column(name: "slug", type: .text), Column(name: "org_id", type: .text)],
        key: ["slug"],
        foreignKeys: [ForeignKey(columns: ["org_id"], table: "organizations", referenced: ["id"])])

    static let memberships = SQLTable(
        name: "memberships",
        columns: [
            Column(name: "org_id", type: .text), Column(name: "user_id", type: .text), Column(name: "role", type: .text),
            Column(name: "created_at", type: .timestamp), Column(name: "updated_at", type: .timestamp, nullable: true),
        ],
        key: ["org_id", "user_id"],
        foreignKeys: [
            ForeignKey(columns: ["org_id"], table: "organizations", referenced: ["id"]),
            ForeignKey(columns: ["user_id"], table: "users", referenced: ["id"]),
            ForeignKey(columns: ["role"], table: "organization_roles", referenced: ["name"], cascade: false),
        ])

    static let membershipAssignments = SQLTable(
        name: "membership_assignments",
        columns: [
            Column(name: "org_id", type: .text), Column(name: "user_id", type: .text),
            Column(name: "assignment", type: .text),
        ],
        key: ["org_id", "user_id", "assignment"],
        foreignKeys: [
            ForeignKey(columns: ["org_id", "user_id"], table: "memberships", referenced: ["org_id", "user_id"]),
            ForeignKey(columns: ["assignment"], table: "assignments", referenced: ["name"], cascade: false),
        ])

    static let projects = SQLTable(
        name: "projects",
        columns: [
            Column(name: "id", type: .text), Column(name: "org_id", type: .text),
            Column(name: "slug", type: .text, renamable: true), Column(name: "name", type: .text),
            Column(name: "created_at", type: .timestamp),
        ],
        key: ["id"], unique: [["org_id", "slug"], ["org_id", "id"]],
        foreignKeys: [ForeignKey(columns: ["org_id"], table: "organizations", referenced: ["id"])])

    /// A project member is a member of the project's organization: removing that
    /// membership removes the project membership.
    static let projectMemberships = SQLTable(
        name: "project_memberships",
        columns: [
            Column(name: "project_id", type: .text), Column(name: "user_id", type: .text),
            Column(name: "org_id", type: .text), Column(name: "role", type: .text),
            Column(name: "created_at", type: .timestamp), Column(name: "updated_at", type: .timestamp, nullable: true),
        ],
        key: ["project_id", "user_id"],
        foreignKeys: [
            ForeignKey(columns: ["org_id", "project_id"], table: "projects", referenced: ["org_id", "id"]),
            ForeignKey(columns: ["org_id", "user_id"], table: "memberships", referenced: ["org_id", "user_id"]),
            ForeignKey(columns: ["role"], table: "project_roles", referenced: ["name"], cascade: false),
        ])

    /// An invitation goes with its organization, its project, and the user who sent or
    /// accepted it.
    static let invitations = SQLTable(
        name: "invitations",
        columns: [
            Column(name: "id", type: .text), Column(name: "org_id", type: .text), Column(name: "email", type: .text),
            Column(name: "role", type: .text), Column(name: "inviter", type: .text), Column(name: "status", type: .text),
            Column(name: "project_id", type: .text, nullable: true),
            Column(name: "project_role", type: .text, nullable: true),
            Column(name: "accepted_by", type: .text, nullable: true),
            Column(name: "created_at", type: .timestamp), Column(name: "expires_at", type: .timestamp),
            Column(name: "responded_at", type: .timestamp, nullable: true),
        ],
        key: ["id"],
        foreignKeys: [
            ForeignKey(columns: ["org_id"], table: "organizations", referenced: ["id"]),
            ForeignKey(columns: ["org_id", "project_id"], table: "projects", referenced: ["org_id", "id"]),
            ForeignKey(columns: ["inviter"], table: "users", referenced: ["id"]),
            ForeignKey(columns: ["accepted_by"], table: "users", referenced: ["id"]),
            ForeignKey(columns: ["role"], table: "organization_roles", referenced: ["name"], cascade: false),
            ForeignKey(columns: ["project_role"], table: "project_roles", referenced: ["name"], cascade: false),
        ],
        checks: ["status IN ('pending', 'accepted', 'declined', 'revoked')"],
        indexes: ["CREATE UNIQUE INDEX invitations_one_pending ON invitations (org_id, email) WHERE status = 'pending'"])

    /// Every permission each user holds in each organization (`project_slug` NULL: there
    /// and in each of its projects) or in one project: what `tenancy can` answers.
    static let accessView = """
        CREATE VIEW access (user_handle, org_slug, project_slug, permission) AS
        SELECT DISTINCT u.handle, o.slug, p.slug, e.permission
        FROM (
            SELECT m.user_id, m.org_id, CAST(NULL AS TEXT) AS project_id, rp.permission AS pattern
            FROM memberships m JOIN organization_role_permissions rp ON rp.role = m.role
            UNION ALL
            SELECT a.user_id, a.org_id, NULL, ap.permission
            FROM membership_assignments a JOIN assignment_permissions ap ON ap.assignment = a.assignment
            UNION ALL
            SELECT su.id, so.id, NULL, '*' FROM users su CROSS JOIN organizations so WHERE su.site_admin
            UNION ALL
            SELECT pm.user_id, pm.org_id, pm.project_id, pp.permission
            FROM project_memberships pm JOIN project_role_permissions pp ON pp.role = pm.role
        ) AS g
        JOIN permission_expansions e ON e.pattern = g.pattern
        JOIN users u ON u.id = g.user_id
        JOIN organizations o ON o.id = g.org_id
        LEFT JOIN projects p ON p.id = g.project_id;

        """
}

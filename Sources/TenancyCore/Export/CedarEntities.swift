/// `entities.json`: every user, organization (with the users of each role and assignment),
/// project (with the users of each project role) and action (with its wildcard groups, so
/// that an engine given no schema knows them too).
struct CedarEntities: Sendable {
    let snapshot: Snapshot
    let actions: CedarActions

    /// One entity of the file.
    enum Item: Sendable {
        case user(User)
        case organization(Organization)
        case project(Project)
        case action(String, memberOf: [String])
    }

    /// Every entity, in the order of the file: users, organizations, projects, actions.
    var items: [Item] {
        let orgs = snapshot.orgSlugs.compactMap { snapshot.orgs[$0] }
        return snapshot.userHandles.compactMap { snapshot.users[$0] }.map(Item.user) + orgs.map(Item.organization)
            + orgs.flatMap { snapshot.projects(in: $0.slug) }.map(Item.project)
            + actions.groups.map { Item.action($0.action, memberOf: $0.memberOf) }
    }

    var json: JSONValue { .array(items.map { JSONNode(json(of: $0)) }) }

    /// The file as `CanonicalWriter` writes `json`, without building it whole.
    var bytes: [UInt8] { CanonicalWriter.bytes(forArrayOf: items) { json(of: $0) } }

    private func json(of item: Item) -> JSONValue {
        switch item {
        case .user(let user): self.user(user)
        case .organization(let org): organization(org)
        case .project(let project): self.project(project)
        case .action(let action, let memberOf):
            Self.entity(type: "Action", id: action, attributes: [], parents: memberOf.map { ("Action", $0) })
        }
    }

    private func user(_ user: User) -> JSONValue {
        Self.entity(type: "User", id: user.handle.rawValue, attributes: [
            ("id", .string(user.id)), ("handle", .string(user.handle.rawValue)), ("name", .string(user.name)),
            ("email", .string(user.email)), ("siteAdmin", .bool(user.siteAdmin == true)),
        ])
    }

    private func organization(_ org: Organization) -> JSONValue {
        let memberships = snapshot.memberships(in: org.slug)
        let roles = Self.holders(snapshot.policy.organizationRoles.map(\.name.rawValue)) { role in
            memberships.filter { $0.role.rawValue == role }.map(\.user.rawValue)
        }
        let assignments = Self.holders(snapshot.policy.assignments.map(\.name)) { assignment in
            memberships.filter { $0.assignments.contains(assignment) }.map(\.user.rawValue)
        }
        return Self.entity(type: "Organization", id: org.slug.rawValue, attributes: [
            ("id", .string(org.id)), ("slug", .string(org.slug.rawValue)), ("name", .string(org.name)),
            ("kind", .string(org.kind.rawValue)), ("roles", roles), ("assignments", assignments),
        ])
    }

    private func project(_ project: Project) -> JSONValue {
        let memberships = snapshot.projectMemberships(in: .init(org: project.org, project: project.slug))
        let roles = Self.holders(snapshot.policy.projectRoles.map(\.name.rawValue)) { role in
            memberships.filter { $0.role.rawValue == role }.map(\.user.rawValue)
        }
        return Self.entity(
            type: "Project", id: "\(project.org)/\(project.slug)",
            attributes: [
                ("id", .string(project.id)), ("slug", .string(project.slug.rawValue)), ("name", .string(project.name)),
                ("organization", .entity("Organization", project.org.rawValue)), ("roles", roles),
            ],
            parents: [("Organization", project.org.rawValue)])
    }

    /// A record with, for each name, the set of users `holding` it. A membership whose
    /// role the policy does not define is in no set: it grants nothing, as in `can`.
    private static func holders(_ names: [String], holding: (String) -> [String]) -> JSONValue {
        .members(names.map { name in (name, .array(holding(name).map { JSONNode(.entity("User", $0)) })) })
    }

    private static func entity(
        type: String, id: String, attributes: [(String, JSONValue)], parents: [(String, String)] = []
    ) -> JSONValue {
        .object([
            "attrs": .members(attributes), "parents": .array(parents.map { JSONNode(.uid($0.0, $0.1)) }),
            "uid": .uid(type, id),
        ])
    }
}

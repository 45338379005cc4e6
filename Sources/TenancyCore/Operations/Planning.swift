import Foundation

/// Lookups and checks shared by the operations: each failure is an `OperationError`
/// that names what the user asked for.
extension Snapshot {
    func requireUser(_ handle: Handle) throws -> User {
        guard let user = users[handle] else { throw OperationError.noUser(handle.rawValue) }
        return user
    }

    func requireOrg(_ slug: Slug) throws -> Organization {
        guard let org = orgs[slug] else { throw OperationError.noOrganization(slug.rawValue) }
        return org
    }

    func requireMember(_ org: Slug, _ user: Handle) throws -> Membership {
        _ = try requireOrg(org)
        guard let member = members[org]?[user] else {
            throw OperationError.notAMember(user: user.rawValue, org: org.rawValue)
        }
        return member
    }

    func requireProject(_ org: Slug, _ slug: Slug) throws -> Project {
        _ = try requireOrg(org)
        guard let project = projects[org]?[slug] else {
            throw OperationError.noProject(slug.rawValue, org: org.rawValue)
        }
        return project
    }

    /// The invitation with this id, or the one whose id starts with it, as git takes
    /// a commit's abbreviated name: at least `Self.shortestInvitationPrefix` characters,
    /// and refused, listing the candidates, when several ids start with it.
    func requireInvitation(_ org: Slug, _ id: String) throws -> Invitation {
        _ = try requireOrg(org)
        let all = invitations[org] ?? [:]
        if let invitation = all[id] { return invitation }
        let candidates = id.count >= Self.shortestInvitationPrefix ? all.keys.filter { $0.hasPrefix(id) }.sorted() : []
        guard candidates.count <= 1 else { throw OperationError.ambiguousInvitation(id, org: org.rawValue, candidates: candidates) }
        guard let match = candidates.first, let invitation = all[match] else {
            throw OperationError.noInvitation(id, org: org.rawValue)
        }
        return invitation
    }

    /// As git's shortest abbreviation of a commit.
    static let shortestInvitationPrefix = 4

    /// A new entity must not overwrite a file that is already there: `exists` says so.
    func requireAbsent(_ path: EntityPath, _ exists: OperationError) throws {
        if present.contains(path) { throw exists }
    }

    /// `role` as given (a command passes what it was told) must name an organization
    /// role of the policy.
    func requireOrganizationRole(_ role: RoleName) throws {
        guard policy.organizationRole(role) != nil else {
            throw OperationError.noOrganizationRole(role.rawValue, roles: policy.organizationRoles.map(\.name.rawValue))
        }
    }

    /// `role` as given must name a project role of the policy.
    func requireProjectRole(_ role: RoleName) throws {
        guard policy.projectRole(role) != nil else {
            throw OperationError.noProjectRole(role.rawValue, roles: policy.projectRoles.map(\.name.rawValue))
        }
    }

    /// The highest owner role: what a first owner, or a new owner, gets.
    var ownerRole: RoleName { policy.organizationRoles.first(where: \.owner)?.name ?? RoleName(unchecked: "owner") }

    /// `given` plus the policy's required assignments when `role` is not an owner role, sorted.
    func assignments(_ given: [String], role: RoleName) -> [String] {
        let required = policy.isOwnerRole(role) ? [] : policy.requiredAssignments
        return Array(Set(given + required)).sorted()
    }
}

/// A name the user chose for a new handle or slug must follow the grammar.
func requireName(_ name: String, _ what: String) throws {
    if let problem = Name.problem(with: name) { throw OperationError.invalidName(name, what: what, problem: problem) }
}

/// A new random id (a lowercase UUID).
func newID() -> String { UUID().uuidString.lowercased() }

extension Changeset {
    /// Removes every present entity file whose path matches: the cascades.
    mutating func deleteAll(in snapshot: Snapshot, where matches: (EntityPath) -> Bool) {
        for path in snapshot.present.filter(matches).sortedByPath() { delete(path) }
    }

    /// Moves and edits entities: every present entity goes to `move(path)` (itself to
    /// stay) with `edit(entity)` as content; unchanged ones are left alone. One helper for
    /// renaming users, organizations and projects and for converting organizations.
    mutating func rewrite(
        _ snapshot: Snapshot, move: (EntityPath) -> EntityPath = { $0 }, edit: (Entity) -> Entity = { $0 }
    ) throws {
        for path in snapshot.present.sortedByPath() where path != .policy {
            let target = move(path)
            guard let entity = snapshot.entity(at: path) else {
                if target != path { throw OperationError.brokenFile(path) }
                continue
            }
            let edited = edit(entity)
            if target != path {
                delete(path)
                put(edited, at: target)
            } else if edited != entity {
                put(edited, at: path)
            }
        }
    }
}

extension Collection<EntityPath> {
    /// Sorted by path, building each path's text once: comparing two `EntityPath`s builds
    /// both texts, which was a quarter of a rename on a large registry.
    func sortedByPath() -> [EntityPath] {
        map { (text: $0.path, path: $0) }.sorted { $0.text < $1.text }.map(\.path)
    }
}

extension EntityPath {
    /// The organization the file belongs to.
    package var org: Slug? {
        switch self {
        case .policy, .user: nil
        case .org(let o), .member(let o, _), .project(let o, _), .projectMember(let o, _, _), .invitation(let o, _): o
        }
    }

    /// The same file in organization `new`.
    func inOrg(_ new: Slug) -> EntityPath {
        switch self {
        case .policy, .user: self
        case .org: .org(new)
        case .member(_, let u): .member(org: new, user: u)
        case .project(_, let p): .project(org: new, project: p)
        case .projectMember(_, let p, let u): .projectMember(org: new, project: p, user: u)
        case .invitation(_, let id): .invitation(org: new, id: id)
        }
    }

    /// The project the file belongs to (project.json and project members).
    var project: Snapshot.ProjectKey? {
        switch self {
        case .project(let o, let p), .projectMember(let o, let p, _): Snapshot.ProjectKey(org: o, project: p)
        default: nil
        }
    }

    /// The user the file is named after (a user file or a membership).
    var user: Handle? {
        switch self {
        case .user(let u), .member(_, let u), .projectMember(_, _, let u): u
        default: nil
        }
    }
}

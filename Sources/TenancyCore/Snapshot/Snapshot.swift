/// The registry at one moment: every entity by key, with where it was read from.
///
/// Entities are indexed by their path keys. A file that failed to decode has no entity,
/// but its path is in `present`, so the rules that look for a user or an organization
/// do not also call it missing.
public struct Snapshot: Sendable {
    public struct ProjectKey: Hashable, Sendable, Comparable {
        public var org: String
        public var project: String
        public init(org: String, project: String) {
            self.org = org
            self.project = project
        }
        public static func < (a: ProjectKey, b: ProjectKey) -> Bool { (a.org, a.project) < (b.org, b.project) }
    }

    public var policy = Policy()
    public var users: [String: User] = [:]
    public var orgs: [String: Organization] = [:]
    /// org -> handle -> membership
    public var members: [String: [String: Membership]] = [:]
    /// org -> project slug -> project
    public var projects: [String: [String: Project]] = [:]
    public var projectMembers: [ProjectKey: [String: ProjectMembership]] = [:]
    /// org -> id -> invitation
    public var invitations: [String: [String: Invitation]] = [:]
    /// Every entity file found, decoded or not.
    public var present: Set<EntityPath> = []
    /// Findings of the file rules (json, schema, format, layout, key-mismatch, policy).
    public var fileDiagnostics: [Diagnostic] = []
    /// Files that are valid JSON but not canonical, with their value, which `fmt` writes
    /// in canonical form.
    public var canonicalFixes: [EntityPath: JSONValue] = [:]
    /// Number of files read.
    public var fileCount = 0
    /// In a scoped snapshot (see `Scope`): for some users, how many organizations outside
    /// the snapshot hold a membership of theirs, for the `organizationsPerUser` limit.
    public var membershipsElsewhere: [String: Int] = [:]

    public init() {}

    public func hasUser(_ handle: String) -> Bool { present.contains(.user(handle)) }
    public func hasOrg(_ slug: String) -> Bool { present.contains(.org(slug)) }
    public func hasProject(org: String, project: String) -> Bool {
        present.contains(.project(org: org, project: project))
    }

    public func membership(org: String, user: String) -> Membership? { members[org]?[user] }

    /// Sorted keys, for deterministic rule output.
    public var orgSlugs: [String] { orgs.keys.sorted() }
    public var userHandles: [String] { users.keys.sorted() }

    /// All memberships of an org, sorted by handle.
    public func memberships(of org: String) -> [Membership] {
        (members[org] ?? [:]).values.sorted { $0.user < $1.user }
    }

    public func allMemberships() -> [Membership] {
        members.keys.sorted().flatMap { memberships(of: $0) }
    }

    public func allProjectMemberships() -> [ProjectMembership] {
        projectMembers.keys.sorted().flatMap { key in
            projectMembers[key]!.values.sorted { $0.user < $1.user }
        }
    }

    public func allInvitations() -> [Invitation] {
        invitations.keys.sorted().flatMap { org in
            invitations[org]!.values.sorted { $0.id < $1.id }
        }
    }

    public func allProjects() -> [Project] {
        projects.keys.sorted().flatMap { org in projects[org]!.values.sorted { $0.slug < $1.slug } }
    }

    /// Every decoded entity but the policy.
    var allEntities: [Entity] {
        users.values.map(Entity.user) + orgs.values.map(Entity.org) + allMemberships().map(Entity.member)
            + allProjects().map(Entity.project) + allProjectMemberships().map(Entity.projectMember)
            + allInvitations().map(Entity.invitation)
    }

    /// Adds a decoded entity at its path key.
    public mutating func insert(_ entity: consuming Entity, at path: EntityPath) {
        present.insert(path)
        switch (entity, path) {
        case (.policy(let p), _): policy = p
        case (.user(let u), .user(let key)): users[key] = u
        case (.org(let o), .org(let key)): orgs[key] = o
        case (.member(let m), .member(let org, let user)): members[org, default: [:]][user] = m
        case (.project(let p), .project(let org, let key)): projects[org, default: [:]][key] = p
        case (.projectMember(let m), .projectMember(let org, let project, let user)):
            projectMembers[ProjectKey(org: org, project: project), default: [:]][user] = m
        case (.invitation(let i), .invitation(let org, let id)): invitations[org, default: [:]][id] = i
        default: preconditionFailure("entity does not match its path \(path.path)")
        }
    }

    /// Removes whatever is at `path`.
    public mutating func remove(_ path: EntityPath) {
        present.remove(path)
        switch path {
        case .policy: policy = Policy()
        case .user(let key): users[key] = nil
        case .org(let key): orgs[key] = nil
        case .member(let org, let user): members[org]?[user] = nil
        case .project(let org, let key): projects[org]?[key] = nil
        case .projectMember(let org, let project, let user):
            projectMembers[ProjectKey(org: org, project: project)]?[user] = nil
        case .invitation(let org, let id): invitations[org]?[id] = nil
        }
    }
}

/// One decoded entity file.
public enum Entity: Hashable, Sendable {
    case policy(Policy)
    case user(User)
    case org(Organization)
    case member(Membership)
    case project(Project)
    case projectMember(ProjectMembership)
    case invitation(Invitation)
}

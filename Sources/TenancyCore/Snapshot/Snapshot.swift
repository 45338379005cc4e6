/// The registry at one moment: every entity by key, with where it was read from.
///
/// Entities are indexed by their path keys. A file that failed to decode has no entity,
/// but its path is in `present`, so the rules that look for a user or an organization
/// do not also call it missing.
public struct Snapshot: Sendable {
    public struct ProjectKey: Hashable, Sendable, Comparable {
        public var org: Slug
        public var project: Slug
        public init(org: Slug, project: Slug) {
            self.org = org
            self.project = project
        }
        public static func < (a: ProjectKey, b: ProjectKey) -> Bool { (a.org, a.project) < (b.org, b.project) }
    }

    // Storage: read by anyone, changed only by the loader, `applying` and the scoped
    // loader, through the methods at the end.

    /// The policy; the defaults when `tenancy.json` is missing or did not decode.
    public private(set) var policy = Policy()
    /// Users by handle.
    public private(set) var users: [Handle: User] = [:]
    /// Organizations by slug.
    public private(set) var orgs: [Slug: Organization] = [:]
    /// Memberships by organization, then handle.
    public private(set) var members: [Slug: [Handle: Membership]] = [:]
    /// Projects by organization, then slug.
    public private(set) var projects: [Slug: [Slug: Project]] = [:]
    /// Project memberships by project, then handle.
    public private(set) var projectMembers: [ProjectKey: [Handle: ProjectMembership]] = [:]
    /// Invitations by organization, then id.
    public private(set) var invitations: [Slug: [String: Invitation]] = [:]
    /// Every entity file found, decoded or not.
    public private(set) var present: Set<EntityPath> = []
    /// Findings of the file rules (json, schema, format, layout, key-mismatch, policy).
    public private(set) var fileDiagnostics: [Diagnostic] = []
    /// Files that are valid JSON but not canonical, with their value, which `fmt` writes
    /// in canonical form.
    public private(set) var canonicalFixes: [EntityPath: JSONValue] = [:]
    /// Number of files read.
    public private(set) var fileCount = 0
    /// In a scoped snapshot (see `Scope`): for some users, how many organizations outside
    /// the snapshot hold a membership of theirs, for the `organizationsPerUser` limit.
    public private(set) var membershipsElsewhere: [Handle: Int] = [:]

    public init() {}

    // The accessors: entities by key are the dictionaries above (`users[handle]`,
    // `members[org]?[handle]`) and `entity(at:)`; lists in a fixed order, for output, are
    // below; unordered views of every entity of a kind, for the rules, are `every…`.
    // Lists are sorted by what the files say (`user`, `slug`, `id`), then by file name:
    // the two differ only in a file with a key-mismatch error.

    /// Every handle, sorted.
    public var userHandles: [Handle] { users.keys.sorted() }
    /// Every organization slug, sorted.
    public var orgSlugs: [Slug] { orgs.keys.sorted() }
    /// The memberships of organization `org`, sorted by user.
    public func memberships(in org: Slug) -> [Membership] { sorted(members[org], by: \.user) }
    /// The projects of organization `org`, sorted by slug.
    public func projects(in org: Slug) -> [Project] { sorted(projects[org], by: \.slug) }
    /// The memberships of project `project`, sorted by user.
    public func projectMemberships(in project: ProjectKey) -> [ProjectMembership] {
        sorted(projectMembers[project], by: \.user)
    }
    /// The invitations of organization `org`, sorted by id.
    public func invitations(in org: Slug) -> [Invitation] { sorted(invitations[org], by: \.id) }
    /// The memberships of `user`, sorted by organization. Found by file name, as `access`
    /// finds them: a file whose `user` says otherwise (a `key-mismatch` error) is the
    /// membership its name says, which is also the one file per organization `ReadScope.user` reads.
    public func organizations(of user: Handle) -> [Membership] {
        members.keys.sorted().compactMap { members[$0]?[user] }
    }
    /// The project memberships of `user`, sorted by organization and project; by file
    /// name, as `organizations(of:)`.
    public func projectMemberships(of user: Handle) -> [ProjectMembership] {
        projectMembers.keys.sorted().compactMap { projectMembers[$0]?[user] }
    }

    /// Every membership, in no particular order.
    public var everyMembership: some Collection<Membership> { members.values.lazy.flatMap(\.values) }
    /// Every project, in no particular order.
    public var everyProject: some Collection<Project> { projects.values.lazy.flatMap(\.values) }
    /// Every project membership, in no particular order.
    public var everyProjectMembership: some Collection<ProjectMembership> { projectMembers.values.lazy.flatMap(\.values) }
    /// Every invitation, in no particular order.
    public var everyInvitation: some Collection<Invitation> { invitations.values.lazy.flatMap(\.values) }

    /// The decoded entity at `path`, if there is one.
    public func entity(at path: EntityPath) -> Entity? {
        switch path {
        case .policy: present.contains(.policy) ? .policy(policy) : nil
        case .user(let h): users[h].map(Entity.user)
        case .org(let o): orgs[o].map(Entity.org)
        case .member(let o, let u): members[o]?[u].map(Entity.member)
        case .project(let o, let p): projects[o]?[p].map(Entity.project)
        case .projectMember(let o, let p, let u):
            projectMembers[ProjectKey(org: o, project: p)]?[u].map(Entity.projectMember)
        case .invitation(let o, let id): invitations[o]?[id].map(Entity.invitation)
        }
    }

    private func sorted<Name: Comparable, Value, Field: Comparable>(_ byName: [Name: Value]?, by field: KeyPath<Value, Field>)
        -> [Value]
    {
        (byName ?? [:]).sorted { ($0.value[keyPath: field], $0.key) < ($1.value[keyPath: field], $1.key) }.map(\.value)
    }

    // Changes, for the loader, `applying` and the scoped loader only.

    /// Adds the file at `path` with its entity, or with none when it did not decode (it is
    /// present all the same, so no rule also calls it missing), and with its canonical
    /// form when it is not canonical.
    package mutating func insert(_ entity: consuming Entity?, at path: EntityPath, canonical: JSONValue? = nil) {
        present.insert(path)
        if let canonical { canonicalFixes[path] = canonical }
        switch (entity, path) {
        case (nil, _): break
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

    /// Removes the file at `path`: its entity, its presence and its canonical form.
    package mutating func remove(_ path: EntityPath) {
        present.remove(path)
        canonicalFixes[path] = nil
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

    /// Adds findings of the file rules.
    package mutating func addFileDiagnostics(_ diagnostics: [Diagnostic]) { fileDiagnostics += diagnostics }
    /// Drops the findings of the file rules that `isStale` picks.
    package mutating func removeFileDiagnostics(where isStale: (Diagnostic) -> Bool) { fileDiagnostics.removeAll(where: isStale) }
    /// Puts the findings of the file rules in order (files are read in no particular order).
    package mutating func sortFileDiagnostics() { fileDiagnostics.sort() }
    /// Counts `count` more files read.
    package mutating func countFiles(_ count: Int = 1) { fileCount += count }
    /// Sets `membershipsElsewhere`, counted by the scoped loader.
    package mutating func setMembershipsElsewhere(_ counts: [Handle: Int]) { membershipsElsewhere = counts }
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

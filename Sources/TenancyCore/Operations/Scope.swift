import Glibc

/// The part of a registry a change can affect, named from a command's arguments, so that a
/// mutation loads and checks a few dozen files instead of every file (every
/// change to be checked by the rules; this is how that stays cheap on a large registry).
///
/// A scoped snapshot holds the policy, every file of the named organizations, the named
/// users, every user those files refer to, and the users and organizations the policy's
/// access tests name. The rules then run on it before and after the change: a finding of
/// the partial view that is not real (a user whose personal organization is outside the
/// scope, say) is found in both states and so is never a new error. `Mutation` falls back
/// to the whole registry when a changeset reaches outside its scope (`covers`).
public struct Scope: Hashable, Sendable {
    /// Organizations loaded whole: every file under `orgs/SLUG/`.
    public var orgs: Set<Slug>
    public var users: Set<Handle>
    /// Users who may gain a membership: their memberships in all other organizations are
    /// counted for the `organizationsPerUser` limit (only when the policy sets one).
    public var countedUsers: Set<Handle>

    public init(orgs: [Slug] = [], users: [Handle] = [], countingMembershipsOf counted: [Handle] = []) {
        self.orgs = Set(orgs)
        self.users = Set(users + counted)
        self.countedUsers = Set(counted)
    }

    /// Whether the rules that see only this scope find every new error `changeset` can
    /// cause. A change of anything with registry-wide uniqueness or references (a user's
    /// handle or email, an organization's slug, kind or previous slugs, the policy) or a
    /// reference to a user not loaded is not covered.
    package func covers(_ changeset: Changeset, base: Snapshot, planned: Snapshot) -> Bool {
        changeset.changes.allSatisfy { change in
            switch change {
            case .delete(let path): covers(deleting: path)
            case .put(let path, _): covers(writing: path, base: base, planned: planned)
            }
        }
    }

    /// The same for files changed by other means (a commit): a path that holds no entity
    /// in `planned` (removed, or a file that does not decode) counts as removed.
    package func covers(changed paths: [EntityPath], base: Snapshot, planned: Snapshot) -> Bool {
        paths.allSatisfy { path in
            planned.entity(at: path) == nil ? covers(deleting: path) : covers(writing: path, base: base, planned: planned)
        }
    }

    private func covers(deleting path: EntityPath) -> Bool {
        guard let org = path.org else { return false }
        return orgs.contains(org)
    }

    private func covers(writing path: EntityPath, base: Snapshot, planned: Snapshot) -> Bool {
        switch path {
        case .policy: return false
        case .user(let handle):
            guard let before = base.users[handle], let after = planned.users[handle] else { return false }
            return users.contains(handle) && before.email == after.email
        case .org(let slug):
            guard orgs.contains(slug), let before = base.orgs[slug], let after = planned.orgs[slug] else { return false }
            return (before.kind, before.personalOf, before.previousSlugs) == (after.kind, after.personalOf, after.previousSlugs)
        default:
            guard let org = path.org, orgs.contains(org) else { return false }
            return planned.entity(at: path).map { $0.referencedUsers.allSatisfy(users.contains) } ?? true
        }
    }
}

extension Entity {
    /// The users this entity names (rule `dangling-reference`).
    package var referencedUsers: [Handle] {
        switch self {
        case .policy, .user, .project: []
        case .org(let o): o.personalOf.map { [$0] } ?? []
        case .member(let m): [m.user]
        case .projectMember(let m): [m.user]
        case .invitation(let i): [i.inviter] + (i.acceptedBy.map { [$0] } ?? [])
        }
    }
}

/// Loads the scoped snapshot of a directory registry.
package enum ScopedLoader {
    /// The snapshot of `scope` (widened by the policy's access tests and by the users its
    /// organizations refer to) and the scope it finally covers.
    package static func load(_ scope: Scope, root: String) throws -> (Snapshot, Scope) {
        let directory = DirectorySource(root: root)
        let policy = directory.entries(at: [EntityPath.policy.path])
        var scope = scope
        for test in try SnapshotLoader.load(from: ListedSource(policy, directory)).policy.tests {
            scope.users.insert(test.user)
            scope.orgs.insert(test.org)
        }
        var entries = policy + userEntries(scope.users, directory)
        for org in valid(scope.orgs) { entries += try directory.entries(below: "orgs/\(org)") }
        var snapshot = try SnapshotLoader.load(from: ListedSource(entries, directory))
        let referenced = Set(snapshot.present.compactMap(snapshot.entity(at:)).flatMap(\.referencedUsers))
            .subtracting(scope.users)
        if !referenced.isEmpty {
            scope.users.formUnion(referenced)
            snapshot.addUsers(of: try SnapshotLoader.load(from: ListedSource(userEntries(referenced, directory), directory)))
        }
        if snapshot.policy.limits.organizationsPerUser != nil {
            snapshot.setMembershipsElsewhere(try countMemberships(of: scope.countedUsers, outside: scope.orgs, directory))
        }
        return (snapshot, scope)
    }

    private static func userEntries(_ handles: Set<Handle>, _ directory: DirectorySource) -> [SourceEntry] {
        directory.entries(at: valid(handles).map { EntityPath.user($0).path })
    }

    /// Names that can be part of a path; any other name is simply not in the registry.
    private static func valid<Names: NameText>(_ names: Set<Names>) -> [Names] {
        names.filter { Name.problem(with: $0.rawValue) == nil }.sorted()
    }

    /// For each user, the number of organizations outside `loaded` holding a membership
    /// file of theirs, counted as the full load would: regular files at valid paths.
    private static func countMemberships(
        of users: Set<Handle>, outside loaded: Set<Slug>, _ directory: DirectorySource
    ) throws -> [Handle: Int] {
        let handles = valid(users)
        guard !handles.isEmpty else { return [:] }
        let orgs = try directory.directories(in: "orgs").filter { Name.problem(with: $0) == nil && !loaded.contains(Slug(unchecked: $0)) }
        guard !orgs.isEmpty else { return [:] }
        let descriptor = try directory.openDirectory("orgs")
        defer { close(descriptor) }
        let counts = parallelMap(orgs) { org in
            directory.membershipFiles(in: org, of: handles.map(\.rawValue), orgs: descriptor).map { $0 ? 1 : 0 }
        }
        var result: [Handle: Int] = [:]
        for (index, handle) in handles.enumerated() {
            result[handle] = counts.reduce(0) { $0 + $1[index] }
        }
        return result
    }
}

extension Snapshot {
    /// Adds the users of `other`, a snapshot loaded from user files only (whose one
    /// other finding, the missing `tenancy.json`, is not about them).
    package mutating func addUsers(of other: Snapshot) {
        for path in other.present {
            insert(other.entity(at: path), at: path, canonical: other.canonicalFixes[path])
        }
        addFileDiagnostics(other.fileDiagnostics.filter { $0.path.hasPrefix("users/") })
        countFiles(other.fileCount)
    }
}

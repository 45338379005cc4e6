import Testing
@testable import TenancyCore
import TenancyTestSupport

/// What a scope loads (`ScopedLoader`) and which changesets it covers (`Scope.covers`):
/// everything else falls back to the check of the whole registry.
struct ScopeTests {
    static let now = Timestamp("2026-11-23T00:00:00Z")!

    static func registry(_ overlay: [String: String] = [:]) throws -> TemporaryRegistry {
        try TemporaryRegistry(RuleExamples.baseRegistry.merging(overlay) { $1 })
    }

    static func load(_ scope: Scope, _ registry: TemporaryRegistry) throws -> (Snapshot, Scope) {
        try ScopedLoader.load(scope, root: registry.registry)
    }

    // MARK: What a scope loads

    /// An organization comes whole, with the users its files name (alice owns acme and
    /// sent its invitation, bob is a member): their own organizations stay out.
    @Test func anOrganizationIsLoadedWholeWithTheUsersItsFilesName() throws {
        let (snapshot, covered) = try Self.load(Scope(orgs: ["acme"]), Self.registry())
        #expect(snapshot.present.contains(.policy))
        #expect(snapshot.orgSlugs == ["acme"])
        #expect(snapshot.memberships(in: "acme").map(\.user) == ["alice", "bob"])
        #expect(snapshot.projects(in: "acme").map(\.slug) == ["web"] && snapshot.everyProjectMembership.count == 1)
        #expect(snapshot.invitations(in: "acme").map(\.id) == [RegistryFiles.invitationID])
        #expect(snapshot.userHandles == ["alice", "bob"])
        #expect(covered.orgs == ["acme"] && covered.users == ["alice", "bob"])
        #expect(snapshot.fileCount == 1 + 6 + 2)
    }

    @Test func aUserIsLoadedAloneWithThePolicy() throws {
        let (snapshot, covered) = try Self.load(Scope(users: ["bob"]), Self.registry())
        #expect(snapshot.userHandles == ["bob"] && snapshot.orgs.isEmpty)
        #expect(snapshot.present == [.policy, .user("bob")])
        #expect(covered == Scope(users: ["bob"]))
    }

    /// The access tests of the policy are checked before and after any change.
    @Test func thePolicysAccessTestsWidenTheScope() throws {
        let policy = RuleTest.policy(#""tests": [{"can": ["org:read"], "org": "bob", "user": "alice"}]"#)
        let (snapshot, covered) = try Self.load(Scope(users: ["bob"]), Self.registry(["tenancy.json": policy]))
        #expect(snapshot.policy.tests.count == 1)
        #expect(covered.orgs == ["bob"] && covered.users == ["alice", "bob"])
        #expect(snapshot.orgSlugs == ["bob"] && snapshot.userHandles == ["alice", "bob"])
    }

    /// A name that cannot be a path component names nothing: nothing outside the
    /// registry's layout is read, and nothing is found.
    @Test func aNameOutsideTheGrammarLoadsNothing() throws {
        let registry = try Self.registry()
        let scope = Scope(orgs: ["..", "../users", "Acme", ""].map(Slug.init(unchecked:)), users: ["../tenancy", "acme/org", "BOB"].map(Handle.init(unchecked:)))
        let (snapshot, _) = try Self.load(scope, registry)
        #expect(snapshot.present == [.policy])
        let (missing, _) = try Self.load(Scope(orgs: ["nowhere"], users: ["nobody"]), registry)
        #expect(missing.present == [.policy])
    }

    /// A finding in a user file the organization refers to is found, as the whole load would.
    @Test func aReferencedUsersFileIsCheckedToo() throws {
        let (snapshot, _) = try Self.load(Scope(orgs: ["acme"]), Self.registry(["users/bob.json": "{"]))
        #expect(snapshot.present.contains(.user("bob")) && snapshot.users["bob"] == nil)
        #expect(snapshot.fileDiagnostics.map(\.path) == ["users/bob.json"])
    }

    /// Only with an `organizationsPerUser` limit are a joining user's other memberships counted.
    @Test func membershipsElsewhereAreCountedOnlyUnderALimit() throws {
        let scope = Scope(orgs: ["acme"], countingMembershipsOf: ["bob", "nobody"])
        #expect(scope.users == ["bob", "nobody"] && scope.countedUsers == ["bob", "nobody"])
        let (unlimited, _) = try Self.load(scope, Self.registry())
        #expect(unlimited.membershipsElsewhere.isEmpty)
        let limit = RuleTest.policy(#""limits": {"organizationsPerUser": 5}"#)
        let (limited, _) = try Self.load(scope, Self.registry(["tenancy.json": limit]))
        #expect(limited.membershipsElsewhere == ["bob": 1, "nobody": 0])
    }

    // MARK: What a scope covers

    /// Whether `scope`, widened as its load widens it, covers the changeset `plan` makes
    /// of the whole base registry.
    static func covers(_ scope: Scope, _ plan: (Snapshot) throws -> Changeset) throws -> Bool {
        let registry = try registry()
        let (base, covered) = try load(scope, registry)
        let changeset = try plan(try SnapshotLoader.load(from: registry.source))
        return covered.covers(changeset, base: base, planned: base.applying(changeset))
    }

    @Test func changesInsideTheScopeAreCovered() throws {
        #expect(try Self.covers(Scope(users: ["bob"])) { try UserOperations.set($0, handle: "bob", name: "B", email: nil) })
        #expect(try Self.covers(Scope(orgs: ["acme"])) { try OrgOperations.set($0, slug: "acme", name: "A", logo: nil, metadata: nil) })
        #expect(try Self.covers(Scope(orgs: ["acme"])) {
            try MemberOperations.set($0, now: Self.now, org: "acme", user: "bob", role: "admin", assignments: nil)
        })
        #expect(try Self.covers(Scope(orgs: ["acme"])) { try MemberOperations.remove($0, org: "acme", user: "bob") })
        #expect(try Self.covers(Scope(orgs: ["acme"])) { _ in Changeset() })
    }

    /// Emails, slugs, kinds and the policy are unique or referenced registry-wide.
    @Test func changesWithRegistryWideEffectsAreNotCovered() throws {
        #expect(try !Self.covers(Scope(users: ["bob"])) {
            try UserOperations.set($0, handle: "bob", name: nil, email: "bobby@example.com")
        })
        #expect(try !Self.covers(Scope(orgs: ["acme"])) { try OrgOperations.rename($0, slug: "acme", to: "acme-2") })
        #expect(try !Self.covers(Scope(orgs: ["acme"])) { $0.changeset(putting: .policy) })
        #expect(try !Self.covers(Scope(orgs: ["acme"])) { var org = $0.orgs["acme"]!
            org.previousSlugs = ["old"]
            return Changeset([.put(.org("acme"), Entity.org(org).json)])
        })
    }

    @Test func changesOutsideTheLoadedPartAreNotCovered() throws {
        // bob's personal organization and its member file are not loaded with acme.
        #expect(try !Self.covers(Scope(orgs: ["acme"])) { _ in Changeset([.delete(.member(org: "bob", user: "bob"))]) })
        #expect(try !Self.covers(Scope(orgs: ["acme"])) { _ in Changeset([.delete(.user("bob"))]) })
        #expect(try !Self.covers(Scope(orgs: ["acme"])) { $0.changeset(putting: .org("bob")) })
        // Only alice is loaded: there is no bob to compare with.
        #expect(try !Self.covers(Scope(users: ["alice"])) { try UserOperations.set($0, handle: "bob", name: "B", email: nil) })
    }

    /// A file that names a user the scope did not load (carol, who is not in the registry
    /// at all here) needs the whole registry to check its reference.
    @Test func aReferenceToAUserNotLoadedIsNotCovered() throws {
        #expect(try !Self.covers(Scope(orgs: ["acme"])) { base in
            var member = base.members["acme"]!["bob"]!
            member.user = "carol"
            return Changeset([.put(.member(org: "acme", user: "carol"), Entity.member(member).json)])
        })
    }
}

extension Snapshot {
    /// A changeset rewriting the entity at `path` as it is.
    fileprivate func changeset(putting path: EntityPath) -> Changeset {
        Changeset([.put(path, entity(at: path)?.json ?? .object([]))])
    }
}

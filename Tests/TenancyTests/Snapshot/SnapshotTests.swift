import Testing
@testable import TenancyCore
import TenancyTestSupport

/// What a loaded snapshot answers: entities by key, memberships and projects in a fixed
/// order, and what each user belongs to.
struct SnapshotTests {
    static let secondInvitation = "00000000-0000-4000-8000-000000000001"

    /// The base registry (acme: alice owner, bob member; project web with bob; a pending
    /// invitation) with dave, a guest of acme who is a member of its second project,
    /// api, and a second, accepted invitation whose id sorts first.
    static func snapshot(_ overlay: [String: String] = [:]) throws -> Snapshot {
        let files = RuleExamples.baseRegistry.merging([
            "users/dave.json": RegistryFiles.user("dave", id: "7aaaaaaa-0000-4000-8000-000000000000"),
            "orgs/dave/org.json": RegistryFiles.org("dave", id: "7bbbbbbb-0000-4000-8000-000000000000", kind: "personal", personalOf: "dave"),
            "orgs/dave/members/dave.json": RegistryFiles.member("dave", "owner"),
            "orgs/acme/members/dave.json": RegistryFiles.member("dave", "guest"),
            "orgs/acme/projects/api/project.json": RuleExamples.object([
                "createdAt": #""2026-11-21T09:30:00Z""#, "id": #""7ccccccc-0000-4000-8000-000000000000""#,
                "name": #""API""#, "slug": #""api""#,
            ]),
            "orgs/acme/projects/api/members/dave.json": RegistryFiles.member("dave", "member"),
            RuleExamples.invitationPath(secondInvitation): RuleExamples.invitation(id: secondInvitation, [
                "acceptedBy": #""dave""#, "respondedAt": #""2026-11-22T09:30:00Z""#, "status": #""accepted""#,
            ]),
        ]) { $1 }.merging(overlay) { $1 }
        let registry = try TemporaryRegistry(files)
        return try SnapshotLoader.load(from: registry.source)
    }

    @Test func theRegistryItWasLoadedFromIsValid() throws {
        #expect(try Self.snapshot().fileDiagnostics.map(\.formatted) == [])
        #expect(RuleRegistry.check(try Self.snapshot()).map(\.formatted) == [])
    }

    @Test func entitiesAreFoundByTheirKeys() throws {
        let s = try Self.snapshot()
        #expect(s.users["dave"]?.email == "dave@example.com")
        #expect(s.orgs["acme"]?.kind == .team)
        #expect(s.members["acme"]?["bob"]?.role == "member")
        #expect(s.members["bob"]?["acme"] == nil)
        #expect(s.projects["acme"]?["api"]?.name == "API")
        #expect(s.entity(at: .projectMember(org: "acme", project: "web", user: "bob")) != nil)
        #expect(s.entity(at: .member(org: "acme", user: "frank")) == nil)
        #expect(s.fileCount == RuleExamples.baseRegistry.count + 7)
    }

    /// A file that did not decode has no entity but is present, so no rule also calls it missing.
    @Test func aFileThatDidNotDecodeIsPresentWithoutAnEntity() throws {
        let s = try Self.snapshot(["users/erin.json": "{", "orgs/acme/projects/old/project.json": "[]"])
        #expect(s.present.contains(.user("erin")) && s.users["erin"] == nil)
        #expect(s.present.contains(.project(org: "acme", project: "old")) && s.projects["acme"]?["old"] == nil)
        #expect(s.present.isSuperset(of: [.user("dave"), .org("acme"), .project(org: "acme", project: "web")]))
        #expect(s.present.isDisjoint(with: [.user("frank"), .org("nowhere"), .project(org: "bob", project: "web")]))
    }

    @Test func listsAreSortedByKey() throws {
        let s = try Self.snapshot()
        #expect(s.userHandles == ["alice", "bob", "dave"])
        #expect(s.orgSlugs == ["acme", "alice", "bob", "dave"])
        #expect(s.memberships(in: "acme").map(\.user) == ["alice", "bob", "dave"])
        #expect(s.memberships(in: "nowhere").isEmpty)
        #expect(s.projects(in: "acme").map(\.slug) == ["api", "web"])
        let api = Snapshot.ProjectKey(org: "acme", project: "api")
        #expect(s.projectMemberships(in: api).map(\.user) == ["dave"])
        #expect(s.invitations(in: "acme").map(\.id) == [Self.secondInvitation, RuleExamples.invitationID])
        #expect(s.organizations(of: "dave").map(\.org) == ["acme", "dave"])
        #expect(s.projectMemberships(of: "dave").map(\.project) == ["api"])
    }

    /// The unordered views hold every entity of their kind once.
    @Test func everyEntityOfAKindIsInItsView() throws {
        let s = try Self.snapshot()
        #expect(s.everyMembership.map { "\($0.org)/\($0.user)" }.sorted()
            == ["acme/alice", "acme/bob", "acme/dave", "alice/alice", "bob/bob", "dave/dave"])
        #expect(s.everyProject.map { "\($0.org)/\($0.slug)" }.sorted() == ["acme/api", "acme/web"])
        #expect(s.everyProjectMembership.map { "\($0.project)/\($0.user)" }.sorted() == ["api/dave", "web/bob"])
        #expect(s.everyInvitation.map(\.id).sorted() == [Self.secondInvitation, RuleExamples.invitationID])
    }

    /// Lists go by what the files say, then by file name: two member files that both say
    /// `"user": "zed"` (key-mismatch errors) are listed in the order of their names. A
    /// user's memberships go by file name, as `access` finds them.
    @Test func listsGoByWhatTheFilesSayThenByFileName() throws {
        let s = try Self.snapshot([
            "orgs/acme/members/erin.json": RegistryFiles.member("zed", "guest"),
            "orgs/acme/members/aaron.json": RegistryFiles.member("zed", "admin"),
        ])
        #expect(s.memberships(in: "acme").map(\.origin.path) == [
            "orgs/acme/members/alice.json", "orgs/acme/members/bob.json", "orgs/acme/members/dave.json",
            "orgs/acme/members/aaron.json", "orgs/acme/members/erin.json",
        ])
        #expect(s.organizations(of: "erin").map(\.role) == ["guest"] && s.organizations(of: "zed").isEmpty)
    }

    @Test func aUserBelongsToOrganizationsAndSeesProjects() throws {
        let s = try Self.snapshot()
        #expect(s.organizations(of: "dave").map { "\($0.org) \($0.role)" } == ["acme guest", "dave owner"])
        #expect(s.organizations(of: "nobody").isEmpty)
        // A member's role reads every project; a guest's reads none, so dave sees only his own.
        #expect(s.projects(of: "bob").map(\.slug) == ["api", "web"])
        #expect(s.projects(of: "dave").map(\.slug) == ["api"])
        #expect(s.projects(of: "nobody").isEmpty)
    }

    /// Expired is derived from the clock: a pending invitation is expired from `expiresAt` on.
    @Test func onlyAPendingInvitationExpires() throws {
        let s = try Self.snapshot()
        let pending = try #require(s.invitations["acme"]?[RuleExamples.invitationID])
        let accepted = try #require(s.invitations["acme"]?[Self.secondInvitation])
        #expect(!pending.isExpired(at: Timestamp("2026-11-28T09:29:59Z")!))
        #expect(pending.isExpired(at: Timestamp("2026-11-28T09:30:00Z")!))
        #expect(!accepted.isExpired(at: Timestamp("2030-01-01T00:00:00Z")!))
    }

    @Test func insertAndRemoveKeepPresentInStep() throws {
        var s = try Self.snapshot()
        let path = EntityPath.member(org: "acme", user: "bob")
        let bob = try #require(s.entity(at: path))
        s.remove(path)
        #expect(s.members["acme"]?["bob"] == nil && !s.present.contains(path))
        #expect(s.members["acme"]?.count == 2)
        s.insert(bob, at: path)
        #expect(s.members["acme"]?["bob"]?.role == "member" && s.present.contains(path))
        s.remove(.policy)
        #expect(s.policy == Policy() && !s.present.contains(.policy))
        #expect(s.entity(at: .policy) == nil)
    }
}

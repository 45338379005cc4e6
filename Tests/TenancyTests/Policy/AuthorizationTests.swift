import Foundation
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview
import TenancyTestSupport
import Testing

/// The base registry (alice owns acme, bob is a member, a pending invitation to
/// carol@example.com) with carol (no membership), dave (an admin of acme) and sam (a
/// site admin); each test plans a change and asks whether an actor may make it.
struct AuthorizationTests {
    let now = OperationFixture.now

    static let people: [String: String?] = [
        "users/carol.json": RegistryFiles.user("carol", id: "00000000-0000-4000-8000-000000000001"),
        "users/dave.json": RegistryFiles.user("dave", id: "00000000-0000-4000-8000-000000000002"),
        "users/sam.json": RegistryFiles.user("sam", id: "00000000-0000-4000-8000-000000000003", siteAdmin: true),
        "orgs/acme/members/dave.json": RegistryFiles.member("dave", "admin"),
    ]

    func base(policy: String? = nil) throws -> Snapshot {
        var overlay = Self.people
        if let policy { overlay["tenancy.json"] = policy }
        return try OperationFixture.snapshot(overlay)
    }

    /// The denials of `actor` for the change `plan` makes to `base`.
    func denials(_ actor: Handle, _ base: Snapshot, _ plan: (Snapshot) throws -> Changeset) rethrows -> [String] {
        Authorization(actor: actor, base: base, head: base.applying(try plan(base))).denials().map(\.message)
    }

    func addMember(_ user: Handle, _ role: RoleName, assign: [String] = []) -> (Snapshot) throws -> Changeset {
        { try MemberOperations.add($0, now: now, org: "acme", user: user, role: role, assignments: assign) }
    }

    // MARK: Permissions

    @Test func aMissingPermissionIsNamedWithWhatTheActorHolds() throws {
        let base = try base()
        #expect(try denials("bob", base, addMember("carol", "member")) == [
            "bob may not add members to acme: needs member:add (organization role member grants org:read, project:read)"
        ])
    }

    @Test func aRoleWithThePermissionMayMakeTheChange() throws {
        let base = try base()
        #expect(try denials("dave", base, addMember("carol", "member")) == [])
        #expect(try denials("dave", base) { try ProjectOperations.delete($0, org: "acme", slug: "web") } == [])
    }

    @Test func aNonMemberIsToldSo() throws {
        let base = try base()
        #expect(try denials("carol", base) { try ProjectOperations.create($0, now: now, org: "acme", slug: "api2", name: "API") } == [
            "carol may not create projects in acme: needs project:create (carol is not a member of acme)"
        ])
    }

    @Test func anUnknownActorMayChangeNothing() throws {
        let base = try base()
        #expect(try denials("zoe", base, addMember("carol", "member")) == ["zoe may not change the registry: no such user"])
    }

    @Test func onlyTheOwnerMayDeleteTheOrganization() throws {
        let base = try base()
        let delete: (Snapshot) throws -> Changeset = { try OrgOperations.delete($0, slug: "acme") }
        #expect(try denials("dave", base, delete).first == "dave may not delete acme: needs org:delete (organization role admin grants org:read, org:update, member:add, member:remove, member:update, invitation:create, invitation:revoke, project:create, project:read, project:update, project:delete, project:members)")
        #expect(try denials("alice", base, delete) == [])
    }

    // MARK: Ranks and owners

    static let managerPolicy = """
        {
          "format": 1,
          "organizationRoles": [
            {"name": "owner", "owner": true, "permissions": ["*"]},
            {"name": "admin", "permissions": ["member:add", "member:update", "member:remove"]},
            {"name": "manager", "permissions": ["member:add", "member:update", "member:remove"]},
            {"name": "member", "permissions": ["org:read", "project:read"]}
          ]
        }
        """

    @Test func nobodyGrantsARoleRankedAboveTheirOwn() throws {
        let base = try base(policy: Self.managerPolicy)
        let promoted = try base.applying(MemberOperations.set(base, now: now, org: "acme", user: "dave", role: "manager", assignments: nil))
        #expect(try denials("dave", promoted, addMember("carol", "admin")) == [
            "dave may not add members to acme: role admin ranks above dave's role manager"
        ])
        #expect(try denials("dave", promoted, addMember("carol", "manager")) == [])
    }

    @Test func aNonOwnerMayNotAddAnOwner() throws {
        let base = try base()
        #expect(try denials("dave", base, addMember("carol", "owner")) == [
            "dave may not add members to acme: only an owner may add, demote or remove an owner (dave is admin)"
        ])
    }

    @Test func aNonOwnerMayNotDemoteAnOwner() throws {
        let base = try base()
        let denied = try denials("dave", base) { try MemberOperations.set($0, now: now, org: "acme", user: "alice", role: "member", assignments: nil) }
        #expect(denied == ["dave may not change the role of alice in acme from owner to member: only an owner may add, demote or remove an owner (dave is admin)"])
    }

    @Test func aNonOwnerMayNotRemoveAnOwner() throws {
        let base = try base()
        let denied = try denials("dave", base) { try MemberOperations.remove($0, org: "acme", user: "alice") }
        #expect(denied == ["dave may not remove alice (owner) from acme: only an owner may add, demote or remove an owner (dave is admin)"])
    }

    @Test func aTransferIsOwnerOnly() throws {
        let base = try base()
        let transfer: (Snapshot) throws -> Changeset = { try OrgOperations.transfer($0, now: now, org: "acme", to: "dave", from: "alice") }
        #expect(try denials("alice", base, transfer) == [])
        #expect(try denials("dave", base, transfer).count == 2)
    }

    @Test func anAssignmentIsGivenOnlyByWhoeverHoldsItsPermissions() throws {
        let policy = "{\n  \"assignments\": [{\"name\": \"super\", \"permissions\": [\"*\"]}],\n  \"format\": 1\n}\n"
        let base = try base(policy: policy)
        let give: (Snapshot) throws -> Changeset = { try MemberOperations.set($0, now: now, org: "acme", user: "bob", role: nil, assignments: ["super"]) }
        #expect(try denials("dave", base, give) == ["dave may not give bob assignment super in acme: needs *, which dave does not hold"])
        #expect(try denials("alice", base, give) == [])
    }

    @Test func anInvitationIsSentInTheSendersName() throws {
        let base = try base()
        var request = InvitationOperations.Invite(org: "acme", email: "erin@example.com", role: "member", inviter: "alice")
        #expect(try denials("dave", base) { try InvitationOperations.invite($0, now: now, request) } == [
            "dave may not invite erin@example.com to acme as member in the name of alice"
        ])
        request.inviter = "dave"
        #expect(try denials("dave", base) { try InvitationOperations.invite($0, now: now, request) } == [])
        request.role = "owner"
        #expect(try denials("dave", base) { try InvitationOperations.invite($0, now: now, request) }.first?.contains("only an owner") == true)
    }

    // MARK: Self-service

    @Test func anInviteeMayAcceptTheirOwnInvitation() throws {
        let base = try base()
        let accept: (Snapshot) throws -> Changeset = {
            try InvitationOperations.accept($0, now: now, org: "acme", id: RegistryFiles.invitationID, user: "carol")
        }
        #expect(try denials("carol", base, accept) == [])
        #expect(try denials("bob", base, accept).contains(
            "bob may not accept invitation \(RegistryFiles.invitationID): it is addressed to carol@example.com"))
    }

    /// The state after carol accepts her invitation, with `edit` applied to it.
    func accepted(_ base: Snapshot, _ edit: (inout Snapshot) -> Void) throws -> Snapshot {
        var head = base.applying(try InvitationOperations.accept(
            base, now: now, org: "acme", id: RegistryFiles.invitationID, user: "carol"))
        edit(&head)
        return head
    }

    @Test func anInviteeMayNotRaiseTheOfferWhileAcceptingIt() throws {
        let base = try base()
        let raised = try accepted(base) { head in
            var invitation = head.invitations["acme"]![RegistryFiles.invitationID]!
            invitation.role = "owner"
            head.insert(.invitation(invitation), at: .invitation(org: "acme", id: RegistryFiles.invitationID))
            var member = head.members["acme"]!["carol"]!
            member.role = "owner"
            head.insert(.member(member), at: .member(org: "acme", user: "carol"))
        }
        #expect(Authorization(actor: "carol", base: base, head: raised).denials().map(\.message) == [
            "carol may not add members to acme: needs member:add (carol is not a member of acme)"
        ])
    }

    @Test func anInviteeMayNotGiveThemselvesAnAssignmentWhileAccepting() throws {
        let policy = "{\n  \"assignments\": [\n    {\n      \"name\": \"super\",\n      \"permissions\": [\n        \"*\"\n      ]\n    }\n  ],\n  \"format\": 1\n}\n"
        let base = try base(policy: policy)
        let assigned = try accepted(base) { head in
            var member = head.members["acme"]!["carol"]!
            member.assignments = ["super"]
            head.insert(.member(member), at: .member(org: "acme", user: "carol"))
        }
        #expect(!Authorization(actor: "carol", base: base, head: assigned).denials().isEmpty)
        #expect(Authorization(actor: "carol", base: base, head: try accepted(base) { _ in }).denials().isEmpty)
    }

    /// `base` with the pending invitation to carol edited.
    func withInvitation(_ base: Snapshot, _ edit: (inout Invitation) -> Void) throws -> Snapshot {
        var head = base
        var invitation = try #require(base.invitations["acme"]?[RegistryFiles.invitationID])
        edit(&invitation)
        head.insert(.invitation(invitation), at: .invitation(org: "acme", id: RegistryFiles.invitationID))
        return head
    }

    @Test func editingAPendingInvitationIsAuthorizedLikeSendingIt() throws {
        let base = try base()
        let admin = try withInvitation(base) { $0.role = "admin" }
        let change = try #require(AccessDiff(base: base, head: admin).changes.first)
        #expect(change == .invitationChanged(
            org: "acme", invitation: RegistryFiles.invitationID, email: "carol@example.com", project: nil,
            from: "member", to: "admin", path: RegistryFiles.invitationPath))
        #expect(change.summary == "~ invitation carol@example.com [6bce7ab8] changed: role member -> admin")
        #expect(Authorization(actor: "bob", base: base, head: admin).denials().map(\.message) == [
            "bob may not change invitations in acme (to admin): needs invitation:create (organization role member grants org:read, project:read)"
        ])
        #expect(Authorization(actor: "dave", base: base, head: admin).denials().map(\.message) == [
            "dave may not change invitations in acme (to admin) in the name of alice"
        ])
        let byDave = try withInvitation(admin) { $0.inviter = "dave" }
        #expect(Authorization(actor: "dave", base: base, head: byDave).denials().isEmpty)
        let owner = try withInvitation(byDave) { $0.role = "owner" }
        #expect(Authorization(actor: "dave", base: base, head: owner).denials().first?.message
            == "dave may not change invitations in acme (to owner): only an owner may add, demote or remove an owner (dave is admin)")
    }

    /// Extending an invitation offers its role anew: an admin may not keep an owner's
    /// invitation to an owner role alive.
    @Test func extendingAPendingInvitationIsAuthorizedLikeSendingIt() throws {
        let sent = try base()
        let base = try withInvitation(sent) { $0.role = "owner" }
        let extended = try withInvitation(base) { $0.expiresAt = Timestamp("2026-12-28T09:30:00Z")! }
        #expect(AccessDiff(base: base, head: extended).changes.map(\.kind) == ["invitationExtended"])
        #expect(Authorization(actor: "dave", base: base, head: extended).denials().map(\.message) == [
            "dave may not extend invitations in acme (as owner): only an owner may add, demote or remove an owner (dave is admin)"
        ])
        #expect(Authorization(actor: "alice", base: base, head: extended).denials().isEmpty)
        let asMember = try withInvitation(sent) { $0.expiresAt = Timestamp("2026-12-28T09:30:00Z")! }
        #expect(Authorization(actor: "dave", base: sent, head: asMember).denials().map(\.message) == [
            "dave may not extend invitations in acme (as member) in the name of alice"
        ])
    }

    @Test func onlyASiteAdminMayChangeThePolicy() throws {
        let base = try base()
        var head = base
        var policy = base.policy
        policy.organizationRoles[2].permissions = ["*"]
        head.insert(.policy(policy), at: .policy)
        #expect(AccessDiff(base: base, head: head).changes == [.policyChanged(path: "tenancy.json")])
        #expect(Authorization(actor: "alice", base: base, head: head).denials().map(\.message) == [
            "alice may not change the policy (tenancy.json): only a site admin may"
        ])
        #expect(Authorization(actor: "sam", base: base, head: head).denials().isEmpty)
        var moved = base
        policy = base.policy
        policy.origin = Origin(path: "tenancy.json")  // the same policy, laid out otherwise
        moved.insert(.policy(policy), at: .policy)
        #expect(AccessDiff(base: base, head: moved).changes.isEmpty)
    }

    @Test func anInviteeMayDeclineTheirOwnInvitationOnly() throws {
        let base = try base()
        let decline: (Snapshot) throws -> Changeset = {
            try InvitationOperations.decline($0, now: now, org: "acme", id: RegistryFiles.invitationID)
        }
        #expect(try denials("carol", base, decline) == [])
        #expect(try denials("bob", base, decline) == [
            "bob may not decline invitation \(RegistryFiles.invitationID): it is addressed to carol@example.com"
        ])
    }

    @Test func anyoneMayLeaveButNotRemoveOthers() throws {
        let base = try base()
        #expect(try denials("bob", base) { try MemberOperations.remove($0, org: "acme", user: "bob") } == [])
        #expect(try denials("bob", base) { try MemberOperations.remove($0, org: "acme", user: "dave") }.first
            == "bob may not remove dave (admin) from acme: needs member:remove (organization role member grants org:read, project:read)")
    }

    @Test func aUserMayEditTheirOwnFileButNotSiteAdmin() throws {
        let base = try base()
        let rename: (Snapshot) throws -> Changeset = { try UserOperations.set($0, handle: "bob", name: "Robert", email: nil) }
        #expect(try denials("bob", base, rename) == [])
        #expect(try denials("dave", base, rename) == [
            "dave may not change the name of bob: only the user themselves or a site admin may"
        ])
        #expect(try denials("bob", base) { try UserOperations.rename($0, from: "bob", to: "robert") } == [])
        var bob = try #require(base.users["bob"])
        bob.siteAdmin = true
        #expect(denials("bob", base) { _ in Changeset([.put(.user("bob"), bob.json)]) } == [
            "bob may not make bob a site admin: only a site admin may"
        ])
    }

    /// Invitations are addressed to emails, which the registry cannot verify.
    @Test func onlyASiteAdminMayChangeAnEmailEvenWithARename() throws {
        let base = try base()
        let email: (Snapshot) throws -> Changeset = { try UserOperations.set($0, handle: "bob", name: nil, email: "carol@example.com") }
        let denied = "bob may not change the email of bob: only a site admin may (invitations are addressed to emails, which the registry cannot verify)"
        #expect(try denials("bob", base, email) == [denied])
        #expect(try denials("sam", base, email) == [])
        let renamed: (Snapshot) throws -> Changeset = { s in
            var changes = try UserOperations.rename(s, from: "bob", to: "robert")
            var robert = try #require(s.users["bob"])
            robert.handle = "robert"
            robert.email = "carol@example.com"
            changes.put(.user("robert"), robert.json)
            return changes
        }
        #expect(try denials("bob", base, renamed) == [denied.replacingOccurrences(of: "email of bob", with: "email of robert")])
    }

    @Test func anyoneMayCreateAnOrganizationTheyOwnWhenThePolicySays() throws {
        let base = try base()
        let create: (Snapshot) throws -> Changeset = { try OrgOperations.create($0, now: now, slug: "bobco", name: "Bob Co", owner: "bob", logo: nil) }
        #expect(try denials("bob", base, create) == [])
        #expect(try denials("carol", base, create).first == "carol may not create organization bobco for others: its creator must be one of its owners")
        let closed = try self.base(policy: "{\n  \"format\": 1,\n  \"usersMayCreateOrganizations\": false\n}\n")
        #expect(try denials("bob", closed, create).first
            == "bob may not create organization bobco: the policy does not let users create organizations (usersMayCreateOrganizations is false)")
        #expect(try denials("sam", closed, create) == [])
    }

    @Test func aSiteAdminMayDoAnything() throws {
        let base = try base()
        #expect(try denials("sam", base) { try UserOperations.remove($0, handle: "bob") } == [])
        #expect(try denials("sam", base, addMember("carol", "owner")) == [])
        #expect(try denials("sam", base) { try OrgOperations.delete($0, slug: "acme") } == [])
        #expect(try denials("bob", base) { try UserOperations.remove($0, handle: "bob") }.first == "bob may not remove user bob: only a site admin may")
    }

    @Test func aProjectRoleCountsInItsProject() throws {
        let base = try OperationFixture.snapshot(Self.people.merging([
            "orgs/acme/projects/web/members/bob.json": RegistryFiles.member("bob", "admin"),
            "orgs/acme/projects/web/members/dave.json": RegistryFiles.member("dave", "member"),
        ]) { $1 })
        #expect(try denials("bob", base) { try ProjectOperations.removeMember($0, org: "acme", project: "web", user: "dave") } == [])
    }
}

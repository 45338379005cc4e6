import Foundation
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview
import TenancyTestSupport
import Testing

/// The operations as pure functions of a snapshot: what each one plans.
struct OperationPlanningTests {
    let now = OperationFixture.now

    @Test func memberRemoveTakesTheProjectMembershipsInThatOrganization() throws {
        let base = try OperationFixture.snapshot()
        let changes = try MemberOperations.remove(base, org: "acme", user: "bob")
        #expect(OperationFixture.lines(changes, base) == [
            "removed orgs/acme/members/bob.json", "removed orgs/acme/projects/web/members/bob.json",
        ])
    }

    /// The same role again changes nothing; another role is refused (that is `member set`).
    @Test func memberAddRefusesAnExistingMember() throws {
        let base = try OperationFixture.snapshot()
        #expect(throws: OperationError.alreadyAMember(user: "bob", org: "acme")) {
            try MemberOperations.add(base, now: now, org: "acme", user: "bob", role: "admin", assignments: [])
        }
        #expect(try MemberOperations.add(base, now: now, org: "acme", user: "bob", role: "member", assignments: []).isEmpty)
    }

    @Test func userRemoveIsRefusedForTheLastOwnerOfATeamOrganization() throws {
        let base = try OperationFixture.snapshot()
        #expect(throws: OperationError.lastOwner(user: "alice", orgs: ["acme"])) {
            try UserOperations.remove(base, handle: "alice")
        }
    }

    @Test func userRemoveTakesInvitationsAddressedToTheUser() throws {
        let base = try OperationFixture.snapshot([
            "users/carol.json": RuleExamples.baseRegistry["users/bob.json"]!.replacingOccurrences(of: "bob", with: "carol")
                .replacingOccurrences(of: "1c7f2b63", with: "9c7f2b63"),
        ])
        let changes = try UserOperations.remove(base, handle: "carol")
        #expect(OperationFixture.lines(changes, base) == [
            "removed orgs/acme/invitations/6bce7ab8-ac7e-4d3e-9abb-8fcfcfcf8b76.json", "removed users/carol.json",
        ])
    }

    @Test func userRenameRewritesEveryReferenceButThePersonalSlug() throws {
        let base = try OperationFixture.snapshot()
        let planned = base.applying(try UserOperations.rename(base, from: "bob", to: "robert"))
        #expect(planned.users["robert"]?.handle == "robert" && planned.users["bob"] == nil)
        #expect(planned.orgs["bob"]?.personalOf == "robert")
        #expect(planned.members["acme"]?["robert"]?.user == "robert")
        #expect(planned.projectMembers[Snapshot.ProjectKey(org: "acme", project: "web")]?["robert"] != nil)
        #expect(planned.fileDiagnostics.isEmpty)
    }

    @Test func orgRenameKeepsTheIdAndRemembersTheOldSlug() throws {
        let base = try OperationFixture.snapshot()
        let planned = base.applying(try OrgOperations.rename(base, slug: "acme", to: "acme-corp"))
        #expect(planned.orgs["acme-corp"]?.id == base.orgs["acme"]?.id)
        #expect(planned.orgs["acme-corp"]?.previousSlugs == ["acme"])
        #expect(!planned.present.contains { $0.org == "acme" })
        #expect(planned.present.filter { $0.org == "acme-corp" }.count == 6)
    }

    @Test func orgConvertLeavesThePersonalOrganizationWithItsOwnerOnly() throws {
        var policy = Policy()
        policy.personalOrganizations.allowMembers = true
        let base = try OperationFixture.snapshot([
            "tenancy.json": String(decoding: CanonicalWriter.bytes(for: policy.json), as: UTF8.self),
            "orgs/bob/members/alice.json": RuleExamples.baseRegistry["orgs/acme/members/bob.json"]!.replacingOccurrences(of: "bob", with: "alice"),
        ])
        let planned = base.applying(try OrgOperations.convert(base, now: now, personal: "bob", to: "bobco", name: nil))
        #expect(planned.memberships(in: "bob").map(\.user) == ["bob"])
        #expect(planned.memberships(in: "bobco").map { "\($0.user) \($0.role)" } == ["alice member", "bob owner"])
        #expect(planned.orgs["bobco"]?.kind == .team)
    }

    @Test func aPersonalOrganizationIsNotConvertedWhenThePolicySaysSo() throws {
        var policy = Policy()
        policy.personalOrganizations.convertible = false
        let base = try OperationFixture.snapshot(["tenancy.json": String(decoding: CanonicalWriter.bytes(for: policy.json), as: UTF8.self)])
        #expect(throws: OperationError.conversionForbidden) {
            try OrgOperations.convert(base, now: now, personal: "bob", to: "bobco", name: nil)
        }
    }

    @Test func transferStepsTheOldOwnerDownToTheHighestNonOwnerRole() throws {
        let base = try OperationFixture.snapshot()
        let planned = base.applying(try OrgOperations.transfer(base, now: now, org: "acme", to: "bob", from: "alice"))
        #expect(planned.members["acme"]?["alice"]?.role == "admin")
        #expect(planned.members["acme"]?["bob"]?.role == "owner")
        #expect(planned.members["acme"]?["bob"]?.updatedAt == now)
    }

    @Test func projectDeleteTakesItsMembersAndTheInvitationsNamingIt() throws {
        let base = try OperationFixture.snapshot()
        var request = InvitationOperations.Invite(org: "acme", email: "dave@example.com", role: "guest", inviter: "alice")
        (request.project, request.projectRole) = ("web", "member")
        let withInvitation = base.applying(try InvitationOperations.invite(base, now: now, request))
        let changes = try ProjectOperations.delete(withInvitation, org: "acme", slug: "web")
        #expect(changes.changes.count == 3)
        #expect(changes.changes.allSatisfy { if case .delete = $0 { true } else { false } })
    }

    @Test func acceptingTwiceChangesNothing() throws {
        let id = "6bce7ab8-ac7e-4d3e-9abb-8fcfcfcf8b76"
        let base = try OperationFixture.snapshot([
            "users/bob.json": RuleExamples.baseRegistry["users/bob.json"]!.replacingOccurrences(of: "bob@", with: "carol@"),
        ])
        let accepted = base.applying(try InvitationOperations.accept(base, now: now, org: "acme", id: id, user: "bob"))
        #expect(accepted.invitations["acme"]?[id]?.status == .accepted)
        #expect(try InvitationOperations.accept(accepted, now: now, org: "acme", id: id, user: "bob").isEmpty)
    }

    @Test func anExpiredInvitationIsNotAccepted() throws {
        let base = try OperationFixture.snapshot([
            "users/bob.json": RuleExamples.baseRegistry["users/bob.json"]!.replacingOccurrences(of: "bob@", with: "carol@"),
        ])
        let (id, later) = ("6bce7ab8-ac7e-4d3e-9abb-8fcfcfcf8b76", Timestamp("2026-11-28T09:30:00Z")!)
        #expect(throws: OperationError.invitationExpired(id, at: later)) {
            try InvitationOperations.accept(base, now: later, org: "acme", id: id, user: "bob")
        }
    }

    @Test func durationsAreDaysOrHours() {
        #expect(InvitationOperations.duration("7d") == 604_800)
        #expect(InvitationOperations.duration("12h") == 43_200)
        #expect(InvitationOperations.duration("0d") == nil)
        #expect(InvitationOperations.duration("3w") == nil)
    }

    /// Ten years at most: a longer one is refused instead of overflowing.
    @Test func durationsAreAtMostTenYears() {
        #expect(InvitationOperations.duration("3650d") == 315_360_000)
        #expect(InvitationOperations.duration("87600h") == 315_360_000)
        for long in ["3651d", "87601h", "100000000d", "9223372036854775807d", "9223372036854775807h"] {
            #expect(InvitationOperations.duration(long) == nil, "\(long)")
        }
    }
}

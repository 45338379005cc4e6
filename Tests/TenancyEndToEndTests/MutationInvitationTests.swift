import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// `invite` and `invitation accept|decline|revoke|prune` through the binary.
struct MutationInvitationTests {
    static let carolPath = "orgs/acme/invitations/\(invitationID).json"

    /// The base registry plus carol, to whom the base invitation is addressed.
    func withCarol() throws -> MutationFixture {
        let f = try MutationFixture()
        try f.change("user", "add", "carol", "--email", "carol@example.com")
        return f
    }

    func invitationPaths(_ f: MutationFixture) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: f.tree.registry + "/orgs/acme/invitations")) ?? []).sorted()
    }

    @Test func inviteCreatesAPendingInvitationThatExpiresAsAsked() throws {
        let f = try MutationFixture()
        let result = try f.change("invite", "acme", "Dave@Example.com", "--role", "member", "--inviter", "alice",
            "--project", "web", "--project-role", "member", "--expires-in", "2d")
        let created = try #require(invitationPaths(f).first { $0 != "\(invitationID).json" })
        #expect(result.stdout == "created orgs/acme/invitations/\(created)\n")
        let text = f.text("orgs/acme/invitations/\(created)")
        #expect(text.contains(#""email": "dave@example.com""#))
        #expect(text.contains(#""expiresAt": "2026-11-25T00:00:00Z""#))
        #expect(text.contains(#""project": "web""#))
    }

    @Test func aSecondInvitationIsRefusedButResendExtendsThePendingOne() throws {
        let f = try MutationFixture()
        try f.refuse("invite", "acme", "carol@example.com", "--role", "member", "--inviter", "alice", saying: "already pending")
        try f.change("invite", "acme", "carol@example.com", "--role", "member", "--inviter", "alice", "--resend",
            prints: ["changed \(Self.carolPath)"])
        #expect(f.text(Self.carolPath).contains(#""expiresAt": "2026-11-30T00:00:00Z""#))
        #expect(invitationPaths(f).count == 1)
    }

    /// A resend is the invitation sent again with the options given, none ignored.
    @Test func aResendAppliesTheOptionsGiven() throws {
        let f = try MutationFixture()
        try f.change("invite", "acme", "carol@example.com", "--role", "admin", "--inviter", "bob", "--resend",
            "--project", "web", "--project-role", "member", "--expires-in", "2d", prints: ["changed \(Self.carolPath)"])
        let resent = f.text(Self.carolPath)
        for line in [#""role": "admin""#, #""inviter": "bob""#, #""project": "web""#, #""projectRole": "member""#,
            #""expiresAt": "2026-11-25T00:00:00Z""#, #""createdAt": "2026-11-21T09:30:00Z""#] {
            #expect(resent.contains(line), "\(line) in \(resent)")
        }
        try f.change("invite", "acme", "carol@example.com", "--role", "member", "--inviter", "alice", "--resend")
        #expect(!f.text(Self.carolPath).contains(#""project""#))
    }

    /// dave, an admin, may not revive an owner invitation alice sent, whatever inviter
    /// he names; as a member invitation in his own name, he may send it again.
    @Test func aResendIsAuthorizedAsTheInvitationItSends() throws {
        let f = try MutationFixture()
        try f.change("user", "add", "dave", "--email", "dave@example.com")
        try f.change("member", "add", "acme", "dave", "--role", "admin")
        try f.change("invite", "acme", "erin@example.com", "--role", "owner", "--inviter", "alice", "--expires-in", "1h", "--as", "alice")
        let file = try #require(invitationPaths(f).first { $0 != "\(invitationID).json" })
        let path = "orgs/acme/invitations/\(file)"
        let dayLater = "1795478400"  // the invitation has expired
        for inviter in ["dave", "alice"] {
            let before = f.tree.tree()
            let resend = try f.run(
                ["invite", "acme", "erin@example.com", "--role", "owner", "--inviter", inviter, "--resend", "--as", "dave"], now: dayLater)
            #expect(resend.status == 1, "\(resend.stdout)\(resend.stderr)")
            #expect(resend.stderr.contains("only an owner may add, demote or remove an owner (dave is admin)"), "\(resend.stderr)")
            #expect(f.tree.tree() == before)
        }
        let asMember = try f.run(
            ["invite", "acme", "erin@example.com", "--role", "member", "--inviter", "dave", "--resend", "--as", "dave"], now: dayLater)
        #expect(asMember.status == 0, "\(asMember.stdout)\(asMember.stderr)")
        #expect(f.text(path).contains(#""role": "member""#))
        #expect(f.text(path).contains(#""inviter": "dave""#))
        f.expectValid()
    }

    @Test func acceptCreatesTheMembershipAndIsIdempotent() throws {
        let f = try withCarol()
        try f.change("invitation", "accept", "acme", invitationID, "--user", "carol", prints: [
            "changed \(Self.carolPath)", "created orgs/acme/members/carol.json",
        ])
        let invitation = f.text(Self.carolPath)
        #expect(invitation.contains(#""acceptedBy": "carol""#))
        #expect(invitation.contains(#""respondedAt": "2026-11-23T00:00:00Z""#))
        #expect(invitation.contains(#""status": "accepted""#))
        let before = f.tree.tree()
        try f.change("invitation", "accept", "acme", invitationID, "--user", "carol", prints: [])
        #expect(f.tree.tree() == before)
    }

    @Test func onlyTheInviteeMayAccept() throws {
        let f = try withCarol()
        try f.refuse("invitation", "accept", "acme", invitationID, "--user", "bob",
            saying: "invitation \(invitationID) is addressed to carol@example.com, not to 'bob' (bob@example.com)")
    }

    @Test func anExpiredInvitationCannotBeAccepted() throws {
        let f = try withCarol()
        let before = f.tree.tree()
        let late = try f.run(["invitation", "accept", "acme", invitationID, "--user", "carol"], now: "1795910400")
        #expect(late.status == 1)
        #expect(late.stderr == "tenancy: error: invitation \(invitationID) expired at 2026-11-28T09:30:00Z; ask for a new one\n")
        #expect(f.tree.tree() == before)
    }

    @Test func declineAndRevokeAnswerOnlyPendingInvitations() throws {
        let f = try withCarol()
        try f.change("invitation", "decline", "acme", invitationID, "--user", "carol", prints: ["changed \(Self.carolPath)"])
        #expect(f.text(Self.carolPath).contains(#""status": "declined""#))
        try f.refuse("invitation", "revoke", "acme", invitationID, saying: "is not pending: it was declined")
        try f.refuse("invitation", "accept", "acme", invitationID, "--user", "carol", saying: "is not pending: it was declined")
    }

    @Test func revokeThenPrune() throws {
        let f = try MutationFixture()
        try f.change("invitation", "revoke", "acme", invitationID, prints: ["changed \(Self.carolPath)"])
        try f.change("invitation", "prune", "--before", "2026-11-01T00:00:00Z", prints: [])
        try f.change("invitation", "prune", prints: ["removed \(Self.carolPath)"])
        #expect(!f.exists("orgs/acme/invitations"))
    }

    @Test func unknownInvitationsAndBadArgumentsAreRefused() throws {
        let f = try MutationFixture()
        try f.refuse("invitation", "revoke", "acme", "00000000-0000-0000-0000-000000000000",
            saying: "no invitation '00000000-0000-0000-0000-000000000000' in organization 'acme'")
        let bad = try f.run(["invite", "acme", "x@example.com", "--role", "member", "--inviter", "alice", "--expires-in", "soon"])
        #expect(bad.status == 2)
    }
}

import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// `user add|rename|remove|set` through the binary.
struct MutationUserTests {
    @Test func addCreatesTheUserWithTheirPersonalOrganization() throws {
        let f = try MutationFixture()
        try f.change("user", "add", "carol", "--email", "  Carol@Example.COM ", "--name", "Carol", prints: [
            "created orgs/carol/members/carol.json", "created orgs/carol/org.json", "created users/carol.json",
        ])
        #expect(f.text("users/carol.json").contains(#""email": "carol@example.com""#))
        #expect(f.text("orgs/carol/org.json").contains(#""personalOf": "carol""#))
        try f.change("user", "add", "dave", "--email", "dave@example.com", "--personal-org", "dave-home", prints: [
            "created orgs/dave-home/members/dave.json", "created orgs/dave-home/org.json", "created users/dave.json",
        ])
        try f.refuse("user", "add", "bob", "--email", "b@example.com", saying: "user 'bob' already exists")
        let bad = try f.run(["user", "add", "eve", "--email", "not an email"])
        #expect(bad.status == 2, "a bad --email is a usage error, before any work")
        #expect(bad.stderr.contains("--email may not contain control characters, whitespace or bidi controls"), "\(bad.stderr)")
    }

    @Test func renameMovesEveryFileThatNamesTheUser() throws {
        let f = try MutationFixture()
        try f.change("user", "rename", "alice", "alicia", prints: [
            "changed orgs/acme/invitations/\(invitationID).json",
            "created orgs/acme/members/alicia.json", "removed orgs/acme/members/alice.json",
            "changed orgs/alice/org.json",
            "created orgs/alice/members/alicia.json", "removed orgs/alice/members/alice.json",
            "removed users/alice.json", "created users/alicia.json",
        ].sorted { $0.split(separator: " ")[1] < $1.split(separator: " ")[1] })
        #expect(f.text("orgs/alice/org.json").contains(#""personalOf": "alicia""#))
        #expect(f.text("orgs/acme/invitations/\(invitationID).json").contains(#""inviter": "alicia""#))
    }

    @Test func removeCascadesToMembershipsInvitationsAndThePersonalOrganization() throws {
        let f = try MutationFixture()
        try f.change("user", "remove", "bob", prints: [
            "removed orgs/acme/members/bob.json", "removed orgs/acme/projects/web/members/bob.json",
            "removed orgs/bob/members/bob.json", "removed orgs/bob/org.json", "removed users/bob.json",
        ])
        #expect(!f.exists("orgs/bob"))
    }

    @Test func removingTheLastOwnerOfATeamOrganizationIsRefused() throws {
        let f = try MutationFixture()
        try f.refuse("user", "remove", "alice", saying: "'alice' is the last owner of acme")
        try f.change("org", "transfer", "acme", "--to", "bob")
        try f.change("user", "remove", "alice")
        #expect(!f.exists("orgs/acme/invitations/\(invitationID).json"))  // alice sent it
    }

    @Test func setChangesNameAndEmail() throws {
        let f = try MutationFixture()
        try f.change("user", "set", "bob", "--name", "Robert", "--email", "Robert@Example.com", prints: ["changed users/bob.json"])
        #expect(f.text("users/bob.json").contains(#""email": "robert@example.com""#))
        try f.refuse("user", "set", "zed", "--name", "Z", saying: "no user 'zed'")
    }
}

import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// `project create|delete|rename` and `project member add|set|remove` through the binary.
struct MutationProjectTests {
    static let projectInvitation = "orgs/acme/invitations/8def9cda-ce9a-4f5a-9bdd-a1e1e1e1ad98.json"

    /// The base registry plus an invitation to project `web`.
    func fixture() throws -> MutationFixture {
        try MutationFixture([Self.projectInvitation: """
            {
              "createdAt": "2026-11-21T09:30:00Z",
              "email": "dave@example.com",
              "expiresAt": "2026-11-28T09:30:00Z",
              "id": "8def9cda-ce9a-4f5a-9bdd-a1e1e1e1ad98",
              "inviter": "alice",
              "project": "web",
              "projectRole": "member",
              "role": "guest",
              "status": "pending"
            }

            """])
    }

    @Test func createWritesTheProject() throws {
        let f = try fixture()
        try f.change("project", "create", "acme", "api-v2", "--name", "API", prints: ["created orgs/acme/projects/api-v2/project.json"])
        try f.refuse("project", "create", "acme", "web", "--name", "Web", saying: "project 'web' in 'acme' already exists")
        try f.refuse("project", "create", "nope", "web", "--name", "Web", saying: "no organization 'nope'")
    }

    @Test func deleteCascadesToMembersAndInvitations() throws {
        let f = try fixture()
        try f.change("project", "delete", "acme", "web", prints: [
            "removed \(Self.projectInvitation)", "removed orgs/acme/projects/web/members/bob.json",
            "removed orgs/acme/projects/web/project.json",
        ])
        #expect(!f.exists("orgs/acme/projects"))
        #expect(f.exists("orgs/acme/invitations/\(invitationID).json"))
    }

    @Test func renameMovesTheSubtreeAndUpdatesInvitations() throws {
        let f = try fixture()
        try f.change("project", "rename", "acme", "web", "--to", "site", prints: [
            "changed \(Self.projectInvitation)",
            "created orgs/acme/projects/site/members/bob.json", "created orgs/acme/projects/site/project.json",
            "removed orgs/acme/projects/web/members/bob.json", "removed orgs/acme/projects/web/project.json",
        ])
        #expect(f.text(Self.projectInvitation).contains(#""project": "site""#))
        #expect(f.text("orgs/acme/projects/site/project.json").contains(#""slug": "site""#))
    }

    @Test func membersAreAddedChangedAndRemoved() throws {
        let f = try fixture()
        try f.change("project", "member", "add", "acme", "web", "alice", "--role", "admin",
            prints: ["created orgs/acme/projects/web/members/alice.json"])
        try f.refuse("project", "member", "add", "acme", "web", "alice", "--role", "member",
            saying: "'alice' is already a member of project 'acme/web'")
        try f.change("project", "member", "set", "acme", "web", "bob", "--role", "admin",
            prints: ["changed orgs/acme/projects/web/members/bob.json"])
        try f.change("project", "member", "remove", "acme", "web", "bob",
            prints: ["removed orgs/acme/projects/web/members/bob.json"])
        try f.refuse("project", "member", "set", "acme", "web", "bob", "--role", "admin",
            saying: "'bob' is not a member of project 'acme/web'")
        try f.refuse("project", "member", "add", "acme", "web", "zed", "--role", "admin", saying: "no user 'zed'")
    }

    @Test(.enabled(if: stateRulesRegistered, "project-member-in-org is a state rule"))
    func aProjectMemberMustBeInTheOrganization() throws {
        let f = try fixture()
        try f.change("member", "remove", "acme", "bob")
        try f.refuse("project", "member", "add", "acme", "web", "bob", "--role", "member", saying: "[project-member-in-org]")
    }
}

import Foundation
import TenancyTestSupport
import Testing

/// One scenario per preset, from `tenancy init` on, every change made `--as` someone:
/// what the model lets each role do, and what it refuses.
struct PresetScenarioTests {
    @Test func defaultGuestsSeeOnlyTheirProject() throws {
        let s = try PresetScenario("default")
        try s.users("alice", "bob", "carol", "gus")
        try s.ok("org", "create", "acme", "--name", "Acme", "--owner", "alice", "--as", "alice")
        try s.ok("project", "create", "acme", "web", "--name", "Web", "--as", "alice")
        try s.ok("project", "create", "acme", "api", "--name", "API", "--as", "alice")
        try s.inviteAndAccept("acme", "bob", role: "admin", by: "alice")
        try s.inviteAndAccept("acme", "carol", role: "member", by: "bob")
        try s.refuse("member", "add", "acme", "gus", "--role", "member", "--as", "carol",
            saying: "carol may not add members to acme: needs member:add (organization role member grants org:read, project:read)")
        try s.refuse("member", "add", "acme", "gus", "--role", "owner", "--as", "bob",
            saying: "only an owner may add, demote or remove an owner (bob is admin)")
        try s.refuse("member", "set", "acme", "alice", "--role", "member", "--as", "bob", saying: "only an owner may")

        try s.ok("invite", "acme", "gus@example.com", "--role", "guest", "--project", "web", "--project-role", "member",
            "--inviter", "bob", "--as", "bob")
        try s.ok("invitation", "accept", "acme", s.invitation("acme", to: "gus@example.com"), "--user", "gus", "--as", "gus")
        #expect(try s.can("gus", "project:read", "acme/web"))
        #expect(try !s.can("gus", "project:read", "acme/api"))
        #expect(try !s.can("gus", "org:read", "acme"))
        #expect(try s.can("carol", "project:read", "acme/api"))

        try s.ok("member", "set", "acme", "carol", "--role", "admin", "--as", "bob")
        try s.refuse("org", "transfer", "acme", "--to", "bob", "--from", "alice", "--as", "bob", saying: "only an owner may")
        try s.ok("org", "transfer", "acme", "--to", "bob", "--from", "alice", "--as", "alice")
        #expect(s.text("orgs/acme/members/alice.json").contains("\"role\": \"admin\""))
        try s.ok("member", "leave", "acme", "carol", "--as", "carol")
        try s.refuse("member", "leave", "acme", "bob", "--as", "bob", saying: "[owner-remains]")
    }

    @Test func packetCollaboratorsSeeTheirProjectsAndBillingOnlyBilling() throws {
        let s = try PresetScenario("packet")
        try s.users("alice", "bob", "bill", "dan", "eve")
        try s.ok("org", "create", "acme", "--name", "Acme", "--owner", "alice", "--as", "alice")
        try s.ok("project", "create", "acme", "web", "--name", "Web", "--as", "alice")
        try s.ok("project", "create", "acme", "api", "--name", "API", "--as", "alice")
        try s.inviteAndAccept("acme", "dan", role: "admin", by: "alice")
        try s.inviteAndAccept("acme", "bob", role: "collaborator", by: "dan")
        try s.ok("project", "member", "add", "acme", "web", "bob", "--role", "member", "--as", "dan")
        #expect(try s.can("bob", "project:read", "acme/web"))
        #expect(try !s.can("bob", "project:read", "acme/api"))
        #expect(try !s.can("bob", "org:read", "acme"))

        try s.inviteAndAccept("acme", "bill", role: "billing", by: "alice")
        #expect(try s.can("bill", "billing:manage", "acme"))
        #expect(try !s.can("bill", "project:read", "acme/web"))
        try s.refuse("member", "add", "acme", "eve", "--role", "collaborator", "--as", "bill",
            saying: "bill may not add members to acme: needs member:add (organization role billing grants org:read, billing:read, billing:manage)")
        try s.refuse("member", "set", "acme", "bob", "--role", "owner", "--as", "dan", saying: "only an owner may")
        try s.ok("member", "set", "acme", "bob", "--role", "billing", "--as", "dan")
    }

    @Test func daytonaMembersHoldViewerAndPersonalOrganizationsStayAlone() throws {
        let s = try PresetScenario("daytona")
        try s.users("alice", "bob")
        try s.ok("org", "create", "acme", "--name", "Acme", "--owner", "alice", "--as", "alice")
        try s.ok("member", "add", "acme", "bob", "--role", "member", "--as", "alice")
        #expect(s.text("orgs/acme/members/bob.json").contains("\"Viewer\""))
        #expect(try s.can("bob", "sandbox:read", "acme"))
        #expect(try !s.can("bob", "sandbox:create", "acme"))
        try s.ok("member", "set", "acme", "bob", "--assign", "Developer", "--as", "alice")
        #expect(try s.can("bob", "sandbox:create", "acme"))
        try s.refuse("member", "set", "acme", "bob", "--assign", "Super Admin", "--as", "bob", saying: "needs member:update")

        try s.tree.write("orgs/acme/members/bob.json", """
            {
              "assignments": [
                "Developer"
              ],
              "createdAt": "2026-11-23T00:00:00Z",
              "role": "member",
              "user": "bob"
            }

            """)
        let invalid = try s.run(["validate"])
        #expect(invalid.status == 1 && invalid.stdout.contains("[role-defined]"), "\(invalid.stdout)")
        try s.ok("member", "set", "acme", "bob", "--assign", "Developer", "--as", "alice")  // puts Viewer back

        try s.refuse("org", "delete", "bob", "--as", "bob", saying: "personal organization")
        try s.refuse("member", "add", "bob", "alice", "--role", "member", "--as", "bob", saying: "[personal-org]")
        try s.refuse("invite", "bob", "alice@example.com", "--role", "member", "--inviter", "bob", "--as", "bob", saying: "[personal-org]")
    }

    @Test func logfireAdminsOwnAndPersonalOrganizationsTakeMembersAndConvert() throws {
        let s = try PresetScenario("logfire")
        try s.users("alice", "bob", "carol")
        #expect(s.text("orgs/alice/members/alice.json").contains("\"role\": \"admin\""))
        try s.inviteAndAccept("alice", "bob", role: "member", by: "alice")
        try s.ok("project", "create", "alice", "web", "--name", "Web", "--as", "bob")
        try s.refuse("invite", "alice", "carol@example.com", "--role", "member", "--inviter", "bob", "--as", "bob",
            saying: "bob may not invite carol@example.com to alice as member: needs invitation:create")
        try s.refuse("member", "set", "alice", "bob", "--role", "admin", "--as", "bob", saying: "needs member:update")

        try s.ok("org", "convert", "alice", "--to", "alice-team", "--name", "Alice's team", "--as", "alice")
        #expect(s.exists("orgs/alice-team/members/bob.json") && s.exists("orgs/alice-team/projects/web/project.json"))
        try s.ok("member", "set", "alice-team", "bob", "--role", "admin", "--as", "alice")
        #expect(try s.can("bob", "org:delete", "alice-team"))
        try s.ok("member", "leave", "alice-team", "alice", "--as", "alice")
    }

    @Test func limitsRefuseTheChangesThatWouldBreakThem() throws {
        let s = try PresetScenario("default")
        try s.users("alice", "bob", "carol", "dave")
        try s.ok("org", "create", "acme", "--name", "Acme", "--owner", "alice", "--as", "alice")
        try s.ok("member", "add", "acme", "bob", "--role", "owner", "--as", "alice")
        try s.editPolicy("\"membersPerOrganization\": null", "\"membersPerOrganization\": 2")
        try s.refuse("member", "add", "acme", "carol", "--role", "member", "--as", "alice", saying: "[limits]")
        try s.editPolicy("\"organizationsPerUser\": null", "\"organizationsPerUser\": 2")
        try s.refuse("org", "create", "beta", "--name", "Beta", "--owner", "alice", "--as", "alice", saying: "[limits]")
        try s.editPolicy("\"maxPendingPerOrganization\": 100", "\"maxPendingPerOrganization\": 1")
        try s.ok("invite", "acme", "carol@example.com", "--role", "member", "--inviter", "alice", "--as", "alice")
        try s.refuse("invite", "acme", "dave@example.com", "--role", "member", "--inviter", "alice", "--as", "alice", saying: "[limits]")
        try s.editPolicy("\"minOwnersPerOrganization\": 1", "\"minOwnersPerOrganization\": 2")
        try s.refuse("member", "set", "acme", "bob", "--role", "member", "--as", "alice", saying: "[limits]")
    }
}

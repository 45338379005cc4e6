import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// Each path by which a permission is granted or denied, on the example base registry
/// with a policy that has an assignment and an application-defined permission.
struct PermissionTests {
    static let policy = """
        {
          "assignments": [
            {
              "name": "Billing",
              "permissions": [
                "billing:*"
              ]
            }
          ],
          "format": 1
        }

        """

    func snapshot(_ overlay: [String: String] = [:]) throws -> Snapshot {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry.merging(["tenancy.json": Self.policy]) { $1 }.merging(overlay) { $1 })
        return try SnapshotLoader.load(from: DirectorySource(root: tree.registry))
    }

    @Test func anOrganizationRoleGrantsItsPermissions() throws {
        let s = try snapshot()
        #expect(s.access("alice", "org:delete", org: "acme").grantedBy == [.organizationRole("owner")])
        #expect(s.can("bob", "org:read", org: "acme"))
        #expect(!s.can("bob", "member:add", org: "acme"))
        #expect(s.access("bob", "member:add", org: "acme").reason
            == "nothing grants member:add in acme: organization role member grants org:read, project:read")
    }

    @Test func anAssignmentGrantsApplicationPermissions() throws {
        let s = try snapshot([
            "orgs/acme/members/bob.json": "{\n  \"assignments\": [\n    \"Billing\"\n  ],\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"role\": \"member\",\n  \"user\": \"bob\"\n}\n",
        ])
        #expect(s.access("bob", "billing:manage", org: "acme").grantedBy == [.assignment("Billing")])
        #expect(!s.can("bob", "audit:read", org: "acme"))
    }

    @Test func aProjectRoleGrantsOnlyInItsProject() throws {
        let s = try snapshot([
            "orgs/acme/members/bob.json": RuleExamplesText.member("bob", "guest"),
            "orgs/acme/projects/api/project.json": "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"id\": \"7cdf8bc9-bd8f-4e4f-8bcc-9adadada9c87\",\n  \"name\": \"API\",\n  \"slug\": \"api\"\n}\n",
        ])
        #expect(s.access("bob", "project:read", org: "acme", project: "web").grantedBy == [.projectRole("member")])
        #expect(!s.can("bob", "project:read", org: "acme", project: "api"), "a guest sees only their projects")
        #expect(!s.can("bob", "project:read", org: "acme"))
        #expect(s.projects(of: "bob").map(\.slug) == ["web"])
        #expect(s.projects(of: "alice").map(\.slug) == ["api", "web"])
    }

    @Test func aSiteAdminMayDoAnythingAnywhere() throws {
        let s = try snapshot([
            "users/bob.json": "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"email\": \"bob@example.com\",\n  \"handle\": \"bob\",\n  \"id\": \"1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21\",\n  \"name\": \"Bob Builder\",\n  \"siteAdmin\": true\n}\n",
        ])
        #expect(s.access("bob", "org:delete", org: "alice").grantedBy == [.siteAdmin])
    }

    @Test func aNonMemberHasNothing() throws {
        let s = try snapshot()
        let decision = s.access("bob", "org:read", org: "alice")
        #expect(!decision.allowed)
        #expect(decision.reason == "bob is not a member of alice")
    }

    @Test(arguments: [("*", "anything:at-all", true), ("billing:*", "billing:manage", true),
                      ("billing:*", "billingx:manage", false), ("org:read", "org:read", true), ("org:read", "org:update", false)])
    func permissionPatterns(pattern: String, permission: String, matches: Bool) {
        #expect(Permission(pattern)!.matches(Permission(permission)!) == matches)
    }

    @Test func organizationsOfAUserListTheirMemberships() throws {
        #expect(try snapshot().organizations(of: "bob").map(\.org) == ["acme", "bob"])
    }
}

/// The base registry's membership text, for overlays.
enum RuleExamplesText {
    static func member(_ handle: String, _ role: String) -> String {
        "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"role\": \"\(role)\",\n  \"user\": \"\(handle)\"\n}\n"
    }
}

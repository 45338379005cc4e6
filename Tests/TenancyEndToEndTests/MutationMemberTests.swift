import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// `member add|set|remove|leave` through the binary.
struct MutationMemberTests {
    @Test func addCreatesTheMembershipWithRequiredAssignments() throws {
        let f = try MutationFixture([
            "tenancy.json": "{\n  \"assignments\": [\n    {\n      \"name\": \"viewer\",\n      \"permissions\": [\n        \"org:read\"\n      ],\n      \"required\": true\n    }\n  ],\n  \"format\": 1\n}\n",
            "orgs/acme/members/bob.json": "{\n  \"assignments\": [\n    \"viewer\"\n  ],\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"role\": \"member\",\n  \"user\": \"bob\"\n}\n",
        ])
        try f.change("member", "remove", "acme", "bob")
        try f.change("member", "add", "acme", "bob", "--role", "admin", prints: ["created orgs/acme/members/bob.json"])
        #expect(f.text("orgs/acme/members/bob.json") == """
            {
              "assignments": [
                "viewer"
              ],
              "createdAt": "2026-11-23T00:00:00Z",
              "role": "admin",
              "user": "bob"
            }

            """)
    }

    @Test func addRefusesAnExistingMemberAndUnknownNames() throws {
        let f = try MutationFixture()
        try f.refuse("member", "add", "acme", "bob", "--role", "admin", saying: "tenancy: error: 'bob' is already a member of 'acme'")
        try f.refuse("member", "add", "acme", "zed", "--role", "admin", saying: "no user 'zed'")
        try f.refuse("member", "add", "nope", "bob", "--role", "admin", saying: "no organization 'nope'")
        try f.refuse("member", "add", "acme", "alice", "--role", "boss", saying: "no organization role 'boss'")
    }

    @Test func setChangesTheRoleAndStampsUpdatedAt() throws {
        let f = try MutationFixture()
        try f.change("member", "set", "acme", "bob", "--role", "admin", prints: ["changed orgs/acme/members/bob.json"])
        #expect(f.text("orgs/acme/members/bob.json").contains(#""updatedAt": "2026-11-23T00:00:00Z""#))
        #expect(f.text("orgs/acme/members/bob.json").contains(#""role": "admin""#))
    }

    @Test func removeCascadesToProjectMemberships() throws {
        let f = try MutationFixture()
        try f.change("member", "remove", "acme", "bob", prints: [
            "removed orgs/acme/members/bob.json", "removed orgs/acme/projects/web/members/bob.json",
        ])
        #expect(!f.exists("orgs/acme/projects/web/members"))
        #expect(f.exists("orgs/acme/projects/web/project.json"))
    }

    @Test func leaveIsRemoveByTheMember() throws {
        let f = try MutationFixture()
        try f.change("member", "leave", "acme", "bob", prints: [
            "removed orgs/acme/members/bob.json", "removed orgs/acme/projects/web/members/bob.json",
        ])
        try f.refuse("member", "leave", "acme", "bob", saying: "'bob' is not a member of 'acme'")
    }

    @Test(.enabled(if: stateRulesRegistered, "owner-remains is a state rule"))
    func removingOrDemotingTheLastOwnerIsRefused() throws {
        let f = try MutationFixture()
        try f.refuse("member", "remove", "acme", "alice", saying: "[owner-remains]")
        try f.refuse("member", "leave", "acme", "alice", saying: "[owner-remains]")
        try f.refuse("member", "set", "acme", "alice", "--role", "member", saying: "[owner-remains]")
    }

    @Test func dryRunPrintsThePlanAndWritesNothing() throws {
        let f = try MutationFixture()
        let before = f.tree.tree()
        let result = try f.run(["member", "remove", "acme", "bob", "--dry-run"])
        #expect(result.status == 0)
        #expect(result.stdout == "removed orgs/acme/members/bob.json\nremoved orgs/acme/projects/web/members/bob.json\n")
        #expect(f.tree.tree() == before)
        f.expectNoLeftovers()
    }

    @Test func asAnOwnerTheChangeIsMade() throws {
        let f = try MutationFixture()
        try f.change("member", "remove", "acme", "bob", "--as", "alice")
        #expect(!f.exists("orgs/acme/members/bob.json"))
    }

    /// The whole load does not follow a symlinked directory (it is a `layout` error and
    /// what is behind it does not exist), so neither does the scoped load of a mutation:
    /// dave, found only through a symlinked `users/`, is no user, and acme, only through
    /// a symlinked `orgs/`, no organization.
    @Test(arguments: [("users", "no user 'dave'"), ("orgs", "no organization 'acme'")])
    func aSymlinkedDirectoryIsNotFollowed(directory: String, error: String) throws {
        let f = try MutationFixture()
        try f.change("user", "add", "dave", "--email", "dave@example.com")
        let outside = f.tree.path + "/outside"
        try FileManager.default.moveItem(atPath: f.tree.registry + "/" + directory, toPath: outside)
        try f.tree.symlink(directory, to: outside)
        let before = try f.run(["validate"])
        #expect(before.stdout.contains("registry/\(directory):1:1: error: unexpected entry"), "\(before.stdout)")
        try f.refuse("member", "add", "acme", "dave", "--role", "member", saying: "tenancy: error: \(error)")
        #expect(try f.run(["validate"]).stdout == before.stdout)
    }

    /// Each argument is valid (a bad one is a usage error), but together with what the
    /// file holds they make it larger than the size limit.
    @Test func aChangeThatBreaksAFileRuleIsRefusedWithItsDiagnostic() throws {
        let logo = "https://acme.example/" + String(repeating: "a", count: 1_000_000)
        let f = try MutationFixture([
            "orgs/acme/org.json": RuleExamples.baseRegistry["orgs/acme/org.json"]!
                .replacingOccurrences(
                    of: "  \"name\": ", with: "  \"logo\": \"\(logo)\",\n  \"name\": ")
        ])
        #expect(try f.run(["validate"]).status == 0)
        let metadata = #"{"pad": ""# + String(repeating: "b", count: 60_000) + #""}"#
        try f.refuse("org", "set", "acme", "--metadata", metadata, saying: "file is larger than 1 MiB [json]")
    }
}

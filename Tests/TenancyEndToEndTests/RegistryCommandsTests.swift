import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// `init`, `fmt`, `list` and `show` on temporary registries, through the built binary.
struct RegistryCommandsTests {
    func run(_ tree: TemporaryRegistry, _ args: String...) throws -> TenancyRun {
        try runTenancy(args, cwd: URL(fileURLWithPath: tree.path), env: ["SOURCE_DATE_EPOCH": "1795000000"])
    }

    @Test(arguments: Preset.allCases)
    func initWritesAValidRegistryForEveryPreset(preset: Preset) throws {
        let tree = try TemporaryRegistry()
        try FileManager.default.removeItem(atPath: tree.registry)
        let created = try run(tree, "init", "--preset", preset.rawValue)
        #expect(created.status == 0, "\(created.stderr)")
        let check = try run(tree, "validate")
        #expect(check.status == 0, "\(preset): \(check.stdout)")
        let policy = try #require(FileManager.default.contents(atPath: tree.registry + "/tenancy.json"))
        #expect(String(decoding: policy, as: UTF8.self).contains("\"organizationRoles\""))
    }

    /// The presets are the cases of `Preset`: any other name is a usage error naming them.
    @Test func initRefusesAnUnknownPresetAndWritesNothing() throws {
        let tree = try TemporaryRegistry()
        try FileManager.default.removeItem(atPath: tree.registry)
        let refused = try run(tree, "init", "--preset", "nope")
        #expect(refused.status == 2)
        #expect(refused.stderr == """
            tenancy init: error: invalid value 'nope' for '--preset': expected one of default, packet, daytona, logfire \
            (see 'tenancy init --help')

            """)
        #expect(!FileManager.default.fileExists(atPath: tree.registry))
    }

    @Test func initRefusesAnExistingPolicyAndWritesNothing() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        let before = tree.tree()
        let again = try run(tree, "init")
        #expect(again.status == 1)
        #expect(again.stderr == "tenancy: error: 'registry' is already a registry (it has a tenancy.json); nothing was written\n")
        #expect(tree.tree() == before)
    }

    @Test func fmtCheckListsAndFmtRewritesNonCanonicalFiles() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        try tree.write("orgs/acme/members/bob.json", "{\"user\":\"bob\",\"role\":\"member\",\"createdAt\":\"2026-11-21T09:30:00Z\"}")
        try tree.write("users/bob.json", "{\"handle\": \"bob\"\r\n}")  // valid JSON, also a schema error
        let check = try run(tree, "fmt", "--check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("registry/orgs/acme/members/bob.json:1:2: error: not in canonical form (run `tenancy fmt`) [format]"))
        #expect(check.stdout.contains("registry/users/bob.json:1:2: error:"))

        let fixed = try run(tree, "fmt")
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(fixed.stderr.contains("formatted orgs/acme/members/bob.json"))
        let member = try #require(FileManager.default.contents(atPath: tree.registry + "/orgs/acme/members/bob.json"))
        #expect(String(decoding: member, as: UTF8.self) == RuleExamples.baseRegistry["orgs/acme/members/bob.json"])
        let leftovers = tree.privateEntries()
        #expect(leftovers == [".gitignore", "lock"])
        #expect(try run(tree, "fmt", "--check").stdout.contains("registry/users/bob.json") == false)
    }

    @Test func fmtLeavesInvalidJSONAloneAndSaysSo() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        try tree.write("users/bob.json", "{\"handle\": ")
        let before = tree.tree()
        let result = try run(tree, "fmt")
        #expect(result.status == 1)
        #expect(result.stdout.contains("registry/users/bob.json:1:12: error: unexpected end of file [json]"))
        #expect(tree.tree() == before)
    }

    /// A 600 KB compact file whose canonical form is over the 1 MiB limit: written, the
    /// organization would no longer load, so fmt checks what it plans like any change.
    @Test func fmtRefusesACanonicalFormOverTheSizeLimit() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        let ones = Array(repeating: "1", count: 300_000).joined(separator: ",")
        let compact = #"{"createdAt":"2026-11-21T09:30:00Z","id":"4fac5e96-8a5c-4b1c-9e99-6dadadad6f54","kind":"team","#
            + #""metadata":{"ones":["# + ones + #"]},"name":"Acme Inc.","slug":"acme"}"#
        #expect(compact.utf8.count < Limits.maxFileSize)
        try tree.write("orgs/acme/org.json", compact)
        try tree.write("orgs/acme/members/bob.json", "{\"user\":\"bob\",\"role\":\"member\",\"createdAt\":\"2026-11-21T09:30:00Z\"}")
        let before = tree.tree()
        let result = try run(tree, "fmt")
        #expect(result.status == 1)
        #expect(result.stdout.contains("registry/orgs/acme/org.json:1:1: error: file is larger than 1 MiB [json]"), "\(result.stdout)")
        #expect(result.stderr == "tenancy: error: written in canonical form, these files would break the rules reported; nothing was written\n")
        #expect(tree.tree() == before)
        #expect(try run(tree, "validate").stdout.contains("[json]") == false)
    }

    @Test func listAndShowDescribeTheRegistry() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        #expect(try run(tree, "list", "members", "acme").stdout == """
            USER   NAME           EMAIL              ROLE    ASSIGNMENTS
            alice  Alice Liddell  alice@example.com  owner
            bob    Bob Builder    bob@example.com    member

            """)
        let orgs = try run(tree, "--format", "json", "list", "orgs")
        let decoded = try JSONSerialization.jsonObject(with: Data(orgs.stdout.utf8)) as? [String: Any]
        let rows = decoded?["orgs"] as? [[String: Any]]
        #expect(rows?.map { $0["slug"] as? String } == ["acme", "alice", "bob"])
        #expect(rows?.map { $0["memberCount"] as? Int } == [2, 1, 1])
        let invitations = try run(tree, "list", "invitations", "acme", "--status", "pending")
        #expect(invitations.stdout.contains("carol@example.com  member  pending  2026-11-28T09:30:00Z  alice"), "\(invitations.stdout)")
        let user = try run(tree, "show", "user", "bob")
        #expect(user.stdout.contains("organizations:\n  acme  member\n  bob   owner\n"), "\(user.stdout)")
        #expect(user.stdout.contains("projects:\n  acme  web  member\n"), "\(user.stdout)")
        let missing = try run(tree, "show", "org", "nope")
        #expect(missing.status == 1)
        #expect(missing.stderr == "tenancy: error: no organization 'nope' in registry\n")
    }

    @Test func anInvitationPastItsExpiryIsListedAsExpired() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        let later = try runTenancy(
            ["list", "invitations", "acme", "--status", "expired"], cwd: URL(fileURLWithPath: tree.path),
            env: ["SOURCE_DATE_EPOCH": String(Timestamp("2026-12-01T00:00:00Z")!.seconds)])
        #expect(later.stdout.contains("carol@example.com  member  expired"))
    }

    /// The base registry with a second project of acme, `api`, which has no members.
    static func registryWithTwoProjects() throws -> TemporaryRegistry {
        try TemporaryRegistry(RuleExamples.baseRegistry.merging([
            "orgs/acme/projects/api/project.json": """
                {
                  "createdAt": "2026-11-21T09:30:00Z",
                  "id": "7ccccccc-0000-4000-8000-000000000000",
                  "name": "API",
                  "slug": "api"
                }

                """,
        ]) { $1 })
    }

    @Test func listUsersShowsEveryUserSortedByHandle() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        let text = try run(tree, "list", "users")
        #expect(text.status == 0 && text.stderr == "")
        #expect(text.stdout == """
            HANDLE  NAME           EMAIL
            alice   Alice Liddell  alice@example.com
            bob     Bob Builder    bob@example.com

            """)
        let json = try run(tree, "--format", "json", "list", "users")
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let users = (document?["users"] as? [[String: Any]])?.map { NSDictionary(dictionary: $0) }
        #expect(users == [
            ["handle": "alice", "name": "Alice Liddell", "email": "alice@example.com", "siteAdmin": false],
            ["handle": "bob", "name": "Bob Builder", "email": "bob@example.com", "siteAdmin": false],
        ])
    }

    @Test func listProjectsShowsAnOrganizationsProjectsWithTheirMemberCounts() throws {
        let tree = try Self.registryWithTwoProjects()
        let projects = try run(tree, "list", "projects", "acme")
        #expect(projects.status == 0)
        #expect(projects.stdout == "SLUG  MEMBERS  NAME\napi   0        API\nweb   1        Website\n")
        #expect(try run(tree, "list", "projects", "bob").stdout == "SLUG  MEMBERS  NAME\n")
        let missing = try run(tree, "list", "projects", "nope")
        #expect(missing.status == 1 && missing.stdout == "")
        #expect(missing.stderr == "tenancy: error: no organization 'nope' in registry\n")
    }

    @Test func showProjectShowsAProjectWithItsMembers() throws {
        let tree = try Self.registryWithTwoProjects()
        let web = try run(tree, "show", "project", "acme", "web")
        #expect(web.status == 0)
        #expect(web.stdout == """
            org:     acme
            slug:    web
            name:    Website
            id:      5abd6fa7-9b6d-4c2d-8faa-7ebebebe7a65
            members:
              bob  Bob Builder  member

            """)
        let api = try run(tree, "--format", "json", "show", "project", "acme", "api")
        let fields = try JSONSerialization.jsonObject(with: Data(api.stdout.utf8)) as? [String: Any]
        #expect(fields.map(NSDictionary.init(dictionary:)) == [
            "version": 1, "org": "acme", "slug": "api", "name": "API", "id": "7ccccccc-0000-4000-8000-000000000000",
            "members": [Any](),
        ])
        let missing = try run(tree, "show", "project", "acme", "nope")
        #expect(missing.status == 1 && missing.stdout == "")
        #expect(missing.stderr == "tenancy: error: no project 'nope' in organization 'acme'\n")
    }

    @Test func showOrgShowsAnOrganizationWithItsMembersProjectsAndInvitations() throws {
        let tree = try Self.registryWithTwoProjects()
        let acme = try run(tree, "show", "org", "acme")
        #expect(acme.status == 0)
        #expect(acme.stdout == """
            slug:               acme
            name:               Acme Inc.
            kind:               team
            id:                 4fac5e96-8a5c-4b1c-9e99-6dadadad6f54
            members:
              alice  Alice Liddell  owner
              bob    Bob Builder    member
            projects:
              api  API
              web  Website
            pendingInvitations: 1

            """)
        let personal = try run(tree, "show", "org", "bob")
        #expect(personal.stdout.contains("kind:               personal\n"))
        #expect(personal.stdout.contains("personalOf:         bob\n"))
    }
}

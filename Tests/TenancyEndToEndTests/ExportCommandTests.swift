import Foundation
import Tenancy
import TenancyFixtures
import TenancyTestSupport
import Testing

/// `tenancy export cedar` decides as `tenancy can` does, by the real Cedar engine, on every
/// question over several registries; `tenancy export json` holds the whole registry.
struct ExportCommandTests {
    @Test func exportCedarWritesTheSchemaPoliciesAndEntities() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        let out = tree.path + "/cedar"
        let run = try runTenancy(["export", "cedar", "--out", out], cwd: URL(fileURLWithPath: tree.path))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout == ["tenancy.cedarschema.json", "policies.cedar", "entities.json"].map { "wrote \(out)/\($0)\n" }.joined())
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            == ["entities.json", "policies.cedar", "tenancy.cedarschema.json"])
        let policies = try String(contentsOfFile: out + "/policies.cedar", encoding: .utf8)
        #expect(policies.contains("when { resource.organization.roles[\"admin\"].contains(principal) };"))
        // A second export replaces the files whole.
        #expect(try runTenancy(["export", "cedar", "--out", out], cwd: URL(fileURLWithPath: tree.path)).status == 0)
    }

    /// A file, a symlink, a directory holding another tool's files (`/`, say), or no path at all:
    /// a usage error, and nothing is written.
    @Test func exportCedarRefusesADirectoryThatHoldsOtherFiles() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        try tree.directory.write("taken", "not a directory\n")
        try tree.directory.write("shared/README", "another tool's\n")
        try tree.directory.symlink("link", to: "elsewhere")
        let cases = [
            ("link", "tenancy: error: cannot write the export into '\(tree.path)/link': a symbolic link\n"),
            ("taken", "tenancy: error: cannot write the export into '\(tree.path)/taken': not a directory\n"),
            ("shared", "tenancy: error: '\(tree.path)/shared' holds 'README', which is no file of this export: give a new or empty directory\n"),
            ("", "tenancy export cedar: error: --out needs a path (see 'tenancy export cedar --help')\n"),
        ]
        // Every path but the registry's lock, which a reader creates.
        let paths = { try FileManager.default.subpathsOfDirectory(atPath: tree.path).filter { !$0.hasPrefix("registry/.tenancy") }.sorted() }
        for (out, message) in cases {
            let before = try paths()
            let run = try runTenancy(["export", "cedar", "--out", out], cwd: URL(fileURLWithPath: tree.path))
            #expect(run.status == 2, "\(out): \(run.stderr)")
            #expect(run.stderr == message)
            #expect(try paths() == before)
        }
    }

    /// An export of a registry that breaks a rule would grant what `can` does not:
    /// refused, exit 1, nothing written or printed.
    @Test func aRegistryThatBreaksARuleIsNotExported() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        try tree.write("orgs/acme/members/bob.json", RuleExamples.member("bob", "emperor"))
        let out = try ScratchDirectory()
        for arguments in [["export", "cedar", "--out", out.url("cedar").path], ["export", "json"]] {
            let run = try runTenancy(arguments, cwd: URL(fileURLWithPath: tree.path))
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stdout == "")
            #expect(run.stderr == "tenancy: error: registry breaks 1 rule ('tenancy validate' lists them); nothing exported\n", "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.url("cedar").path))
    }

    @Test func exportJSONHoldsEveryEntityInOneDocument() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        let run = try runTenancy(["export", "json"], cwd: URL(fileURLWithPath: tree.path))
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let snapshot = try SnapshotLoader.load(from: tree.source)
        let users = try #require(document["users"] as? [[String: Any]])
        #expect(users.compactMap { $0["handle"] as? String } == snapshot.userHandles.map(\.rawValue))
        let orgs = try #require(document["organizations"] as? [[String: Any]])
        #expect(orgs.compactMap { $0["slug"] as? String } == snapshot.orgSlugs.map(\.rawValue))
        for org in orgs {
            let slug = Slug(unchecked: try #require(org["slug"] as? String))
            let members = (org["members"] as? [[String: Any]] ?? []).compactMap { $0["user"] as? String }
            #expect(members == snapshot.memberships(in: slug).map(\.user.rawValue))
            let projects = org["projects"] as? [[String: Any]] ?? []
            #expect(projects.compactMap { $0["slug"] as? String } == snapshot.projects(in: slug).map(\.slug.rawValue))
            for project in projects {
                let key = Snapshot.ProjectKey(org: slug, project: Slug(unchecked: project["slug"] as? String ?? ""))
                let members = (project["members"] as? [[String: Any]] ?? []).compactMap { $0["user"] as? String }
                #expect(members == snapshot.projectMemberships(in: key).map(\.user.rawValue))
            }
            #expect((org["invitations"] as? [Any])?.count == snapshot.invitations(in: slug).count)
        }
        #expect((document["policy"] as? [String: Any])?["organizationRoles"] != nil)
        #expect(document["format"] as? Int == 1)
    }

    @Test(CedarEngine.required)
    func cedarDecidesAsCanOnTheBundledRegistry() throws {
        try CedarEngine.expectNoDifference(registry: BundledRegistryTests.root)
    }

    @Test(CedarEngine.required, arguments: Preset.allCases)
    func cedarDecidesAsCanOnEachPresetsScenario(_ preset: Preset) throws {
        let scenario = try Self.everyRoleHeld(preset)
        try CedarEngine.expectNoDifference(registry: scenario.tree.registry)
    }

    @Test(CedarEngine.required)
    func cedarDecidesAsCanOnAGeneratedRegistry() throws {
        let tree = try TemporaryRegistry()
        _ = try RegistryGenerator(users: 24, orgs: 4, seed: 13).write(to: tree.registry)
        try CedarEngine.expectNoDifference(registry: tree.registry)
    }

    /// Wildcards at every depth, an application's own permissions, `*` held through an
    /// assignment, and names Cedar must quote: spaces, quotes, backslashes, accents.
    @Test(CedarEngine.required)
    func cedarDecidesAsCanWithWildcardsAndNamesToQuote() throws {
        let s = try PresetScenario("default")
        var policy = Policy()
        policy.organizationRoles = [
            Policy.Role(name: "owner", owner: true, permissions: ["*"]),
            Policy.Role(name: "billing", permissions: ["billing:*", "org:read", "café:lire"]),
            Policy.Role(name: "deployer", permissions: ["deploy", "env:prod:*", "env:*", "project:read"]),
            Policy.Role(name: "guest", permissions: []),
        ]
        policy.assignments = [
            Policy.Assignment(name: "Audit \"ops\" \\ équipe", permissions: ["audit:*", "member:*"]),
            Policy.Assignment(name: "Break glass", permissions: ["*"]),
            // Two names whose policies' ids once were the same.
            Policy.Assignment(name: "Dev", permissions: ["deploy"]),
            Policy.Assignment(name: "Dev in projects", permissions: ["audit:read"]),
        ]
        policy.projectRoles = [
            Policy.Role(name: "lead", permissions: ["project:*"]),
            Policy.Role(name: "viewer", permissions: ["project:read", "x:y:z"]),
        ]
        try s.tree.write("tenancy.json", CanonicalWriter.bytes(for: policy.json))
        try s.users("olivia", "bill", "dev", "gus", "gus2", "aud", "root")
        try s.ok("org", "create", "acme", "--name", "Acme", "--owner", "olivia", "--as", "olivia")
        try s.ok("project", "create", "acme", "web", "--name", "Web", "--as", "olivia")
        try s.ok("project", "create", "acme", "api", "--name", "API", "--as", "olivia")
        try s.ok("member", "add", "acme", "bill", "--role", "billing", "--as", "olivia")
        try s.ok("member", "add", "acme", "dev", "--role", "deployer", "--assign", "Break glass", "--as", "olivia")
        try s.ok("member", "add", "acme", "gus", "--role", "guest", "--as", "olivia")
        try s.ok("member", "add", "acme", "aud", "--role", "guest", "--assign", "Audit \"ops\" \\ équipe", "--as", "olivia")
        try s.ok("project", "member", "add", "acme", "web", "gus", "--role", "lead", "--as", "olivia")
        try s.ok("project", "member", "add", "acme", "api", "aud", "--role", "viewer", "--as", "olivia")
        try s.ok("member", "add", "acme", "gus2", "--role", "guest", "--assign", "Dev", "--as", "olivia")
        try Self.makeSiteAdmin(s, "root")
        try CedarEngine.expectNoDifference(registry: s.tree.registry)
        // Every policy has its own `@id`, whatever the names hold.
        let out = try ScratchDirectory()
        #expect(try runTenancy(["--registry", s.tree.registry, "export", "cedar", "--out", out.url("cedar").path]).status == 0)
        let policies = try String(contentsOf: out.url("cedar/policies.cedar"), encoding: .utf8)
        let ids = policies.split(separator: "\n").filter { $0.hasPrefix("@id(") }
        #expect(ids.count > 10 && Set(ids).count == ids.count, "\(ids)")
    }

    /// A registry of `preset` where every role, assignment and project role is held: an
    /// owner creates acme with two projects, one member holds each organization role, one
    /// guest-like member each assignment and one each project role; a site admin, and a
    /// user outside acme, ask too.
    static func everyRoleHeld(_ preset: Preset) throws -> PresetScenario {
        let s = try PresetScenario(preset.rawValue)
        let policy = preset.policy
        let lowest = try #require(policy.organizationRoles.last { !$0.owner }).name.rawValue
        try s.users("olivia", "root", "outsider")
        try s.ok("org", "create", "acme", "--name", "Acme", "--owner", "olivia", "--as", "olivia")
        try s.ok("project", "create", "acme", "web", "--name", "Web", "--as", "olivia")
        try s.ok("project", "create", "acme", "api", "--name", "API", "--as", "olivia")
        for (index, role) in policy.organizationRoles.enumerated() {
            try s.users("role\(index)")
            try s.ok("member", "add", "acme", "role\(index)", "--role", role.name.rawValue, "--as", "olivia")
        }
        for (index, assignment) in policy.assignments.enumerated() {
            try s.users("assigned\(index)")
            try s.ok("member", "add", "acme", "assigned\(index)", "--role", lowest, "--assign", assignment.name, "--as", "olivia")
        }
        for (index, role) in policy.projectRoles.enumerated() {
            try s.users("project\(index)")
            try s.ok("member", "add", "acme", "project\(index)", "--role", lowest, "--as", "olivia")
            try s.ok("project", "member", "add", "acme", "web", "project\(index)", "--role", role.name.rawValue, "--as", "olivia")
        }
        try makeSiteAdmin(s, "root")
        return s
    }

    /// No command makes a site admin: their file says so.
    static func makeSiteAdmin(_ s: PresetScenario, _ handle: String) throws {
        let file = "users/\(handle).json", text = s.text("users/\(handle).json")
        #expect(text.hasSuffix("\"\n}\n"))
        try s.tree.write(file, String(text.dropLast(3)) + ",\n  \"siteAdmin\": true\n}\n")
        let check = try s.run(["validate"])
        #expect(check.status == 0, "\(check.stdout)")
    }
}

import Foundation
import Tenancy
import TenancyFixtures
import TenancyTestSupport
import Testing

/// `tenancy export sql` against the real engines: the `access` view answers what
/// `tenancy can` answers, and each `--since` delta brings a database to what a fresh
/// export holds. Each test is skipped, saying why, where its engine is not installed.
struct ExportSQLTests {
    static let sqlite = Comment(rawValue: SQLiteDatabase.unavailable ?? "")
    static let postgresql = Comment(rawValue: PostgreSQLCluster.unavailable ?? "")

    @Test(.enabled(if: SQLiteDatabase.unavailable == nil, sqlite))
    func theAccessViewAgreesWithCanInSQLite() throws {
        try SQLExportCheck.accessAgreesWithCan { try SQLiteDatabase() }
    }

    @Test(.enabled(if: PostgreSQLCluster.unavailable == nil, postgresql))
    func theAccessViewAgreesWithCanInPostgreSQL() throws {
        let cluster = try PostgreSQLCluster()
        try SQLExportCheck.accessAgreesWithCan { try cluster.database() }
    }

    @Test(.slow, .enabled(if: SQLiteDatabase.unavailable == nil, sqlite))
    func eachDeltaGivesTheTablesOfAFreshExportInSQLite() throws {
        try SQLExportCheck.deltasAgreeWithFreshExports(seed: 1) { try SQLiteDatabase() }
    }

    @Test(.slow, .enabled(if: PostgreSQLCluster.unavailable == nil, postgresql))
    func eachDeltaGivesTheTablesOfAFreshExportInPostgreSQL() throws {
        let cluster = try PostgreSQLCluster()
        try SQLExportCheck.deltasAgreeWithFreshExports(seed: 2) { try cluster.database() }
    }

    @Test(.enabled(if: SQLiteDatabase.unavailable == nil, sqlite))
    func hostileTextsArriveIntactInSQLite() throws {
        try SQLExportCheck.hostileTextsArriveIntact(in: SQLiteDatabase())
    }

    @Test(.enabled(if: PostgreSQLCluster.unavailable == nil, postgresql))
    func hostileTextsArriveIntactInPostgreSQL() throws {
        let cluster = try PostgreSQLCluster()
        try SQLExportCheck.hostileTextsArriveIntact(in: cluster.database())
    }

    @Test func aBrokenRegistryOrAnUntilWithoutSinceExportsNothing() throws {
        let tree = try TemporaryRegistry(RegistryFiles.registry(["orgs/acme/members/bob.json": RegistryFiles.member("bob", "boss")]))
        let broken = try runTenancy(["export", "sql"], cwd: URL(fileURLWithPath: tree.path))
        #expect(broken.status == 1 && broken.stdout.isEmpty, "\(broken.stdout)\(broken.stderr)")
        #expect(broken.stderr == "tenancy: error: registry breaks 1 rule ('tenancy validate' lists them); nothing exported\n")
        let until = try runTenancy(["export", "sql", "--until", "HEAD"], cwd: URL(fileURLWithPath: tree.path))
        #expect(until.status == 2 && until.stdout.isEmpty && until.stderr == "tenancy: error: --until needs --since\n")
    }

    /// Rows are built while the rules run, so they meet references to nothing (a member
    /// whose user file is gone, members and an invitation of a project without its
    /// project.json): the rules' refusal is what is reported, never a crash.
    @Test(arguments: [
        ["users/bob.json": nil] as [String: String?],
        ["orgs/acme/projects/web/project.json": nil, RegistryFiles.invitationPath: RuleExamples.invitation(["project": #""web""#, "projectRole": #""member""#])],
    ])
    func referencesToNothingAreRefusedNotACrash(_ overlay: [String: String?]) throws {
        let tree = try TemporaryRegistry(RegistryFiles.registry(overlay))
        for dialect in ["postgresql", "sqlite"] {
            let run = try runTenancy(["export", "sql", "--dialect", dialect], cwd: URL(fileURLWithPath: tree.path))
            #expect(run.status == 1 && run.stdout.isEmpty, "\(run.status) \(run.stderr)")
            #expect(run.stderr.hasPrefix("tenancy: error: registry breaks "), "\(run.stderr)")
        }
    }
}

/// The checks of `ExportSQLTests`, for any engine.
enum SQLExportCheck {
    /// Every table of the export, and the view.
    static let tables = [
        "permissions", "permission_expansions", "organization_roles", "organization_role_permissions", "project_roles",
        "project_role_permissions", "assignments", "assignment_permissions", "users", "organizations",
        "organization_previous_slugs", "memberships", "membership_assignments", "projects", "project_memberships",
        "invitations", "access",
    ]

    /// For the bundled registry, a scenario of each preset and a generated registry: on
    /// every (user, permission, organization or project), the view says what `can` says.
    static func accessAgreesWithCan(_ newDatabase: () throws -> any ThrowawayDatabase) throws {
        let bundled = try TemporaryRegistry()
        try FileManager.default.removeItem(atPath: bundled.registry)
        try FileManager.default.copyItem(atPath: BundledRegistryTests.root, toPath: bundled.registry)
        try? FileManager.default.removeItem(atPath: bundled.registry + "/.tenancy")
        let generated = try TemporaryRegistry()
        _ = try RegistryGenerator(users: 40, orgs: 6, seed: 7).write(to: generated.registry)
        let scenarios = try Preset.allCases.map { try presetScenario($0) }
        for tree in [bundled, generated] + scenarios.map(\.tree) {
            let database = try newDatabase()
            let export = try runTenancy(["export", "sql", "--dialect", database.dialect], cwd: URL(fileURLWithPath: tree.path))
            #expect(export.status == 0, "\(export.stderr)")
            try database.load(export.stdout)
            try expectAccessAgreesWithCan(database, SnapshotLoader.load(from: tree.source))
        }
    }

    /// Compares the whole view with `can` computed in this process, on every triple.
    static func expectAccessAgreesWithCan(_ database: any ThrowawayDatabase, _ snapshot: Snapshot, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let rows = try database.query("SELECT user_handle, org_slug, coalesce(project_slug, ''), permission FROM access")
        let granted = Set(rows.map { $0.joined(separator: "\u{1F}") })
        #expect(granted.count == rows.count, "the view lists a row twice", sourceLocation: sourceLocation)
        let named = (snapshot.policy.organizationRoles + snapshot.policy.projectRoles).flatMap(\.permissions)
            + snapshot.policy.assignments.flatMap(\.permissions)
        let permissions = Set(Permission.ofTheTool.map(\.rawValue) + named.filter { $0 != "*" && !$0.hasSuffix(":*") })
        #expect(Set(try database.query("SELECT name FROM permissions").map { $0[0] }) == permissions, sourceLocation: sourceLocation)
        var differences: [String] = [], answered = Set<String>(), triples = 0
        for user in snapshot.userHandles {
            for org in snapshot.orgSlugs {
                for project in [nil] + snapshot.projects(in: org).map(\.slug) {
                    for permission in permissions {
                        let row = { (place: String) in [user.rawValue, org.rawValue, place, permission].joined(separator: "\u{1F}") }
                        let view = granted.contains(row("")) || (project.map { granted.contains(row($0.rawValue)) } ?? false)
                        answered.insert(row(project?.rawValue ?? ""))
                        let can = snapshot.can(
                            user, Permission(unchecked: permission), org: org, project: project)
                        triples += 1
                        if view != can { differences.append("\(user) \(permission) \(org)\(project.map { "/\($0)" } ?? ""): can \(can), view \(view)") }
                    }
                }
            }
        }
        #expect(triples > 0 && !granted.isEmpty, sourceLocation: sourceLocation)
        #expect(differences.isEmpty, "\(differences.count) of \(triples): \(differences.prefix(10))", sourceLocation: sourceLocation)
        #expect(granted.subtracting(answered).isEmpty, "rows of no place: \(granted.subtracting(answered).prefix(10))", sourceLocation: sourceLocation)
    }

    /// A registry from `init --preset`, with members of every organization role, project
    /// members of every project role, an assignment and a site admin; each change made
    /// with the tool (a change a preset refuses is left out).
    static func presetScenario(_ preset: Preset) throws -> PresetScenario {
        let s = try PresetScenario(preset.rawValue)
        let policy = preset.policy
        try s.users("alice", "bob", "carol", "dave", "gus")
        let created = try s.run(["org", "create", "acme", "--name", "Acme", "--owner", "alice"]).status == 0
        let org = created ? "acme" : "alice"
        for project in ["web", "api"] { _ = try s.run(["project", "create", org, project, "--name", project]) }
        let roles = policy.organizationRoles.map(\.name.rawValue)
        for (user, role) in zip(["bob", "carol", "dave", "gus"], Array(roles.dropFirst()) + roles) {
            _ = try s.run(["member", "add", org, user, "--role", role])
        }
        for (user, role) in zip(["gus", "carol", "bob"], policy.projectRoles.map(\.name.rawValue).reversed() + ["member"]) {
            _ = try s.run(["project", "member", "add", org, "web", user, "--role", role])
        }
        if let assignment = policy.assignments.last {
            _ = try s.run(["member", "set", org, "carol", "--assign", assignment.name])
        }
        let dave = s.text("users/dave.json")
        try s.tree.write("users/dave.json", String(dave.dropLast(3)) + ",\n  \"siteAdmin\": true\n}\n")
        #expect(try s.run(["validate"]).status == 0)
        return s
    }
}

extension SQLExportCheck {
    /// Quotes, backslashes, SQL and line breaks in names, metadata and a permission of the
    /// policy reach the database as they are, and the view still agrees with `can`.
    static func hostileTextsArriveIntact(in database: any ThrowawayDatabase) throws {
        let policy = """
            {
              "assignments": [
                {
                  "name": "audit",
                  "permissions": [
                    "it's\\\\a:read"
                  ]
                }
              ],
              "format": 1
            }

            """
        let fixture = try MutationFixture(["tenancy.json": policy])
        let name = #"O'Brien "\" '); DROP TABLE users; --"#
        try fixture.change("user", "set", "bob", "--name", name)
        try fixture.change("member", "set", "acme", "bob", "--assign", "audit")
        try fixture.change("org", "set", "acme", "--metadata", #"{"note": "it's \\ \n\n.shell echo", "zero": "\u0000"}"#)
        let export = try fixture.run(["export", "sql", "--dialect", database.dialect])
        #expect(export.status == 0, "\(export.stderr)")
        try database.load(export.stdout)
        let snapshot = try SnapshotLoader.load(from: fixture.tree.source)
        let metadata = String(decoding: CanonicalWriter.bytes(for: snapshot.orgs["acme"]!.metadata!).dropLast(), as: UTF8.self)
        #expect(try database.query("SELECT name FROM users WHERE handle = 'bob'") == [[name]])
        #expect(try database.query("SELECT metadata FROM organizations WHERE slug = 'acme'") == [[metadata]])
        let granted = try database.query("SELECT permission FROM access WHERE user_handle = 'bob' AND org_slug = 'acme'")
        #expect(granted.contains(["it's\\a:read"]), "\(granted)")
        try expectAccessAgreesWithCan(database, snapshot)
    }

    /// A random sequence of changes made with the tool's own commands and committed:
    /// renames (two users trading handles and emails among them), removals with their
    /// cascades, a conversion, a policy change. After every few commits, the delta
    /// `--since` the last checked commit (`--until` the new one, every other time) brings
    /// the database to exactly the tables of a fresh export.
    static func deltasAgreeWithFreshExports(seed: UInt64, _ newDatabase: () throws -> any ThrowawayDatabase) throws {
        let history = try ChangeHistory(seed: seed)
        let database = try newDatabase()
        history.dialect = database.dialect
        try database.load(history.export())
        var checked = try history.head(), checks = 0
        for step in 0..<36 {
            guard try history.change(step) else { continue }
            guard history.random.next() % 3 == 0 || step == 35 else { continue }
            let head = try history.head()
            let until = checks % 2 == 0 ? ["--until", head] : []
            try database.load(history.export(["--since", checked] + until))
            let fresh = try newDatabase()
            try fresh.load(history.export())
            for table in tables {
                let (applied, exported) = (try dump(table, database), try dump(table, fresh))
                #expect(applied == exported, "after step \(step), \(table): \(applied.count) rows by deltas, \(exported.count) exported")
            }
            checked = head
            checks += 1
        }
        #expect(checks >= 5 && history.changes.count >= 20, "\(history.changes)")
        let kinds = ["user rename", "user set", "user remove", "org rename", "org convert", "member remove", "project rename", "project delete", "policy"]
        let missing = kinds.filter { kind in !history.changes.contains { $0.hasPrefix(kind) } }
        #expect(missing.isEmpty, "no \(missing) among \(history.changes)")
    }

    static func dump(_ table: String, _ database: any ThrowawayDatabase) throws -> [String] {
        try database.query("SELECT * FROM \(table)").map { $0.joined(separator: "\u{1F}") }.sorted()
    }
}

/// A git repository holding a generated registry, changed by the tool's commands chosen
/// at random (from a fixed seed), each change committed.
final class ChangeHistory {
    let repository: TemporaryGitRepository
    var random: SplitMix64
    /// The changes made, for the failure message.
    var changes: [String] = []

    init(seed: UInt64) throws {
        repository = try TemporaryGitRepository()
        random = SplitMix64(seed: seed)
        _ = try RegistryGenerator(users: 12, orgs: 3, seed: seed).write(to: repository.path + "/registry")
        try repository.stageAll()
        try repository.commit("generated registry")
    }

    func run(_ arguments: [String]) throws -> TenancyRun {
        try runTenancy(
            arguments, cwd: URL(fileURLWithPath: repository.path),
            env: ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "SOURCE_DATE_EPOCH": MutationFixture.now])
    }

    func export(_ arguments: [String] = []) throws -> String {
        let result = try run(["export", "sql", "--dialect", dialect] + arguments)
        guard result.status == 0 else { throw SQLEngineError(description: "export \(arguments): \(result.stderr)") }
        return result.stdout
    }

    var dialect = "sqlite"

    func head() throws -> String { try repository.run("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines) }

    func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[Int(random.next() % UInt64(items.count))] }

    /// Makes the change of kind `step` (modulo the kinds) on random entities and commits
    /// it; false when there was nothing to change or the tool refused it.
    func change(_ step: Int) throws -> Bool {
        let s = try SnapshotLoader.load(from: DirectorySource(root: repository.path + "/registry"))
        // The command lines are text: the names as text, looked up again as names.
        let users = s.userHandles.map(\.rawValue), teams = s.orgSlugs.filter { s.orgs[$0]?.kind == .team }.map(\.rawValue)
        let members = teams.flatMap { org in s.memberships(in: Slug(unchecked: org)).map { (org, $0.user.rawValue) } }
        let projects = teams.flatMap { org in s.projects(in: Slug(unchecked: org)).map { (org, $0.slug.rawValue) } }
        let new = "n\(step)"
        var commands: [[String]] = []
        switch step % 14 {
        case 0: commands = [["user", "add", new, "--email", "\(new)@example.com"]]
        case 1:
            guard let a = pick(users), let b = pick(users.filter { $0 != a }) else { return false }
            let (emailA, emailB) = (s.users[Handle(unchecked: a)]!.email, s.users[Handle(unchecked: b)]!.email)
            // The two trade handles, then emails: in one commit, each of their unique
            // values is the other's old one.
            commands = [
                ["user", "rename", a, "swap"], ["user", "rename", b, a], ["user", "rename", "swap", b],
                ["user", "set", a, "--email", "swap@example.com"], ["user", "set", b, "--email", emailB],
                ["user", "set", a, "--email", emailA],
            ]
        case 2: commands = [pick(users).map { ["user", "remove", $0] }].compactMap { $0 }
        case 3: commands = [pick(users).map { ["org", "create", new, "--name", "Org \(new)", "--owner", $0] }].compactMap { $0 }
        case 4: commands = [pick(teams).map { ["org", "rename", $0, "--to", new] }].compactMap { $0 }
        case 5:
            guard let org = pick(teams), let user = pick(users.filter { s.members[Slug(unchecked: org)]?[Handle(unchecked: $0)] == nil }) else { return false }
            commands = [["member", "add", org, user, "--role", pick(["member", "admin", "guest"])!]]
        case 6: commands = [pick(members).map { ["member", "set", $0.0, $0.1, "--role", pick(["member", "admin"])!] }].compactMap { $0 }
        case 7: commands = [pick(members).map { ["member", "remove", $0.0, $0.1] }].compactMap { $0 }
        case 8: commands = [pick(teams).map { ["project", "create", $0, new, "--name", "Project \(new)"] }].compactMap { $0 }
        case 9: commands = [pick(projects).map { ["project", "rename", $0.0, $0.1, "--to", new] }].compactMap { $0 }
        case 10:
            guard let (org, project) = pick(projects), let user = pick(s.memberships(in: Slug(unchecked: org)).map(\.user.rawValue)) else { return false }
            commands = [["project", "member", "add", org, project, user, "--role", "admin"], ["project", "delete", org, pick(s.projects(in: Slug(unchecked: org)).map(\.slug.rawValue))!]]
        case 11:
            guard let user = pick(users.filter { s.orgs[Slug(unchecked: $0)]?.kind == .personal }) else { return false }
            commands = [["org", "convert", user, "--to", new, "--name", "Team \(new)"]]
        case 12:
            guard let org = pick(teams), let owner = s.memberships(in: Slug(unchecked: org)).first(where: { $0.role == "owner" })?.user.rawValue,
                let user = pick(users.filter { s.members[Slug(unchecked: org)]?[Handle(unchecked: $0)] == nil })
            else { return false }
            commands = [["invite", org, s.users[Handle(unchecked: user)]!.email, "--role", "member", "--inviter", owner]]
            if random.next() % 2 == 0 { commands.append(["org", "delete", pick(teams)!]) }
        default:
            try write(policy: step)
            commands = [pick(members).map { ["member", "set", $0.0, $0.1, "--assign", "billing"] }].compactMap { $0 }
        }
        var changed = step % 14 == 13
        for command in commands {
            let result = try run(command)
            if result.status == 0 {
                changed = true
                changes.append(command.joined(separator: " "))
            }
        }
        guard changed else { return false }
        #expect(try run(["validate"]).status == 0, "after \(commands)")
        try repository.stageAll()
        try repository.commit("step \(step)")
        return true
    }

    /// A policy with an assignment `billing`, whose permissions change with `step`.
    func write(policy step: Int) throws {
        let permissions = step % 28 == 13 ? ["billing:*", "billing:read", "billing:pay"] : ["billing:read"]
        let list = permissions.map { "        \"\($0)\"" }.joined(separator: ",\n")
        let text = """
            {
              "assignments": [
                {
                  "name": "billing",
                  "permissions": [
            \(list)
                  ]
                }
              ],
              "format": 1
            }

            """
        try FileManager.default.removeItem(atPath: repository.path + "/registry/tenancy.json")
        try Data(text.utf8).write(to: URL(fileURLWithPath: repository.path + "/registry/tenancy.json"))
        changes.append("policy \(permissions)")
    }
}


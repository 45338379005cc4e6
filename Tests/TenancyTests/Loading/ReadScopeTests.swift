import Foundation
import Testing
@testable import TenancyCore
@testable import TenancyFixtures
import TenancyTestSupport

/// A question about the registry (`can`, `show`, `list`) reads only the files its answer
/// needs (`ReadScope`), and `list users|orgs` reads a window at a time (`Listing`); these
/// tests prove, on generated registries holding random errors, that every answer is the
/// one the whole snapshot gives.
@Suite struct ReadScopeTests {
    @Test(.slow, arguments: 1...6 as ClosedRange<UInt64>)
    func scopedAnswersAreTheWholeRegistrysAnswers(seed: UInt64) throws {
        let tree = try TemporaryRegistry()
        let generator = RegistryGenerator(users: 30, orgs: 6, seed: seed)
        _ = try generator.write(to: tree.registry)
        var random = SplitMix64(seed: seed, stream: 77, index: 0)
        let damage = try Self.damage(tree, generator.files().map(\.path), &random)
        let whole = try SnapshotLoader.load(from: tree.source)
        #expect(!RuleRegistry.check(whole).isEmpty, "the registry holds errors: \(damage)")
        let registry = Registry(root: tree.registry)
        let users = whole.userHandles + ["ghost", "user-000999", "Bad_Name", "../users/user-000001", ""].map(Handle.init(unchecked:))
        let orgs = whole.orgSlugs + ["team-00099", "Bad_Name", "..", ""].map(Slug.init(unchecked:))
        let memberships = whole.members.flatMap { org, members in members.keys.map { (org, $0) } }.sorted { $0 < $1 }
        var tally: [String: Int] = [:]
        for _ in 0..<60 {
            // Half of the questions are about a member of the organization.
            var user = users[random.below(users.count)], org = orgs[random.below(orgs.count)]
            if random.below(2) == 0 { (org, user) = memberships[random.below(memberships.count)] }
            let project: Slug? = random.below(4) == 0 ? nil : ["project-1", "project-2", "project-3", "nope"][random.below(4)]
            let question = ReadScope.access(user: user, org: org, project: project)
            let answer = Self.access(try registry.snapshot(of: question), user, org, project)
            #expect(answer == Self.access(whole, user, org, project), "seed \(seed) \(question) after \(damage)")
            tally[answer.contains("allowed") ? "allowed" : "other", default: 0] += 1
        }
        for user in users {
            #expect(Self.user(try registry.snapshot(of: .user(user)), user) == Self.user(whole, user), "seed \(seed) \(user) after \(damage)")
        }
        for org in orgs {
            #expect(Self.org(try registry.snapshot(of: .org(org)), org) == Self.org(whole, org), "seed \(seed) \(org) after \(damage)")
        }
        var listed: [String] = []
        try registry.forEachUser { handle, user in listed.append("\(handle) \(user.name) \(user.email)") }
        let userRows = whole.userHandles.map { "\($0) \(whole.users[$0]!.name) \(whole.users[$0]!.email)" }
        #expect(listed == userRows)
        listed = []
        try registry.forEachOrg { slug, org, members in listed.append("\(slug) \(org.kind) \(members) \(org.name)") }
        let orgRows = whole.orgSlugs.map { "\($0) \(whole.orgs[$0]!.kind) \(whole.members[$0]?.count ?? 0) \(whole.orgs[$0]!.name)" }
        #expect(listed == orgRows)
        // In windows of a few files (or organizations), as on a registry of many windows.
        listed = []
        try Listing.forEachUser(root: tree.registry, window: 7) { handle, user in listed.append("\(handle) \(user.name) \(user.email)") }
        #expect(listed == userRows)
        listed = []
        try Listing.forEachOrg(root: tree.registry, window: 64) { slug, org, members in listed.append("\(slug) \(org.kind) \(members) \(org.name)") }
        #expect(listed == orgRows)
        // Not vacuous: some questions were granted, and the scoped loads read few files.
        #expect(tally["allowed", default: 0] >= 10, "\(tally)")
        #expect(try registry.snapshot(of: .access(user: "user-000001", org: "team-00001", project: "project-1")).fileCount <= 6)
    }

    /// Breaks the registry in four random ways, returning what was done.
    static func damage(_ tree: TemporaryRegistry, _ paths: [String], _ random: inout SplitMix64) throws -> [String] {
        var done: [String] = []
        while done.count < 4 {
            let path = paths[random.below(paths.count)]
            let directory = (path as NSString).deletingLastPathComponent
            // Only the policy's contents: never the registry root itself.
            let kind = directory.isEmpty ? random.below(2) : random.below(9)
            // An earlier change may have moved or removed this file: then try another.
            guard (try? damage(tree, path, directory, kind, &random)) != nil else { continue }
            done.append("\(kind) \(path)")
        }
        return done
    }

    private static func damage(
        _ tree: TemporaryRegistry, _ path: String, _ directory: String, _ kind: Int, _ random: inout SplitMix64
    ) throws {
        let manager = FileManager.default
        switch kind {
        case 0: try tree.write(path, "{ broken")
        case 1: try tree.write(path, "{\n  \"format\": 1,\n  \"handle\": 2\n}\n")  // the wrong schema
        case 2: try manager.removeItem(atPath: tree.registry + "/" + path)
        case 3:
            // Memberships naming another user than their file (key-mismatch), or nobody.
            let other = RegistryGenerator.handle(1 + random.below(30))
            try tree.write(directory + "/user-000003.json", member(other, "owner"))
            try tree.write(directory + "/ghost.json", member("ghost", "admin"))
        case 4:
            // The directory behind a symlink: the whole load does not follow it.
            let outside = tree.path + "/moved-\(random.below(1_000_000))"
            try manager.moveItem(atPath: tree.registry + "/" + directory, toPath: outside)
            try tree.symlink(directory, to: outside)
        case 5:
            try manager.removeItem(atPath: tree.registry + "/" + path)
            try tree.write(path + "/inside.json", "{}")  // a directory where a file belongs
        case 6: try tree.fifo(directory + "/user-000002.json")
        case 7: try tree.write("orgs/Bad_Name/members/user-000001.json", member("user-000001", "owner"))
        default: try tree.write(directory + "/nested/user-000004.json", member("user-000004", "owner"))
        }
    }

    static func member(_ user: String, _ role: String) -> String {
        "{\n  \"createdAt\": \"2026-01-01T00:00:00Z\",\n  \"role\": \"\(role)\",\n  \"user\": \"\(user)\"\n}\n"
    }

    // The answers, computed from a snapshot as the commands compute them.

    static func access(_ s: Snapshot, _ user: Handle, _ org: Slug, _ project: Slug?) -> String {
        guard s.users[user] != nil else { return "no user" }
        guard s.orgs[org] != nil else { return "no org" }
        if let project, s.projects[org]?[project] == nil { return "no project" }
        let permissions = ["member:add", "project:read", "org:read", "billing:manage", "audit:read"]
        return permissions.map { permission in
            guard s.policy.defines(Permission(unchecked: permission)) else { return "undefined" }
            let decision = s.access(
                user, Permission(unchecked: permission), org: org, project: project)
            return "\(decision.allowed ? "allowed" : "denied") \(decision.grantedBy) \(decision.reason)"
        }.joined(separator: "; ")
    }

    static func user(_ s: Snapshot, _ handle: Handle) -> String {
        guard let user = s.users[handle] else { return "none" }
        return "\(user) \(s.organizations(of: handle)) \(s.projectMemberships(of: handle))"
    }

    static func org(_ s: Snapshot, _ slug: Slug) -> String {
        guard let org = s.orgs[slug] else { return "none" }
        let projects = s.projects(in: slug).map { project in
            "\(project) \(s.projectMemberships(in: Snapshot.ProjectKey(org: slug, project: project.slug)))"
        }
        return "\(org) \(s.memberships(in: slug)) \(projects) \(s.invitations(in: slug))"
    }
}

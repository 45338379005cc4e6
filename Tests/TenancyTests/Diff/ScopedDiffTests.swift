import Foundation
import Testing
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview
import TenancyTestSupport

/// `diff BASE HEAD` reads the base commit only where the change reaches (`DiffScope`);
/// these tests prove, over random commits on a generated registry (operations, mass
/// removals, broken transitions, renamed directories, repeated ids, policy edits, broken
/// JSON), that it reports exactly what reading the whole base tree reports.
@Suite struct ScopedDiffTests {
    @Test(.slow) func scopedDiffAnswersAsTheWholeTreeDiff() throws {
        var tally: [String: Int] = [:]
        for seed: UInt64 in 1...2 { try compareRandomCommits(seed: seed, commits: 24, pairs: 40, &tally) }
        // Not vacuous: most diffs were scoped, some fell back, and both kinds of answer came up.
        #expect(tally["scoped", default: 0] >= 40, "\(tally)")
        #expect(tally["whole", default: 0] >= 5, "\(tally)")
        #expect(tally["errors", default: 0] >= 10, "\(tally)")
        #expect(tally["changes", default: 0] >= 40, "\(tally)")
    }

    func compareRandomCommits(seed: UInt64, commits count: Int, pairs: Int, _ tally: inout [String: Int]) throws {
        let repository = try TemporaryGitRepository()
        let root = repository.url("registry").path
        _ = try RegistryGenerator(users: 24, orgs: 5, seed: seed).write(to: root)
        try repository.stageAll()
        var commits = [try repository.commit("generated")]
        var random = SplitMix64(seed: seed, stream: 7, index: 0)
        for step in 0..<count {
            try RandomEdit.apply(&random, root: root)
            try repository.stageAll()
            commits.append(try repository.commit("step \(step)"))
        }
        let users = try SnapshotLoader.load(from: DirectorySource(root: root)).userHandles
        for _ in 0..<pairs {
            let from = random.below(commits.count - 1)
            let to = min(commits.count - 1, from + 1 + random.below(3))
            let (base, head) = random.below(8) == 0 ? (commits[to], commits[from]) : (commits[from], commits[to])
            let actor = random.below(2) == 0 ? users[random.below(users.count)] : nil
            let allow = random.below(4) == 0
            let scoped = answer(base, head, actor, allow, root, scoped: true)
            let whole = answer(base, head, actor, allow, root, scoped: false)
            #expect(scoped.text == whole.text, "seed \(seed): \(base) \(head) --actor \(actor?.rawValue ?? "-")")
            tally[scoped.usedScope ? "scoped" : "whole", default: 0] += 1
            if scoped.text.contains(#""severity": "error""#) { tally["errors", default: 0] += 1 }
            if !scoped.text.hasPrefix("no access changes") { tally["changes", default: 0] += 1 }
        }
    }

    /// The report as `diff` prints it, or the error.
    func answer(
        _ base: String, _ head: String, _ actor: Handle?, _ allow: Bool, _ root: String, scoped: Bool
    ) -> (text: String, usedScope: Bool) {
        do {
            let (result, usedScope) = try RevisionDiff.review(
                base, head, actor: actor, allowMassRemoval: allow, root: root, git: .ofThisProcess, scoped: scoped)
            let diagnostics = DiagnosticReport(result.diagnostics, root: "", fileCount: result.fileCount)
            return (DiffReport(changes: result.changes, diagnostics: diagnostics).rendered(as: .json, colour: false), usedScope)
        } catch {
            return ("\(error)", false)
        }
    }

    /// A diff with a changed policy, or ids repeated across the scope's edge, reads the whole base tree.
    @Test func policyChangesAndRepeatedIDsReadTheWholeBase() throws {
        let repository = try TemporaryGitRepository()
        let root = repository.url("registry").path
        _ = try RegistryGenerator(users: 6, orgs: 2, seed: 1).write(to: root)
        try repository.stageAll()
        let generated = try repository.commit("generated")
        let review = { (base: String) in
            try RevisionDiff.review(base, "HEAD", actor: nil, allowMassRemoval: false, root: root, git: .ofThisProcess)
        }
        try repository.write("registry/orgs/team-00001/members/user-000003.json", "{}\n")
        try repository.stageAll()
        #expect(try review(generated).scoped)
        let user = try String(contentsOfFile: root + "/users/user-000001.json", encoding: .utf8)
        try repository.write("registry/users/copy.json", user.replacingOccurrences(of: "user-000001", with: "copy"))
        try repository.stageAll()
        let copied = try repository.commit("copy")
        #expect(try review(generated).scoped == false)
        try repository.write("registry/tenancy.json", "{\n  \"format\": 1,\n  \"usersMayCreateOrganizations\": true\n}\n")
        try repository.stageAll()
        try repository.commit("policy")
        #expect(try review(copied).scoped == false)
    }
}

/// One random change of a registry's files, as a commit of a pull request might make it.
enum RandomEdit {
    static let now = Timestamp("2026-06-01T00:00:00Z")!

    static func apply(_ random: inout SplitMix64, root: String) throws {
        let snapshot = try SnapshotLoader.load(from: DirectorySource(root: root))
        var pick = Picker(random: random, snapshot: snapshot)
        defer { random = pick.random }
        let org = pick.org()
        let files = FileManager.default
        switch pick.below(18) {
        case 0:  // many members removed at once
            for member in snapshot.memberships(in: org) where pick.below(2) == 0 {
                try? files.removeItem(atPath: root + "/" + member.origin.path)
            }
        case 1:  // a createdAt changed: a transition error
            guard let member = snapshot.memberships(in: org).first else { return }
            try edit(root + "/" + member.origin.path) { $0.replacingOccurrences(of: "\"createdAt\": \"20", with: "\"createdAt\": \"19") }
        case 2:  // an organization's directory moved
            try? files.moveItem(atPath: root + "/orgs/\(org)", toPath: root + "/orgs/moved-\(pick.below(100))")
        case 3:  // a project copied: its id twice
            guard let project = snapshot.projects(in: org).first else { return }
            try? files.copyItem(
                atPath: root + "/orgs/\(org)/projects/\(project.slug)", toPath: root + "/orgs/\(org)/projects/copy-\(pick.below(100))")
        case 4:  // the policy edited
            try edit(root + "/tenancy.json") { $0.replacingOccurrences(of: "\"format\": 1", with: "\"format\": 1,\n  \"usersMayCreateOrganizations\": true") }
        case 5:  // broken JSON
            guard let member = snapshot.memberships(in: org).last else { return }
            try Data("{ broken".utf8).write(to: URL(fileURLWithPath: root + "/" + member.origin.path))
        case 6:  // a user removed
            let user = pick.anyUser()
            try? files.removeItem(atPath: root + "/users/\(user).json")
        case 7:  // a user copied under another handle: their id twice
            let user = pick.anyUser()
            try? files.copyItem(atPath: root + "/users/\(user).json", toPath: root + "/users/copy-\(pick.below(100)).json")
        case 8:  // a user's id changed, to a new one or another user's
            let (user, other) = (pick.anyUser(), pick.anyUser())
            guard let id = snapshot.users[user]?.id else { return }
            let new = snapshot.users[other]?.id ?? "00000000-0000-4000-8000-\(RegistryGenerator.digits(pick.below(1000), 12))"
            try edit(root + "/users/\(user).json") { $0.replacingOccurrences(of: id, with: new) }
        default:
            let operation = RandomOperation(&pick.random, snapshot)
            _ = try? Mutation(registry: Registry(root: root), now: now, actor: nil).run(operation.plan)
        }
    }

    private static func edit(_ path: String, _ change: (String) -> String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        try Data(change(text).utf8).write(to: URL(fileURLWithPath: path))
    }
}

import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// Mutations started at once on a fresh registry (no `.tenancy/` yet, as after a clone):
/// each exits 0, 1 when the rules refuse it, or 3 with a one-line lock message; no
/// update is lost and the registry stays valid.
@Suite(.slow) struct ConcurrencyTests {
    @Test func twentyFourMembersAddedAtOnceAreAllKept() throws {
        let handles = (0..<24).map { String(format: "c%02d", $0) }
        var files = RegistryFiles.base
        for (index, handle) in handles.enumerated() {
            files["users/\(handle).json"] = RegistryFiles.user(handle, id: String(format: "d0000000-0000-4000-8000-%012d", index))
            files["orgs/\(handle)/org.json"] = RegistryFiles.org(handle, id: String(format: "e0000000-0000-4000-8000-%012d", index), kind: "personal", personalOf: handle)
            files["orgs/\(handle)/members/\(handle).json"] = RegistryFiles.member(handle, "owner")
        }
        let tree = try TemporaryRegistry(files)
        let runs = try runAtOnce(tree, handles.map { ["member", "add", "acme", $0, "--role", "member"] })
        for (handle, run) in zip(handles, runs) {
            expectSucceededOrLocked(run)
            #expect(FileManager.default.fileExists(atPath: tree.registry + "/orgs/acme/members/\(handle).json") == (run.status == 0), "\(handle)")
        }
        print("24 concurrent member adds: \(runs.filter { $0.status == 3 }.count) gave up on the lock")
        try expectValid(tree)
    }

    @Test func twoOwnersDemotedAtOnceLeaveOneOwner() throws {
        for round in 0..<5 {
            let tree = try TemporaryRegistry(RegistryFiles.registry(["orgs/acme/members/bob.json": RegistryFiles.member("bob", "owner")]))
            let runs = try runAtOnce(tree, ["alice", "bob"].map { ["member", "set", "acme", $0, "--role", "member"] })
            runs.forEach(expectSucceededOrLocked)
            #expect(runs.map(\.status).sorted() == [0, 1], "round \(round)")
            let refusal = runs.first { $0.status == 1 }.map { $0.stdout + $0.stderr } ?? ""
            #expect(refusal.contains("[owner-remains]"), "round \(round): \(refusal)")
            let owners = ["alice", "bob"].filter {
                (try? String(contentsOfFile: tree.registry + "/orgs/acme/members/\($0).json", encoding: .utf8))?
                    .contains(#""role": "owner""#) == true
            }
            #expect(owners.count == 1, "round \(round)")
            try expectValid(tree)
        }
    }

    /// Eight `init`s on one empty directory, with different presets: exactly one writes
    /// the policy (its own preset's), the others are refused as "already a registry".
    @Test func eightConcurrentInitsCreateOneRegistry() throws {
        for round in 0..<3 {
            let tree = try TemporaryRegistry()
            let presets = (0..<8).map { Preset.allCases[$0 % Preset.allCases.count] }
            let runs = try runAtOnce(tree, presets.map { ["init", "--preset", $0.rawValue] })
            let winners = zip(presets, runs).filter { $0.1.status == 0 }
            #expect(winners.count == 1, "round \(round): \(runs.map(\.status))")
            for run in runs where run.status != 0 {
                #expect(run.status == 1 && run.stderr.contains("already a registry"), "round \(round): \(run.stderr)")
            }
            let policy = try String(contentsOfFile: tree.registry + "/tenancy.json", encoding: .utf8)
            let expected = winners.first.map { $0.0.policy }
            #expect(expected.map { String(decoding: CanonicalWriter.bytes(for: $0.json), as: UTF8.self) } == policy, "round \(round)")
            try expectValid(tree)
        }
    }

    /// Starts every command before waiting for any.
    private func runAtOnce(_ tree: TemporaryRegistry, _ commands: [[String]]) throws -> [TenancyRun] {
        let cwd = URL(fileURLWithPath: tree.path)
        let processes = try commands.map { try TenancyProcess($0, cwd: cwd, env: ["SOURCE_DATE_EPOCH": MutationFixture.now]) }
        return try processes.map { try $0.wait() }
    }

    /// Exit 0, 1 refused by the rules, or 3 with one line naming the lock's holder.
    private func expectSucceededOrLocked(_ run: TenancyRun) {
        switch run.status {
        case 0, 1: break
        case 3:
            #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains("registry is locked by process "), "\(run.stderr)")
        default: Issue.record("exit \(run.status): \(run.stdout)\(run.stderr)")
        }
    }

    private func expectValid(_ tree: TemporaryRegistry) throws {
        let check = try runTenancy(["validate"], cwd: URL(fileURLWithPath: tree.path), env: ["SOURCE_DATE_EPOCH": MutationFixture.now])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(tree.privateEntries() == [".gitignore", "lock"])
        #expect(try FileManager.default.subpathsOfDirectory(atPath: tree.registry).filter { $0.contains(".tmp-") } == [])
    }
}

import Foundation
import Glibc
import Tenancy
import TenancyFixtures
import TenancyTestSupport
import Testing

/// Large changes killed (SIGKILL, through `TENANCY_FAULT_AFTER_STEPS`) after their Nth
/// file-system step, on a fresh copy of a prepared registry each time: `tenancy validate`
/// (which recovers first) must then find the registry byte for byte as it was or as the
/// uninterrupted change leaves it, valid, and `.tenancy/` holding only `.gitignore` and
/// `lock`.
///
/// Every run is two processes that each load the whole registry, so a change of a few
/// hundred steps is crashed after every one of them; a change of thousands (renaming a
/// 400-member organization stages 800 files) after the first 20 steps (setting up,
/// staging), the 20 around the commit point (the journal's rename), the last 20
/// (applying, cleaning up) and a deterministic sample in between, about 15 of them:
/// every kind of step is covered while the suite stays within CI's time.
/// `stepCount()` and `commitPoint()` find those numbers by bisection, relying on the
/// checks of `run(crashingAfter:)` themselves: old state before the commit point, new
/// from it on.
@Suite(.slow) struct CrashSafetyTests {
    @Test func deleteOfA400MemberOrganization() throws {
        try CrashExperiment(["org", "delete", "big"], members: 400).crashEverywhere()
    }

    @Test func renameOfA400MemberOrganization() throws {
        try CrashExperiment(["org", "rename", "big", "--to", "huge"], members: 400).crashEverywhere()
    }

    @Test func convertOfAPersonalOrganizationWithProjectsMembersAndInvitations() throws {
        try CrashExperiment(["org", "convert", "bob", "--to", "bobco"], members: 10, newID: "orgs/bobco/org.json")
            .crashEverywhere()
    }

    /// The one-file path: a crash leaves its temporary file `.u005.json.tmp-<pid>` next
    /// to the target, which recovery must remove.
    @Test func singleFileChange() throws {
        try CrashExperiment(["member", "set", "big", "u005", "--role", "admin"], members: 10).crashEverywhere()
    }
}

/// A real kill -9 at a random moment (seeded; the seed and each delay are printed) of the
/// delete or the rename of the 400-member organization, then recovery. On the real disk:
/// its fsyncs make the writing a good part of the run, where the kills should land.
@Suite(.slow) struct CrashByRealKillTests {
    @Test func killedAtRandomMomentsLeavesTheOldOrTheNewState() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["TENANCY_KILL_SEED"] ?? "") ?? 20_261_123
        var random = SplitMix64(seed: seed)
        let experiments = try [
            CrashExperiment(["org", "delete", "big"], members: 400, inMemory: false),
            CrashExperiment(["org", "rename", "big", "--to", "huge"], members: 400, inMemory: false),
        ]
        let durations = try experiments.map { experiment in
            let tree = try experiment.prepared.copy()
            let start = ContinuousClock.now
            try tree.run(experiment.args)
            return (ContinuousClock.now - start) / .milliseconds(1)
        }
        var outcomes: [String] = []
        for round in 0..<12 {
            let (experiment, duration) = (experiments[round % 2], durations[round % 2])
            let delay = Int(Double.random(in: 0.3 * duration...duration, using: &random))
            let tree = try experiment.prepared.copy()
            let process = try TenancyProcess(experiment.args, cwd: URL(fileURLWithPath: tree.path), env: tree.environment)
            usleep(UInt32(delay * 1000))
            kill(process.pid, SIGKILL)
            let status = try process.wait().status
            let state = try experiment.recoveredState(tree)
            let outcome = state == experiment.after ? "new" : state == experiment.before ? "old" : "a mix"
            #expect(outcome != "a mix", "\(experiment.args) killed after \(delay) ms (seed \(seed))")
            outcomes.append("\(experiment.args[1]) killed after \(delay) of \(Int(duration)) ms: exit \(status), \(outcome)")
        }
        print("kill -9 with seed \(seed) (TENANCY_KILL_SEED):\n  " + outcomes.joined(separator: "\n  "))
    }
}

/// One change crashed after chosen steps, with the states it must leave.
struct CrashExperiment {
    let args: [String]
    let prepared: TemporaryRegistry
    let before: RegistryTree
    let after: RegistryTree
    /// The file to which the change gives a new random `id`, which states compare without.
    let newID: String?

    /// `args` on a valid registry of `members` users in team org `big` (u000 its owner),
    /// and `bob`'s personal org with members, a project and invitations. The policy
    /// allows personal orgs members and does not require them, which keeps it small.
    /// In memory by default: what is tested is SIGKILL, which fsync does not matter to,
    /// and a rename of the big org makes about 1,000 of them.
    init(_ args: [String], members: Int, newID: String? = nil, inMemory: Bool = true) throws {
        self.args = args
        self.newID = newID
        prepared = try TemporaryRegistry(crashRegistry(members: members), inMemory: inMemory)
        let check = try prepared.run(["validate"])  // also creates `.tenancy/`
        #expect(check.status == 0 && check.stdout.hasPrefix("no problems found"), "\(check.stdout)\(check.stderr)")
        before = prepared.tree()
        let changed = try prepared.copy()
        let result = try changed.run(args)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        after = Self.state(changed, newID: newID)
        #expect(after != before)
    }

    /// Crashes after each step a comment at the top of the file describes.
    func crashEverywhere() throws {
        let steps = try stepCount()
        let commit = try commitPoint(steps: steps)
        var chosen = Set(1...min(20, steps))
        if steps > 300 {
            chosen.formUnion(max(1, commit - 10)..<min(steps, commit + 10))
            chosen.formUnion(steps - 19...steps)
            chosen.formUnion(stride(from: 21, to: steps, by: max(37, steps / 15)))
        } else {
            chosen.formUnion(1...steps)
        }
        for step in chosen.sorted() {
            let (completed, state) = try run(crashingAfter: step)
            #expect(!completed && state == (step >= commit ? after : before), "\(args) killed after step \(step)")
        }
        print("\(args.joined(separator: " ")): \(steps) steps, commit point \(commit), \(chosen.count) crashes")
    }

    /// The number of steps of the change: a run with a fault after step N completes
    /// exactly when N is larger.
    func stepCount() throws -> Int {
        var (low, high) = (0, 16)  // low crashes (or is 0), high completes
        while try !run(crashingAfter: high).completed { (low, high) = (high, high * 2) }
        while low + 1 < high {
            let middle = (low + high) / 2
            if try run(crashingAfter: middle).completed { high = middle } else { low = middle }
        }
        return high - 1
    }

    /// The first step after which a crash leaves the new state: the journal's rename.
    func commitPoint(steps: Int) throws -> Int {
        var (low, high) = (0, steps)  // low leaves the old state, high the new one
        while low + 1 < high {
            let middle = (low + high) / 2
            if try run(crashingAfter: middle).state == after { high = middle } else { low = middle }
        }
        return high
    }

    /// Runs the change on a fresh copy, killed after step `step`, then validates.
    func run(crashingAfter step: Int) throws -> (completed: Bool, state: RegistryTree) {
        let tree = try prepared.copy()
        let result = try tree.run(args, env: ["TENANCY_FAULT_AFTER_STEPS": "\(step)"])
        #expect(result.status == 0 || result.status == SIGKILL, "after step \(step): \(result.stdout)\(result.stderr)")
        let state = try recoveredState(tree)
        #expect(state == before || state == after, "\(args) killed after step \(step) left a mix")
        return (result.status == 0, state)
    }

    /// Runs `tenancy validate` (recovery first), which must pass, and returns the state.
    func recoveredState(_ tree: TemporaryRegistry) throws -> RegistryTree {
        let check = try tree.run(["validate"])
        #expect(check.status == 0, "\(args): \(check.stdout)\(check.stderr)")
        #expect(tree.privateEntries() == [".gitignore", "lock"], "\(args)")
        return Self.state(tree, newID: newID)
    }

    /// The tree of `tree`, in file `newID` (if any) a fresh `"id"` replaced by a placeholder.
    static func state(_ tree: TemporaryRegistry, newID: String?) -> RegistryTree {
        var state = tree.tree()
        if let newID, let bytes = state.files[newID] {
            let text = String(decoding: bytes, as: UTF8.self)
            state.files[newID] = Array(text.replacing(/"id": "[0-9a-f-]{36}"/, with: #""id": "<new>""#).utf8)
        }
        return state
    }
}

extension TemporaryRegistry {
    var environment: [String: String] { ["SOURCE_DATE_EPOCH": MutationFixture.now] }

    @discardableResult
    func run(_ args: [String], env: [String: String] = [:]) throws -> TenancyRun {
        try runTenancy(args, cwd: URL(fileURLWithPath: path), env: environment.merging(env) { $1 })
    }
}

func crashRegistry(members: Int) -> [String: String] {
    let handles = (0..<members).map { String(format: "u%03d", $0) }
    var files = RegistryFiles.base
    files["tenancy.json"] = """
        {
          "format": 1,
          "personalOrganizations": {
            "allowMembers": true,
            "required": false
          }
        }

        """
    files["orgs/big/org.json"] = RegistryFiles.org("big", id: "b0000000-0000-4000-8000-000000000000")
    for (index, handle) in handles.enumerated() {
        files["users/\(handle).json"] = RegistryFiles.user(handle, id: String(format: "a0000000-0000-4000-8000-%012d", index))
        files["orgs/big/members/\(handle).json"] = RegistryFiles.member(handle, index == 0 ? "owner" : "member")
    }
    files["orgs/bob/projects/app/project.json"] = """
        {
          "createdAt": "2026-11-21T09:30:00Z",
          "id": "7cdf8bc9-bd8f-4e4f-8acc-90d0d0d09c87",
          "name": "App",
          "slug": "app"
        }

        """
    for handle in handles[1...5] {
        files["orgs/bob/members/\(handle).json"] = RegistryFiles.member(handle, "member")
        files["orgs/bob/projects/app/members/\(handle).json"] = RegistryFiles.member(handle, "member")
    }
    for index in 1...3 {
        let id = "c0000000-0000-4000-8000-00000000000\(index)"
        files["orgs/bob/invitations/\(id).json"] = """
            {
              "createdAt": "2026-11-21T09:30:00Z",
              "email": "invitee\(index)@example.com",
              "expiresAt": "2026-11-28T09:30:00Z",
              "id": "\(id)",
              "inviter": "bob",
              "role": "member",
              "status": "pending"
            }

            """
    }
    return files
}


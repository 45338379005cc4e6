import Foundation
import Testing
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview
import TenancyTestSupport

/// A registry of 41 files and a 50-file change to it: rewrites, new files, new nested
/// directories, removals that empty directories, and a whole org's subtree removed.
enum CrashFixture {
    static let oldFiles: [String: [UInt8]] = {
        var files = ["tenancy.json": bytes("{\"format\": 1}\n")]
        for user in 0..<10 { files["users/u\(user).json"] = bytes("user \(user)\n") }
        for org in 0..<5 {
            files["orgs/o\(org)/org.json"] = bytes("org \(org)\n")
            for member in 0..<5 { files["orgs/o\(org)/members/m\(member).json"] = bytes("m \(org) \(member)\n") }
        }
        return files
    }()

    static let changes: [FileChange] = {
        var changes: [FileChange] = [.write(path: "tenancy.json", contents: bytes("{\"format\": 1, \"tests\": []}\n"))]
        for user in 0..<23 { changes.append(.write(path: "users/u\(user).json", contents: bytes("user \(user) v2\n"))) }
        changes.append(.remove(path: "orgs/o4/org.json"))
        for member in 0..<5 {
            changes.append(.remove(path: "orgs/o4/members/m\(member).json"))
            changes.append(.remove(path: "orgs/o0/members/m\(member).json"))
        }
        for member in 0..<4 { changes.append(.remove(path: "orgs/o2/members/m\(member).json")) }
        changes.append(.write(path: "orgs/o5/org.json", contents: bytes("org 5\n")))
        for member in 0..<5 { changes.append(.write(path: "orgs/o5/members/m\(member).json", contents: bytes("m 5\n"))) }
        changes.append(.write(path: "orgs/o5/projects/p0/project.json", contents: bytes("p0\n")))
        for member in 0..<3 {
            changes.append(.write(path: "orgs/o5/projects/p0/members/m\(member).json", contents: bytes("pm\n")))
        }
        changes.append(.write(path: "orgs/o1/projects/web/project.json", contents: bytes("web\n")))
        return changes
    }()

    /// The first step after which the journal is in place: the commit point.
    static let commitPoint: Int? = {
        for step in 1... {
            guard let (scratch, _) = try! crashedCommit(afterStep: step) else { return nil }
            if scratch.privateEntries().contains("journal") { return step }
        }
        return nil
    }()

    static let oldTree = RegistryTree(files: oldFiles)
    static let newTree = oldTree.applying(changes)

    /// A scratch registry holding the old tree, set up like a command does: lock taken
    /// (which creates `.tenancy/`), then recovery.
    static func prepare() throws -> (TemporaryRegistry, RegistryLock) {
        let scratch = try TemporaryRegistry(inMemory: true)
        try scratch.populate(oldFiles)
        let lock = try RegistryLock(root: scratch.registry, mode: .exclusive, fileSystem: FileSystem())
        #expect(try Transaction.recover(root: scratch.registry, fileSystem: FileSystem()) == .nothing)
        return (scratch, lock)
    }

    /// Commits the change, crashing (simulated) right after step `step`; nil when the
    /// commit finished before reaching that step.
    static func crashedCommit(afterStep step: Int) throws -> (TemporaryRegistry, RegistryLock)? {
        let (scratch, lock) = try prepare()
        let fileSystem = FileSystem(faultAfterSteps: step, faultMode: .throwSimulatedCrash)
        do {
            try Transaction(root: scratch.registry, fileSystem: fileSystem).commit(changes)
            return nil
        } catch let crash as SimulatedCrash {
            #expect(crash.afterStep == step)
            return (scratch, lock)
        }
    }
}

struct TransactionCrashRecoveryTests {
    @Test func fixtureIsAFiftyFileChangeThatCreatesAndRemovesDirectories() {
        #expect(CrashFixture.changes.count == 50)
        #expect(CrashFixture.newTree.directories.contains("orgs/o5/projects/p0/members"))
        #expect(!CrashFixture.newTree.directories.contains("orgs/o4"))
        #expect(!CrashFixture.newTree.directories.contains("orgs/o0/members"))
        #expect(CrashFixture.newTree.directories.contains("orgs/o2/members"))
    }

    @Test func fiftyFileChangeStepCount() throws {
        let (scratch, _) = try CrashFixture.prepare()
        let fileSystem = FileSystem()
        try Transaction(root: scratch.registry, fileSystem: fileSystem).commit(CrashFixture.changes)
        #expect(scratch.tree() == CrashFixture.newTree)
        // Staging 35 files: mkdir, fsync .tenancy, 35 x 5, fsync staged = 178; journal:
        // 5 + rename = 184, the commit point. Then fsync .tenancy, 7 mkdirs, 35 renames,
        // 15 unlinks, 3 rmdirs, 13 directory fsyncs, unlink journal, rmdir staged, fsync.
        #expect(CrashFixture.commitPoint == 184)
        #expect(fileSystem.steps == 261)
    }

    @Test func crashAfterEveryStepThenRecoverLeavesOldOrNewTreeAndCleanPrivateDirectory() throws {
        var step = 1
        var firstNewStep: Int?
        var outcomes = Set<RecoveryOutcome>()
        while let (scratch, lock) = try CrashFixture.crashedCommit(afterStep: step) {
            let outcome = try Transaction.recover(root: scratch.registry, fileSystem: FileSystem())
            let tree = scratch.tree()
            #expect(tree == CrashFixture.oldTree || tree == CrashFixture.newTree, "after step \(step)")
            outcomes.insert(outcome)
            if tree == CrashFixture.newTree {
                firstNewStep = firstNewStep ?? step
            } else {
                // Once committed, the change must never be lost by a later crash.
                #expect(firstNewStep == nil, "step \(step) went back to the old tree")
                #expect(outcome == .discarded, "after step \(step)")
            }
            #expect(scratch.privateEntries() == [".gitignore", "lock"], "after step \(step)")
            #expect(try !Transaction.needsRecovery(root: scratch.registry))
            lock.unlock()
            step += 1
        }
        #expect(firstNewStep != nil)
        // Late crashes leave only an empty staging directory, which is "discarded".
        #expect(outcomes == [.nothing, .discarded, .rolledForward(files: 50)])
        #expect(step > 200)  // the loop really went through the whole transaction
    }

    @Test func crashDuringRecoveryIsRecoveredByTheNextRecovery() throws {
        let commitPoint = try #require(CrashFixture.commitPoint)
        var recoveryStep = 1
        while true {
            let (scratch, _) = try #require(try CrashFixture.crashedCommit(afterStep: commitPoint))
            let crashing = FileSystem(faultAfterSteps: recoveryStep, faultMode: .throwSimulatedCrash)
            var finished = true
            do {
                #expect(try Transaction.recover(root: scratch.registry, fileSystem: crashing) == .rolledForward(files: 50))
            } catch is SimulatedCrash {
                finished = false
                _ = try Transaction.recover(root: scratch.registry, fileSystem: FileSystem())
            }
            #expect(scratch.tree() == CrashFixture.newTree, "recovery crashed after step \(recoveryStep)")
            #expect(scratch.privateEntries() == [".gitignore", "lock"])
            if finished { break }
            recoveryStep += 1
        }
        #expect(recoveryStep > 50)
    }

    @Test func ioErrorAtAnyStepReportsItAndLeavesOldTreeUnlessCommitted() throws {
        var step = 0
        while true {
            let (scratch, lock) = try CrashFixture.prepare()
            let failing = FileSystem(faultAfterSteps: step, faultMode: .failWithEIO)
            do {
                try Transaction(root: scratch.registry, fileSystem: failing).commit(CrashFixture.changes)
                #expect(scratch.tree() == CrashFixture.newTree)
                break
            } catch let error as FileSystemError {
                #expect(error.code == EIO)
                if error.message.contains("committed") {
                    _ = try Transaction.recover(root: scratch.registry, fileSystem: FileSystem())
                    #expect(scratch.tree() == CrashFixture.newTree, "EIO at step \(step + 1)")
                } else {
                    // Failed before the commit point: already cleaned up, nothing to recover.
                    #expect(try !Transaction.needsRecovery(root: scratch.registry), "EIO at step \(step + 1)")
                    #expect(scratch.tree() == CrashFixture.oldTree, "EIO at step \(step + 1)")
                }
            }
            #expect(scratch.privateEntries() == [".gitignore", "lock"], "EIO at step \(step + 1)")
            lock.unlock()
            step += 1
        }
    }

    @Test func corruptedOrTruncatedJournalIsDiscarded() throws {
        let commitPoint = try #require(CrashFixture.commitPoint)
        for damage in [flipLastChecksumDigit, truncateToHalf, appendGarbage] {
            let (scratch, _) = try #require(try CrashFixture.crashedCommit(afterStep: commitPoint))
            let journal = scratch.registry + "/.tenancy/journal"
            var contents = try #require(FileManager.default.contents(atPath: journal))
            damage(&contents)
            try contents.write(to: URL(fileURLWithPath: journal))
            #expect(try Transaction.recover(root: scratch.registry, fileSystem: FileSystem()) == .discarded)
            #expect(scratch.tree() == CrashFixture.oldTree)
            #expect(scratch.privateEntries() == [".gitignore", "lock"])
        }
    }

    @Test func commitRefusesToStartOverAnUnrecoveredChange() throws {
        let commitPoint = try #require(CrashFixture.commitPoint)
        let (scratch, _) = try #require(try CrashFixture.crashedCommit(afterStep: commitPoint))
        let transaction = Transaction(root: scratch.registry, fileSystem: FileSystem())
        #expect(throws: FileSystemError.self) {
            try transaction.commit([.write(path: "users/x.json", contents: [])])
        }
    }
}

private func flipLastChecksumDigit(_ data: inout Data) {
    let index = data.count - 2
    data[index] = data[index] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
}

private func truncateToHalf(_ data: inout Data) {
    data = data.prefix(data.count / 2)
}

private func appendGarbage(_ data: inout Data) {
    data.append(contentsOf: bytes("rmdir\tusers\n"))
}

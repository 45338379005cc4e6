import Foundation
import Testing
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview
import TenancyTestSupport

struct TransactionLockTests {
    @Test func creatingTheLockCreatesAPrivateDirectoryThatGitIgnores() throws {
        let scratch = try TemporaryRegistry()
        let lock = try RegistryLock(root: scratch.registry, mode: .shared, fileSystem: FileSystem())
        #expect(scratch.privateEntries() == [".gitignore", "lock"])
        #expect(FileManager.default.contents(atPath: scratch.registry + "/.tenancy/.gitignore") == Data("*\n".utf8))
        #expect(permissions(scratch.registry + "/.tenancy/.gitignore") == 0o644)
        lock.unlock()
    }

    @Test func twoSharedLocksAreHeldTogether() throws {
        let scratch = try TemporaryRegistry()
        let first = try RegistryLock(root: scratch.registry, mode: .shared, fileSystem: FileSystem())
        let second = try RegistryLock(root: scratch.registry, mode: .shared, fileSystem: FileSystem(), timeout: 0.2)
        first.unlock()
        second.unlock()
    }

    @Test func exclusiveLockTimesOutNamingTheHolderPid() throws {
        let scratch = try TemporaryRegistry()
        // flock locks belong to open file descriptions: a second open conflicts in-process.
        let holder = try RegistryLock(root: scratch.registry, mode: .exclusive, fileSystem: FileSystem())
        let start = ContinuousClock.now
        for mode in [RegistryLock.Mode.exclusive, .shared] {
            let error = #expect(throws: LockError.self) {
                try RegistryLock(root: scratch.registry, mode: mode, fileSystem: FileSystem(), timeout: 0.3)
            }
            #expect(error?.holderPID == getpid())
            #expect(error?.message.contains("process \(getpid())") == true)
        }
        #expect(ContinuousClock.now - start >= .milliseconds(600))
        holder.unlock()
        _ = try RegistryLock(root: scratch.registry, mode: .exclusive, fileSystem: FileSystem(), timeout: 0)
    }

    @Test func releasedOnDeinit() throws {
        let scratch = try TemporaryRegistry()
        do { _ = try RegistryLock(root: scratch.registry, mode: .exclusive, fileSystem: FileSystem()) }
        _ = try RegistryLock(root: scratch.registry, mode: .exclusive, fileSystem: FileSystem(), timeout: 0)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func writerTimesOutWhileAnotherProcessReadsAndGetsTheLockOnceItIsKilled() throws {
        let scratch = try TemporaryRegistry()
        _ = try RegistryLock(root: scratch.registry, mode: .shared, fileSystem: FileSystem())
        let reader = try startFlock(["-s", scratch.registry + "/.tenancy/lock", "-c", "echo locked; sleep 30"])
        let error = #expect(throws: LockError.self) {
            try RegistryLock(root: scratch.registry, mode: .exclusive, fileSystem: FileSystem(), timeout: 0.3)
        }
        // Readers leave no pid anywhere: /proc/locks names the process holding the lock.
        #expect(error?.holderPID == reader.processIdentifier)
        #expect(error?.message.contains("locked by process \(reader.processIdentifier)") == true)
        _ = try RegistryLock(root: scratch.registry, mode: .shared, fileSystem: FileSystem(), timeout: 0.3)
        // kill -9 of the holder (and its shell child, which inherited the descriptor).
        #expect(kill(-reader.processIdentifier, SIGKILL) == 0)
        reader.waitUntilExit()
        _ = try RegistryLock(root: scratch.registry, mode: .exclusive, fileSystem: FileSystem(), timeout: 2)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func writerWaitsForAShortLivedHolder() throws {
        let scratch = try TemporaryRegistry()
        _ = try RegistryLock(root: scratch.registry, mode: .shared, fileSystem: FileSystem())
        let holder = try startFlock(["-x", scratch.registry + "/.tenancy/lock", "-c", "echo locked; sleep 0.4"])
        let start = ContinuousClock.now
        _ = try RegistryLock(root: scratch.registry, mode: .exclusive, fileSystem: FileSystem(), timeout: 5)
        #expect(ContinuousClock.now - start >= .milliseconds(200))
        holder.waitUntilExit()
    }
}

/// Runs `flock ARGS` and returns once it holds the lock. Foundation starts it in a
/// process group of its own, so killing the group also kills the shell `flock -c` forks.
private func startFlock(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let line = output.fileHandleForReading.readData(ofLength: 7)
    #expect(String(decoding: line, as: UTF8.self) == "locked\n")
    return process
}

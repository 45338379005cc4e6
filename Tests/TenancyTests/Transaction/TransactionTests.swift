import Foundation
import Testing
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview
import TenancyTestSupport

struct TransactionSingleFileWriteTests {
    @Test func writeGetsMode0644WhateverTheUmaskAndLeavesNoTemporaryFile() throws {
        let scratch = try TemporaryRegistry()
        try scratch.populate(["users/bob.json": bytes("old\n")])
        chmod(scratch.registry + "/users/bob.json", 0o600)
        try scratch.createLock()
        let previous = umask(0o077)
        defer { umask(previous) }
        let transaction = Transaction(root: scratch.registry, fileSystem: FileSystem())
        try transaction.commit([.write(path: "users/alice.json", contents: bytes("alice\n"))])
        try transaction.commit([.write(path: "users/bob.json", contents: bytes("new\n"))])
        #expect(permissions(scratch.registry + "/users/alice.json") == 0o644)
        #expect(permissions(scratch.registry + "/users/bob.json") == 0o644)
        #expect(scratch.tree() == RegistryTree(files: ["users/alice.json": bytes("alice\n"), "users/bob.json": bytes("new\n")]))
        #expect(scratch.privateEntries() == [".gitignore", "lock"])
    }

    @Test func singleWriteIsFifteenSteps() throws {
        let scratch = try TemporaryRegistry()
        try scratch.populate(["users/bob.json": bytes("old\n")])
        try scratch.createLock()
        let fileSystem = FileSystem()
        try Transaction(root: scratch.registry, fileSystem: fileSystem)
            .commit([.write(path: "users/bob.json", contents: bytes("new\n"))])
        // 5 to record the temporary file's path, fsync .tenancy | open, fchmod, write,
        // fsync, close, rename, fsync directory | unlink the record, fsync .tenancy
        #expect(fileSystem.steps == 15)
    }

    @Test func ioErrorAtAnyStepOfASingleWriteKeepsTheOldFileAndNoTemporaryFile() throws {
        for step in 0..<15 {
            let scratch = try TemporaryRegistry()
            try scratch.populate(["users/bob.json": bytes("old\n")])
            try scratch.createLock()
            let failing = FileSystem(faultAfterSteps: step, faultMode: .failWithEIO)
            let error = #expect(throws: FileSystemError.self) {
                try Transaction(root: scratch.registry, fileSystem: failing)
                    .commit([.write(path: "users/bob.json", contents: bytes("new\n"))])
            }
            #expect(error?.code == EIO)
            #expect(error?.message.contains("Input/output error") == true)
            let expected = step < 12 ? "old\n" : "new\n"  // step 12 is the rename
            #expect(scratch.tree() == RegistryTree(files: ["users/bob.json": bytes(expected)]), "EIO at step \(step + 1)")
        }
    }

    @Test func crashAtAnyStepOfASingleWriteThenRecoverLeavesNoTemporaryFile() throws {
        for step in 1...15 {
            let scratch = try TemporaryRegistry()
            try scratch.populate(["users/bob.json": bytes("old\n")])
            try scratch.createLock()
            let crashing = FileSystem(faultAfterSteps: step, faultMode: .throwSimulatedCrash)
            #expect(throws: SimulatedCrash.self) {
                try Transaction(root: scratch.registry, fileSystem: crashing)
                    .commit([.write(path: "users/bob.json", contents: bytes("new\n"))])
            }
            #expect(try Transaction.needsRecovery(root: scratch.registry) == (step < 14), "crash after step \(step)")
            _ = try Transaction.recover(root: scratch.registry, fileSystem: FileSystem())
            let expected = step < 12 ? "old\n" : "new\n"
            #expect(scratch.tree() == RegistryTree(files: ["users/bob.json": bytes(expected)]), "crash after step \(step)")
            #expect(scratch.privateEntries() == [".gitignore", "lock"], "crash after step \(step)")
        }
    }

    @Test func aRegistryInjectsNoFaultUnlessItsCallerAsks() {
        #expect(Registry(root: "registry").makeFileSystem().faultAfterSteps == nil)
        #expect(Registry(root: "registry", faultAfterSteps: 3).makeFileSystem().faultAfterSteps == 3)
    }
}

struct TransactionMultiFileCommitTests {
    @Test func appliesWritesRemovalsNewDirectoriesAndRemovesEmptiedDirectories() throws {
        let scratch = try TemporaryRegistry()
        try scratch.populate([
            "tenancy.json": bytes("policy\n"),
            "orgs/acme/org.json": bytes("acme\n"),
            "orgs/acme/members/alice.json": bytes("alice\n"),
            "orgs/acme/members/bob.json": bytes("bob\n"),
            "orgs/gone/org.json": bytes("gone\n"),
            "orgs/gone/projects/web/project.json": bytes("web\n"),
        ])
        try scratch.createLock()
        let changes: [FileChange] = [
            .write(path: "orgs/acme/org.json", contents: bytes("acme v2\n")),
            .remove(path: "orgs/acme/members/alice.json"),
            .remove(path: "orgs/acme/members/bob.json"),
            .remove(path: "orgs/gone/org.json"),
            .remove(path: "orgs/gone/projects/web/project.json"),
            .write(path: "orgs/new/projects/api/members/carol.json", contents: bytes("carol\n")),
            .remove(path: "users/absent.json"),
        ]
        let fileSystem = FileSystem()
        try Transaction(root: scratch.registry, fileSystem: fileSystem).commit(changes)
        #expect(scratch.tree() == RegistryTree(files: [
            "tenancy.json": bytes("policy\n"),
            "orgs/acme/org.json": bytes("acme v2\n"),
            "orgs/new/projects/api/members/carol.json": bytes("carol\n"),
        ]))
        #expect(permissions(scratch.registry + "/orgs/new/projects/api/members/carol.json") == 0o644)
        #expect(scratch.privateEntries() == [".gitignore", "lock"])
    }

    @Test func removingEveryFileKeepsTheRoot() throws {
        let scratch = try TemporaryRegistry()
        try scratch.populate(["tenancy.json": bytes("p\n"), "users/a.json": bytes("a\n")])
        try scratch.createLock()
        try Transaction(root: scratch.registry, fileSystem: FileSystem())
            .commit([.remove(path: "tenancy.json"), .remove(path: "users/a.json")])
        #expect(scratch.tree() == RegistryTree())
        #expect(FileManager.default.fileExists(atPath: scratch.registry))
    }

    @Test func removalThatEmptiesADirectoryGoesThroughTheJournal() throws {
        let scratch = try TemporaryRegistry()
        try scratch.populate(["users/a.json": bytes("a\n"), "tenancy.json": bytes("p\n")])
        try scratch.createLock()
        let fileSystem = FileSystem()
        try Transaction(root: scratch.registry, fileSystem: fileSystem).commit([.remove(path: "users/a.json")])
        #expect(scratch.tree() == RegistryTree(files: ["tenancy.json": bytes("p\n")]))
        #expect(fileSystem.steps > 2)  // more than unlink + fsync: rmdir, journal, fsyncs
    }

    @Test func typicalStepCounts() throws {
        let scratch = try TemporaryRegistry()
        try scratch.populate(["orgs/acme/org.json": bytes("acme\n"), "users/bob.json": bytes("bob\n")])
        try scratch.createLock()
        let addMember = FileSystem()
        try Transaction(root: scratch.registry, fileSystem: addMember).commit([
            .write(path: "orgs/acme/members/bob.json", contents: bytes("member\n"))
        ])
        // mkdir staged, fsync .tenancy, 5 to stage, fsync staged, 5 for the journal,
        // rename journal, fsync .tenancy | mkdir, rename, 2 directory fsyncs |
        // unlink journal, rmdir staged, fsync .tenancy.
        #expect(addMember.steps == 22)
        let removeMember = FileSystem()
        try Transaction(root: scratch.registry, fileSystem: removeMember).commit([.remove(path: "orgs/acme/members/bob.json")])
        // 5 for the journal, rename, fsync .tenancy | unlink, rmdir, fsync acme |
        // unlink journal, fsync .tenancy.
        #expect(removeMember.steps == 12)
        #expect(scratch.privateEntries() == [".gitignore", "lock"])
    }
}

struct TransactionPathSafetyTests {
    @Test(arguments: ["/etc/passwd", "../outside.json", "users/../../x.json", "users//a.json", "users/", "",
                      "./users/a.json", ".tenancy/lock", "users/a\nb.json"])
    func unsafePathIsRefused(path: String) throws {
        let scratch = try TemporaryRegistry()
        let transaction = Transaction(root: scratch.registry, fileSystem: FileSystem())
        #expect(throws: FileSystemError.self) { try transaction.commit([.write(path: path, contents: [])]) }
        #expect(throws: FileSystemError.self) {
            try transaction.commit([.write(path: "ok.json", contents: []), .remove(path: path)])
        }
        #expect(scratch.tree() == RegistryTree())
    }

    @Test func pathThroughASymlinkIsRefusedAndNothingIsWrittenOutside() throws {
        let scratch = try TemporaryRegistry()
        let outside = scratch.path + "/outside"
        try FileManager.default.createDirectory(atPath: outside + "/acme", withIntermediateDirectories: true)
        try Data("keep\n".utf8).write(to: URL(fileURLWithPath: outside + "/secret.json"))
        try FileManager.default.createSymbolicLink(atPath: scratch.registry + "/orgs", withDestinationPath: outside)
        try FileManager.default.createDirectory(atPath: scratch.registry + "/users", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: scratch.registry + "/users/alice.json", withDestinationPath: outside + "/secret.json")
        let transaction = Transaction(root: scratch.registry, fileSystem: FileSystem())
        for change: FileChange in [
            .write(path: "orgs/acme/org.json", contents: bytes("x")),
            .write(path: "orgs/new/org.json", contents: bytes("x")),
            .write(path: "users/alice.json", contents: bytes("x")),
            .remove(path: "users/alice.json"),
            .remove(path: "orgs/acme/org.json"),
        ] {
            let error = #expect(throws: FileSystemError.self) { try transaction.commit([change]) }
            #expect(error?.message.contains("symlink") == true)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).sorted() == ["acme", "secret.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside + "/acme").isEmpty)
        #expect(FileManager.default.contents(atPath: outside + "/secret.json") == Data("keep\n".utf8))
    }

    @Test func samePathTwiceOrFileInsideAnotherChangedFileIsRefused() throws {
        let scratch = try TemporaryRegistry()
        let transaction = Transaction(root: scratch.registry, fileSystem: FileSystem())
        #expect(throws: FileSystemError.self) {
            try transaction.commit([.write(path: "a.json", contents: []), .remove(path: "a.json")])
        }
        #expect(throws: FileSystemError.self) {
            try transaction.commit([.write(path: "a", contents: []), .write(path: "a/b.json", contents: [])])
        }
    }
}

/// Journals with valid checksums that recovery must refuse, changing nothing and keeping
/// the journal for the user to inspect: written under another `.tenancy/` (as a committed
/// one is), naming a path outside the layout, or reaching through the staging directory.
struct TransactionUntrustedJournalTests {
    static let evil = bytes("evil\n")

    enum Case: String, CaseIterable, CustomTestStringConvertible {
        case writtenElsewhere, pathOutside, notALayoutFile, directoryWithoutFiles, stagingSymlink, stagedSymlink
        var testDescription: String { rawValue }
    }

    @Test(arguments: Case.allCases)
    func isRefusedAndNothingChanges(_ kind: Case) throws {
        let scratch = try TemporaryRegistry()
        try scratch.populate(["users/bob.json": bytes("bob\n")])
        let lock = try RegistryLock(root: scratch.registry, mode: .exclusive, fileSystem: FileSystem())
        defer { lock.unlock() }
        let outside = scratch.path + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data(Self.evil).write(to: URL(fileURLWithPath: outside + "/0"))
        try Data("victim\n".utf8).write(to: URL(fileURLWithPath: scratch.path + "/victim.json"))
        let staged = scratch.registry + "/.tenancy/staged"
        switch kind {
        case .stagingSymlink: try FileManager.default.createSymbolicLink(atPath: staged, withDestinationPath: outside)
        case .stagedSymlink:
            try FileManager.default.createDirectory(atPath: staged, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: staged + "/0", withDestinationPath: outside + "/0")
        default: try scratch.populate([".tenancy/staged/0": Self.evil])
        }
        let here = try #require(try PrivateDirectory.identity(root: scratch.registry, fileSystem: FileSystem()))
        let journal = switch kind {
        case .writtenElsewhere: Journal(writtenUnder: "2049:17 2049:18:1795392000.5", steps: [eveWritten])
        case .pathOutside: Journal(writtenUnder: here, steps: [.remove("../victim.json")])
        case .notALayoutFile: Journal(writtenUnder: here, steps: [.rename(staged: "0", target: "notes.txt", checksum: checksum(Self.evil))])
        case .directoryWithoutFiles: Journal(writtenUnder: here, steps: [.makeDirectory("orgs/evil"), eveWritten])
        case .stagingSymlink, .stagedSymlink: Journal(writtenUnder: here, steps: [eveWritten])
        }
        try scratch.populate([".tenancy/journal": journal.encoded()])
        let before = scratch.tree()
        let privateBefore = scratch.privateEntries()
        let error = #expect(throws: FileSystemError.self) {
            try Transaction.recover(root: scratch.registry, fileSystem: FileSystem())
        }
        #expect(error?.message.contains("inspect and remove '\(scratch.registry)/.tenancy/journal'") == true, "\(error?.message ?? "")")
        #expect(scratch.tree() == before)
        #expect(scratch.privateEntries() == privateBefore)
        #expect(FileManager.default.contents(atPath: scratch.path + "/victim.json") == Data("victim\n".utf8))
        #expect(FileManager.default.contents(atPath: outside + "/0") == Data(Self.evil))
    }

    private var eveWritten: Journal.Step {
        .rename(staged: "0", target: "users/eve.json", checksum: checksum(Self.evil))
    }

    /// A record of a temporary file written under another `.tenancy/` removes nothing.
    @Test func aTemporaryRecordWrittenElsewhereRemovesNoFile() throws {
        let scratch = try TemporaryRegistry()
        try scratch.populate(["users/.bob.json.tmp-4711": bytes("keep\n")])
        let lock = try RegistryLock(root: scratch.registry, mode: .exclusive, fileSystem: FileSystem())
        defer { lock.unlock() }
        try scratch.populate([".tenancy/temporary": bytes("2049:17 2049:18:1795392000.5\nusers/.bob.json.tmp-4711")])
        #expect(try Transaction.recover(root: scratch.registry, fileSystem: FileSystem()) == .discarded)
        #expect(scratch.exists("users/.bob.json.tmp-4711"))
        #expect(scratch.privateEntries() == [".gitignore", "lock"])
    }
}

struct TransactionJournalTests {
    let journal = Journal(writtenUnder: "2049:1835014 2049:1835015:1795392000.123456789", steps: [
        .makeDirectory("orgs/acme"),
        .rename(staged: "0", target: "orgs/acme/org.json", checksum: 0x0123_4567_89ab_cdef),
        .remove("users/bob.json"),
        .removeDirectory("users"),
    ])

    @Test func decodesWhatItEncodes() {
        #expect(Journal(decoding: journal.encoded()) == journal)
        let empty = Journal(writtenUnder: journal.writtenUnder, steps: [])
        #expect(Journal(decoding: empty.encoded()) == empty)
    }

    @Test func everyTruncationAndEveryFlippedByteIsRejected() {
        let encoded = journal.encoded()
        for length in 0..<encoded.count {
            #expect(Journal(decoding: Array(encoded.prefix(length))) == nil, "truncated to \(length)")
        }
        for index in encoded.indices {
            var damaged = encoded
            damaged[index] ^= 0x01
            #expect(Journal(decoding: damaged) == nil, "byte \(index) flipped")
        }
    }

    @Test func checksumIsFNV1a64() {
        #expect(checksum([]) == 0xcbf2_9ce4_8422_2325)
        #expect(checksum(bytes("a")) == 0xaf63_dc4c_8601_ec8c)
    }
}

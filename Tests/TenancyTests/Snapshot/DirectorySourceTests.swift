import Foundation
import Glibc
import Testing
@testable import TenancyCore
import TenancyTestSupport

/// Reading a registry from disk: every entry as it is, never through a symlink, never
/// blocking on a FIFO; and the parts of the tree a scoped load reads.
struct DirectorySourceTests {
    static func registry() throws -> TemporaryRegistry {
        try TemporaryRegistry(RuleExamples.baseRegistry.merging([".gitignore": "*.tmp\n"]) { $1 })
    }

    @Test func everyEntryIsListedWithItsPathAndKindButTheToolsOwnState() throws {
        let registry = try Self.registry()
        try registry.write(".tenancy/journal", "{}")
        try registry.symlink("users/link.json", to: "bob.json")
        try registry.fifo("users/pipe.json")
        let entries = try registry.source.entries()
        var expected = Set(RuleExamples.baseRegistry.keys.map { SourceEntry(path: $0, kind: .file) })
        expected.formUnion([
            SourceEntry(path: ".gitignore", kind: .file), SourceEntry(path: "users/link.json", kind: .symlink),
            SourceEntry(path: "users/pipe.json", kind: .special),
        ])
        #expect(Set(entries) == expected)
        #expect(entries.count == expected.count)
    }

    @Test func contentsAreTheFilesBytes() throws {
        let registry = try Self.registry()
        try registry.write("users/bob.json", [0xFF, 0x00, 0x0A])
        #expect(try registry.source.contents(of: "users/bob.json") == [0xFF, 0x00, 0x0A])
        #expect(try registry.source.contents(of: "tenancy.json") == Array(RuleExamples.baseRegistry["tenancy.json"]!.utf8))
    }

    /// Only the first `maxFileSize + 1` bytes: enough to tell the file is too large.
    @Test func anOversizedFileIsReadOneBytePastTheLimit() throws {
        let registry = try Self.registry()
        try registry.write("users/big.json", [UInt8](repeating: 0x20, count: Limits.maxFileSize + 4096))
        #expect(try registry.source.contents(of: "users/big.json").count == Limits.maxFileSize + 1)
    }

    @Test func aSymlinkIsListedButNeverFollowed() throws {
        let registry = try Self.registry()
        try registry.directory.write("outside/secret.json", "secret")
        try registry.symlink("users/link.json", to: registry.path + "/outside/secret.json")
        try registry.symlink("orgs/elsewhere", to: registry.path + "/outside")
        let entries = try registry.source.entries()
        #expect(entries.filter { $0.path.hasPrefix("orgs/elsewhere") } == [SourceEntry(path: "orgs/elsewhere", kind: .symlink)])
        #expect(throws: ReadFailure.self) { try registry.source.contents(of: "users/link.json") }
        #expect(throws: ReadFailure.self) { try registry.source.contents(of: "orgs/elsewhere/secret.json") }
    }

    /// Opening a FIFO for reading would wait for a writer: it is listed, never opened.
    @Test(.timeLimit(.minutes(1))) func aFIFOIsListedAndReadingItFailsAtOnce() throws {
        let registry = try Self.registry()
        try registry.fifo("users/pipe.json")
        #expect(try registry.source.entries().contains(SourceEntry(path: "users/pipe.json", kind: .special)))
        #expect(throws: ReadFailure.self) { try registry.source.contents(of: "users/pipe.json") }
        let snapshot = try SnapshotLoader.load(from: registry.source)
        #expect(snapshot.fileDiagnostics.map(\.rule) == [LayoutRule.id])
    }

    @Test func aRootThatIsNotADirectoryIsNoRegistry() throws {
        let registry = try Self.registry()
        try registry.directory.symlink("link", to: registry.registry)
        for root in [registry.path + "/missing", registry.registry + "/tenancy.json", registry.path + "/link"] {
            #expect(throws: SourceError.noRegistry(root: root, suggestingInit: false)) {
                try DirectorySource(root: root).entries()
            }
        }
    }

    // MARK: The parts a scoped load reads

    @Test func entriesAtPathsAreThoseThatExist() throws {
        let registry = try Self.registry()
        try registry.symlink("users/link.json", to: "bob.json")
        let found = registry.source.entries(at: ["users/bob.json", "users/nobody.json", "users/link.json", "orgs/acme", "orgs/nowhere/org.json"])
        #expect(found == [
            SourceEntry(path: "users/bob.json", kind: .file), SourceEntry(path: "users/link.json", kind: .symlink),
            SourceEntry(path: "orgs/acme", kind: .special),
        ])
    }

    @Test func entriesBelowADirectoryAreEverythingInIt() throws {
        let registry = try Self.registry()
        let below = try registry.source.entries(below: "orgs/acme").map(\.path).sorted()
        #expect(below == RuleExamples.baseRegistry.keys.filter { $0.hasPrefix("orgs/acme/") }.sorted())
        #expect(try registry.source.entries(below: "orgs/nowhere") == [])
        #expect(try registry.source.entries(below: "tenancy.json") == [SourceEntry(path: "tenancy.json", kind: .file)])
    }

    /// The scoped load reaches a directory as the whole walk does: not through a symlink,
    /// not above the root.
    @Test func noScopedHelperGoesThroughASymlinkOrAboveTheRoot() throws {
        let registry = try Self.registry()
        try registry.directory.write("outside/members/bob.json", "{}")
        try registry.symlink("orgs/linked", to: registry.path + "/outside")
        try registry.symlink("orgs/acme/members/linked.json", to: "bob.json")
        #expect(try registry.source.entries(below: "orgs/linked") == [SourceEntry(path: "orgs/linked", kind: .symlink)])
        #expect(registry.source.entries(at: ["orgs/linked/members/bob.json", "../outside/members/bob.json", "orgs/../tenancy.json"]) == [])
        #expect(throws: SourceError.self) { try registry.source.entries(below: "..") }
        // The organizations whose membership files are counted: the symlink is not one.
        #expect(try registry.source.directories(in: "orgs").sorted() == ["acme", "alice", "bob"])
        #expect(throws: SourceError.self) { try registry.source.openDirectory("orgs/linked") }
        let orgs = try registry.source.openDirectory("orgs")
        defer { close(orgs) }
        #expect(registry.source.membershipFiles(in: "acme", of: ["bob", "linked", "nobody"], orgs: orgs) == [true, false, false])
    }
}

import Foundation
import Testing
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
import TenancyTestSupport

/// The index of registry-wide facts (`FactIndex`) only ever saves reading files: with it,
/// missing, stale, corrupt or forged, `validate --staged` answers as without it.
@Suite struct FactIndexTests {
    @Test func entitiesSurviveTheIndexUnchanged() throws {
        let tree = try TemporaryRegistry()
        _ = try RegistryGenerator(users: 30, orgs: 4, seed: 3).write(to: tree.registry)
        try tree.write("orgs/team-00001/org.json", Array(Self.orgWithMetadata.utf8))
        try tree.write("users/zed.json", Array(Self.userWithLogins.utf8))
        let snapshot = try SnapshotLoader.load(from: tree.source)
        #expect(snapshot.users["zed"]?.logins.count == 2)
        let clean = snapshot.present.filter { $0 != .policy }.map { (path: $0, identity: "id-" + $0.path) }
        let bytes = Array(FactWriter.chunks(FactWriter.encode(clean, of: snapshot, filesPerGroup: 16)).joined())  // several groups
        var reader = FactReader(bytes)
        let read = try reader.index()
        #expect(read.facts.count == snapshot.present.count - 1)
        for path in snapshot.present where path != .policy {
            #expect(read.entity(at: path.path, identity: "id-" + path.path) == snapshot.entity(at: path))
        }
        // Every truncation of it fails to decode, none traps.
        for length in stride(from: 0, to: bytes.count, by: 97) {
            var torn = FactReader(Array(bytes[..<length]))
            #expect(throws: FactReader.Corrupt.self) { try torn.index() }
        }
    }

    /// Files of one kind have the same key positions: a group holds each list once, and
    /// the entities read from it share one copy, as those read from their files do.
    @Test func keyPositionsAreKeptOncePerGroup() throws {
        let tree = try TemporaryRegistry()
        _ = try RegistryGenerator(users: 30, orgs: 4, seed: 3).write(to: tree.registry)
        let snapshot = try SnapshotLoader.load(from: tree.source)
        let clean = snapshot.present.filter { $0 != .policy }.map { (path: $0, identity: "id-" + $0.path) }
        let bytes = Array(FactWriter.chunks(FactWriter.encode(clean, of: snapshot)).joined())
        let lists = String(decoding: bytes, as: UTF8.self).components(separatedBy: "9;createdAt").count - 1
        #expect(clean.count > 100)
        #expect(lists <= 8, "\(lists) lists for \(clean.count) files")
        var reader = FactReader(bytes)
        let members = try reader.index().facts.values.compactMap { fact -> Membership? in
            if case .member(let member) = fact.entity { member } else { nil }
        }
        #expect(members.count > 30)
        let storage = Set(members.map { $0.origin.positions.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } })
        #expect(storage.count < 4, "\(storage.count) copies of the positions of \(members.count) memberships")
    }

    /// A load without an index encodes its clean files as it reads them: the same facts as
    /// encoded from its snapshot afterwards (what a load with an index does).
    @Test func filesEncodedAsTheyAreReadAreTheSnapshots() throws {
        let repository = try TemporaryGitRepository()
        let root = repository.url("registry").path
        _ = try RegistryGenerator(users: 40, orgs: 6, seed: 7).write(to: root)
        try repository.write("registry/users/zed.json", Self.userWithLogins)
        try repository.write("registry/orgs/team-00001/org.json", Self.orgWithMetadata)
        try repository.write("registry/orgs/team-00002/members/ghost.json", "{\n")  // not clean
        try repository.stageAll()
        let (snapshot, found) = try SnapshotLoader.load(
            from: IndexSource(registryRoot: root, environment: .ofThisProcess), index: nil)
        let groups = try #require(found.groups)
        #expect(groups.count > 1)
        #expect(found.clean.count > 200)
        #expect(!found.clean.contains { $0.path.path == "orgs/team-00002/members/ghost.json" })
        var encodedReader = FactReader(Array(FactWriter.chunks(groups).joined()))
        var afterwardsReader = FactReader(Array(FactWriter.chunks(FactWriter.encode(found.clean, of: snapshot)).joined()))
        let (read, expected) = (try encodedReader.index(), try afterwardsReader.index())
        #expect(read.facts.count == found.clean.count)
        for (path, fact) in expected.facts {
            #expect(read.entity(at: path, identity: fact.identity) == fact.entity, "\(path)")
        }
    }

    /// An index that another user could have written is not believed: a `.tenancy/` or
    /// an index writable by its group or by others, or owned by someone else.
    @Test func anIndexOthersMayWriteIsNotRead() throws {
        let repository = try TemporaryGitRepository()
        let root = repository.url("registry").path
        _ = try RegistryGenerator(users: 6, orgs: 2, seed: 5).write(to: root)
        try repository.stageAll()
        _ = try Validator.validate(
            IndexSource(registryRoot: root, environment: .ofThisProcess), indexIn: Registry(root: root))
        #expect(FactIndex.read(root: root) != nil)
        for (path, mode) in [("/.tenancy/index", 0o620), ("/.tenancy", 0o757)] as [(String, mode_t)] {
            var info = stat()
            #expect(lstat(root + path, &info) == 0)
            #expect(chmod(root + path, mode) == 0)
            #expect(FactIndex.read(root: root) == nil, "\(path)")
            #expect(chmod(root + path, info.st_mode & 0o7777) == 0)
            #expect(FactIndex.read(root: root) != nil)
        }
    }

    @Test(.slow) func cachedAnswersEqualUncachedAnswers() throws {
        var tally: [String: Int] = [:]
        for seed: UInt64 in 1...2 { try compareRandomEdits(seed: seed, steps: 40, &tally) }
        #expect(tally["warm", default: 0] >= 30, "\(tally)")
        #expect(tally["errors", default: 0] >= 20, "\(tally)")
        #expect(tally["hostile", default: 0] >= 8, "\(tally)")
    }

    func compareRandomEdits(seed: UInt64, steps: Int, _ tally: inout [String: Int]) throws {
        let repository = try TemporaryGitRepository()
        let root = repository.url("registry").path
        _ = try RegistryGenerator(users: 24, orgs: 5, seed: seed).write(to: root)
        // Errors already there (as `ScopedCheckTests.addKnownProblems` makes them).
        try repository.write("registry/tenancy.json", ScopedCheckTests.policy)
        try repository.write("registry/orgs/team-00003/members/ghost.json", ScopedCheckTests.member("ghost", "member"))
        try FileManager.default.removeItem(atPath: root + "/orgs/user-000005")
        let registry = Registry(root: root)
        var random = SplitMix64(seed: seed, stream: 11, index: 0)
        for _ in 0..<steps {
            try RandomEdit.apply(&random, root: root)
            if random.below(3) == 0 { try Self.editKeepingSizeAndTime(&random, root: root) }
            try repository.stageAll()
            if random.below(4) == 0 {
                try Self.spoil(&random, root: root)
                tally["hostile", default: 0] += 1
            }
            if FactIndex.read(root: root) != nil { tally["warm", default: 0] += 1 }
            let source = IndexSource(registryRoot: root, environment: .ofThisProcess)
            let cached = try Validator.validate(source, indexIn: registry)
            let uncached = try Validator.validate(IndexSource(registryRoot: root, environment: .ofThisProcess))
            #expect(cached.diagnostics == uncached.diagnostics, "seed \(seed)")
            #expect(cached.fileCount == uncached.fileCount)
            try repository.commit("step")
            let commit = try validateCommit("HEAD", root: root, git: .ofThisProcess)
            let whole = try Validator.validate(RevisionSource(registryRoot: root, revision: "HEAD", environment: .ofThisProcess))
            #expect(commit.diagnostics == whole.diagnostics, "seed \(seed), --rev")
            if !uncached.diagnostics.isEmpty { tally["errors", default: 0] += 1 }
        }
    }

    /// A file rewritten with other bytes of the same length and its old modification time.
    static func editKeepingSizeAndTime(_ random: inout SplitMix64, root: String) throws {
        let members = try FileManager.default.subpathsOfDirectory(atPath: root + "/orgs").filter { $0.contains("/members/") && $0.hasSuffix(".json") }
        guard !members.isEmpty else { return }
        let path = root + "/orgs/" + members[random.below(members.count)]
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"member\"", with: "\"memxer\"")
            .replacingOccurrences(of: "\"admin\"", with: "\"adxin\"")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: path)
    }

    /// Corrupts the index: torn, garbled, replaced by one of another `.tenancy/` that lies,
    /// or by a symlink.
    static func spoil(_ random: inout SplitMix64, root: String) throws {
        let path = root + "/.tenancy/index"
        guard var bytes = FileManager.default.contents(atPath: path).map(Array.init), !bytes.isEmpty else { return }
        switch random.below(4) {
        case 0: bytes = Array(bytes[..<random.below(bytes.count)])
        case 1: for _ in 0..<8 { bytes[random.below(bytes.count)] = UInt8(random.below(256)) }
        case 2:  // what a commit or a copy brings: another `.tenancy/`'s, lying, its checksum right
            bytes = forgedIndex(bytes, identity: "1:2 3:4:5.6")
        default:
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: root + "/tenancy.json")
            return
        }
        try FileManager.default.removeItem(atPath: path)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static let userWithLogins = RuleExamples.user(
        "zed", "Zed", "5e1d0c2b-3a4f-4b6e-8d7c-9f0a1b2c3d4e", logins: "\"gitea\": \"zed\",\n    \"github\": \"zed-gh\"")

    static let orgWithMetadata = """
        {
          "createdAt": "2026-01-02T00:00:00Z",
          "id": "0b7e7a43-6a0c-4d53-9c3a-2f9d6c1e1a01",
          "kind": "team",
          "metadata": {
            "list": [
              1,
              "two",
              null,
              true
            ],
            "nested": {
              "x": -1.5e3
            }
          },
          "name": "Team 1",
          "previousSlugs": [
            "old-team"
          ],
          "slug": "team-00001"
        }

        """
}

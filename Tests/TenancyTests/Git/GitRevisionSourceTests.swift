import Dispatch
import Foundation
import TenancyTestSupport
import Testing

@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview

struct GitRevisionSourceTests {
    @Test func readsAnOldAndANewCommit() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("registry/users/alice.json", "old\n")
        try repository.stageAll()
        let old = try repository.commit("old")
        try repository.write("registry/users/alice.json", "new\n")
        try repository.write("registry/users/bob.json", "bob\n")
        try repository.stageAll()
        let new = try repository.commit("new")
        try repository.write("registry/users/alice.json", "work tree\n")
        let root = repository.url("registry").path

        let before = RevisionSource(registryRoot: root, revision: old, environment: .ofThisProcess)
        #expect(try listing(before) == ["users/alice.json file"])
        #expect(try text(before, "users/alice.json") == "old\n")
        let after = RevisionSource(registryRoot: root, revision: "HEAD", environment: .ofThisProcess)
        #expect(try listing(after) == ["users/alice.json file", "users/bob.json file"])
        #expect(try text(after, "users/alice.json") == "new\n")
        #expect(
            try text(RevisionSource(registryRoot: root, revision: new, environment: .ofThisProcess), "users/bob.json") == "bob\n"
        )
    }

    /// A blob the loader was expected to take from the index is read all the same when asked for.
    @Test func readsAKnownBlobWhenAskedForIt() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("registry/users/alice.json", "alice\n")
        try repository.stageAll()
        try repository.commit("alice")
        let root = repository.url("registry").path
        let id = try repository.run("rev-parse", "HEAD:registry/users/alice.json").trimmingCharacters(in: .whitespacesAndNewlines)
        let source = RevisionSource(
            registryRoot: root, revision: "HEAD", environment: .ofThisProcess, only: nil, known: [id])
        #expect(try source.entries().map(\.identity) == [id])
        #expect(try text(source, "users/alice.json") == "alice\n")
    }

    @Test func readsARegistryTheWorkTreeNoLongerHas() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("registry/tenancy.json", "{}\n")
        try repository.symlink("registry/link.json", to: "tenancy.json")
        try repository.stageAll()
        let commit = try repository.commit("initial")
        try repository.run("rm", "-q", "-r", "registry")
        try repository.commit("removed")

        let source = RevisionSource(registryRoot: repository.url("registry").path, revision: commit, environment: .ofThisProcess)
        #expect(try listing(source) == ["link.json symlink", "tenancy.json file"])
        #expect(try text(source, "tenancy.json") == "{}\n")
    }

    @Test func anUnknownRevisionIsAClearError() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("registry/tenancy.json", "{}\n")
        try repository.stageAll()
        try repository.commit("initial")
        let root = repository.url("registry").path

        for revision in ["no-such-branch", "--help", "HEAD:registry/tenancy.json"] {
            let source = RevisionSource(registryRoot: root, revision: revision, environment: .ofThisProcess)
            #expect(sourceError { _ = try source.entries() } == .unknownRevision(revision))
        }
    }

    @Test func outsideARepositoryIsAClearError() throws {
        let directory = try ScratchDirectory()

        let source = RevisionSource(registryRoot: directory.path + "/registry", revision: "HEAD", environment: .ofThisProcess)
        #expect(sourceError { _ = try source.entries() } == .notAGitRepository("\(directory.path)/registry"))
    }

    @Test(.slow) func streamsThousandsOfBlobsAndCutsAnOversizedOne() throws {
        let repository = try TemporaryGitRepository()
        for number in 0..<2_000 {
            try repository.write("registry/users/u\(number).json", "{\"n\": \(number)}\n")
        }
        let big = String(repeating: "x", count: Limits.maxFileSize + 5_000)
        try repository.write("registry/users/u1000-big.json", big)
        try repository.stageAll()
        try repository.commit("many")

        let source = RevisionSource(registryRoot: repository.url("registry").path, revision: "HEAD", environment: .ofThisProcess)
        #expect(try source.entries().count == 2_001)
        #expect(
            try source.contents(of: "users/u1000-big.json")
                == Array(big.utf8.prefix(Limits.maxFileSize + 1)))
        // Read from several threads at once, as the validator does.
        let mismatches = Collected<Int>()
        DispatchQueue.concurrentPerform(iterations: 2_000) { number in
            let expected = "{\"n\": \(number)}\n"
            if (try? text(source, "users/u\(number).json")) != expected { mismatches.append(number) }
        }
        #expect(mismatches.items.isEmpty)
    }

    @Test func catFileBatchReadsBlobsInOneProcess() throws {
        let repository = try TemporaryGitRepository()
        let git = Git(directory: repository.path, environment: .ofThisProcess)
        let ids = try ["one", "", "three"].map { content in
            try git.output(["hash-object", "-w", "--stdin"], input: Array(content.utf8))
        }.map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        let blobs = try git.blobs(ids + [ids[0]], limit: 2)
        #expect(blobs == [ids[0]: Array("on".utf8), ids[1]: [], ids[2]: Array("th".utf8)])
        let missing = String(repeating: "0", count: 40)
        #expect(
            sourceError { _ = try git.blobs([missing], limit: 10) }
                == .unexpectedCatFileReply(id: missing, header: "\(missing) missing"))
    }
}

struct GitEnvironmentTests {
    @Test func makesInheritedRepositoryPathsAbsoluteFromTheCallersDirectory() {
        let environment = Git.variables(for: GitEnvironment(
            variables: ["GIT_INDEX_FILE": ".git/index.lock", "GIT_DIR": "/abs/.git"],
            currentDirectory: "/work/repo"))
        #expect(environment["GIT_INDEX_FILE"] == "/work/repo/.git/index.lock")
        #expect(environment["GIT_DIR"] == "/abs/.git")
        #expect(environment["GIT_LITERAL_PATHSPECS"] == "1")
        #expect(environment["GIT_OPTIONAL_LOCKS"] == "0")
    }
}

/// `--rev` reads blobs a window at a time: a commit of more files than a window loads to
/// the same snapshot as its checked-out tree, errors and all.
struct GitRevisionWindowTests {
    @Test(.slow) func aCommitLargerThanAWindowLoadsAsItsTree() throws {
        let repository = try TemporaryGitRepository()
        let root = repository.url("registry").path
        let written = try RegistryGenerator(users: 1_200, orgs: 120, seed: 3).write(to: root)
        #expect(written > RevisionSource.window)
        try repository.write("registry/users/user-000007.json", "{ broken")
        try repository.write("registry/orgs/team-00002/members/user-000001.json", RuleExamples.member("ghost", "owner"))
        try repository.stageAll()
        try repository.commit("generated")
        let fromGit = try Validator.validate(RevisionSource(registryRoot: root, revision: "HEAD", environment: .ofThisProcess))
        let fromTree = try Validator.validate(DirectorySource(root: root))
        #expect(fromGit.fileCount == fromTree.fileCount)
        #expect(fromGit.diagnostics == fromTree.diagnostics)
        #expect(fromGit.snapshot.present == fromTree.snapshot.present)
        #expect(fromGit.snapshot.everyMembership.count == fromTree.snapshot.everyMembership.count)
    }
}

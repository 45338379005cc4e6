import Foundation
import Tenancy
import TenancyTestSupport
import Testing

struct GitIndexSourceTests {
    @Test func readsStagedContentNotTheUnstagedEdit() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("registry/users/alice.json", "staged bad\n")
        try repository.write("registry/users/bob.json", "staged good\n")
        try repository.stageAll()
        try repository.write("registry/users/alice.json", "work tree good\n")
        try repository.write("registry/users/bob.json", "work tree bad\n")

        let source = IndexSource(registryRoot: repository.url("registry").path, environment: .ofThisProcess)
        #expect(try text(source, "users/alice.json") == "staged bad\n")
        #expect(try text(source, "users/bob.json") == "staged good\n")
    }

    @Test func readsUnchangedFilesAndIgnoresUntrackedOnes() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("registry/tenancy.json", "{}\n")
        try repository.stageAll()
        try repository.commit("initial")
        try repository.write("registry/users/untracked.json", "{}\n")

        let source = IndexSource(registryRoot: repository.url("registry").path, environment: .ofThisProcess)
        #expect(try listing(source) == ["tenancy.json file"])
        #expect(try text(source, "tenancy.json") == "{}\n")
    }

    @Test func readsTheStagedContentEvenWhereGitsStatDataMissesAnEdit() throws {
        // Git is told to compare only size and mtime, and the edit keeps both, so git
        // reports the file unchanged; its blob id does not match the index's.
        let repository = try TemporaryGitRepository()
        try repository.run("config", "core.checkStat", "minimal")
        try repository.run("config", "core.trustctime", "false")
        let file = repository.url("registry/tenancy.json")
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        try repository.write("registry/tenancy.json", "index\n")
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file.path)
        try repository.stageAll()
        try repository.write("registry/tenancy.json", "works\n")
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file.path)

        let source = IndexSource(registryRoot: repository.url("registry").path, environment: .ofThisProcess)
        #expect(try text(source, "tenancy.json") == "index\n")
        #expect(try loadedText(source, "tenancy.json") == "index\n")
    }

    @Test func readsFilesIdenticalToTheIndexFromTheWorkTree() throws {
        // With the staged blob gone from the object store, only the work tree has it.
        let repository = try TemporaryGitRepository()
        try repository.write("registry/tenancy.json", "staged\n")
        try repository.stageAll()
        let id = try repository.run("rev-parse", ":registry/tenancy.json")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(
            atPath: repository.path + "/.git/objects/\(id.prefix(2))/\(id.dropFirst(2))")

        let source = IndexSource(registryRoot: repository.url("registry").path, environment: .ofThisProcess)
        #expect(try text(source, "tenancy.json") == "staged\n")
        #expect(try loadedText(source, "tenancy.json") == "staged\n")
    }

    @Test func readsAFileDeletedInTheWorkTreeFromTheIndex() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("registry/users/alice.json", "staged\n")
        try repository.stageAll()
        try repository.remove("registry/users")

        let source = IndexSource(registryRoot: repository.url("registry").path, environment: .ofThisProcess)
        #expect(try listing(source) == ["users/alice.json file"])
        #expect(try text(source, "users/alice.json") == "staged\n")
        #expect(try loadedText(source, "users/alice.json") == "staged\n")
    }

    @Test func readsAnAssumeUnchangedFileFromTheIndex() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("registry/tenancy.json", "staged\n")
        try repository.stageAll()
        try repository.run("update-index", "--assume-unchanged", "registry/tenancy.json")
        try repository.write("registry/tenancy.json", "edited\n")

        let source = IndexSource(registryRoot: repository.url("registry").path, environment: .ofThisProcess)
        #expect(try text(source, "tenancy.json") == "staged\n")
        #expect(try loadedText(source, "tenancy.json") == "staged\n")
    }

    @Test func readsTheIndexWhenCheckoutConvertsLineEnds() throws {
        let repository = try TemporaryGitRepository()
        try repository.write(".gitattributes", "*.json text eol=crlf\n")
        try repository.write("registry/tenancy.json", "{}\r\n")
        try repository.stageAll()

        let source = IndexSource(registryRoot: repository.url("registry").path, environment: .ofThisProcess)
        #expect(try text(source, "tenancy.json") == "{}\n")
        #expect(try loadedText(source, "tenancy.json") == "{}\n")
    }

    @Test func reportsAStagedSymlinkAndASubmoduleWithoutReadingThem() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("registry/tenancy.json", "{}\n")
        try repository.symlink("registry/users/alice.json", to: "../tenancy.json")
        try repository.stageAll()
        let commit = try repository.commit("initial")
        try repository.run("update-index", "--add", "--cacheinfo", "160000,\(commit),registry/orgs")

        let source = IndexSource(registryRoot: repository.url("registry").path, environment: .ofThisProcess)
        #expect(
            try listing(source) == [
                "orgs special", "tenancy.json file", "users/alice.json symlink",
            ])
    }

    @Test func registryAsASubdirectoryListsOnlyItsOwnFiles() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("README.md", "docs\n")
        try repository.write("registry-old/tenancy.json", "{}\n")
        try repository.write("registry/tenancy.json", "{}\n")
        try repository.write("registry/.gitignore", "/.tenancy/\n")
        try repository.stageAll()

        let source = IndexSource(registryRoot: repository.url("registry").path, environment: .ofThisProcess)
        #expect(try listing(source) == [".gitignore file", "tenancy.json file"])
    }

    @Test func registryAsTheRepositoryRoot() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("tenancy.json", "{}\n")
        try repository.write("users/alice.json", "alice\n")
        try repository.stageAll()

        let source = IndexSource(registryRoot: repository.path, environment: .ofThisProcess)
        #expect(try listing(source) == ["tenancy.json file", "users/alice.json file"])
        #expect(try text(source, "users/alice.json") == "alice\n")
    }

    @Test func registryGivenAsARelativePathWithDotDot() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("registry/tenancy.json", "{}\n")
        try repository.stageAll()

        let source = IndexSource(registryRoot: repository.path + "/registry/users/../", environment: .ofThisProcess)
        #expect(try listing(source) == ["tenancy.json file"])
    }

    @Test func pathsWithSpacesAndNonASCIICharacters() throws {
        let repository = try TemporaryGitRepository()
        let names = [
            "users/with space.json", "users/zoë.json", "users/tab\there.json", "日本/x.json",
        ]
        for name in names { try repository.write("registry/\(name)", name) }
        try repository.stageAll()
        try repository.write("registry/users/zoë.json", "unstaged")
        try repository.remove("registry/日本")

        let source = IndexSource(registryRoot: repository.url("registry").path, environment: .ofThisProcess)
        #expect(try listing(source) == names.sorted().map { "\($0) file" })
        for name in names {
            #expect(try text(source, name) == name)
            #expect(try loadedText(source, name) == name)
        }
    }

    @Test func anUnmergedPathIsAnError() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("registry/tenancy.json", "base\n")
        try repository.stageAll()
        try repository.commit("base")
        try repository.run("checkout", "-q", "-b", "other")
        try repository.write("registry/tenancy.json", "other\n")
        try repository.stageAll()
        try repository.commit("other")
        try repository.run("checkout", "-q", "-")
        try repository.write("registry/tenancy.json", "mine\n")
        try repository.stageAll()
        try repository.commit("mine")
        _ = try? repository.run("merge", "-q", "other")

        let source = IndexSource(registryRoot: repository.url("registry").path, environment: .ofThisProcess)
        #expect(sourceError { _ = try source.entries() } == .unmergedPath("registry/tenancy.json"))
    }

    @Test func anUnknownPathIsAnError() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("registry/tenancy.json", "{}\n")
        try repository.stageAll()

        let source = IndexSource(registryRoot: repository.url("registry").path, environment: .ofThisProcess)
        #expect(sourceError { _ = try source.contents(of: "nope.json") } == .notAFile(path: "nope.json", in: "the index"))
    }

    @Test func outsideARepositoryIsAClearError() throws {
        let directory = try ScratchDirectory()

        let source = IndexSource(registryRoot: directory.path, environment: .ofThisProcess)
        #expect(sourceError { _ = try source.entries() } == .notAGitRepository(directory.path))
    }
}

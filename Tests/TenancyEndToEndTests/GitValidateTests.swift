import Foundation
import Testing
import TenancyTestSupport

/// A repository whose `registry/` holds the base registry, committed.
func registryRepository(_ overlay: [String: String?] = [:]) throws -> TemporaryGitRepository {
    let repository = try TemporaryGitRepository()
    try repository.commitRegistry(RegistryFiles.registry(overlay), "base registry")
    return repository
}

/// Runs `tenancy` at the repository's top level, with git isolated from the user's configuration.
func tenancy(_ arguments: [String], in repository: TemporaryGitRepository) throws -> TenancyRun {
    try runTenancy(
        arguments, cwd: URL(fileURLWithPath: repository.path),
        env: ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"])
}

let brokenBob = "{\n  \"role\": \"member\",\n"
let bobPath = "registry/orgs/acme/members/bob.json"

struct GitValidateTests {
    @Test func aBadChangeStagedFailsEvenWhenTheWorkingTreeIsFixed() throws {
        let repository = try registryRepository()
        try repository.write(bobPath, brokenBob)
        try repository.stage(bobPath)
        try repository.write(bobPath, RegistryFiles.member("bob", "admin"))

        let staged = try tenancy(["validate", "--staged"], in: repository)
        #expect(staged.status == 1)
        #expect(staged.stdout.contains("registry/orgs/acme/members/bob.json:3:1: error: "))
        #expect(staged.stdout.contains("[json]"))
        #expect(try tenancy(["validate"], in: repository).status == 0)
    }

    @Test func aGoodChangeStagedPassesEvenWhenTheWorkingTreeIsBroken() throws {
        let repository = try registryRepository()
        try repository.write(bobPath, RegistryFiles.member("bob", "admin"))
        try repository.stage(bobPath)
        try repository.write(bobPath, brokenBob)

        let staged = try tenancy(["validate", "--staged"], in: repository)
        #expect(staged.status == 0)
        #expect(staged.stdout == "no problems found in 13 files\n")
        #expect(try tenancy(["validate"], in: repository).status == 1)
    }

    @Test func revChecksTheTreeOfThatCommit() throws {
        let repository = try registryRepository()
        try repository.write(bobPath, brokenBob)
        try repository.stageAll()
        try repository.commit("break bob")
        try repository.write(bobPath, RegistryFiles.member("bob", "member"))  // fixed, not committed

        #expect(try tenancy(["validate", "--rev", "HEAD~1"], in: repository).status == 0)
        let newer = try tenancy(["--format", "github", "validate", "--rev", "HEAD"], in: repository)
        #expect(newer.status == 1)
        #expect(newer.stdout.hasPrefix("::error file=registry/orgs/acme/members/bob.json,line=3,col=1,title=json::"))
    }

    @Test func anUnknownRevisionIsAGitFailure() throws {
        let repository = try registryRepository()
        let run = try tenancy(["validate", "--rev", "no-such-branch"], in: repository)
        #expect(run.status == 3)
        #expect(run.stderr == "tenancy: error: unknown revision or not a commit: no-such-branch\n")
    }

    @Test func anUnmergedIndexIsAGitFailure() throws {
        let repository = try registryRepository()
        try repository.run("checkout", "-q", "-b", "other")
        try repository.write("registry/tenancy.json", "{\n  \"format\": 1,\n  \"usersMayCreateOrganizations\": false\n}\n")
        try repository.stageAll()
        try repository.commit("other")
        try repository.run("checkout", "-q", "-")
        try repository.write("registry/tenancy.json", "{\n  \"format\": 1,\n  \"usersMayCreateOrganizations\": true\n}\n")
        try repository.stageAll()
        try repository.commit("mine")
        _ = try? repository.run("merge", "-q", "other")
        let run = try tenancy(["validate", "--staged"], in: repository)
        #expect(run.status == 3)
        #expect(run.stderr == "tenancy: error: unmerged path in the index: registry/tenancy.json\n", "\(run.stderr)")
    }

    @Test func stagedAndRevTogetherIsAUsageError() throws {
        let repository = try registryRepository()
        #expect(try tenancy(["validate", "--staged", "--rev", "HEAD"], in: repository).status == 2)
    }
}

/// A server's `pre-receive` hook runs in a bare repository: no work tree, only commits.
struct GitBareRepositoryTests {
    @Test func revAndDiffReadTheTreeOfABareRepository() throws {
        let repository = try registryRepository()
        try repository.write(bobPath, RegistryFiles.member("bob", "admin"))
        try repository.stageAll()
        try repository.commit("promote bob")
        try repository.write(bobPath, brokenBob)
        try repository.stageAll()
        try repository.commit("break bob")
        let server = repository.url(".git/server.git")
        try repository.run("clone", "-q", "--bare", repository.path, server.path)
        func run(_ arguments: [String]) throws -> TenancyRun {
            try runTenancy(arguments, cwd: server, env: ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"])
        }

        let good = try run(["--registry", "registry", "validate", "--rev", "main~1"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout == "no problems found in 13 files\n")
        let bad = try run(["validate", "--rev", "main"])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("registry/orgs/acme/members/bob.json:3:1: error: "))
        let diff = try run(["diff", "main~2", "main~1"])
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("bob: member -> admin"))

        let staged = try run(["validate", "--staged"])
        #expect(staged.status == 3)
        #expect(staged.stderr == "tenancy: error: nothing is staged in a bare repository \(server.path) (it has no work tree; use --rev)\n")
    }
}

/// How git itself failing to run is told: not found on PATH, not startable, killed.
struct GitStartTests {
    /// A directory holding an executable `git` with `contents`, for PATH.
    static func fakeGit(_ contents: String) throws -> ScratchDirectory {
        let directory = try ScratchDirectory()
        try directory.write("git", contents)
        #expect(chmod(directory.url("git").path, 0o755) == 0)
        return directory
    }

    @Test(arguments: [
        (nil, "tenancy: error: git not found on PATH\n"),
        ("not a program\n", "tenancy: error: cannot run git: Exec format error\n"),
        ("#!/bin/sh\nkill -9 $$\n", "tenancy: error: git rev-parse was killed by signal 9\n"),
    ] as [(String?, String)])
    func gitThatCannotRunIsSaidPlainly(contents: String?, message: String) throws {
        let repository = try registryRepository()
        let fake = try contents.map(Self.fakeGit)
        let path = fake?.path ?? "/nonexistent"
        let run = try runTenancy(
            ["validate", "--staged"], cwd: URL(fileURLWithPath: repository.path),
            env: ["PATH": path, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"])
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr == message)
        #expect(run.stdout.isEmpty)
    }
}

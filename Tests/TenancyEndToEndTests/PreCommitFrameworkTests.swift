import Foundation
import Testing
import TenancyTestSupport

/// The package's own top level, where `.pre-commit-hooks.yaml` lives.
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A hook repository as a user pins it: a clone of this package's committed HEAD (so
/// uncommitted edits are not in it), and the commit to pin.
private struct HookRepository {
    let directory: ScratchDirectory
    var path: String { directory.path + "/tenancy" }
    let commit: String

    init() throws {
        directory = try ScratchDirectory()
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        let clone = try runProgram(
            ["git", "clone", "-q", "--no-local", packageRoot.path, directory.path + "/tenancy"],
            in: directory.path, environment: environment)
        guard clone.status == 0 else { throw CloneFailed(output: clone.output) }
        commit = try runProgram(["git", "-C", directory.path + "/tenancy", "rev-parse", "HEAD"], in: directory.path, environment: environment)
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

private struct CloneFailed: Error {
    var output: String
}

/// Runs the pre-commit framework in `repository` with `hook` of the hook repository
/// installed in its own cache (`PRE_COMMIT_HOME`), PATH as given.
private func preCommit(
    _ arguments: [String], in repository: TemporaryGitRepository, cache: ScratchDirectory, path: String
) throws -> (status: Int32, output: String) {
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
    environment["PATH"] = path
    environment["PRE_COMMIT_HOME"] = cache.path
    environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    return try runProgram(["pre-commit"] + arguments, in: repository.path, environment: environment)
}

/// A registry repository whose `.pre-commit-config.yaml` pins `hook` of `hooks`.
private func consumer(of hooks: HookRepository, hook: String) throws -> TemporaryGitRepository {
    let repository = try registryRepository()
    try repository.write(".pre-commit-config.yaml", """
        repos:
          - repo: \(hooks.path)
            rev: \(hooks.commit)
            hooks:
              - id: \(hook)

        """)
    try repository.stageAll()
    try repository.commit("pre-commit")
    return repository
}

/// The pre-commit framework runs our `.pre-commit-hooks.yaml` from a clone of this
/// repository, as a user's `repo:`/`rev:` pin makes it.
@Suite(.enabled(if: executableOnPath("pre-commit") != nil, "pre-commit is not installed (pip install pre-commit)"))
struct PreCommitFrameworkTests {
    /// `language: swift`: the framework builds tenancy itself (a release build of the
    /// package, minutes), then runs it on what is staged.
    @Test(.slow) func theSwiftHookIsBuiltByTheFrameworkAndChecksTheStagedRegistry() throws {
        let hooks = try HookRepository()
        let cache = try ScratchDirectory()
        let repository = try consumer(of: hooks, hook: "tenancy-validate")
        // PATH without our build: the hook must find the tenancy the framework built.
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let clean = try preCommit(["run", "tenancy-validate"], in: repository, cache: cache, path: path)
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.output.contains("tenancy validate --staged"), "\(clean.output)")

        try repository.write("registry/orgs/acme/members/bob.json", brokenBob)
        try repository.stage("registry/orgs/acme/members/bob.json")
        let broken = try preCommit(["run", "tenancy-validate"], in: repository, cache: cache, path: path)
        #expect(broken.status == 1)
        #expect(broken.output.contains("registry/orgs/acme/members/bob.json:"), "\(broken.output)")
        #expect(broken.output.contains("[json]"), "\(broken.output)")
    }

    /// `language: system`: the tenancy on PATH, nothing built.
    @Test func theSystemHookRunsTheTenancyOnPath() throws {
        let hooks = try HookRepository()
        let cache = try ScratchDirectory()
        let repository = try consumer(of: hooks, hook: "tenancy-validate-system")
        let path = try pathWithTenancy()
        #expect(try preCommit(["run", "tenancy-validate-system"], in: repository, cache: cache, path: path).status == 0)

        try repository.write("registry/orgs/acme/members/bob.json", brokenBob)
        try repository.stage("registry/orgs/acme/members/bob.json")
        let broken = try preCommit(["run", "tenancy-validate-system"], in: repository, cache: cache, path: path)
        #expect(broken.status == 1)
        #expect(broken.output.contains("[json]"), "\(broken.output)")
    }
}

import Foundation
import Testing
import Tenancy
import TenancyTestSupport

/// The package's own top level, where `hooks/pre-commit` lives.
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The stderr of a git command that fails, or nil when it succeeds.
private func failure(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as GitCommandError {
        return error.message
    } catch {
        return "unexpected error: \(error)"
    }
}

/// The hook `tenancy hooks install` writes.
private let installedHook = ".git/hooks/pre-commit"

private func contents(_ path: String, in repository: TemporaryGitRepository) -> String? {
    try? String(contentsOfFile: repository.url(path).path, encoding: .utf8)
}

/// `core.hooksPath` as git resolves it, or nil when unset.
private func hooksPath(_ repository: TemporaryGitRepository) -> String? {
    try? repository.run("config", "core.hooksPath")
}

struct HookInstallTests {
    @Test func theRepositorysSampleHookIsTheInstalledOne() throws {
        let path = packageRoot.appendingPathComponent("hooks/pre-commit").path
        #expect(try String(contentsOfFile: path, encoding: .utf8) == HooksInstaller.preCommitHook(registry: "registry"))
        #expect(FileManager.default.isExecutableFile(atPath: path))
    }

    /// A pull request branch adding `hooks/post-checkout` must not run it on checkout:
    /// earlier versions pointed core.hooksPath at the tracked hooks/.
    @Test func aBranchsHooksNeverRunAfterInstall() throws {
        let repository = try registryRepository()
        #expect(try tenancy(["hooks", "install"], in: repository).status == 0)
        let ran = repository.url(".git/post-checkout-ran").path
        try repository.run("checkout", "-q", "-b", "pull-request")
        try repository.write("hooks/post-checkout", "#!/bin/sh\necho ran > '\(ran)'\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repository.url("hooks/post-checkout").path)
        try repository.stageAll()
        let environment = ["PATH": try pathWithTenancy()]  // for our pre-commit hook
        try repository.run(["commit", "-q", "-m", "a hook of the branch"], environment: environment)
        for branch in ["main", "pull-request", "main"] {
            try repository.run(["checkout", "-q", branch], environment: environment)
        }
        #expect(!FileManager.default.fileExists(atPath: ran))
        #expect(hooksPath(repository) == nil)
    }

    @Test func installWritesOurHookIntoGitsOwnDirectoryOnce() throws {
        let repository = try registryRepository()
        let run = try tenancy(["hooks", "install"], in: repository)
        #expect(run.status == 0)
        #expect(run.stdout == "installed .git/hooks/pre-commit (tenancy validate --staged on registry)\n")
        #expect(contents(installedHook, in: repository) == HooksInstaller.preCommitHook(registry: "registry"))
        #expect(FileManager.default.isExecutableFile(atPath: repository.url(installedHook).path))
        #expect(hooksPath(repository) == nil)

        let again = try tenancy(["hooks", "install"], in: repository)
        #expect(again.status == 0)
        #expect(again.stdout == ".git/hooks/pre-commit already installed (tenancy validate --staged on registry)\n")
        #expect(contents(installedHook, in: repository) == HooksInstaller.preCommitHook(registry: "registry"))
    }

    @Test func aForeignHookIsKeptUnlessForcedAndNeverUninstalled() throws {
        let repository = try registryRepository()
        let foreign = "#!/bin/sh\nexit 0\n"
        try repository.write(installedHook, foreign)
        let refused = try tenancy(["hooks", "install"], in: repository)
        #expect(refused.status == 1)
        #expect(refused.stderr == "tenancy: error: .git/hooks/pre-commit is not tenancy's hook; refusing to replace it (use --force)\n")
        #expect(contents(installedHook, in: repository) == foreign)

        let kept = try tenancy(["hooks", "uninstall"], in: repository)
        #expect(kept.status == 1)
        #expect(kept.stderr == "tenancy: error: .git/hooks/pre-commit is not tenancy's hook; left it in place\n")
        #expect(contents(installedHook, in: repository) == foreign)

        let forced = try tenancy(["hooks", "install", "--force"], in: repository)
        #expect(forced.status == 0)
        #expect(forced.stdout == "replaced .git/hooks/pre-commit (tenancy validate --staged on registry)\n")
        #expect(contents(installedHook, in: repository) == HooksInstaller.preCommitHook(registry: "registry"))
    }

    @Test func uninstallRemovesOnlyOurHook() throws {
        let repository = try registryRepository()
        #expect(try tenancy(["hooks", "install"], in: repository).status == 0)
        let removed = try tenancy(["hooks", "uninstall"], in: repository)
        #expect(removed.status == 0)
        #expect(removed.stdout == "removed .git/hooks/pre-commit\n")
        #expect(contents(installedHook, in: repository) == nil)

        let again = try tenancy(["hooks", "uninstall"], in: repository)
        #expect(again.status == 0)
        #expect(again.stdout == "no pre-commit hook to remove at .git/hooks/pre-commit\n")
    }

    @Test func theHooksPathEarlierVersionsSetIsUnset() throws {
        let repository = try registryRepository()
        try repository.run("config", "core.hooksPath", "hooks")
        let run = try tenancy(["hooks", "install"], in: repository)
        #expect(run.status == 0)
        #expect(run.stdout == """
            unset core.hooksPath (was hooks): git no longer runs hooks from the tracked hooks/
            installed .git/hooks/pre-commit (tenancy validate --staged on registry)

            """)
        #expect(hooksPath(repository) == nil)

        try repository.run("config", "core.hooksPath", "./hooks/")
        let uninstall = try tenancy(["hooks", "uninstall"], in: repository)
        #expect(uninstall.stdout.hasPrefix("unset core.hooksPath (was hooks)"))
        #expect(hooksPath(repository) == nil)
        #expect(contents(installedHook, in: repository) == nil)
    }

    @Test func aHooksPathInTheWorkTreeIsRefusedUnlessForced() throws {
        let repository = try registryRepository()
        try repository.run("config", "core.hooksPath", ".husky")
        let refused = try tenancy(["hooks", "install"], in: repository)
        #expect(refused.status == 1)
        #expect(refused.stderr == "tenancy: error: core.hooksPath is '.husky', inside the work tree, where any checked-out branch can add hooks for git to run; refusing to install there (unset it, or use --force)\n")
        #expect(hooksPath(repository) == ".husky\n")
        #expect(contents(installedHook, in: repository) == nil)

        #expect(try tenancy(["hooks", "install", "--force"], in: repository).status == 0)
        #expect(hooksPath(repository) == nil)
        #expect(contents(installedHook, in: repository) != nil)
    }

    @Test func aHooksPathOutsideTheWorkTreeIsWhereTheHookGoes() throws {
        let repository = try registryRepository()
        let shared = repository.url(".git/shared-hooks").path
        try repository.run("config", "core.hooksPath", shared)
        let run = try tenancy(["hooks", "install"], in: repository)
        #expect(run.stdout == "installed .git/shared-hooks/pre-commit (tenancy validate --staged on registry)\n")
        #expect(contents(".git/shared-hooks/pre-commit", in: repository) != nil)
        #expect(hooksPath(repository) == shared + "\n")
    }

    /// Every worktree of a repository shares its hooks directory.
    @Test func fromALinkedWorktreeTheHookGoesIntoTheRepositorysHooks() throws {
        let repository = try registryRepository()
        let linked = repository.url(".git/linked-worktree")
        try repository.run("worktree", "add", "-q", linked.path)
        let run = try runTenancy(["hooks", "install"], cwd: linked, env: ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"])
        #expect(run.stdout == "installed \(repository.path)/.git/hooks/pre-commit (tenancy validate --staged on registry)\n")
        #expect(contents(installedHook, in: repository) == HooksInstaller.preCommitHook(registry: "registry"))
    }

    @Test func outsideARepositoryInstallFails() throws {
        let scratch = try ScratchDirectory()
        let directory = URL(fileURLWithPath: scratch.path)
        let run = try runTenancy(["hooks", "install"], cwd: directory, env: ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CEILING_DIRECTORIES": directory.deletingLastPathComponent().path])
        #expect(run.status == 3)
        #expect(run.stderr.contains("not a git repository"))
    }
}

struct HookCommitTests {
    @Test func theInstalledHookRefusesABadCommitAndAcceptsTheFix() throws {
        let repository = try registryRepository()
        #expect(try tenancy(["hooks", "install"], in: repository).status == 0)
        let environment = ["PATH": try pathWithTenancy()]
        try repository.write(bobPath, brokenBob)
        try repository.stageAll()

        let refusal = failure { try repository.run(["commit", "-q", "-m", "break bob"], environment: environment) }
        #expect(refusal?.contains("registry/orgs/acme/members/bob.json:3:1: error: ") == true)
        #expect(refusal?.contains("[json]") == true)

        try repository.write(bobPath, RegistryFiles.member("bob", "admin"))
        try repository.stage(bobPath)
        #expect(failure { try repository.run(["commit", "-q", "-m", "promote bob"], environment: environment) } == nil)
    }

    /// The hook names the registry it was installed for, quoted for the shell.
    @Test func theHookChecksTheRegistryItWasInstalledFor() throws {
        let repository = try registryRepository()
        let registry = "team's reg"
        try repository.run("mv", "registry", registry)
        try repository.commit("move the registry")
        let install = try tenancy(["--registry", registry, "hooks", "install"], in: repository)
        #expect(install.stdout == "installed .git/hooks/pre-commit (tenancy validate --staged on team's reg)\n")
        try repository.write(registry + "/orgs/acme/members/bob.json", brokenBob)
        try repository.stageAll()
        let refusal = failure {
            try repository.run(["commit", "-q", "-m", "break bob"], environment: ["PATH": try pathWithTenancy()])
        }
        #expect(refusal?.contains("team's reg/orgs/acme/members/bob.json:3:1: error: ") == true, "\(refusal ?? "committed")")
    }

    @Test func withoutTenancyOnPathTheHookSaysHowToInstallIt() throws {
        let repository = try registryRepository()
        #expect(try tenancy(["hooks", "install"], in: repository).status == 0)
        let run = try runProgram(["sh", installedHook], in: repository.path, environment: ["PATH": "/usr/bin:/bin"])
        #expect(run.status == 1)
        #expect(run.output.contains("swift build -c release"))
    }
}

/// The pre-commit framework (pre-commit.com) with a `repo: local` hook, as a team that
/// already uses it would add tenancy. Skipped where `pre-commit` is not installed.
let preCommit = executableOnPath("pre-commit")

/// `.pre-commit-config.yaml` with tenancy as a `repo: local` hook, on the PATH.
let localHookConfiguration = """
    repos:
      - repo: local
        hooks:
          - id: tenancy-validate
            name: tenancy validate --staged
            entry: tenancy validate --staged
            language: system
            pass_filenames: false
            always_run: true

    """

/// Commits `localHookConfiguration`, installs the framework's hook, and returns the
/// environment to commit with.
func installLocalHook(in repository: TemporaryGitRepository) throws -> [String: String] {
    try repository.write(".pre-commit-config.yaml", localHookConfiguration)
    try repository.stageAll()
    try repository.commit("pre-commit configuration")
    let environment = try isolatedEnvironment(repository)
    let install = try runProgram([preCommit!, "install"], in: repository.path, environment: environment)
    #expect(install.status == 0, "\(install.output)")
    return environment
}

/// For the pre-commit framework and git run directly: tenancy on PATH, the framework's cache
/// in the repository, git without the user's configuration.
func isolatedEnvironment(_ repository: TemporaryGitRepository) throws -> [String: String] {
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
    environment["PATH"] = try pathWithTenancy()
    environment["PRE_COMMIT_HOME"] = repository.url(".git/pre-commit-home").path
    environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    return environment
}

private struct CloneFailed: Error {
    var output: String
}

/// A hook repository as a user pins it: a clone of this package's committed HEAD (so
/// uncommitted edits are not in it), and its commit, for `rev:`.
private struct HookRepository {
    let directory: ScratchDirectory
    var path: String { directory.path + "/tenancy" }
    let commit: String

    init() throws {
        directory = try ScratchDirectory()
        let path = directory.path + "/tenancy"
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        let clone = try runProgram(
            ["git", "clone", "-q", "--no-local", packageRoot.path, path], in: directory.path, environment: environment)
        guard clone.status == 0 else { throw CloneFailed(output: clone.output) }
        commit = try runProgram(["git", "-C", path, "rev-parse", "HEAD"], in: directory.path, environment: environment)
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A registry repository whose `.pre-commit-config.yaml` pins `hook` of this one.
    func consumer(hook: String) throws -> TemporaryGitRepository {
        let repository = try registryRepository()
        try repository.write(".pre-commit-config.yaml", """
            repos:
              - repo: \(path)
                rev: \(commit)
                hooks:
                  - id: \(hook)

            """)
        try repository.stageAll()
        try repository.commit("pre-commit configuration")
        return repository
    }
}

@Suite(.slow) struct HookPreCommitFrameworkTests {
    /// Both want .git/hooks/pre-commit: the framework's install refuses while core.hooksPath
    /// is set (as earlier versions of tenancy set it), and works once tenancy's hook is gone.
    @Test(.enabled(if: preCommit != nil, "pre-commit is not on PATH"))
    func theFrameworkInstallsAfterTenancyUninstalls() throws {
        let repository = try registryRepository()
        try repository.run("config", "core.hooksPath", "hooks")
        let environment = try isolatedEnvironment(repository)
        #expect(try runProgram([preCommit!, "install"], in: repository.path, environment: environment).status != 0)

        #expect(try tenancy(["hooks", "install"], in: repository).status == 0)
        #expect(try tenancy(["hooks", "uninstall"], in: repository).status == 0)
        let install = try runProgram([preCommit!, "install"], in: repository.path, environment: environment)
        #expect(install.status == 0, "\(install.output)")

        let refused = try tenancy(["hooks", "install"], in: repository)
        #expect(refused.status == 1)
        #expect(refused.stderr == "tenancy: error: .git/hooks/pre-commit is the pre-commit framework's hook; refusing to replace it (add tenancy-validate to its configuration instead, or use --force)\n")
        #expect(try tenancy(["hooks", "uninstall"], in: repository).status == 1)
        #expect(contents(installedHook, in: repository)?.contains("pre-commit.com") == true)
    }


    @Test(.enabled(if: preCommit != nil, "pre-commit is not on PATH"))
    func aBadCommitIsRefusedThroughThePreCommitFramework() throws {
        let repository = try registryRepository()
        let environment = try installLocalHook(in: repository)

        try repository.write(bobPath, brokenBob)
        try repository.stageAll()
        let refusal = failure { try repository.run(["commit", "-q", "-m", "break bob"], environment: environment) }
        #expect(refusal?.contains("registry/orgs/acme/members/bob.json:3:1: error: ") == true, "\(refusal ?? "committed")")

        try repository.write(bobPath, RegistryFiles.member("bob", "admin"))
        try repository.stage(bobPath)
        #expect(failure { try repository.run(["commit", "-q", "-m", "promote bob"], environment: environment) } == nil)
    }
    /// `language: swift` in our `.pre-commit-hooks.yaml`: the framework builds tenancy
    /// from the pinned clone (a release build of the package: minutes), then runs it.
    @Test(.enabled(if: preCommit != nil, "pre-commit is not on PATH"))
    func theSwiftHookIsBuiltByTheFrameworkFromTheHookRepository() throws {
        let hooks = try HookRepository()
        let repository = try hooks.consumer(hook: "tenancy-validate")
        var environment = try isolatedEnvironment(repository)
        // Without our build on PATH: the hook must run the tenancy the framework built.
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let clean = try runProgram([preCommit!, "run", "tenancy-validate"], in: repository.path, environment: environment)
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.output.contains("tenancy validate --staged"), "\(clean.output)")

        try repository.write(bobPath, brokenBob)
        try repository.stage(bobPath)
        let broken = try runProgram([preCommit!, "run", "tenancy-validate"], in: repository.path, environment: environment)
        #expect(broken.status == 1)
        #expect(broken.output.contains("registry/orgs/acme/members/bob.json:3:1: error: "), "\(broken.output)")
    }

    /// `language: system`: the tenancy on PATH, nothing built.
    @Test(.enabled(if: preCommit != nil, "pre-commit is not on PATH"))
    func theSystemHookRunsTheTenancyOnPath() throws {
        let hooks = try HookRepository()
        let repository = try hooks.consumer(hook: "tenancy-validate-system")
        let environment = try isolatedEnvironment(repository)
        let clean = try runProgram([preCommit!, "run", "tenancy-validate-system"], in: repository.path, environment: environment)
        #expect(clean.status == 0, "\(clean.output)")

        try repository.write(bobPath, brokenBob)
        try repository.stage(bobPath)
        let broken = try runProgram([preCommit!, "run", "tenancy-validate-system"], in: repository.path, environment: environment)
        #expect(broken.status == 1)
        #expect(broken.output.contains("registry/orgs/acme/members/bob.json:3:1: error: "), "\(broken.output)")
    }

    /// `tenancy-codeowners-system` checks `.github/CODEOWNERS` (its default args).
    @Test(.enabled(if: preCommit != nil, "pre-commit is not on PATH"))
    func theCodeOwnersHookRefusesAStaleFile() throws {
        let hooks = try HookRepository()
        let repository = try hooks.consumer(hook: "tenancy-codeowners-system")
        let environment = try isolatedEnvironment(repository)
        try repository.write(".github/CODEOWNERS", "* @platform\n")
        try repository.stageAll()
        let stale = try runProgram([preCommit!, "run", "tenancy-codeowners-system"], in: repository.path, environment: environment)
        #expect(stale.status == 1)
        #expect(stale.output.contains("tenancy: error: .github/CODEOWNERS is stale"), "\(stale.output)")

        #expect(try tenancy(["codeowners", "--write", ".github/CODEOWNERS"], in: repository).status == 0)
        try repository.stageAll()
        let fresh = try runProgram([preCommit!, "run", "tenancy-codeowners-system"], in: repository.path, environment: environment)
        #expect(fresh.status == 0, "\(fresh.output)")
    }
}

/// The server-side recipe: `hooks/pre-receive` in a bare repository.
struct HookPreReceiveTests {
    @Test func theReadmeShowsTheSampleHook() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let hook = try String(contentsOf: packageRoot.appendingPathComponent("hooks/pre-receive"), encoding: .utf8)
        #expect(readme.contains("```sh\n" + hook + "```\n"))
    }

    @Test(.slow) func aBareRepositoryAcceptsAGoodPushAndRefusesABadOne() throws {
        let repository = try registryRepository()
        let server = repository.url(".git/server.git").path
        try repository.run("clone", "-q", "--bare", repository.path, server)
        try FileManager.default.copyItem(atPath: packageRoot.appendingPathComponent("hooks/pre-receive").path, toPath: server + "/hooks/pre-receive")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: server + "/hooks/pre-receive")
        let environment = try isolatedEnvironment(repository)
        func push(_ arguments: String...) throws -> (status: Int32, output: String) {
            try runProgram(["git", "push", "-q", server] + arguments, in: repository.path, environment: environment)
        }

        try repository.write(bobPath, RegistryFiles.member("bob", "admin"))
        try repository.stageAll()
        let good = try repository.commit("promote bob")
        let accepted = try push("main")
        #expect(accepted.status == 0, "\(accepted.output)")
        #expect(accepted.output.contains("bob: member -> admin"), "\(accepted.output)")

        try repository.write(bobPath, brokenBob)
        try repository.stageAll()
        try repository.commit("break bob")
        let refused = try push("main")
        #expect(refused.status != 0)
        #expect(refused.output.contains("registry/orgs/acme/members/bob.json:3:1: error: "), "\(refused.output)")
        #expect(refused.output.contains("pre-receive hook declined"))
        #expect(try repository.run("--git-dir", server, "rev-parse", "main") == good + "\n")

        // A new branch is compared with the default one; a deletion is not checked.
        let newBranch = try push("HEAD~1:refs/heads/feature")
        #expect(newBranch.status == 0, "\(newBranch.output)")
        #expect(try push("HEAD:refs/heads/broken").status != 0)
        #expect(try push(":refs/heads/feature").status == 0)
    }
}

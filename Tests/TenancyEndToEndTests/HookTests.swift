import Foundation
import Testing
import Tenancy
import TenancyTestSupport

/// The package's own top level, where `hooks/pre-commit` lives.
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `PATH` with the built `tenancy` first, as a developer who installed it has.
private func pathWithTenancy() throws -> String {
    let directory = try tenancyBinary().deletingLastPathComponent().path
    return directory + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
}

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

/// Runs a program and returns its exit status and combined output.
private func runProgram(
    _ arguments: [String], in directory: String, environment: [String: String]
) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

struct HookInstallTests {
    @Test func theBuiltInScriptIsTheRepositorysHook() throws {
        let path = packageRoot.appendingPathComponent("hooks/pre-commit").path
        #expect(try String(contentsOfFile: path, encoding: .utf8) == HooksInstaller.preCommitScript)
        #expect(FileManager.default.isExecutableFile(atPath: path))
    }

    @Test func installSetsHooksPathAndWritesTheHook() throws {
        let repository = try registryRepository()
        let run = try tenancy(["hooks", "install"], in: repository)
        #expect(run.status == 0)
        #expect(run.stdout == "created hooks/pre-commit\ncore.hooksPath set to hooks in \(repository.path)\n")
        #expect(try repository.run("config", "core.hooksPath") == "hooks\n")
        #expect(FileManager.default.isExecutableFile(atPath: repository.url("hooks/pre-commit").path))
        let again = try tenancy(["hooks", "install"], in: repository)
        #expect(again.stdout == "core.hooksPath already set to hooks in \(repository.path)\n")
    }

    @Test func anotherHooksPathIsKeptUnlessForced() throws {
        let repository = try registryRepository()
        try repository.run("config", "core.hooksPath", ".husky")
        let refused = try tenancy(["hooks", "install"], in: repository)
        #expect(refused.status == 1)
        #expect(refused.stderr == "tenancy: error: core.hooksPath is already set to '.husky'; refusing to replace it (use --force)\n")
        #expect(try repository.run("config", "core.hooksPath") == ".husky\n")

        #expect(try tenancy(["hooks", "install", "--force"], in: repository).status == 0)
        #expect(try repository.run("config", "core.hooksPath") == "hooks\n")
    }

    @Test func outsideARepositoryInstallFails() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tenancy-nogit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try runTenancy(["hooks", "install"], cwd: directory, env: ["GIT_CEILING_DIRECTORIES": directory.deletingLastPathComponent().path])
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

    @Test func withoutTenancyOnPathTheHookSaysHowToInstallIt() throws {
        let repository = try registryRepository()
        #expect(try tenancy(["hooks", "install"], in: repository).status == 0)
        let run = try runProgram(["sh", "hooks/pre-commit"], in: repository.path, environment: ["PATH": "/usr/bin:/bin"])
        #expect(run.status == 1)
        #expect(run.output.contains("swift build -c release"))
    }
}

/// The pre-commit framework (pre-commit.com) with a `repo: local` hook, as a team that
/// already uses it would add tenancy. Skipped where `pre-commit` is not installed.
private let preCommit: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").map { "\($0)/pre-commit" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}()

struct HookPreCommitFrameworkTests {
    @Test(.enabled(if: preCommit != nil, "pre-commit is not on PATH"))
    func aBadCommitIsRefusedThroughThePreCommitFramework() throws {
        let repository = try registryRepository()
        try repository.write(".pre-commit-config.yaml", """
            repos:
              - repo: local
                hooks:
                  - id: tenancy-validate
                    name: tenancy validate --staged
                    entry: tenancy validate --staged
                    language: system
                    pass_filenames: false
                    always_run: true

            """)
        try repository.stageAll()
        try repository.commit("pre-commit configuration")
        let home = repository.url(".git/pre-commit-home").path
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        environment["PATH"] = try pathWithTenancy()
        environment["PRE_COMMIT_HOME"] = home
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        let install = try runProgram([preCommit!, "install"], in: repository.path, environment: environment)
        #expect(install.status == 0, "\(install.output)")

        try repository.write(bobPath, brokenBob)
        try repository.stageAll()
        let refusal = failure { try repository.run(["commit", "-q", "-m", "break bob"], environment: environment) }
        #expect(refusal?.contains("registry/orgs/acme/members/bob.json:3:1: error: ") == true, "\(refusal ?? "committed")")

        try repository.write(bobPath, RegistryFiles.member("bob", "admin"))
        try repository.stage(bobPath)
        #expect(failure { try repository.run(["commit", "-q", "-m", "promote bob"], environment: environment) } == nil)
    }
}

import Foundation
import Glibc
import Tenancy
import TenancyTestSupport
import Testing

/// `.tenancy/` as an attacker shapes it: committed to git by a pull request, its staging
/// directory a symlink, its lock a hard link to a registry file.
struct CommittedPrivateDirectoryTests {
    /// `org transfer acme --to bob --from alice`, interrupted at its commit point and
    /// force-added to a commit: git checks report it, and a fresh clone never replays it.
    @Test func aCommittedJournalIsALayoutErrorAndIsNeverReplayedInAClone() throws {
        let repository = try registryRepository()
        let base = try repository.run("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try interruptAtCommitPoint(["org", "transfer", "acme", "--to", "bob", "--from", "alice"], in: repository.path)
        try repository.run("add", "-f", "registry/.tenancy/journal", "registry/.tenancy/staged")
        try repository.commit("harmless")

        let journalError = "registry/.tenancy/journal:1:1: error: the tool's scratch directory must never be committed [layout]"
        for check in [["validate", "--rev", "HEAD"], ["diff", base, "HEAD"]] {
            let result = try tenancy(check, in: repository)
            #expect(result.status == 1, "\(check): \(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains(journalError), "\(check): \(result.stdout)")
            #expect(result.stdout.contains("registry/.tenancy/staged/0:1:1: error:"), "\(check): \(result.stdout)")
        }

        let scratch = try TemporaryRegistry()
        try repository.run("clone", "-q", repository.path, scratch.path + "/clone")
        let clone = scratch.path + "/clone"
        let before = try String(contentsOfFile: clone + "/registry/orgs/acme/members/alice.json", encoding: .utf8)
        #expect(before.contains(#""role": "owner""#))
        for command in [["validate", "--staged"], ["validate"], ["member", "set", "acme", "bob", "--role", "admin"]] {
            let result = try runTenancy(command, cwd: URL(fileURLWithPath: clone), env: ["SOURCE_DATE_EPOCH": MutationFixture.now])
            if command == ["validate", "--staged"] {
                #expect(result.status == 1 && result.stdout.contains(journalError), "\(result.stdout)\(result.stderr)")
                continue
            }
            #expect(result.status == 3, "\(command): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.hasPrefix("tenancy: error: ") && result.stderr.contains("inspect and remove")
                && result.stderr.contains(".tenancy/journal") && result.stderr.split(separator: "\n").count == 1,
                "\(command): \(result.stderr)")
        }
        #expect(try String(contentsOfFile: clone + "/registry/orgs/acme/members/alice.json", encoding: .utf8) == before)
        #expect(!FileManager.default.fileExists(atPath: clone + "/registry/orgs/acme/members/bob.json.tmp"))
        let status = try runGit(["status", "--porcelain", "--ignored=no"], in: clone)
        #expect(status.isEmpty, "the clone changed: \(status)")
    }

    /// A real journal of this registry, its staged files moved out and `.tenancy/staged`
    /// made a symlink to them: nothing outside the registry is moved into it.
    @Test func aStagingDirectoryThatIsASymlinkIsRefused() throws {
        let tree = try TemporaryRegistry(RegistryFiles.base)
        try interruptAtCommitPoint(["org", "transfer", "acme", "--to", "bob", "--from", "alice"], in: tree.path)
        let staged = tree.registry + "/.tenancy/staged"
        let outside = tree.path + "/outside"
        try FileManager.default.moveItem(atPath: staged, toPath: outside)
        try FileManager.default.createSymbolicLink(atPath: staged, withDestinationPath: outside)
        let before = tree.tree()
        let outsideBefore = try FileManager.default.contentsOfDirectory(atPath: outside).sorted()
        let result = try tree.run(["validate"])
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("inspect and remove") && result.stderr.contains(".tenancy/journal"), "\(result.stderr)")
        #expect(tree.tree() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).sorted() == outsideBefore)
    }

    /// The change interrupted on this machine is completed, and says so.
    @Test func anInterruptedChangeIsCompletedAndReported() throws {
        let tree = try TemporaryRegistry(RegistryFiles.base)
        try interruptAtCommitPoint(["org", "transfer", "acme", "--to", "bob", "--from", "alice"], in: tree.path)
        let result = try tree.run(["list", "members", "acme"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == """
            USER   NAME           EMAIL              ROLE   ASSIGNMENTS
            alice  Alice Liddell  alice@example.com  admin
            bob    Bob Builder    bob@example.com    owner

            """)
        #expect(result.stderr == "tenancy: completed an interrupted change (2 files) from registry/.tenancy/journal\n")
        #expect(try tree.run(["validate"]).stderr == "")
    }
}

/// `.tenancy/lock` is opened without following links, never truncated nor written, and
/// refused when it is not a regular file with a single link.
struct LockFileTests {
    @Test(arguments: ["registry file", "outside file", "symlink", "fifo"])
    func aLockThatIsNotASingleLinkRegularFileIsRefusedAndLeftAlone(kind: String) throws {
        let tree = try TemporaryRegistry(RegistryFiles.base)
        #expect(try tree.run(["validate"]).status == 0)  // creates `.tenancy/`
        let lock = tree.registry + "/.tenancy/lock"
        let outside = tree.path + "/outside.json"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: outside))
        try FileManager.default.removeItem(atPath: lock)
        switch kind {
        case "registry file": #expect(link(tree.registry + "/users/alice.json", lock) == 0)
        case "outside file": #expect(link(outside, lock) == 0)
        case "symlink": try FileManager.default.createSymbolicLink(atPath: lock, withDestinationPath: outside)
        default: #expect(mkfifo(lock, 0o644) == 0)
        }
        let before = tree.tree()
        for command in [["member", "set", "acme", "bob", "--role", "admin"], ["validate"]] {
            let result = try tree.run(command)
            #expect(result.status == 3, "\(kind), \(command): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("not a regular file with a single link"), "\(kind): \(result.stderr)")
        }
        #expect(tree.tree() == before)
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "precious\n")
    }
}

/// Readers on a registry they cannot write; nothing creates `.tenancy/` outside a registry.
struct ReadOnlyRegistryTests {
    static let readers = [["validate"], ["list", "users"], ["show", "user", "bob"], ["can", "alice", "member:add", "acme"]]

    /// `chattr +i` makes a directory unwritable even for root (the tests run as root),
    /// as a read-only mount would: nothing can be created in it.
    @Test(.enabled(if: immutableDirectoriesWork), arguments: [false, true])
    func readersWorkOnARegistryTheyCannotWrite(lockExists: Bool) throws {
        let tree = try TemporaryRegistry(RegistryFiles.base)
        if lockExists { #expect(try tree.run(["validate"]).status == 0) }
        let immutable = [tree.registry] + (lockExists ? [tree.registry + "/.tenancy", tree.registry + "/.tenancy/lock"] : [])
        try withImmutable(immutable) {
            for command in Self.readers {
                let result = try tree.run(command)
                #expect(result.status == 0, "\(command): \(result.stdout)\(result.stderr)")
                #expect(result.stderr.isEmpty, "\(command): \(result.stderr)")
            }
            let change = try tree.run(["member", "set", "acme", "bob", "--role", "admin"])
            #expect(change.status == 3, "\(change.stdout)\(change.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: tree.registry + "/.tenancy") == lockExists)
    }

    @Test(.enabled(if: immutableDirectoriesWork))
    func anInterruptedChangeThatCannotBeCompletedStopsReaders() throws {
        let tree = try TemporaryRegistry(RegistryFiles.base)
        try interruptAtCommitPoint(["org", "transfer", "acme", "--to", "bob", "--from", "alice"], in: tree.path)
        let before = tree.tree()
        try withImmutable([tree.registry + "/orgs/acme/members", tree.registry + "/.tenancy"]) {
            for command in Self.readers {
                let result = try tree.run(command)
                #expect(result.status == 3, "\(command): \(result.stdout)\(result.stderr)")
                #expect(result.stderr.contains("a user who can write to the registry must run any tenancy command first"),
                    "\(command): \(result.stderr)")
            }
        }
        #expect(tree.tree() == before)
        #expect(try tree.run(["validate"]).status == 0)  // now writable again: completed
    }

    @Test func aDirectoryWithoutTenancyJSONIsNotARegistryAndGetsNoPrivateDirectory() throws {
        let tree = try TemporaryRegistry(["users/alice.json": RegistryFiles.base["users/alice.json"]!])
        for command in Self.readers + [["member", "set", "acme", "bob", "--role", "admin"], ["fmt"], ["fmt", "--check"]] {
            let result = try tree.run(command)
            #expect(result.status == 3, "\(command): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("not a registry"), "\(command): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: tree.registry + "/.tenancy"))
    }

    @Test func anEmptyRegistryPathIsAUsageError() throws {
        let tree = try TemporaryRegistry(RegistryFiles.base)
        for command in [["--registry", "", "validate"], ["validate", "--registry", ""], ["init", "--registry", ""]] {
            let result = try tree.run(command)
            #expect(result.status == 2, "\(command): \(result.stdout)\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: tree.path + "/.tenancy"))
        #expect(!FileManager.default.fileExists(atPath: tree.path + "/tenancy.json"))
    }
}

/// Runs `args` killed right after its journal's rename, the commit point: each step is
/// tried in turn, and a crash before that point is discarded by the next `validate`.
func interruptAtCommitPoint(_ args: [String], in directory: String) throws {
    let cwd = URL(fileURLWithPath: directory)
    let environment = ["SOURCE_DATE_EPOCH": MutationFixture.now]
    for step in 1...200 {
        let run = try runTenancy(args, cwd: cwd, env: environment.merging(["TENANCY_FAULT_AFTER_STEPS": "\(step)"]) { $1 })
        #expect(run.status == SIGKILL, "\(args) after step \(step): \(run.stdout)\(run.stderr)")
        if FileManager.default.fileExists(atPath: directory + "/registry/.tenancy/journal") { return }
        let recovered = try runTenancy(["validate"], cwd: cwd, env: environment)
        #expect(recovered.status == 0, "\(recovered.stdout)\(recovered.stderr)")
    }
    Issue.record("\(args) never reached its commit point")
}

/// Runs git in `directory`, isolated from the user's configuration.
private func runGit(_ arguments: [String], in directory: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", directory] + arguments
    process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let bytes = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: bytes, as: UTF8.self)
}

/// Sets `chattr +i` on `paths` for the duration of `body`.
private func withImmutable(_ paths: [String], _ body: () throws -> Void) throws {
    for path in paths { #expect(chattr("+i", path), "chattr +i \(path)") }
    defer { for path in paths { _ = chattr("-i", path) } }
    try body()
}

private func chattr(_ flag: String, _ path: String) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
    process.arguments = [flag, path]
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}

/// Whether `chattr +i` works here and stops even this user from creating a file.
let immutableDirectoriesWork: Bool = {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr"), let probe = try? TemporaryRegistry() else { return false }
    guard chattr("+i", probe.registry) else { return false }
    defer { _ = chattr("-i", probe.registry) }
    return !FileManager.default.createFile(atPath: probe.registry + "/probe", contents: nil)
}()

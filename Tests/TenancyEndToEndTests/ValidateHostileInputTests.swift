import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// `validate` on malformed, truncated and hostile trees: diagnostics and exit 1, never a
/// crash or a hang, and nothing written.
struct ValidateHostileInputTests {
    /// Runs `validate` on a scratch tree based on the valid example base, and checks
    /// that the tree is unchanged afterwards.
    func validate(_ tree: TemporaryRegistry, _ extra: [String] = []) throws -> TenancyRun {
        let before = tree.tree()
        let run = try runTenancy(["validate"] + extra, cwd: URL(fileURLWithPath: tree.path))
        #expect(tree.tree() == before, "validate wrote to the registry")
        #expect(!run.stderr.contains("Fatal error"), "crashed: \(run.stderr)")
        return run
    }

    func base() throws -> TemporaryRegistry { try TemporaryRegistry(RuleExamples.baseRegistry) }

    @Test func theBaseRegistryIsValid() throws {
        let run = try validate(base())
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    @Test(arguments: [
        ("deep nesting", Array(repeating: UInt8(ascii: "["), count: 100_000), "json"),
        ("NUL bytes", Array("{\"handle\": \"carol\u{0}\"}\n".utf8), "json"),
        ("invalid UTF-8", [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], "json"),
        ("truncated", Array("{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"email\": \"carol@exa".utf8), "json"),
        ("byte order mark", [0xEF, 0xBB, 0xBF] + Array("{}\n".utf8), "json"),
        ("empty", [], "json"),
        ("not an object", Array("[1, 2, 3]\n".utf8), "schema"),
    ])
    func aBrokenFileIsOneDiagnostic(name: String, bytes: [UInt8], rule: String) throws {
        let tree = try base()
        try tree.write("users/carol.json", bytes)
        let run = try validate(tree)
        #expect(run.status == 1, "\(name): \(run.stdout)")
        #expect(run.stdout.contains("registry/users/carol.json:"), "\(name): \(run.stdout)")
        #expect(run.stdout.contains("[\(rule)]"), "\(name): \(run.stdout)")
    }

    @Test func aHugeFileIsReportedWithoutReadingItAll() throws {
        let tree = try base()
        try tree.write("users/carol.json", [UInt8](repeating: 0x20, count: 3 << 20))
        let run = try validate(tree)
        #expect(run.status == 1)
        #expect(run.stdout.contains("registry/users/carol.json:1:1: error: file is larger than 1 MiB [json]"))
    }

    @Test func symlinksAreReportedAndNeverFollowed() throws {
        let tree = try base()
        try tree.symlink("users/carol.json", to: "/etc/passwd")
        try tree.symlink("orgs/evil", to: "/tmp")
        let run = try validate(tree)
        #expect(run.status == 1)
        #expect(run.stdout.contains("registry/users/carol.json:1:1: error: symbolic links are not allowed"))
        #expect(run.stdout.contains("registry/orgs/evil:1:1: error:"))
        #expect(!run.stdout.contains("root:"), "followed the symlink into /etc/passwd")
    }

    @Test func aFIFOIsALayoutErrorNotAHang() throws {
        let tree = try base()
        try tree.fifo("users/carol.json")
        let run = try validate(tree)
        #expect(run.status == 1)
        #expect(run.stdout.contains("registry/users/carol.json:1:1: error: not a regular file [layout]"))
    }

    @Test(arguments: ["users/Carol.json", "users/bob smith.json", "users/..json", "users/-bob.json",
                      "orgs/acme/members/con.json", "orgs/ACME/org.json", "notes.txt", "orgs/acme/projects/web/readme.md"])
    func aStrayOrBadlyNamedEntryIsNamed(path: String) throws {
        let tree = try base()
        try tree.write(path, "{}\n")
        let run = try validate(tree)
        #expect(run.status == 1, "\(path): \(run.stdout)")
        #expect(run.stdout.contains("registry/\(path):1:1: error:"), "\(path): \(run.stdout)")
        #expect(run.stdout.contains("[layout]"), "\(path): \(run.stdout)")
    }

    @Test(.slow) func thousandsOfBrokenFilesAreAllReported() throws {
        let tree = try base()
        for index in 0..<3000 {
            try tree.write("users/u\(index).json", "{\"handle\": ")
        }
        let run = try validate(tree)
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").filter { $0.hasSuffix("[json]") }
        #expect(lines.count == 3000)
    }

    @Test func aMissingRegistryIsAnIOErrorOnOneLine() throws {
        let run = try runTenancy(["--registry", "/nonexistent/registry", "validate"])
        #expect(run.status == 3)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("no registry at /nonexistent/registry"))
    }
}

extension ValidateHostileInputTests {
    /// A copied project directory holds a second file with the same id and slug. Which of
    /// the two is reported must not depend on the order the files were loaded in (threads,
    /// the process's hash seed): the later path in path order (`web-copy/` sorts before
    /// `web/`), every run, so CI output is stable.
    @Test func aCopiedProjectIsReportedAtTheSamePathEveryRun() throws {
        let tree = try base()
        let original = try String(contentsOfFile: tree.registry + "/orgs/acme/projects/web/project.json", encoding: .utf8)
        try tree.write("orgs/acme/projects/web-copy/project.json", original)
        var outputs: Set<String> = []
        for _ in 0..<10 {
            let run = try validate(tree)
            #expect(run.status == 1)
            outputs.insert(run.stdout.split(separator: "\n").filter { $0.hasSuffix("[id-unique]") }.joined(separator: "\n"))
        }
        #expect(outputs.count == 1, "\(outputs)")
        #expect(outputs.first?.hasPrefix("registry/orgs/acme/projects/web/project.json:") == true, "\(outputs)")
    }
}

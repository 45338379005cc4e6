import Foundation
import Glibc
import Testing
import TenancyTestSupport

/// A registry at the root of its own repository, next to the files such a repository
/// has: created with `tenancy init` there, with alice and her personal organization.
private func rootRegistryRepository() throws -> TemporaryGitRepository {
    let repository = try TemporaryGitRepository()
    #expect(try tenancy(["--registry", ".", "init"], in: repository).status == 0)
    #expect(try tenancy(["user", "add", "alice", "--name", "Alice", "--email", "alice@example.com"], in: repository).status == 0)
    for (path, contents) in repositoryFiles { try repository.write(path, contents) }
    try repository.stageAll()
    try repository.commit("a registry at the root")
    return repository
}

private let repositoryFiles = [
    ".github/workflows/registry.yml": "on: pull_request\n",
    "README.md": "# Who has access\n",
    "CODEOWNERS": "* @platform\n",
    ".pre-commit-config.yaml": "repos: []\n",
    ".gitattributes": "*.json text eol=lf\n",
    "LICENSE": "Proprietary\n",
]

private func run(_ arguments: [String], in repository: TemporaryGitRepository, at subdirectory: String) throws -> TenancyRun {
    try runTenancy(
        arguments, cwd: repository.url(subdirectory),
        env: ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"])
}

struct RepositoryRootTests {
    @Test func initAtTheTopLevelWritesTheIgnoreListAndNowhereElse() throws {
        let root = try TemporaryGitRepository()
        let created = try tenancy(["--registry", ".", "init"], in: root)
        #expect(created.stdout.contains(#"its "ignore" list skips *.md"#), "\(created.stdout)")
        let policy = try String(contentsOf: root.url("tenancy.json"), encoding: .utf8)
        #expect(policy.contains("\"ignore\": [\n    \"*.md\",\n"))
        #expect(policy.contains("\".github/\""))

        let below = try TemporaryGitRepository()
        #expect(try tenancy(["init"], in: below).status == 0)
        #expect(try String(contentsOf: below.url("registry/tenancy.json"), encoding: .utf8).contains("\"ignore\": [],"))
    }

    /// Before: every file under `.git/` was a `layout` error, and so were README.md,
    /// `.github/`, CODEOWNERS… in the working tree, the index and every commit.
    @Test func theRepositorysOwnFilesAreNotPartOfTheRegistry() throws {
        let repository = try rootRegistryRepository()
        try repository.run("gc", "-q")  // packed objects, as a repository has them after a while
        for arguments in [["validate"], ["validate", "--staged"], ["validate", "--rev", "HEAD"]] {
            let run = try tenancy(arguments, in: repository)
            #expect(run.status == 0, "\(arguments): \(run.stdout)\(run.stderr)")
            #expect(run.stdout == "no problems found in 4 files\n")
        }
        // Found from a subdirectory, as git finds `.git`.
        let nested = try run(["validate"], in: repository, at: ".github/workflows")
        #expect(nested.status == 0, "\(nested.stdout)\(nested.stderr)")
    }

    @Test func aStrayFileAtTheRootIsStillReportedEverywhere() throws {
        let repository = try rootRegistryRepository()
        try repository.write("notes.txt", "remember the milk\n")
        try repository.stageAll()
        try repository.commit("a stray file")
        for arguments in [["validate"], ["validate", "--staged"], ["validate", "--rev", "HEAD"], ["diff", "HEAD~1", "HEAD"]] {
            let run = try tenancy(arguments, in: repository)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stdout.contains("notes.txt:1:1: error: unexpected entry; the registry root holds only tenancy.json, users/ and orgs/, and what the policy's \"ignore\" list names"), "\(arguments): \(run.stdout)")
        }
    }

    /// What is skipped is never read: a FIFO would block a reader, a symlink would be a
    /// `layout` error, an oversized file a `size` error.
    @Test func skippedEntriesAreNeverRead() throws {
        let repository = try rootRegistryRepository()
        #expect(mkfifo(repository.url(".github/pipe").path, 0o600) == 0)
        try repository.remove("README.md")
        try repository.symlink("README.md", to: "/etc/passwd")
        try repository.write("LICENSE", String(repeating: "x", count: 2 << 20))
        let run = try tenancy(["validate"], in: repository)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    /// In a linked worktree (as in a submodule) `.git` is a file.
    @Test func dotGitAsAFileIsNotPartOfTheRegistry() throws {
        let repository = try rootRegistryRepository()
        let worktree = try ScratchDirectory()
        try repository.run("worktree", "add", "-q", worktree.url("tree").path)
        let run = try runTenancy(["validate"], cwd: worktree.url("tree"), env: ["GIT_CONFIG_GLOBAL": "/dev/null"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    @Test func thePullRequestReviewWorksAtTheRoot() throws {
        let repository = try rootRegistryRepository()
        #expect(try tenancy(["org", "create", "acme", "--name", "Acme", "--owner", "alice"], in: repository).status == 0)
        try repository.write("README.md", "# Who has access, and why\n")
        try repository.stageAll()
        try repository.commit("acme")
        let diff = try tenancy(["diff", "HEAD~1", "HEAD"], in: repository)
        #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
        #expect(diff.stdout.contains("alice"))
        #expect(diff.stdout.contains("acme"))
    }

    /// History reads the commits of the repository, whose root is the registry.
    @Test func logAndWhyFollowTheHistoryAtTheRoot() throws {
        let repository = try rootRegistryRepository()
        #expect(try tenancy(["org", "create", "acme", "--name", "Acme", "--owner", "alice"], in: repository).status == 0)
        try repository.stageAll()
        try repository.commit("acme")
        let log = try tenancy(["log", "--org", "acme"], in: repository)
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout.contains("    acme\n"), "\(log.stdout)")
        let why = try tenancy(["why", "alice", "org:read", "acme"], in: repository)
        #expect(why.status == 0, "\(why.stderr)")
        #expect(why.stdout.contains("acme"), "\(why.stdout)")
    }

    /// A commit cannot hide registry files (or a committed `.tenancy/`) from the rules by
    /// ignoring them: such a list is a `policy` error, and nothing is skipped.
    @Test func anIgnoreListThatWouldHideTheRegistryIsRefused() throws {
        let repository = try rootRegistryRepository()
        let policy = try String(contentsOf: repository.url("tenancy.json"), encoding: .utf8)
        try repository.write("tenancy.json", policy.replacingOccurrences(of: "\"*.md\",", with: "\"o*/\","))
        try repository.write("orgs/alice/notes.txt", "hidden?\n")
        let run = try tenancy(["validate"], in: repository)
        #expect(run.status == 1)
        #expect(run.stdout.contains("tenancy.json:5:5: error: \"ignore.0\" would skip orgs, which the rules must read [policy]"), "\(run.stdout)")
        #expect(run.stdout.contains("orgs/alice/notes.txt:1:1: error: unexpected entry; the registry holds only"))
        #expect(run.stdout.contains("README.md:1:1: error: unexpected entry"), "with the list refused, nothing is skipped")
    }

    /// CODEOWNERS patterns start at the repository's root, which is the registry's.
    @Test func codeownersNamesPathsFromTheRoot() throws {
        let repository = try rootRegistryRepository()
        #expect(try tenancy(["user", "set", "alice", "--login", "github=alice-gh", "--site-admin"], in: repository).status == 0)
        let run = try tenancy(["codeowners"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\n/tenancy.json @alice-gh\n"), "\(run.stdout)")
        #expect(run.stdout.contains("\n/orgs/alice/ @alice-gh\n"), "\(run.stdout)")
        try repository.write("CODEOWNERS", "* @platform\n")
        #expect(try tenancy(["codeowners", "--write", "CODEOWNERS"], in: repository).status == 0)
        #expect(try tenancy(["codeowners", "--check", "CODEOWNERS"], in: repository).status == 0)
    }

    /// The exports read the working tree and (`--since`) a commit with the ignore list.
    @Test func theExportsWorkAtTheRoot() throws {
        let repository = try rootRegistryRepository()
        let cedar = try ScratchDirectory()
        let exported = try tenancy(["export", "cedar", "--out", cedar.url("out").path], in: repository)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(try tenancy(["org", "create", "acme", "--name", "Acme", "--owner", "alice"], in: repository).status == 0)
        let delta = try tenancy(["export", "sql", "--dialect", "sqlite", "--since", "HEAD"], in: repository)
        #expect(delta.status == 0, "\(delta.stderr)")
        #expect(delta.stdout.contains("'acme'"), "\(delta.stdout)")
    }

    @Test func theInstalledHookGuardsARegistryAtTheRoot() throws {
        let repository = try rootRegistryRepository()
        #expect(try tenancy(["hooks", "install"], in: repository).status == 0)
        let environment = ["PATH": try pathWithTenancy()]
        try repository.write("README.md", "# Changed\n")
        try repository.stageAll()
        try repository.run(["commit", "-q", "-m", "docs"], environment: environment)

        try repository.write("orgs/alice/members/alice.json", "{\n")
        try repository.stageAll()
        #expect(throws: GitCommandError.self) {
            try repository.run(["commit", "-q", "-m", "break alice"], environment: environment)
        }
    }

    @Test(.slow, .enabled(if: preCommit != nil, "pre-commit is not on PATH"))
    func thePreCommitFrameworkGuardsARegistryAtTheRoot() throws {
        let repository = try rootRegistryRepository()
        let environment = try installLocalHook(in: repository)

        try repository.write("orgs/alice/members/alice.json", "{\n")
        try repository.stageAll()
        #expect(throws: GitCommandError.self) {
            try repository.run(["commit", "-q", "-m", "break alice"], environment: environment)
        }
        try repository.run("checkout", "--", ".")
        try repository.run("reset", "-q", "--hard")
        try repository.write("README.md", "# Changed\n")
        try repository.stageAll()
        try repository.run(["commit", "-q", "-m", "docs"], environment: environment)
    }
}

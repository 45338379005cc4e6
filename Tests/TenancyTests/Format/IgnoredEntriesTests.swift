@testable import TenancyCore
import Testing

@Suite("Ignored root-level entries")
struct IgnoredEntriesTests {
    private func ignoring(_ patterns: String...) -> IgnoredEntries {
        let list = patterns.map { "\"\($0)\"" }.joined(separator: ", ")
        return IgnoredEntries.declared(byPolicy: Array("{\"ignore\": [\(list)]}".utf8))
    }

    @Test func namesAndWildcardsMatchRootLevelEntries() {
        let ignored = ignoring("*.md", "LICENSE*", "CODEOWNERS", "v?.txt")
        #expect(ignored.skips("README.md", isDirectory: false))
        #expect(ignored.skips(".md", isDirectory: false))
        #expect(!ignored.skips("README.markdown", isDirectory: false))
        #expect(ignored.skips("LICENSE", isDirectory: false))
        #expect(ignored.skips("LICENSE.txt", isDirectory: true))
        #expect(ignored.skips("CODEOWNERS", isDirectory: false))
        #expect(!ignored.skips("CODEOWNERS.bak", isDirectory: false))
        #expect(ignored.skips("v1.txt", isDirectory: false))
        #expect(!ignored.skips("v10.txt", isDirectory: false))
    }

    @Test func aTrailingSlashMatchesDirectoriesOnly() {
        let ignored = ignoring(".github/")
        #expect(ignored.skips(".github", isDirectory: true))
        #expect(!ignored.skips(".github", isDirectory: false))
        #expect(ignored.skips(listed: SourceEntry(path: ".github/workflows/ci.yml", kind: .file)))
        #expect(!ignored.skips(listed: SourceEntry(path: ".github", kind: .file)))
        // A submodule, as git lists it: a directory in the working tree.
        #expect(ignored.skips(listed: SourceEntry(path: ".github", kind: .special)))
    }

    @Test func dotGitIsAlwaysSkippedAndNothingElseByDefault() {
        #expect(IgnoredEntries.none.skips(".git", isDirectory: true))
        #expect(IgnoredEntries.none.skips(".git", isDirectory: false))
        #expect(!IgnoredEntries.none.skips(".github", isDirectory: true))
        #expect(!IgnoredEntries.declared(byPolicy: nil).skips("README.md", isDirectory: false))
    }

    @Test func aPatternThatWouldHideTheRegistryIsRefused() {
        #expect(IgnoredEntries.problem(with: "*") == "would skip tenancy.json, which the rules must read")
        #expect(IgnoredEntries.problem(with: "o*/") == "would skip orgs, which the rules must read")
        #expect(IgnoredEntries.problem(with: "user?") == "would skip users, which the rules must read")
        #expect(IgnoredEntries.problem(with: ".*") == "would skip .tenancy, which the rules must read")
        #expect(IgnoredEntries.problem(with: "docs/old") == "names a nested path; only root-level entries can be ignored")
        #expect(IgnoredEntries.problem(with: "/") == "is not a name")
        #expect(IgnoredEntries.problem(with: "..") == "is not a name")
        #expect(IgnoredEntries.problem(with: "[ab].md") == "may use only * and ? as wildcards")
        #expect(IgnoredEntries.problem(with: "read me") != nil)
        #expect(IgnoredEntries.problem(with: ".github/") == nil)
        #expect(IgnoredEntries.repositoryRoot.allSatisfy { IgnoredEntries.problem(with: $0) == nil })
    }

    /// One bad pattern and the list is not used at all: the policy rule reports it.
    @Test func anInvalidListSkipsNothing() {
        #expect(ignoring("README.md", "*").patterns.isEmpty)
        #expect(IgnoredEntries.declared(byPolicy: Array("{\"ignore\": \"README.md\"}".utf8)).patterns.isEmpty)
        #expect(IgnoredEntries.declared(byPolicy: Array("{\"ignore\": [".utf8)).patterns.isEmpty)
        #expect(ignoring("README.md").patterns == ["README.md"])
    }
}

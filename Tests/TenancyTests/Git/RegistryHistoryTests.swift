import Foundation
import TenancyTestSupport
import Testing

@testable import TenancyCore
@testable import TenancyGit
@testable import TenancyReview

struct RegistryHistoryTests {
    /// Each step's `base` is built from the newer registry by putting back what the commit
    /// changed; it must be the registry the parent commit has, read whole.
    @Test func eachBaseIsTheParentsRegistry() throws {
        let repository = try TemporaryGitRepository()
        try repository.commitRegistry(RegistryFiles.base, "base")
        try repository.write("README.md", "outside the registry\n")
        try repository.stageAll()
        try repository.commit("not the registry")
        // A broken file, a stray file and a symlink: none holds access, each is put back.
        try repository.commitRegistry(RegistryFiles.registry([
            "orgs/acme/members/bob.json": "{\n",
            "notes.txt": "stray\n",
            "users/carol.json": RegistryFiles.user("carol", id: "00000000-0000-4000-8000-000000000001"),
        ]), "broken bob, stray file, carol")
        try repository.symlink("registry/users/link.json", to: "carol.json")
        try repository.stageAll()
        try repository.commit("symlink")
        // A rename: every file of acme moves.
        var renamed: [String: String] = [:]
        for (path, contents) in RegistryFiles.base {
            renamed[path.replacingOccurrences(of: "orgs/acme/", with: "orgs/acme-corp/")] = contents
        }
        renamed["orgs/acme-corp/org.json"] = RegistryFiles.org("acme-corp", id: RegistryFiles.acmeID, previousSlugs: ["acme"])
        try repository.commitRegistry(renamed, "rename acme")
        let root = repository.url("registry").path

        var steps: [(subject: String, base: Snapshot)] = []
        try RegistryHistory(registryRoot: root, range: "HEAD", environment: .ofThisProcess).walk { step in
            steps.append((step.commit.subject, step.base))
            return true
        }
        #expect(steps.map(\.subject) == ["rename acme", "symlink", "broken bob, stray file, carol", "base"])
        let parents = ["HEAD~1", "HEAD~2", "HEAD~4"]
        for (step, parent) in zip(steps, parents) {
            let read = try SnapshotLoader.load(
                from: RevisionSource(registryRoot: root, revision: parent, environment: .ofThisProcess))
            #expect(step.base.present == read.present, "\(step.subject)")
            #expect(AccessDiff(base: read, head: step.base).changes.isEmpty, "\(step.subject)")
            #expect(AccessDiff(base: step.base, head: read).changes.isEmpty, "\(step.subject)")
        }
        #expect(steps.last?.base.present.isEmpty == true)
    }
}

/// `git log -z --raw` output the parser does not recognise is refused, never half read.
@Suite struct LogFormatTests {
    static let header: [UInt8] = [1] + Array("abc\u{0}2026-01-01T00:00:00Z\u{0}Ann\u{0}ann@example.com\u{0}subject\u{0}".utf8)

    @Test func aCommitAndItsFilesAreRead() throws {
        let record = Array("\n:100644 100644 1111 2222 M\0registry/users/ann.json\0".utf8)
        let registryPath: (ArraySlice<UInt8>) -> String? = { path in
            path.starts(with: "registry/".utf8) ? String(decoding: path.dropFirst(9), as: UTF8.self) : nil
        }
        let commits = try LogFormat.parse(Self.header + record, registryPath: registryPath)
        #expect(commits.count == 1)
        #expect(commits.first?.commit.id == "abc")
        #expect(commits.first?.files.map(\.path) == ["users/ann.json"])
        #expect(commits.first?.files.first?.before == "1111")
    }

    @Test(arguments: [
        "\n:100644 100644 1111 2222\0registry/users/ann.json\0",  // a field missing
        "garbage\0",  // neither a header nor a record
        ":100644 100644 1111 2222 M 9\0x\0",  // a field too many
    ])
    func unexpectedOutputIsRefused(_ tail: String) {
        let output = Self.header + Array(tail.utf8)
        #expect(throws: SourceError.self) { try LogFormat.parse(output) { String(decoding: $0, as: UTF8.self) } }
    }
}

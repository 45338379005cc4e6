import Foundation
import Testing
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
import TenancyTestSupport

/// Review of checks from a clean tree: changes whose whole check has a finding the
/// check from the clean record does not report. Each starts from the clean base
/// registry, recorded by a whole `validate --staged`, then stages its steps one after
/// the other, each checked from the record the step before left.
@Suite struct CleanTreeReviewTests {
    /// Writes (a text) or removes (nil) registry files (a path starting "/" is the top
    /// level's), then stages them and runs git on the index (a path starting "git ").
    typealias Step = [(String, String?)]

    /// Each step's findings from the record and whole.
    static func check(_ steps: [Step]) throws -> [(checked: [Diagnostic], whole: [Diagnostic])] {
        let repository = try TemporaryGitRepository()
        let root = repository.url("registry").path
        for (file, text) in RuleExamples.baseRegistry { try repository.write("registry/" + file, text) }
        try repository.stageAll()
        _ = try repository.commit("clean")
        let registry = Registry(root: root)
        #expect(try GitValidation.validateIndex(registry, environment: .ofThisProcess).diagnostics.isEmpty)
        #expect(CleanTree.read(root: root) != nil)
        var results: [(checked: [Diagnostic], whole: [Diagnostic])] = []
        for step in steps {
            for (path, text) in step where !path.hasPrefix("git ") {
                if let text {
                    try repository.write(path.hasPrefix("/") ? String(path.dropFirst()) : "registry/" + path, text)
                } else {
                    try repository.remove("registry/" + path)
                }
            }
            try repository.stageAll()
            // Git commands run on the index once the files are staged.
            for (path, _) in step where path.hasPrefix("git ") {
                try repository.run(path.dropFirst(4).split(separator: " ").map(String.init))
            }
            let whole = try Validator.validate(IndexSource(registryRoot: root, environment: .ofThisProcess))
            let checked = try GitValidation.validateIndex(registry, environment: .ofThisProcess)
            results.append((checked.diagnostics, whole.diagnostics))
        }
        return results
    }

    static let base = RuleExamples.baseRegistry
    static let webID = "5abd6fa7-9b6d-4c2d-8faa-7ebebebe7a65"

    /// A project renamed `web` -> `api` (the new path sorts before the old): the record's
    /// facts are updated path by path, inserting the id for `api` and then removing it for
    /// `web`, so the id is lost; a project in another organization may then copy it.
    @Test func aProjectIdSurvivesARenameInTheRecord() throws {
        let results = try Self.check([
            [
                ("orgs/acme/projects/api/project.json", Self.base["orgs/acme/projects/web/project.json"]!
                    .replacingOccurrences(of: "\"web\"", with: "\"api\"")),
                ("orgs/acme/projects/api/members/bob.json", Self.base["orgs/acme/projects/web/members/bob.json"]!),
                ("orgs/acme/projects/web", nil),
            ],
            [("orgs/bob/projects/copy/project.json", Self.base["orgs/acme/projects/web/project.json"]!
                .replacingOccurrences(of: "\"web\"", with: "\"copy\""))],
        ])
        #expect(results[0].whole.isEmpty && results[0].checked.isEmpty)
        #expect(results[1].whole.contains { $0.rule == IDUniqueRule.id })
        #expect(results[1].checked == results[1].whole)
    }

    /// An organization renamed `acme` -> `aaa` with `"previousSlugs": ["acme"]` (new
    /// path sorts first): the record loses `acme` as a previous slug (and the ids of the
    /// organization, its project and invitation); a new organization `acme` then takes
    /// the old slug, which must stay taken (`slug-unique`).
    @Test func anOldSlugSurvivesARenameInTheRecord() throws {
        var rename: Step = [("orgs/acme", nil)]
        for (path, text) in Self.base where path.hasPrefix("orgs/acme/") {
            var text = text
            if path == "orgs/acme/org.json" {
                text = text.replacingOccurrences(of: "  \"slug\": \"acme\"", with: "  \"previousSlugs\": [\n    \"acme\"\n  ],\n  \"slug\": \"aaa\"")
            }
            rename.append(("orgs/aaa/" + path.dropFirst("orgs/acme/".count), text))
        }
        let results = try Self.check([
            rename,
            [
                ("orgs/acme/org.json", Self.base["orgs/acme/org.json"]!
                    .replacingOccurrences(of: "4fac5e96-8a5c-4b1c-9e99-6dadadad6f54", with: "9fac5e96-8a5c-4b1c-9e99-6dadadad6f54")),
                ("orgs/acme/members/bob.json", RuleExamples.member("bob", "owner")),
            ],
        ])
        #expect(results[0].whole.isEmpty && results[0].checked.isEmpty)
        #expect(results[1].whole.contains { $0.rule == SlugUniqueRule.id })
        #expect(results[1].checked == results[1].whole)
    }

    /// A gitlink staged in the registry where the top level's `.gitmodules` (outside the
    /// registry) says `ignore = all`: `diff-index` and `diff-tree` then leave it out, so
    /// the check from the clean tree sees no change at all, while the whole check lists
    /// it (`layout`: not a regular file). In a checkout with submodules it is a directory
    /// of anything (here a whole organization `evil`).
    @Test func aGitlinkHiddenByGitmodulesIsFound() throws {
        let results = try Self.check([[
            ("/.gitmodules", "[submodule \"evil\"]\n\tpath = registry/orgs/evil\n\turl = ./evil\n\tignore = all\n"),
            ("git update-index --add --cacheinfo 160000,1e510ff98d831c2d98127f402d64bb885e382d8c,registry/orgs/evil", nil),
        ]])
        #expect(results[0].whole.contains { $0.rule == LayoutRule.id })
        #expect(results[0].checked == results[0].whole)
    }

    /// Low severity (the file's own error closes the gate): a membership file that does
    /// not decode still counts for `limits.organizationsPerUser`, but names nobody, so
    /// its user is not read and the limit's finding at their user file is not made.
    @Test func anUndecodedMembershipCountsForTheLimit() throws {
        let policy = "{\n  \"format\": 1,\n  \"limits\": {\n    \"organizationsPerUser\": 2\n  }\n}\n"
        let results = try Self.check([
            [("tenancy.json", policy)],
            [("orgs/bob/members/alice.json", "{\n")],
        ])
        #expect(results[0].whole.isEmpty && results[0].checked.isEmpty)
        #expect(results[1].whole.contains { $0.rule == LimitsRule.id })
        #expect(results[1].checked == results[1].whole)
    }

    /// A membership file that does not decode still makes its user a member for the
    /// invitation rule (a pending invitation to a member's email), which needs that
    /// user's email: the user named by the file's path is read though the file names nobody.
    @Test func anUndecodedMembershipStillMeetsItsInvitation() throws {
        let results = try Self.check([
            [
                ("users/carol.json", RuleExamples.user("carol", "Carol", "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f")),
                ("orgs/carol/org.json", RuleExamples.personalOrg("carol", "8d9e0f1a-2b3c-4d4e-9f5a-6b7c8d9e0f1a")),
                ("orgs/carol/members/carol.json", RuleExamples.member("carol", "owner")),
            ],
            [("orgs/acme/members/carol.json", "{\n")],
        ])
        #expect(results[0].whole.isEmpty && results[0].checked.isEmpty)
        #expect(results[1].whole.contains { $0.rule == InvitationRule.id })
        #expect(results[1].checked == results[1].whole)
    }

    /// The same loss for a login moved from bob to alice in one change (alice's file
    /// sorts first): bob may then take it back while alice holds it (`login-unique`: a
    /// login names who opened a pull request).
    @Test func aMovedLoginSurvivesInTheRecord() throws {
        func user(_ handle: String, _ name: String, _ id: String, _ login: String?) -> String {
            RuleExamples.user(handle, name, id, logins: login.map { "\"github\": \"\($0)\"" })
        }
        let (alice, bob) = (("alice", "Alice Liddell", "0b6f1a52-4c1e-4d7e-9a55-2f6f0f6f2b10"), ("bob", "Bob Builder", "1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21"))
        let results = try Self.check([
            [("users/bob.json", user(bob.0, bob.1, bob.2, "gh-x"))],
            [("users/alice.json", user(alice.0, alice.1, alice.2, "gh-x")), ("users/bob.json", user(bob.0, bob.1, bob.2, nil))],
            [("users/bob.json", user(bob.0, bob.1, bob.2, "gh-x"))],
        ])
        #expect(results[0].whole.isEmpty && results[1].whole.isEmpty && results[1].checked.isEmpty)
        #expect(results[2].whole.contains { $0.rule == LoginUniqueRule.id })
        #expect(results[2].checked == results[2].whole)
    }

    /// A directory replaced by a file of the same name: the emptied directory's nil
    /// overwrote the new file's entry in its parent, so the staged tree id was that of a
    /// tree without the file (which may well exist: then the record names the wrong tree).
    @Test func aDirectoryReplacedByAFileHasGitsTreeId() throws {
        let repository = try TemporaryGitRepository()
        try repository.write("registry/orgs/acme/notes/a.txt", "a\n")
        try repository.write("registry/tenancy.json", "{}\n")
        try repository.stageAll()
        _ = try repository.commit("start")
        try repository.remove("registry/orgs/acme/notes")
        try repository.write("registry/orgs/acme/notes", "now a file\n")
        try repository.stageAll()
        let git = try Repository(registryRoot: repository.url("registry").path, environment: .ofThisProcess)
        let head = try git.tree("HEAD")
        let computed = try TreeHash.id(of: head, with: git.changes(from: head), in: git.git)
        #expect(computed == (try repository.run("write-tree").trimmingCharacters(in: .whitespacesAndNewlines)))
    }
}

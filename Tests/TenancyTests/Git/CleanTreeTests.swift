import Foundation
import Testing
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
import TenancyReview
import TenancyTestSupport

/// `validate --staged` and `--rev` from the last tree found clean (`CleanTree`,
/// `IncrementalValidation`): the answer is always the whole check's, and the record is
/// believed only where it was written.
@Suite struct CleanTreeTests {
    /// The staged tree's id, computed without writing, is the one `git write-tree` writes:
    /// files added, changed and removed, directories emptied and new, outside the registry too.
    @Test func theStagedTreeIdIsGitsOwn() throws {
        let repository = try TemporaryGitRepository()
        let root = repository.url("registry").path
        _ = try RegistryGenerator(users: 12, orgs: 3, seed: 7).write(to: root)
        try repository.write("README.md", "hello\n")
        try repository.stageAll()
        _ = try repository.commit("start")
        let git = try Repository(registryRoot: root, environment: .ofThisProcess)
        var random = SplitMix64(seed: 9, stream: 3, index: 0)
        for step in 0..<12 {
            let files = try FileManager.default.subpathsOfDirectory(atPath: root).filter { $0.hasSuffix(".json") }.sorted()
            let file = "registry/" + files[random.below(files.count)]
            // First a whole organization: directories emptied inside directories emptied.
            switch step == 0 ? 1 : random.below(5) {
            case 0: try repository.remove(file)
            case 1 where step == 0: try repository.remove("registry/orgs/team-00001")
            case 1: try repository.remove((file as NSString).deletingLastPathComponent)
            case 2: try repository.write("registry/orgs/new-\(step)/deep/file.json", "{}\n")
            case 3: try repository.write("docs/notes-\(step).md", "notes\n")
            default: try repository.write(file, "{ \"changed\": \(step) }\n")
            }
            try repository.stageAll()
            let head = try git.tree("HEAD")
            let computed = try TreeHash.id(of: head, with: git.changes(from: head), in: git.git)
            #expect(computed == (try repository.run("write-tree").trimmingCharacters(in: .whitespacesAndNewlines)), "step \(step)")
            if random.below(3) == 0 { _ = try repository.commit("step \(step)") }
        }
    }

    /// From a clean commit, random changes (mutations, copied projects and invitations,
    /// broken files, removed users, moved organizations, the policy) are staged and
    /// checked from the clean tree and whole: the same findings and file count every time;
    /// a clean result is committed and becomes the next clean tree; `diff` between
    /// commits and `--rev` answer as their whole checks too.
    @Test(.slow) func incrementalAnswersEqualWholeAnswers() throws {
        var tally: [String: Int] = [:]
        for seed: UInt64 in 1...2 { try compareRandomChanges(seed: seed, steps: 30, &tally) }
        #expect(tally["incremental", default: 0] >= 20, "\(tally)")
        #expect(tally["incremental errors", default: 0] >= 5, "\(tally)")
        #expect(tally["whole", default: 0] >= 5, "\(tally)")
        #expect(tally["recorded", default: 0] >= 5, "\(tally)")
        #expect(tally["diff from a clean tree", default: 0] >= 5, "\(tally)")
        #expect(tally["--rev incremental", default: 0] >= 3, "\(tally)")
    }

    func compareRandomChanges(seed: UInt64, steps: Int, _ tally: inout [String: Int]) throws {
        let repository = try TemporaryGitRepository()
        let root = repository.url("registry").path
        _ = try RegistryGenerator(users: 24, orgs: 5, seed: seed).write(to: root)
        try repository.stageAll()
        var clean = try repository.commit("clean")
        let registry = Registry(root: root)
        #expect(try GitValidation.validateIndex(registry, environment: .ofThisProcess).diagnostics.isEmpty)
        var random = SplitMix64(seed: seed, stream: 17, index: 0)
        for step in 0..<steps {
            for _ in 0...random.below(2) {
                if random.below(3) == 0 { try Self.copyAcross(&random, root: root) } else { try RandomEdit.apply(&random, root: root) }
            }
            try repository.stageAll()
            let record = try #require(CleanTree.read(root: root))
            let whole = try Validator.validate(IndexSource(registryRoot: root, environment: .ofThisProcess))
            let validation = try IncrementalValidation(clean: record, registryRoot: root, environment: .ofThisProcess)
            if let (result, _) = try validation.validate(.index) {
                #expect(result.diagnostics == whole.diagnostics, "seed \(seed) step \(step)")
                #expect(result.fileCount == whole.fileCount, "seed \(seed) step \(step)")
                tally[whole.diagnostics.isEmpty ? "incremental" : "incremental errors", default: 0] += 1
            } else {
                tally["whole", default: 0] += 1
            }
            let staged = try GitValidation.validateIndex(registry, environment: .ofThisProcess)
            #expect(staged.diagnostics == whole.diagnostics && staged.fileCount == whole.fileCount)
            if whole.diagnostics.isEmpty {
                tally["recorded", default: 0] += 1
                // Staged but not committed: the next change is checked from a tree git
                // does not have yet (its base and overrides).
                guard random.below(2) == 0 else { continue }
                let previous = clean
                clean = try repository.commit("step \(step)")
                #expect(CleanTree.read(root: root)?.tree == (try repository.run("rev-parse", "HEAD^{tree}").trimmingCharacters(in: .whitespacesAndNewlines)))
                try compareDiffs(previous, clean, root: root, &tally)
            } else {
                let commit = try repository.commit("broken \(step)")
                try compareDiffs(clean, commit, root: root, &tally)
                let (checked, isWhole) = try GitValidation.validateCommit(commit, registry, environment: .ofThisProcess)
                let wholeCommit = try Validator.validate(RevisionSource(registryRoot: root, revision: commit, environment: .ofThisProcess))
                #expect(checked.diagnostics == wholeCommit.diagnostics && checked.fileCount == wholeCommit.fileCount)
                if !isWhole { tally["--rev incremental", default: 0] += 1 }
                _ = try repository.run("reset", "-q", "--hard", clean)
                _ = try repository.run("clean", "-q", "-fd", "--", "registry/orgs", "registry/users")
            }
        }
    }

    /// `diff BASE HEAD` with the record of a clean tree answers as the whole diff.
    func compareDiffs(_ base: String, _ head: String, root: String, _ tally: inout [String: Int]) throws {
        let record = CleanTree.read(root: root)
        let fast = try RevisionDiff.review(base, head, actor: nil, allowMassRemoval: false, root: root, git: .ofThisProcess)
        let whole = try RevisionDiff.review(
            base, head, actor: nil, allowMassRemoval: false, root: root, git: .ofThisProcess, scoped: false)
        #expect(fast.result.changes == whole.result.changes, "\(base)..\(head)")
        #expect(fast.result.diagnostics == whole.result.diagnostics, "\(base)..\(head)")
        #expect(fast.result.fileCount == whole.result.fileCount)
        if let record, [base, head].contains(where: { (try? Self.tree(of: $0, root: root)) == record.tree }) {
            tally["diff from a clean tree", default: 0] += 1
        }
    }

    static func tree(of commit: String, root: String) throws -> String {
        try Repository(registryRoot: root, environment: .ofThisProcess).tree(commit)
    }

    /// What a hand-made commit can do that the generator's edits do not: a project or an
    /// invitation copied into another organization (its id twice), a member of nobody,
    /// users and organizations added, emails and previous slugs new or taken.
    static func copyAcross(_ random: inout SplitMix64, root: String) throws {
        let files = FileManager.default
        let orgs = try files.contentsOfDirectory(atPath: root + "/orgs").sorted()
        let (from, to) = (orgs[random.below(orgs.count)], orgs[random.below(orgs.count)])
        let registry = Registry(root: root)
        switch random.below(7) {
        case 3:  // a user and their personal organization (`user add`), sometimes with an email already taken
            let handle = "new-\(random.below(1000))"
            let users = try files.contentsOfDirectory(atPath: root + "/users").sorted()
            let taken = try String(contentsOfFile: root + "/users/" + users[random.below(users.count)], encoding: .utf8)
                .split(separator: "\"").drop { $0 != "email" }.dropFirst(2).first.map(String.init)
            let email = random.below(3) == 0 ? taken ?? "x@example.com" : "\(handle)@example.com"
            _ = try? Mutation(registry: registry, now: RandomEdit.now, actor: nil).run { s, now in
                try UserOperations.add(
                    s, now: now, handle: Handle(unchecked: handle), email: email, name: nil, personalOrg: Slug(unchecked: handle))
            }
        case 4:  // a team organization (`org create`)
            let owner = try files.contentsOfDirectory(atPath: root + "/users").sorted().first!.dropLast(5)
            let slug = Slug(unchecked: "org-\(random.below(1000))")
            _ = try? Mutation(registry: registry, now: RandomEdit.now, actor: nil).run { s, now in
                try OrgOperations.create(s, now: now, slug: slug, name: "Org", owner: Handle(unchecked: String(owner)), logo: nil)
            }
        case 5:  // an organization's previous slug: new, or another organization's slug
            let text = try String(contentsOfFile: root + "/orgs/\(from)/org.json", encoding: .utf8)
            let previous = random.below(2) == 0 ? to : "gone-\(random.below(100))"
            guard !text.contains("previousSlugs"), from != previous else { return }
            try Data(text.replacingOccurrences(of: "  \"slug\"", with: "  \"previousSlugs\": [\n    \"\(previous)\"\n  ],\n  \"slug\"").utf8)
                .write(to: URL(fileURLWithPath: root + "/orgs/\(from)/org.json"))
        case 6:  // a user's email: new, or another user's
            let users = try files.contentsOfDirectory(atPath: root + "/users").sorted()
            let (user, other) = (users[random.below(users.count)], users[random.below(users.count)])
            let text = try String(contentsOfFile: root + "/users/" + user, encoding: .utf8)
            let email = random.below(2) == 0 ? "\(other.dropLast(5))@example.com" : "fresh-\(random.below(100))@example.com"
            try Data(text.replacingOccurrences(of: "\(user.dropLast(5))@example.com", with: email).utf8)
                .write(to: URL(fileURLWithPath: root + "/users/" + user))
        case 0:
            let projects = (try? files.contentsOfDirectory(atPath: root + "/orgs/\(from)/projects").sorted()) ?? []
            guard let project = projects.first else { return }
            try? files.createDirectory(atPath: root + "/orgs/\(to)/projects", withIntermediateDirectories: true)
            try? files.copyItem(atPath: root + "/orgs/\(from)/projects/\(project)", toPath: root + "/orgs/\(to)/projects/c\(random.below(100))")
        case 1:
            let invitations = (try? files.contentsOfDirectory(atPath: root + "/orgs/\(from)/invitations").sorted()) ?? []
            guard let invitation = invitations.first, from != to else { return }
            try? files.createDirectory(atPath: root + "/orgs/\(to)/invitations", withIntermediateDirectories: true)
            try? files.copyItem(atPath: root + "/orgs/\(from)/invitations/\(invitation)", toPath: root + "/orgs/\(to)/invitations/\(invitation)")
        case 2:
            try Data(#"{"createdAt":"2026-01-01T00:00:00Z","role":"member","user":"nobody"}"#.utf8)
                .write(to: URL(fileURLWithPath: root + "/orgs/\(to)/members/nobody.json"))
        default: break
        }
    }

    /// Changes whose findings land in files the change does not touch: a user given the
    /// email of a pending invitation of an organization they are in (reported at the
    /// invitation), an organization whose file says another's slug (reported at the one
    /// whose key sorts later: the other). Checked whole, so found.
    @Test(arguments: [
        ("users/bob.json", RuleExamples.user("bob", "Bob Builder", "1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21")
            .replacingOccurrences(of: "bob@example.com", with: "carol@example.com")),
        ("orgs/aaa/org.json", RuleExamples.baseRegistry["orgs/acme/org.json"]!
            .replacingOccurrences(of: "4fac5e96-8a5c-4b1c-9e99-6dadadad6f54", with: "7fac5e96-8a5c-4b1c-9e99-6dadadad6f54")),
    ])
    func findingsElsewhereAreFound(path: String, contents: String) throws {
        let result = try CleanTreeReviewTests.check([[(path, contents)]])[0]
        #expect(result.whole.contains { !$0.path.hasPrefix(path) })
        #expect(result.checked == result.whole)
    }

    /// A file the policy skips, staged on top of a clean state not committed yet (so not
    /// in the repository): the policy is read from that state, and the check stays small.
    @Test func aSkippedFileOnAnUncommittedCleanStateIsCheckedFromIt() throws {
        let repository = try TemporaryGitRepository()
        let root = repository.url("registry").path
        var files = RuleExamples.baseRegistry
        files["tenancy.json"] = "{\n  \"format\": 1,\n  \"ignore\": [\n    \"*.md\"\n  ]\n}\n"
        for (file, text) in files { try repository.write("registry/" + file, text) }
        try repository.stageAll()
        _ = try repository.commit("clean")
        let registry = Registry(root: root)
        #expect(try GitValidation.validateIndex(registry, environment: .ofThisProcess).diagnostics.isEmpty)
        try repository.write("registry/orgs/acme/members/bob.json", RuleExamples.member("bob", "admin"))
        try repository.stageAll()
        #expect(try GitValidation.validateIndex(registry, environment: .ofThisProcess).diagnostics.isEmpty)
        let record = try #require(CleanTree.read(root: root))
        #expect(record.tree != record.base, "the staged clean state is not in the repository yet")
        try repository.write("registry/NOTES.md", "notes\n")
        try repository.stageAll()
        let validation = try IncrementalValidation(clean: record, registryRoot: root, environment: .ofThisProcess)
        let (result, _) = try #require(try validation.validate(.index))
        #expect(result.diagnostics.isEmpty)
    }

    /// A record is believed only in the `.tenancy/` that wrote it, not writable by others.
    @Test func aRecordFromElsewhereIsNotBelieved() throws {
        let repository = try TemporaryGitRepository()
        let root = repository.url("registry").path
        _ = try RegistryGenerator(users: 6, orgs: 2, seed: 5).write(to: root)
        try repository.stageAll()
        _ = try repository.commit("start")
        _ = try GitValidation.validateIndex(Registry(root: root), environment: .ofThisProcess)
        let record = try #require(CleanTree.read(root: root))
        #expect(chmod(root + "/.tenancy/clean", 0o620) == 0)
        #expect(CleanTree.read(root: root) == nil)
        #expect(chmod(root + "/.tenancy/clean", 0o600) == 0)
        #expect(CleanTree.read(root: root) == record)
        // Another `.tenancy/` (as a commit or a copy brings it) has another identity.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: root + "/.tenancy/clean"))
        try FileManager.default.removeItem(atPath: root + "/.tenancy")
        try FileManager.default.createDirectory(atPath: root + "/.tenancy", withIntermediateDirectories: false)
        try Data().write(to: URL(fileURLWithPath: root + "/.tenancy/lock"))
        try bytes.write(to: URL(fileURLWithPath: root + "/.tenancy/clean"))
        #expect(chmod(root + "/.tenancy/clean", 0o600) == 0)
        #expect(CleanTree.read(root: root) == nil)
    }
}

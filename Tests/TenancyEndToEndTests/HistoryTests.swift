import Foundation
import Testing
import Tenancy
import TenancyTestSupport

extension TemporaryGitRepository {
    /// Runs a `tenancy` command that must succeed.
    fileprivate func change(_ arguments: String...) throws {
        let run = try tenancy(arguments, in: self)
        try #require(run.status == 0, "tenancy \(arguments): \(run.stderr)")
    }

    /// Commits every change as `author` (`author@example.com`) at `date`; returns the commit.
    @discardableResult
    fileprivate func commit(_ message: String, by author: String, at date: String) throws -> String {
        try stageAll()
        try run(
            ["commit", "-q", "-m", message],
            environment: [
                "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "\(author.lowercased())@example.com",
                "GIT_AUTHOR_DATE": date,
            ])
        return try run("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The base registry (alice owns acme, bob is a member), then carol added to acme by
/// Carol, then bob promoted to admin by Dana, then acme renamed to acme-corp by Alice.
private func historyRepository() throws -> (TemporaryGitRepository, commits: [String]) {
    let repository = try registryRepository()
    try repository.change("user", "add", "carol", "--email", "carol@example.net", "--name", "Carol")
    try repository.change("member", "add", "acme", "carol", "--role", "member")
    let added = try repository.commit("Add carol", by: "Carol", at: "2026-03-01T09:00:00+01:00")
    try repository.change("member", "set", "acme", "bob", "--role", "admin")
    let promoted = try repository.commit("Promote bob", by: "Dana", at: "2026-03-02T10:00:00Z")
    try repository.change("org", "rename", "acme", "--to", "acme-corp")
    let renamed = try repository.commit("Rename acme", by: "Alice", at: "2026-03-03T11:00:00Z")
    return (repository, [renamed, promoted, added])
}

struct LogCommandTests {
    /// Each older registry is rebuilt along one line of first parents: `A...B` (two tips)
    /// once printed one side only, silently; a range without registry commits is empty,
    /// not an unknown organization.
    @Test func aRangeWithTwoTipsIsRefusedAndAnEmptyRangeIsNoError() throws {
        let (repository, _) = try historyRepository()
        let symmetric = try tenancy(["log", "HEAD~2...HEAD"], in: repository)
        #expect(symmetric.status == 2)
        #expect(symmetric.stderr == "tenancy: error: 'HEAD~2...HEAD' has two tips; give each side as its own range (A..B, then B..A)\n")
        let empty = try tenancy(["log", "HEAD..", "--org", "acme-corp"], in: repository)
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout == "no access changes\n")
    }

    @Test func listsEachCommitsAccessChangesNewestFirstWithAuthorAndDate() throws {
        let (repository, commits) = try historyRepository()
        let run = try tenancy(["log", "HEAD~3..HEAD"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
            commit \(commits[0])
            Author: Alice <alice@example.com>
            Date:   2026-03-03T11:00:00+00:00

                Rename acme

            acme-corp:
              ~ organization renamed from acme

            commit \(commits[1])
            Author: Dana <dana@example.com>
            Date:   2026-03-02T10:00:00+00:00

                Promote bob

            acme:
              ~ bob: member -> admin

            commit \(commits[2])
            Author: Carol <carol@example.com>
            Date:   2026-03-01T09:00:00+01:00

                Add carol

            users:
              + carol
            acme:
              + carol (member)
            carol:
              + organization created (personal)
              + carol (owner)

            """)
    }

    @Test func followsAnOrganizationBackAcrossItsRename() throws {
        let (repository, commits) = try historyRepository()
        let run = try tenancy(["log", "--org", "acme-corp"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let listed = run.stdout.split(separator: "\n").filter { $0.hasPrefix("commit ") }.map { String($0.dropFirst(7)) }
        // The rename, the promotion and carol's addition, then the base commit that created acme.
        #expect(Array(listed.prefix(3)) == commits)
        #expect(listed.count == 4)
        #expect(!run.stdout.contains("users:"))
        #expect(!run.stdout.contains("carol:"))
    }

    @Test func followsAUserBackAcrossTheirRenameAndCombinesWithOrg() throws {
        let (repository, commits) = try historyRepository()
        try repository.change("user", "rename", "bob", "robert")
        let renamed = try repository.commit("Rename bob", by: "Alice", at: "2026-03-04T11:00:00Z")

        let run = try tenancy(["log", "HEAD~4..", "--user", "robert", "--org", "acme-corp"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let listed = run.stdout.split(separator: "\n").filter { $0.hasPrefix("commit ") }.map { String($0.dropFirst(7)) }
        #expect(listed == [commits[1]])
        #expect(run.stdout.contains("  ~ bob: member -> admin\n"))

        let user = try tenancy(["log", "HEAD~4..", "--user", "robert"], in: repository)
        let userCommits = user.stdout.split(separator: "\n").filter { $0.hasPrefix("commit ") }.map { String($0.dropFirst(7)) }
        #expect(userCommits == [renamed, commits[1]])
        #expect(user.stdout.contains("  ~ bob renamed to robert\n"))
    }

    @Test func aMergedBranchIsOneStepAgainstTheFirstParent() throws {
        let repository = try registryRepository()
        try repository.run("checkout", "-q", "-b", "topic")
        try repository.change("user", "add", "carol", "--email", "carol@example.net", "--name", "Carol")
        try repository.change("member", "add", "acme", "carol", "--role", "member")
        let added = try repository.commit("Add carol", by: "Erin", at: "2026-03-01T09:00:00Z")
        try repository.change("member", "set", "acme", "carol", "--role", "admin")
        try repository.commit("Promote carol", by: "Erin", at: "2026-03-01T10:00:00Z")
        try repository.run("checkout", "-q", "main")
        try repository.run(
            ["merge", "-q", "--no-ff", "-m", "Merge \u{1B}[2Jtopic", "topic"],
            environment: ["GIT_AUTHOR_NAME": "Frank", "GIT_AUTHOR_EMAIL": "frank@example.com"])

        let run = try tenancy(["log", "HEAD~1..HEAD"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("commit "))
        #expect(run.stdout.contains("Author: Frank <frank@example.com>\n"))
        #expect(run.stdout.contains("    Merge \\u{1B}[2Jtopic\n"))
        #expect(run.stdout.contains("acme:\n  + carol (admin)\n"))
        #expect(run.stdout.components(separatedBy: "commit ").count == 2)
        let whole = try tenancy(["log"], in: repository)
        #expect(!whole.stdout.contains(added))
        #expect(whole.stdout.components(separatedBy: "\ncommit ").count == 2)
    }

    @Test func printsJSON() throws {
        let (repository, commits) = try historyRepository()
        let run = try tenancy(["log", "HEAD~2..", "--format", "json"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let listed = try #require(document["commits"] as? [[String: Any]])
        #expect(listed.map { $0["commit"] as? String } == [commits[0], commits[1]])
        #expect(listed[1]["author"] as? String == "Dana")
        #expect(listed[1]["email"] as? String == "dana@example.com")
        #expect(listed[1]["date"] as? String == "2026-03-02T10:00:00+00:00")
        #expect(listed[1]["subject"] as? String == "Promote bob")
        let change = try #require((listed[1]["changes"] as? [[String: Any]])?.first)
        #expect(change["kind"] as? String == "roleChanged")
        #expect(change["user"] as? String == "bob")
        #expect(change["to"] as? String == "admin")
    }

    @Test func anUnknownOrganizationOrRevisionIsRefused() throws {
        let (repository, _) = try historyRepository()
        let org = try tenancy(["log", "--org", "globex"], in: repository)
        #expect(org.status == 2)
        #expect(org.stderr == "tenancy: error: no organization 'globex' in the registry's history in HEAD\n")
        let revision = try tenancy(["log", "nosuch..HEAD"], in: repository)
        #expect(revision.status == 3)
        #expect(revision.stderr.contains("unknown revision or not a commit: nosuch"))
        let format = try tenancy(["log", "--format", "github"], in: repository)
        #expect(format.status == 2)
    }

    @Test func aRangeWithoutRegistryChangesPrintsNone() throws {
        let (repository, _) = try historyRepository()
        try repository.write("README.md", "not the registry\n")
        try repository.commit("Docs", by: "Erin", at: "2026-03-05T11:00:00Z")
        let run = try tenancy(["log", "HEAD~1..HEAD"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "no access changes\n")
    }
}

struct WhyCommandTests {
    @Test func namesTheCommitThatIntroducedTheGrantAcrossARename() throws {
        let (repository, commits) = try historyRepository()
        // A later change to bob that does not touch the grant.
        try repository.change("user", "set", "bob", "--name", "Robert")
        try repository.commit("Rename bob's display name", by: "Bob", at: "2026-03-04T11:00:00Z")

        let run = try tenancy(["why", "bob", "member:update", "acme-corp"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
            yes: granted by organization role admin
            organization role admin: commit \(commits[1]) (2026-03-02T10:00:00+00:00, Dana <dana@example.com>) Promote bob
              acme:
                ~ bob: member -> admin

            """)
    }

    @Test func aPolicyChangeCanBeWhatIntroducedTheGrant() throws {
        let (repository, _) = try historyRepository()
        try repository.write("registry/tenancy.json", """
            {
              "format": 1,
              "organizationRoles": [
                {"name": "owner", "owner": true, "permissions": ["*"]},
                {"name": "admin", "permissions": ["org:read", "member:add", "member:update", "project:read"]},
                {"name": "member", "permissions": ["org:read", "project:read", "project:create"]}
              ]
            }

            """)
        let policy = try repository.commit("Members may create projects", by: "Grace", at: "2026-03-06T12:00:00Z")

        let run = try tenancy(["why", "carol", "project:create", "acme-corp"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
            yes: granted by organization role member
            organization role member: commit \(policy) (2026-03-06T12:00:00+00:00, Grace <grace@example.com>) Members may create projects
              policy:
                ~ tenancy.json changed (roles, permissions, assignments, limits or tests)

            """)
    }

    @Test func aGrantOnlyTheWorkingTreeHasIsNotCommitted() throws {
        let (repository, _) = try historyRepository()
        try repository.change("member", "set", "acme-corp", "carol", "--role", "admin")
        let run = try tenancy(["why", "carol", "member:update", "acme-corp", "--format", "json"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["allowed"] as? Bool == true)
        let origin = try #require((document["introducedBy"] as? [[String: Any]])?.first)
        #expect(origin["grant"] as? String == "organization role admin")
        #expect(origin["commit"] is NSNull)
    }

    @Test func findsAMembershipMadeInTheFirstCommit() throws {
        let (repository, commits) = try historyRepository()
        let first = try repository.run("rev-list", "--max-parents=0", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        let run = try tenancy(["why", "alice", "org:delete", "acme-corp", "--format", "json"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let origin = try #require((document["introducedBy"] as? [[String: Any]])?.first)
        #expect((origin["commit"] as? [String: Any])?["commit"] as? String == first)

        // A project: bob's organization role (admin since the promotion) and his project role grant project:read.
        let project = try tenancy(["why", "bob", "project:read", "acme-corp/web", "--format", "json"], in: repository)
        #expect(project.status == 0, "\(project.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(project.stdout.utf8)) as? [String: Any])
        let origins = try #require(answer["introducedBy"] as? [[String: Any]])
        #expect(origins.map { $0["grant"] as? String } == ["organization role admin", "project role member"])
        #expect(origins.map { ($0["commit"] as? [String: Any])?["commit"] as? String } == [commits[1], first])
    }

    @Test func aPermissionNotHeldIsNoAndExitsOne() throws {
        let (repository, _) = try historyRepository()
        let run = try tenancy(["why", "carol", "member:update", "acme-corp"], in: repository)
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("no: "))
        let unknown = try tenancy(["why", "zed", "member:update", "acme-corp"], in: repository)
        #expect(unknown.status == 2)
    }
}

struct AccessReportTests {
    /// carol's display name is a spreadsheet formula with a comma and quotes in it.
    private static let hostileName = "=HYPERLINK(\"https://evil.example\",\"x\"), | *boss*"

    private func reportRepository() throws -> TemporaryGitRepository {
        let repository = try registryRepository()
        try repository.change("user", "add", "carol", "--email", "carol@example.net", "--name", Self.hostileName)
        try repository.change("member", "add", "acme", "carol", "--role", "member")
        return repository
    }

    @Test func csvQuotesAndDefusesFormulas() throws {
        let repository = try reportRepository()
        // A site admin with no membership still gets a row.
        try repository.write(
            "registry/users/dave.json", RegistryFiles.user("dave", id: "00000000-0000-4000-8000-00000000000d", siteAdmin: true))
        let run = try tenancy(["report", "access", "--format", "csv"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.components(separatedBy: "\r\n")
        #expect(lines[0] == "user,name,email,site_admin,organization,organization_kind,project,role,assignments")
        #expect(lines.contains(
            "carol,\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\"), | *boss*\",carol@example.net,no,acme,team,,member,"))
        #expect(lines.contains("bob,Bob Builder,bob@example.com,no,acme,team,web,member,"))
        #expect(lines.contains("dave,dave,dave@example.com,yes,,,,,"))
        #expect(lines.last == "")
    }

    @Test func markdownEscapesCellsAndSaysWhatItRead() throws {
        let repository = try reportRepository()
        let run = try tenancy(["report", "access"], in: repository, now: "1767225600")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("# Access review\n\nRegistry: the working tree; generated 2026-01-01T00:00:00Z; 3 users.\n"))
        #expect(run.stdout.contains(
            "| carol | =HYPERLINK(\"https\\://evil\\.example\",\"x\"), \\| \\*boss\\* | carol\\@example\\.net | no | acme | team |  | member |  |\n"))
    }

    @Test func jsonAtARevisionListsOrganizationsAndProjects() throws {
        let repository = try reportRepository()
        let commit = try repository.commit("carol", by: "Alice", at: "2026-03-01T09:00:00Z")
        try repository.change("member", "remove", "acme", "carol")
        let run = try tenancy(["report", "access", "--rev", "HEAD", "--format", "json"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["source"] as? String == "HEAD (\(commit))")
        let users = try #require(document["users"] as? [[String: Any]])
        #expect(users.map { $0["handle"] as? String } == ["alice", "bob", "carol"])
        let bob = users[1]
        #expect(bob["siteAdmin"] as? Bool == false)
        let orgs = try #require(bob["organizations"] as? [[String: Any]])
        #expect(orgs.map { $0["org"] as? String } == ["acme", "bob"])
        #expect(orgs[0]["role"] as? String == "member")
        let projects = try #require(bob["projects"] as? [[String: Any]])
        #expect(projects.first?["project"] as? String == "web")
        #expect((users[2]["organizations"] as? [[String: Any]])?.first?["org"] as? String == "acme")
    }

    @Test func tablesAreOnlyForTheReport() throws {
        let repository = try reportRepository()
        let run = try tenancy(["validate", "--format", "csv"], in: repository)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--format csv is only for 'report access'"))
        let github = try tenancy(["report", "access", "--format", "github"], in: repository)
        #expect(github.status == 2)
    }
}

/// `tenancy` in the repository at a fixed time (`SOURCE_DATE_EPOCH`).
private func tenancy(_ arguments: [String], in repository: TemporaryGitRepository, now: String) throws -> TenancyRun {
    try runTenancy(
        arguments, cwd: URL(fileURLWithPath: repository.path),
        env: ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "SOURCE_DATE_EPOCH": now])
}

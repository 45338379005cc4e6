import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// bob.json with `logins` (canonical JSON members, e.g. `"github": "bob-gh"`).
private func bob(logins: String) -> String {
    RuleExamples.user("bob", "Bob Builder", "1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21", logins: logins)
}

/// alice, a site admin known on GitHub as `alice-gh`.
private let aliceAdmin = RuleExamples.user("alice", "Alice Liddell", "0b6f1a52-4c1e-4d7e-9a55-2f6f0f6f2b10", logins: "\"github\": \"alice-gh\"")
    .replacingOccurrences(of: "\"name\": \"Alice Liddell\"", with: "\"name\": \"Alice Liddell\",\n  \"siteAdmin\": true")

/// Users' forge logins: `user set --login/--no-login`, the `login-unique` rule, and
/// `diff --actor-login`, which authorizes a pull request by its author's login.
struct ForgeLoginTests {
    @Test func userSetAddsChangesAndRemovesLogins() throws {
        let f = try MutationFixture()
        try f.change("user", "set", "bob", "--login", "github=Bob-GH", "--login", "gitlab=bob.b", prints: ["changed users/bob.json"])
        #expect(f.text("users/bob.json").contains("  \"logins\": {\n    \"github\": \"Bob-GH\",\n    \"gitlab\": \"bob.b\"\n  },\n"))
        let shown = try f.run(["show", "user", "bob"])
        #expect(shown.stdout.contains("\nlogins:        github: Bob-GH, gitlab: bob.b\n"), "\(shown.stdout)")
        try f.change("user", "set", "bob", "--no-login", "github", prints: ["changed users/bob.json"])
        #expect(f.text("users/bob.json").contains("  \"logins\": {\n    \"gitlab\": \"bob.b\"\n  },\n"))
        try f.change("user", "set", "bob", "--no-login", "gitlab", prints: ["changed users/bob.json"])
        #expect(!f.text("users/bob.json").contains("logins"))
    }

    @Test func aLoginAnotherUserHasIsRefused() throws {
        let f = try MutationFixture(["users/bob.json": bob(logins: "\"github\": \"bob-gh\"")])
        let refused = try f.refuse("user", "set", "alice", "--login", "github=BOB-gh", saying: "[login-unique]")
        #expect(refused.stdout.contains(#"users "alice" and "bob" share the github login "bob-gh""#), "\(refused.stdout)")
        try f.change("user", "set", "alice", "--login", "gitlab=bob-gh")  // another forge, another account
    }

    @Test func aLoginOutsideItsForgesGrammarIsAUsageError() throws {
        let f = try MutationFixture()
        for (argument, message) in [
            ("github=-bob", "--login has a login that may not start or end with a hyphen"),
            ("github=bo_b", "--login has a login that may hold only ASCII letters, digits and hyphens (a github login)"),
            ("gitlab=bob.git", "--login has a login that may not end with '.', '.git' or '.atom'"),
            ("sourceforge=bob", "--login must be FORGE=LOGIN with a forge among gitea, github, gitlab"),
            ("github:bob", "--login must be FORGE=LOGIN"),
        ] {
            let run = try f.run(["user", "set", "bob", "--login", argument])
            #expect(run.status == 2, "\(argument)")
            #expect(run.stderr.contains(message), "\(argument): \(run.stderr)")
        }
        #expect(try f.run(["user", "set", "bob", "--no-login", "sourceforge"]).status == 2)
        let twice = try f.run(["user", "set", "bob", "--login", "github=bob", "--no-login", "github"])
        #expect(twice.status == 2)
        #expect(twice.stderr == "tenancy: error: --login and --no-login name github more than once\n")
    }

    /// A login says who opens a pull request: like an email, only a site admin sets it,
    /// even one's own (else anyone could claim a colleague's account first).
    @Test func onlyASiteAdminChangesALogin() throws {
        let f = try MutationFixture(["users/alice.json": aliceAdmin])
        try f.refuse(
            "user", "set", "bob", "--login", "github=bob-gh", "--as", "bob",
            saying: "bob may not change the github login of bob: only a site admin may")
        try f.change("user", "set", "bob", "--login", "github=bob-gh", "--as", "alice")
    }

    @Test func diffAuthorizesAPullRequestByItsAuthorsLogin() throws {
        let repository = try registryRepository(["users/bob.json": bob(logins: "\"github\": \"bob-gh\"")])
        try repository.write("registry/orgs/acme/members/bob.json", RegistryFiles.member("bob", "admin"))
        try repository.stageAll()
        try repository.commit("bob makes himself an admin")

        let refused = try tenancy(["diff", "HEAD~1", "HEAD", "--actor-login", "github:Bob-GH"], in: repository)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("error: bob may not change the role of bob in acme from member to admin: needs member:update"), "\(refused.stdout)")

        let unknown = try tenancy(["diff", "HEAD~1", "HEAD", "--actor-login", "github:mallory"], in: repository)
        #expect(unknown.status == 1)
        #expect(unknown.stdout == "")
        #expect(unknown.stderr == "tenancy: error: no user has the github login 'mallory' in HEAD~1 to authorize as (--actor-login)\n")

        let otherForge = try tenancy(["diff", "HEAD~1", "HEAD", "--actor-login", "gitlab:bob-gh"], in: repository)
        #expect(otherForge.status == 1)
        #expect(otherForge.stderr.contains("no user has the gitlab login 'bob-gh'"))

        let both = try tenancy(["diff", "HEAD~1", "HEAD", "--actor-login", "github:bob-gh", "--actor", "bob"], in: repository)
        #expect(both.status == 2)
    }

    /// The login is looked up in the base: a pull request that gives its author's login
    /// to a site admin is still judged as its author.
    @Test func aPullRequestCannotTakeALoginToAuthorizeItself() throws {
        let repository = try registryRepository([
            "users/alice.json": aliceAdmin, "users/bob.json": bob(logins: "\"github\": \"bob-gh\""),
        ])
        try repository.write("registry/users/alice.json", aliceAdmin.replacingOccurrences(of: "alice-gh", with: "bob-gh"))
        try repository.write("registry/users/bob.json", RegistryFiles.base["users/bob.json"]!)
        try repository.write("registry/orgs/acme/members/bob.json", RegistryFiles.member("bob", "admin"))
        try repository.stageAll()
        try repository.commit("bob-gh becomes alice")

        let run = try tenancy(["diff", "HEAD~1", "HEAD", "--actor-login", "github:bob-gh"], in: repository)
        #expect(run.status == 1)
        #expect(run.stdout.contains("""
            users:
              ~ alice: github login alice-gh -> bob-gh
              - bob: github login bob-gh
            """), "\(run.stdout)")
        #expect(run.stdout.contains("error: bob may not change the github login of alice: only a site admin may"))
        #expect(run.stdout.contains("error: bob may not change the role of bob in acme from member to admin"))
    }

    /// Two users of the base with one login (the base breaks `login-unique`): the author
    /// cannot be told apart, so nobody is judged in their name.
    @Test func aLoginTwoUsersHoldIsRefused() throws {
        let repository = try registryRepository([
            "users/alice.json": aliceAdmin.replacingOccurrences(of: "alice-gh", with: "bob-gh"),
            "users/bob.json": bob(logins: "\"github\": \"bob-gh\""),
        ])
        try repository.write("registry/orgs/acme/members/bob.json", RegistryFiles.member("bob", "admin"))
        try repository.stageAll()
        try repository.commit("bob makes himself an admin")
        let run = try tenancy(["diff", "HEAD~1", "HEAD", "--actor-login", "github:bob-gh"], in: repository)
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(run.stderr == "tenancy: error: the github login 'bob-gh' is held by alice, bob in HEAD~1 (login-unique); refusing to choose\n")
    }
}

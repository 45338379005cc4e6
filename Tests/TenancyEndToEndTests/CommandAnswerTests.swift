import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// What the command line answers people: refusals that name their cause, changes that
/// change nothing, suggestions, and arguments that take the same shape everywhere.
/// In the base registry alice owns acme, bob is a member and carol@example.com is invited.
struct CommandAnswerTests {
    /// Runs a command that must be a usage error (exit 2) writing nothing; returns stderr.
    func usage(_ f: MutationFixture, _ args: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let before = f.tree.tree()
        let result = try f.run(args)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        #expect(f.tree.tree() == before, "the registry changed", sourceLocation: sourceLocation)
        return result.stderr
    }

    /// Runs a mutation that must change nothing: exit 0, "nothing to change", no file written.
    func unchanged(_ f: MutationFixture, _ args: String..., sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = f.tree.tree()
        let result = try f.run(args)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout == "", sourceLocation: sourceLocation)
        #expect(result.stderr == "nothing to change\n", "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(f.tree.tree() == before, "the registry changed", sourceLocation: sourceLocation)
    }

    static let requiredPersonalOrgs = """
        {
          "format": 1,
          "personalOrganizations": {
            "required": true
          }
        }

        """

    // MARK: Refusals name the cause

    /// The rule reports the organization's remaining highest member; the refusal names
    /// the membership the command removes or demotes first.
    @Test func aRefusedChangeNamesWhatTheCommandChanges() throws {
        let f = try MutationFixture()
        let removed = try f.refuse("member", "remove", "acme", "alice", saying: "[owner-remains]")
        #expect(removed.stderr.hasPrefix("tenancy: error: removing orgs/acme/members/alice.json would break the rules"), "\(removed.stderr)")
        let demoted = try f.refuse("member", "set", "acme", "alice", "--role", "member", saying: "[owner-remains]")
        #expect(demoted.stderr.hasPrefix("tenancy: error: changing orgs/acme/members/alice.json would break the rules"), "\(demoted.stderr)")
    }

    /// A bad value is named as the argument, never as a file the change would have written.
    @Test func argumentValuesAreNamedAsArguments() throws {
        let f = try MutationFixture()
        let email = try usage(f, "user", "add", "michael", "--email", "not-an-email")
        #expect(email.contains("--email") && !email.contains("users/michael.json"), "\(email)")
        let logo = try usage(f, "org", "create", "newco", "--name", "New", "--owner", "bob", "--logo", "http://x.example")
        #expect(logo.contains("--logo must be an https URL") && !logo.contains("org.json"), "\(logo)")
        let handle = try usage(f, "user", "add", "Mich_ael", "--email", "m@example.com")
        #expect(handle.contains("HANDLE 'Mich_ael' may contain only"), "\(handle)")
        let slug = try usage(f, "org", "rename", "acme", "--to", "Acme")
        #expect(slug.contains("--to 'Acme' may contain only"), "\(slug)")
    }

    @Test func aReservedPersonalOrganizationSlugSuggestsPersonalOrg() throws {
        let f = try MutationFixture(["tenancy.json": Self.requiredPersonalOrgs])
        let refused = try f.refuse("user", "add", "api", "--email", "api@example.com", saying: "--personal-org")
        #expect(refused.stderr == """
            tenancy: error: the personal organization slug 'api' (the handle) is reserved by the policy (reservedSlugs); \
            choose another with --personal-org SLUG

            """)
        try f.refuse("user", "add", "acme", "--email", "acme@example.com", saying: "'acme' (the handle) is taken by an existing organization")
        try f.change("user", "add", "api", "--email", "api@example.com", "--personal-org", "api-user")
    }

    @Test func deletingAPersonalOrganizationGivesThePolicysRealReason() throws {
        let f = try MutationFixture(["tenancy.json": Self.requiredPersonalOrgs])
        try f.refuse("org", "delete", "bob", saying: "the policy requires every user to have one (personalOrganizations.required)")
    }

    /// A copied project directory keeps its slug: the message names both files.
    @Test func aDuplicateIdNamesBothFiles() throws {
        let f = try MutationFixture()
        try f.write("orgs/acme/projects/www/project.json", f.text("orgs/acme/projects/web/project.json"))
        let check = try f.run(["validate"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("""
            project "acme/web" at orgs/acme/projects/www/project.json has id "5abd6fa7-9b6d-4c2d-8faa-7ebebebe7a65", \
            already the id of project "acme/web" at orgs/acme/projects/web/project.json [id-unique]
            """), "\(check.stdout)")
    }

    // MARK: Changes that change nothing

    @Test func aChangeToWhatIsAlreadyThereWritesNothing() throws {
        let f = try MutationFixture()
        try unchanged(f, "member", "set", "acme", "bob", "--role", "member")
        try unchanged(f, "member", "add", "acme", "bob", "--role", "member")
        try unchanged(f, "user", "set", "bob", "--name", "Bob Builder")
        try unchanged(f, "user", "rename", "bob", "bob")
        try unchanged(f, "org", "set", "acme", "--name", "Acme Inc.")
        try unchanged(f, "org", "rename", "acme", "acme")
        try unchanged(f, "org", "transfer", "acme", "--to", "alice")
        try unchanged(f, "project", "rename", "acme", "web", "web")
        try unchanged(f, "project", "member", "set", "acme", "web", "bob", "--role", "member")
        try unchanged(f, "project", "member", "add", "acme", "web", "bob", "--role", "member")
        try f.change("invitation", "revoke", "acme", invitationID)
        try unchanged(f, "invitation", "revoke", "acme", invitationID)
    }

    @Test func decliningAgainChangesNothing() throws {
        let f = try MutationFixture()
        try f.change("user", "add", "carol", "--email", "carol@example.com")
        try f.change("invitation", "decline", "acme", invitationID, "--user", "carol")
        try unchanged(f, "invitation", "decline", "acme", invitationID, "--user", "carol")
    }

    /// fmt checks the JSON and the canonical form, not the rules: it says what it did
    /// and never "no problems found".
    @Test func fmtSaysWhatItRewroteAndClaimsNothingElse() throws {
        let f = try MutationFixture(["orgs/acme/members/bob.json": #"{"role":"member","user":"bob"}"#])
        let fixed = try f.run(["fmt"])
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(!(fixed.stdout + fixed.stderr).contains("no problems"), "\(fixed.stdout)")
        #expect(fixed.stderr.contains("formatted orgs/acme/members/bob.json\nformatted 1 file"), "\(fixed.stderr)")
        #expect(fixed.stderr.contains("the rules were not checked: run `tenancy validate`"))
        let again = try f.run(["fmt"])
        #expect(again.stderr.hasPrefix("nothing to format"), "\(again.stderr)")
        let check = try f.run(["fmt", "--check"])
        #expect(check.status == 0 && !check.stdout.contains("no problems"), "\(check.stdout)")
        #expect(try f.run(["validate"]).stdout.contains("[schema]"))
    }

    // MARK: Suggestions

    @Test func anUnknownNameSuggestsTheRegistrysNearestName() throws {
        let f = try MutationFixture()
        try f.refuse("member", "add", "acme", "alcie", "--role", "member", saying: "no user 'alcie'; did you mean 'alice'?")
        try f.refuse("member", "add", "acm", "alice", "--role", "member", saying: "no organization 'acm'; did you mean 'acme'?")
        try f.refuse("project", "member", "add", "acme", "wbe", "alice", "--role", "member",
            saying: "no project 'wbe' in organization 'acme'; did you mean 'web'?")
        try f.refuse("invitation", "revoke", "acme", "6bce7ab8-ac7e-4d3e-9abb-8fcfcfcf8b77",
            saying: "did you mean '\(invitationID)'?")
        try f.refuse("member", "set", "acme", "bob", "--role", "admni",
            saying: "no organization role 'admni' in the policy (roles: owner, admin, member, guest); did you mean 'admin'?")
        let far = try f.refuse("member", "add", "acme", "zed", "--role", "member", saying: "no user 'zed'")
        #expect(!far.stderr.contains("did you mean"))
    }

    /// The commands that read suggest the same way, with their own exit codes.
    @Test func readingCommandsSuggestTheNearestName() throws {
        let f = try MutationFixture()
        let shown = try f.run(["show", "user", "alcie"])
        #expect(shown.status == 1 && shown.stderr.hasSuffix("; did you mean 'alice'?\n"), "\(shown.stderr)")
        let listed = try f.run(["list", "members", "acm"])
        #expect(listed.status == 1 && listed.stderr.hasSuffix("; did you mean 'acme'?\n"), "\(listed.stderr)")
        let project = try f.run(["show", "project", "acme", "wbe"])
        #expect(project.status == 1 && project.stderr.hasSuffix("; did you mean 'web'?\n"), "\(project.stderr)")
        let asked = try f.run(["can", "bbo", "org:read", "acme"])
        #expect(asked.status == 2 && asked.stderr.hasSuffix("; did you mean 'bob'?\n"), "\(asked.stderr)")
    }

    // MARK: One shape everywhere

    @Test func renamesTakeOldAndNew() throws {
        let f = try MutationFixture()
        try f.change("org", "rename", "acme", "acme-corp")
        try f.change("project", "rename", "acme-corp", "web", "site")
        try f.change("org", "rename", "acme-corp", "--to", "acme")
        try f.change("project", "rename", "acme", "site", "--to", "web")
        #expect(try usage(f, "org", "rename", "acme").contains("missing argument NEW (or '--to NEW')"))
        #expect(try usage(f, "project", "rename", "acme", "web", "a", "--to", "b").contains("NEW and '--to' cannot be used together"))
    }

    @Test func everyMissingArgumentIsNamedInOneMessage() throws {
        let f = try MutationFixture()
        #expect(try usage(f, "invite", "acme").contains(
            "missing argument EMAIL and options '--role ROLE', '--inviter USER' (or '--as USER')"))
        #expect(try usage(f, "user", "add").contains("missing argument HANDLE and option '--email EMAIL'"))
        #expect(try usage(f, "invitation", "accept", "acme").contains("missing argument ID and option '--user USER' (or '--as USER')"))
        // A change of nothing asked for is a usage error, not a refusal.
        #expect(try usage(f, "user", "set", "bob").contains(
            "missing one of '--name NAME', '--email EMAIL', '--login FORGE=LOGIN', '--no-login FORGE', '--site-admin', '--no-site-admin'"))
        #expect(try usage(f, "member", "set", "acme", "bob").contains("missing one of '--role ROLE', '--assign ASSIGNMENT'"))
        #expect(try usage(f, "org", "set", "acme").contains("missing one of '--name NAME', '--logo URL', '--metadata JSON'"))
    }

    @Test func asFillsInTheUserAndTheInviter() throws {
        let f = try MutationFixture()
        try f.change("user", "add", "carol", "--email", "carol@example.com")
        try f.change("user", "add", "dan", "--email", "dan@example.com")
        let invited = try f.change("invite", "acme", "dan@example.com", "--role", "member", "--as", "alice")
        let path = try #require(invited.stdout.split(separator: " ").last.map { String($0.dropLast()) })
        #expect(f.text(path).contains(#""inviter": "alice""#))
        try f.change("invitation", "accept", "acme", invitationID, "--as", "carol", prints: [
            "changed orgs/acme/invitations/\(invitationID).json", "created orgs/acme/members/carol.json",
        ])
        let id = String(path.dropFirst("orgs/acme/invitations/".count).dropLast(".json".count))
        try f.refuse("invitation", "decline", "acme", id, "--as", "carol", saying: "is addressed to dan@example.com, not to 'carol'")
        try f.change("invitation", "decline", "acme", id, "--as", "dan", prints: ["changed \(path)"])
    }

    @Test func anInvitationIsNamedByAUniquePrefixOfItsId() throws {
        let second = "6bce7ab8-0000-4000-8000-000000000001"
        let f = try MutationFixture()
        try f.change("invitation", "revoke", "acme", "6bce7ab8", prints: ["changed orgs/acme/invitations/\(invitationID).json"])
        try f.write(
            "orgs/acme/invitations/\(second).json",
            f.text("orgs/acme/invitations/\(invitationID).json").replacingOccurrences(of: invitationID, with: second))
        try f.refuse("invitation", "revoke", "acme", "6bce7ab8", saying: """
            invitation '6bce7ab8' is ambiguous in organization 'acme': it could be \(second), \(invitationID)
            """)
        try f.refuse("invitation", "revoke", "acme", "6bc", saying: "no invitation '6bc'")
    }

    @Test func siteAdminIsSetAndUnsetByFlags() throws {
        let f = try MutationFixture()
        try f.change("user", "set", "bob", "--site-admin", prints: ["changed users/bob.json"])
        #expect(f.text("users/bob.json").contains(#""siteAdmin": true"#))
        try unchanged(f, "user", "set", "bob", "--site-admin")
        try f.change("user", "set", "bob", "--no-site-admin", prints: ["changed users/bob.json"])
        #expect(!f.text("users/bob.json").contains("siteAdmin"))
        #expect(try usage(f, "user", "set", "bob", "--site-admin", "--no-site-admin").contains("cannot be used together"))
    }

    @Test func assignmentsAreAddedAndRemovedOneByOne() throws {
        let f = try MutationFixture(["tenancy.json": """
            {
              "assignments": [
                {
                  "name": "billing",
                  "permissions": [
                    "org:read"
                  ]
                },
                {
                  "name": "support",
                  "permissions": [
                    "org:read"
                  ]
                }
              ],
              "format": 1
            }

            """])
        try f.change("member", "set", "acme", "bob", "--add-assignment", "billing", "--add-assignment", "support")
        #expect(f.text("orgs/acme/members/bob.json").contains("\"assignments\": [\n    \"billing\",\n    \"support\"\n  ]"))
        try f.change("member", "set", "acme", "bob", "--remove-assignment", "billing")
        #expect(f.text("orgs/acme/members/bob.json").contains("\"assignments\": [\n    \"support\"\n  ]"))
        try unchanged(f, "member", "set", "acme", "bob", "--add-assignment", "support")
        try f.change("member", "set", "acme", "bob", "--assign", "billing")
        #expect(f.text("orgs/acme/members/bob.json").contains("\"assignments\": [\n    \"billing\"\n  ]"))
        #expect(try usage(f, "member", "set", "acme", "bob", "--assign", "a", "--add-assignment", "b").contains("cannot be used together"))
    }
}

import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// `org create|rename|set|delete|convert|transfer` through the binary.
struct MutationOrgTests {
    @Test func createWritesTheOrganizationAndItsFirstOwner() throws {
        let f = try MutationFixture()
        try f.change("org", "create", "globex", "--name", "Globex", "--owner", "bob", "--logo", "https://globex.example/l.png",
            prints: ["created orgs/globex/members/bob.json", "created orgs/globex/org.json"])
        #expect(f.text("orgs/globex/org.json").contains(#""kind": "team""#))
        #expect(f.text("orgs/globex/members/bob.json").contains(#""role": "owner""#))
        try f.refuse("org", "create", "acme", "--name", "X", "--owner", "bob", saying: "organization 'acme' already exists")
        // A new slug is an argument's value: a usage error naming the argument (exit 2).
        let badSlug = try f.run(["org", "create", "Bad_Slug", "--name", "X", "--owner", "bob"])
        #expect(badSlug.status == 2)
        #expect(badSlug.stderr.contains("SLUG 'Bad_Slug' may contain only"), "\(badSlug.stderr)")
        try f.refuse("org", "create", "globex2", "--name", "X", "--owner", "zed", saying: "no user 'zed'")
    }

    @Test func renameMovesTheSubtreeAndKeepsTheOldSlugTaken() throws {
        let f = try MutationFixture()
        let id = f.text("orgs/acme/org.json")
        try f.change("org", "rename", "acme", "--to", "acme-corp", prints: [
            "created orgs/acme-corp/invitations/\(invitationID).json", "created orgs/acme-corp/members/alice.json",
            "created orgs/acme-corp/members/bob.json", "created orgs/acme-corp/org.json",
            "created orgs/acme-corp/projects/web/members/bob.json", "created orgs/acme-corp/projects/web/project.json",
            "removed orgs/acme/invitations/\(invitationID).json", "removed orgs/acme/members/alice.json",
            "removed orgs/acme/members/bob.json", "removed orgs/acme/org.json",
            "removed orgs/acme/projects/web/members/bob.json", "removed orgs/acme/projects/web/project.json",
        ])
        #expect(!f.exists("orgs/acme"))
        let renamed = f.text("orgs/acme-corp/org.json")
        #expect(renamed.contains("\"previousSlugs\": [\n    \"acme\"\n  ]"))
        #expect(renamed.contains(id.split(separator: "\n")[2]))  // the same "id" line
    }

    /// Renaming back to a previous slug of its own undoes a rename: that slug is current
    /// again and leaves the list, the slug renamed from joins it.
    @Test func aRenameCanBeUndone() throws {
        let f = try MutationFixture()
        try f.change("org", "rename", "acme", "--to", "acme2")
        try f.change("org", "rename", "acme2", "--to", "acme")
        #expect(f.text("orgs/acme/org.json").contains("\"previousSlugs\": [\n    \"acme2\"\n  ]"))
        try f.change("org", "rename", "acme", "--to", "acme3")
        try f.change("org", "rename", "acme3", "--to", "acme2")
        #expect(f.text("orgs/acme2/org.json").contains("\"previousSlugs\": [\n    \"acme\",\n    \"acme3\"\n  ]"))
        try f.refuse("org", "create", "acme3", "--name", "X", "--owner", "bob", saying: "[slug-unique]")
    }

    @Test(.enabled(if: stateRulesRegistered, "slug-unique is a state rule"))
    func slugsTakenReservedOrPreviouslyUsedAreRefused() throws {
        let f = try MutationFixture()
        try f.refuse("org", "create", "api", "--name", "X", "--owner", "bob", saying: "[slug-unique]")
        try f.change("org", "rename", "acme", "--to", "acme-corp")
        try f.refuse("org", "create", "acme", "--name", "X", "--owner", "bob", saying: "[slug-unique]")
        try f.refuse("org", "rename", "bob", "--to", "acme", saying: "[slug-unique]")
    }

    @Test func setChangesNameLogoAndMetadata() throws {
        let f = try MutationFixture()
        try f.change("org", "set", "acme", "--name", "Acme Corp", "--metadata", #"{"plan": "pro"}"#,
            prints: ["changed orgs/acme/org.json"])
        #expect(f.text("orgs/acme/org.json").contains("\"metadata\": {\n    \"plan\": \"pro\"\n  },\n  \"name\": \"Acme Corp\""))
        let bad = try f.run(["org", "set", "acme", "--metadata", "[1]"])
        #expect(bad.status == 2, "bad --metadata is a usage error, before any work")
        #expect(bad.stderr.contains("--metadata must be a JSON object"), "\(bad.stderr)")
        let insecure = try f.run(["org", "set", "acme", "--logo", "http://insecure.example"])
        #expect(insecure.status == 2, "a bad --logo is a usage error, before any work")
        #expect(insecure.stderr.contains("--logo must be an https URL"), "\(insecure.stderr)")
    }

    @Test func deleteCascadesToEverythingInTheOrganization() throws {
        let f = try MutationFixture()
        try f.change("org", "delete", "acme", prints: [
            "removed orgs/acme/invitations/\(invitationID).json", "removed orgs/acme/members/alice.json",
            "removed orgs/acme/members/bob.json", "removed orgs/acme/org.json",
            "removed orgs/acme/projects/web/members/bob.json", "removed orgs/acme/projects/web/project.json",
        ])
        #expect(!f.exists("orgs/acme"))
    }

    @Test func aPersonalOrganizationIsNotDeletedAlone() throws {
        let f = try MutationFixture()
        try f.refuse("org", "delete", "bob", saying: "'bob' is the personal organization of 'bob'")
    }

    @Test func convertMovesEverythingButTheOwnerToANewTeamOrganization() throws {
        let f = try MutationFixture()
        try f.write("orgs/bob/projects/app/project.json", """
            {
              "createdAt": "2026-11-21T09:30:00Z",
              "id": "7cdf8bc9-bd8f-4e4f-8acc-90d0d0d09c87",
              "name": "App",
              "slug": "app"
            }

            """)
        try f.change("org", "convert", "bob", "--to", "bobco", "--name", "Bob & Co", prints: [
            "removed orgs/bob/projects/app/project.json", "created orgs/bobco/members/bob.json",
            "created orgs/bobco/org.json", "created orgs/bobco/projects/app/project.json",
        ])
        #expect(f.exists("orgs/bob/members/bob.json"))
        #expect(f.text("orgs/bobco/org.json").contains(#""name": "Bob & Co""#))
    }

    @Test func transferMakesANewOwnerAndStepsTheOldOneDown() throws {
        let f = try MutationFixture()
        try f.change("org", "transfer", "acme", "--to", "bob", "--from", "alice", prints: [
            "changed orgs/acme/members/alice.json", "changed orgs/acme/members/bob.json",
        ])
        #expect(f.text("orgs/acme/members/alice.json").contains(#""role": "admin""#))
        #expect(f.text("orgs/acme/members/bob.json").contains(#""role": "owner""#))
        // bob is an owner already: a desired state applied again changes nothing.
        try f.change("org", "transfer", "acme", "--to", "bob", prints: [])
    }
}

@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview
import TenancyTestSupport
import Testing

/// Edge cases of the state rules that their examples do not show.
@Suite("State rules")
struct StateRuleTests {
    // MARK: slug-unique

    @Test("slug-unique: previous slugs and reserved slugs are both taken")
    func slugTakenByPreviousAndReserved() throws {
        let overlay = RuleTest.ownedOrg("beta", id: "11111111-1111-4111-8111-111111111111", previousSlugs: ["alpha"])
            + RuleTest.ownedOrg("alpha", id: "22222222-2222-4222-8222-222222222222")
            + RuleTest.ownedOrg("api", id: "33333333-3333-4333-8333-333333333333")
        let found = try RuleTest.validate(overlay)
        #expect(RuleTest.places(found) == [
            "orgs/alpha/org.json:6:11 [slug-unique]", "orgs/api/org.json:6:11 [slug-unique]",
        ])
        #expect(found.first?.message == #"organization slug "alpha" was a slug of organization "beta" before a rename and stays taken"#)
    }

    @Test("slug-unique: the policy's reservedSlugs replace the defaults")
    func customReservedSlugs() throws {
        let overlay: RuleExamples.Registry = [
            "tenancy.json": RuleTest.policy(#""reservedSlugs": [\#n    "acme"\#n  ]"#),
        ] + RuleTest.ownedOrg("api", id: "33333333-3333-4333-8333-333333333333")
        #expect(RuleTest.places(try RuleTest.validate(overlay)) == ["orgs/acme/org.json:6:11 [slug-unique]"])
    }

    @Test("slug-unique: a previous slug listed twice, or equal to the current slug")
    func previousSlugConflicts() throws {
        let overlay = RuleTest.ownedOrg("beta", id: "11111111-1111-4111-8111-111111111111", previousSlugs: ["old", "beta"])
            + RuleTest.ownedOrg("gamma", id: "22222222-2222-4222-8222-222222222222", previousSlugs: ["old"])
        let found = try RuleTest.validate(overlay)
        #expect(RuleTest.places(found) == [
            "orgs/beta/org.json:8:5 [slug-unique]", "orgs/gamma/org.json:7:5 [slug-unique]",
        ])
        #expect(found.map(\.message) == [
            #"organization "beta" lists its current slug "beta" in "previousSlugs""#,
            #"previous slug "old" of organization "gamma" is already a previous slug of organization "beta""#,
        ])
    }

    @Test("slug-unique: equal slug values of organizations and of projects (in memory)")
    func equalSlugValues() throws {
        var snapshot = try RuleTest.baseSnapshot()
        var copy = snapshot.orgs["acme"]!
        copy.origin.path = "orgs/acme2/org.json"
        snapshot.insert(.org(copy), at: .org("acme2"))
        var project = snapshot.projects["acme"]!["web"]!
        project.origin.path = "orgs/acme/projects/www/project.json"
        snapshot.insert(.project(project), at: .project(org: "acme", project: "www"))
        #expect(RuleTest.check(SlugUniqueRule.self, snapshot).map(\.message) == [
            #"projects "web" and "www" of organization "acme" both have slug "web""#,
            #"organizations "acme" and "acme2" both have slug "acme""#,
        ])
    }

    // MARK: id-unique, email-unique, single-membership

    @Test("id-unique: per entity type; an org may share an id with a user")
    func idsPerType() throws {
        var snapshot = try RuleTest.baseSnapshot()
        var user = snapshot.users["bob"]!
        user.id = snapshot.users["alice"]!.id
        snapshot.insert(.user(user), at: .user("bob"))
        var org = snapshot.orgs["acme"]!
        org.id = user.id
        snapshot.insert(.org(org), at: .org("acme"))
        let found = RuleTest.check(IDUniqueRule.self, snapshot)
        #expect(found.map(\.path) == ["users/bob.json"])
        #expect(found.first?.message == #"user "bob" at users/bob.json has id "0b6f1a52-4c1e-4d7e-9a55-2f6f0f6f2b10", already the id of user "alice" at users/alice.json"#)
    }

    @Test("email-unique: emails compare case-insensitively")
    func emailCase() throws {
        var snapshot = try RuleTest.baseSnapshot()
        var bob = snapshot.users["bob"]!
        bob.email = "ALICE@Example.com"
        snapshot.insert(.user(bob), at: .user("bob"))
        #expect(RuleTest.check(EmailUniqueRule.self, snapshot).map(\.message) == [
            #"users "alice" and "bob" share the email "ALICE@Example.com""#,
        ])
    }

    @Test("single-membership: two files with one user value, in an org and in a project")
    func twoMembershipsOfOneUser() throws {
        var snapshot = try RuleTest.baseSnapshot()
        var member = snapshot.members["acme"]!["bob"]!
        member.origin.path = "orgs/acme/members/robert.json"
        snapshot.insert(.member(member), at: .member(org: "acme", user: "robert"))
        let key = Snapshot.ProjectKey(org: "acme", project: "web")
        var projectMember = snapshot.projectMembers[key]!["bob"]!
        projectMember.origin.path = "orgs/acme/projects/web/members/robert.json"
        snapshot.insert(.projectMember(projectMember), at: .projectMember(org: "acme", project: "web", user: "robert"))
        #expect(RuleTest.places(RuleTest.check(SingleMembershipRule.self, snapshot)) == [
            "orgs/acme/members/robert.json:4:11 [single-membership]",
            "orgs/acme/projects/web/members/robert.json:4:11 [single-membership]",
        ])
    }

    // MARK: references

    @Test("dangling-reference: a user file that does not decode still exists")
    func brokenUserIsNotMissing() throws {
        let found = try RuleTest.validate([
            "users/carol.json": "{ not json\n",
            "orgs/acme/members/carol.json": RuleExamples.member("carol", "member"),
        ])
        #expect(found.map(\.rule) == [JSONRule.id])
    }

    @Test("dangling-reference: acceptedBy names a user")
    func acceptedByUnknown() throws {
        let found = try RuleTest.validate([RuleExamples.invitationPath(): RuleExamples.invitation([
            "acceptedBy": #""carol""#, "respondedAt": #""2026-11-22T09:30:00Z""#, "status": #""accepted""#,
        ])])
        #expect(found.map(\.message) == [#""acceptedBy" names user "carol", but there is no users/carol.json"#])
    }

    @Test("project-member-in-org: an org membership that does not decode still counts")
    func brokenOrgMembershipCounts() throws {
        let found = try RuleTest.validate(["orgs/acme/members/bob.json": "{}\n"])
        #expect(!found.contains { $0.rule == ProjectMemberInOrgRule.id })
        #expect(!found.isEmpty)
    }

    // MARK: owners and personal organizations

    @Test("owner-remains: an organization without members is reported on its org.json")
    func orgWithoutMembers() throws {
        let found = try RuleTest.validate(["orgs/beta/org.json": RuleTest.teamOrg("beta", id: "11111111-1111-4111-8111-111111111111")])
        #expect(RuleTest.places(found) == ["orgs/beta/org.json:1:1 [owner-remains]"])
        #expect(found.first?.message == #"organization "beta" has no owner: it has no members"#)
    }

    @Test("owner-remains: silent when a member file does not decode, or the policy does not")
    func ownerUnknown() throws {
        let brokenMember = try RuleTest.validate(["orgs/acme/members/alice.json": "{}\n"])
        #expect(!brokenMember.contains { $0.rule == OwnerRemainsRule.id })
        let brokenPolicy = try RuleTest.validate([
            "tenancy.json": RuleTest.policy(#""colour": "blue""#),
            "orgs/acme/members/alice.json": RuleExamples.member("alice", "boss"),
        ])
        #expect(brokenPolicy.map(\.rule) == [PolicyRule.id])
    }

    @Test("owner-remains: any role marked owner counts, whatever its name")
    func customOwnerRole() throws {
        let policy = RuleTest.policy(#"""
            "organizationRoles": [
                {
                  "name": "admin",
                  "owner": true,
                  "permissions": [
                    "*"
                  ]
                },
                {
                  "name": "member",
                  "permissions": []
                }
              ]
            """#)
        let found = try RuleTest.validate([
            "tenancy.json": policy,
            "orgs/alice/members/alice.json": RuleExamples.member("alice", "admin"),
            "orgs/bob/members/bob.json": RuleExamples.member("bob", "admin"),
            "orgs/acme/members/alice.json": RuleExamples.member("alice", "admin"),
        ])
        #expect(found.isEmpty, "\(found.map(\.formatted))")
    }

    @Test("personal-org: not required means a user may have none")
    func personalNotRequired() throws {
        let overlay: RuleExamples.Registry = [
            "tenancy.json": RuleTest.policy(#""personalOrganizations": {\#n    "required": false\#n  }"#),
            "orgs/bob/org.json": nil, "orgs/bob/members/bob.json": nil,
        ]
        #expect(try RuleTest.validate(overlay).isEmpty)
    }

    @Test("personal-org: its user must be a member with an owner role")
    func personalOwner() throws {
        let missing = try RuleTest.validate(["orgs/alice/members/alice.json": nil], rule: PersonalOrgRule.id)
        #expect(RuleTest.places(missing) == ["orgs/alice/org.json:6:17 [personal-org]"])
        let demoted = try RuleTest.validate(
            ["orgs/alice/members/alice.json": RuleExamples.member("alice", "admin")], rule: PersonalOrgRule.id)
        #expect(demoted.map(\.message) == [
            #"user "alice" has role "admin" in their personal organization "alice", which is not an owner role"#,
        ])
    }

    // MARK: roles and invitations

    @Test("role-defined: unknown assignments; owners need no required assignment")
    func assignments() throws {
        let policy = RuleTest.policy(#""assignments": [\#n    {\#n      "name": "viewer",\#n      "permissions": [],\#n      "required": true\#n    }\#n  ]"#)
        let found = try RuleTest.validate([
            "tenancy.json": policy,
            "orgs/acme/members/bob.json": RuleExamples.object([
                "assignments": #"[\#n    "viewer",\#n    "auditor"\#n  ]"#, "createdAt": #""2026-11-21T09:30:00Z""#,
                "role": #""member""#, "user": #""bob""#,
            ]),
        ])
        #expect(RuleTest.places(found) == ["orgs/acme/members/bob.json:4:5 [role-defined]"])
        #expect(found.first?.message == #"assignment "auditor" of "bob" in organization "acme" is not defined in the policy"#)
    }

    @Test("invitation: respondedAt only once answered, acceptedBy only when accepted")
    func invitationResponses() throws {
        let pendingAnswered = try RuleTest.validate([RuleExamples.invitationPath(): RuleExamples.invitation([
            "respondedAt": #""2026-11-22T09:30:00Z""#,
        ])])
        #expect(pendingAnswered.map(\.message) == [#"a pending invitation has no "respondedAt""#])
        let acceptedByNobody = try RuleTest.validate([RuleExamples.invitationPath(): RuleExamples.invitation([
            "respondedAt": #""2026-11-22T09:30:00Z""#, "status": #""accepted""#,
        ])])
        #expect(acceptedByNobody.map(\.message) == [#"an accepted invitation needs "acceptedBy""#])
    }

    @Test("invitation: answered invitations to one email, or to a member, are history, not errors")
    func answeredInvitations() throws {
        let declined = RuleExamples.invitation(
            id: "d3c5e2bf-b34f-4eaf-8c22-f3a3a3a3f3ed",
            ["email": #""bob@example.com""#, "respondedAt": #""2026-11-22T09:30:00Z""#, "status": #""declined""#])
        let revoked = RuleExamples.invitation(
            id: "e4d6f3c0-c45f-4fb0-9d33-a4b4b4b4a4fe",
            ["respondedAt": #""2026-11-22T09:30:00Z""#, "status": #""revoked""#])
        let found = try RuleTest.validate([
            RuleExamples.invitationPath("d3c5e2bf-b34f-4eaf-8c22-f3a3a3a3f3ed"): declined,
            RuleExamples.invitationPath("e4d6f3c0-c45f-4fb0-9d33-a4b4b4b4a4fe"): revoked,
        ])
        #expect(found.isEmpty, "\(found.map(\.formatted))")
    }

    // MARK: limits

    @Test("limits: null means no limit")
    func nullLimits() throws {
        let policy = RuleTest.policy(
            #""invitations": {\#n    "maxPendingPerOrganization": null\#n  }"#,
            #""limits": {\#n    "membersPerOrganization": null,\#n    "organizationsPerUser": null\#n  }"#)
        #expect(try RuleTest.validate(["tenancy.json": policy]).isEmpty)
    }

    @Test("limits: minOwnersPerOrganization counts owners, not members")
    func minimumOwners() throws {
        let found = try RuleTest.validate([
            "tenancy.json": RuleTest.policy(#""limits": {\#n    "minOwnersPerOrganization": 2\#n  }"#),
            "orgs/acme/members/bob.json": RuleExamples.member("bob", "owner"),
        ])
        #expect(RuleTest.places(found) == ["orgs/alice/org.json:1:1 [limits]", "orgs/bob/org.json:1:1 [limits]"])
        #expect(found.first?.message == #"organization "alice" has 1 owner; the policy requires at least 2 ("limits.minOwnersPerOrganization")"#)
    }

    // MARK: scale

    /// 20,000 users, each with a personal organization and a membership of `acme`: a rule
    /// that scans the snapshot once per entity would take minutes here.
    @Test("every state rule is linear enough for a large registry", .timeLimit(.minutes(1)))
    func largeRegistry() throws {
        var snapshot = try RuleTest.baseSnapshot()
        let user = snapshot.users["bob"]!, org = snapshot.orgs["bob"]!, member = snapshot.members["bob"]!["bob"]!
        for index in 0..<20_000 {
            let handle = "user\(index)", name = Handle(unchecked: handle), slug = Slug(unchecked: handle)
            var u = user, o = org, m = member, a = member
            (u.handle, u.id, u.email) = (name, "id-\(index)", "\(handle)@example.com")
            (o.slug, o.id, o.personalOf) = (slug, "org-\(index)", name)
            (m.org, m.user, a.org, a.user) = (slug, name, "acme", name)
            a.role = "member"
            snapshot.insert(.user(u), at: .user(name))
            snapshot.insert(.org(o), at: .org(slug))
            snapshot.insert(.member(m), at: .member(org: slug, user: name))
            snapshot.insert(.member(a), at: .member(org: "acme", user: name))
        }
        let found = RuleRegistry.check(snapshot)
        #expect(found.isEmpty, "\(found.prefix(5).map(\.formatted))")
    }
}

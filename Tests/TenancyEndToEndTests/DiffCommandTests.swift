import Foundation
import Testing
import Tenancy
import TenancyTestSupport

/// Users carol, dave, erin and frank, members of acme: six members with alice and bob.
/// They have no personal organizations (the policy does not require them here), and the
/// base's pending invitation goes to someone who is not a member.
private let team: [String: String?] = {
    var files: [String: String?] = [
        "tenancy.json": "{\n  \"format\": 1,\n  \"personalOrganizations\": {\n    \"required\": false\n  }\n}\n",
        RegistryFiles.invitationPath: RegistryFiles.base[RegistryFiles.invitationPath]!
            .replacingOccurrences(of: "carol@example.com", with: "heidi@example.com"),
    ]
    for (index, handle) in ["carol", "dave", "erin", "frank"].enumerated() {
        files["users/\(handle).json"] = RegistryFiles.user(handle, id: "00000000-0000-4000-8000-00000000000\(index)")
        files["orgs/acme/members/\(handle).json"] = RegistryFiles.member(handle, "member")
    }
    return files
}()

/// `team`'s policy with `"review": {"massRemoval": massRemoval}` (canonical JSON text,
/// indented for its place).
private func policy(massRemoval: String) -> String {
    "{\n  \"format\": 1,\n  \"personalOrganizations\": {\n    \"required\": false\n  },\n  \"review\": {\n    \"massRemoval\": \(massRemoval)\n  }\n}\n"
}

/// A `massRemoval` object, in canonical form at its place in the policy.
private func massRemoval(_ maxFraction: String, _ minRemoved: Int) -> String {
    "{\n      \"maxFraction\": \(maxFraction),\n      \"minRemoved\": \(minRemoved)\n    }"
}

/// Commits the base registry with `team`, then `change` on top of it; returns the repository.
private func committedChange(_ change: [String: String?]) throws -> TemporaryGitRepository {
    let repository = try registryRepository(team)
    try repository.commitRegistry(RegistryFiles.registry(team.merging(change) { $1 }), "change")
    return repository
}

/// `change` with every base file under `prefix` removed.
private func removing(_ prefix: String, _ change: [String: String?] = [:]) -> [String: String?] {
    var files = change
    for path in RegistryFiles.base.keys where path.hasPrefix(prefix) && files[path] == nil {
        files.updateValue(nil, forKey: path)
    }
    return files
}

struct DiffCommandTests {
    @Test func membersAddedRemovedAndChangedAgainstTheWorkingTree() throws {
        let repository = try registryRepository(team)
        try repository.write("registry/users/gina.json", RegistryFiles.user("gina", id: "00000000-0000-4000-8000-000000000009"))
        try repository.write("registry/orgs/acme/members/gina.json", RegistryFiles.member("gina", "member"))
        try repository.write("registry/orgs/acme/members/carol.json", RegistryFiles.member("carol", "admin"))
        try repository.remove("registry/orgs/acme/members/dave.json")

        let run = try tenancy(["diff", "HEAD"], in: repository)
        #expect(run.status == 0)
        #expect(run.stdout == """
            users:
              + gina
            acme:
              ~ carol: member -> admin
              - dave (member)
              + gina (member)

            no problems found in 22 files

            """)
    }

    @Test func aMovedOrganizationWithTheSameIDIsARename() throws {
        var change = removing("orgs/acme/")
        for (path, contents) in RegistryFiles.base where path.hasPrefix("orgs/acme/") {
            change["orgs/acme-corp/" + path.dropFirst("orgs/acme/".count)] = contents
        }
        for (path, contents) in team where path.hasPrefix("orgs/acme/") {
            change.updateValue(nil, forKey: path)
            change["orgs/acme-corp/" + path.dropFirst("orgs/acme/".count)] = contents
        }
        change["orgs/acme-corp/org.json"] = RegistryFiles.org("acme-corp", id: RegistryFiles.acmeID, previousSlugs: ["acme"])
        let repository = try committedChange(change)

        let run = try tenancy(["diff", "HEAD~1", "HEAD"], in: repository)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("acme-corp:\n  ~ organization renamed from acme\n\n"))
    }

    @Test func deletingAProjectListsWhoLosesAccess() throws {
        let repository = try committedChange(removing("orgs/acme/projects/web/"))
        let run = try tenancy(["diff", "HEAD~1", "HEAD"], in: repository)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("acme:\n  - project web\n  - web/bob (member)\n\n"))
    }

    @Test func aPersonalOrganizationConvertedToATeamIsARenameAndAConversion() throws {
        let policy = """
            {
              "format": 1,
              "personalOrganizations": {
                "required": false
              }
            }

            """
        let converted = RegistryFiles.org("alice-co", id: "2d8a3c74-6e3a-4f9a-9c77-4b8b2b8b4d32", previousSlugs: ["alice"])
        let repository = try registryRepository(team.merging(["tenancy.json": policy]) { $1 })
        var change = removing("orgs/alice/", ["tenancy.json": policy, "orgs/alice-co/org.json": converted])
        change["orgs/alice-co/members/alice.json"] = RegistryFiles.member("alice", "owner")
        try repository.commitRegistry(RegistryFiles.registry(team.merging(change) { $1 }), "convert")

        let run = try tenancy(["diff", "HEAD~1", "HEAD"], in: repository)
        #expect(run.stdout.hasPrefix("""
            alice-co:
              ~ organization renamed from alice
              ~ organization converted: personal -> team

            """))
        #expect(run.status == 0, "\(run.stdout)")
    }

    @Test func removingMoreThanAQuarterAndAtLeastThreeMembersIsRefusedUnlessAllowed() throws {
        let repository = try committedChange([
            "orgs/acme/members/carol.json": nil, "orgs/acme/members/dave.json": nil, "orgs/acme/members/erin.json": nil,
        ])
        let refused = try tenancy(["diff", "HEAD~1", "HEAD"], in: repository)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("""
            registry/orgs/acme/org.json:1:1: error: removes 3 of 6 members of acme (50%), more than the policy allows (more than 25% and at least 3: "review.massRemoval"; use --allow-mass-removal if this is intended) [mass-removal]
            """))
        let allowed = try tenancy(["diff", "HEAD~1", "HEAD", "--allow-mass-removal"], in: repository)
        #expect(allowed.status == 0)
        #expect(allowed.stdout.hasPrefix("acme:\n  - carol (member)\n  - dave (member)\n  - erin (member)\n"))
    }

    /// The hard-coded 25% made removing 2 of 6 (or 1 of 3) a mass removal: small teams hit it.
    @Test func removingTwoOfSixMembersIsNoMassRemovalByDefault() throws {
        let repository = try committedChange(["orgs/acme/members/carol.json": nil, "orgs/acme/members/dave.json": nil])
        let run = try tenancy(["diff", "HEAD~1", "HEAD"], in: repository)
        #expect(run.status == 0, "\(run.stdout)")
    }

    /// `review.massRemoval` in the base revision's policy sets the limit, `null` turns it off.
    @Test func thePolicySetsTheMassRemovalLimit() throws {
        let strict = policy(massRemoval: massRemoval("0.1", 1))
        let repository = try registryRepository(team.merging(["tenancy.json": strict]) { $1 })
        try repository.commitRegistry(RegistryFiles.registry(team.merging([
            "tenancy.json": strict, "orgs/acme/members/carol.json": nil,
        ]) { $1 }), "remove carol")
        let refused = try tenancy(["diff", "HEAD~1", "HEAD"], in: repository)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("removes 1 of 6 members of acme (17%), more than the policy allows (more than 10% and at least 1: "))

        let off = policy(massRemoval: "null")
        try repository.commitRegistry(RegistryFiles.registry(team.merging([
            "tenancy.json": off, "orgs/acme/members/carol.json": nil,
        ]) { $1 }), "turn the guard off")
        try repository.commitRegistry(RegistryFiles.registry(team.merging([
            "tenancy.json": off, "orgs/acme/members/carol.json": nil, "orgs/acme/members/dave.json": nil,
            "orgs/acme/members/erin.json": nil, "orgs/acme/members/frank.json": nil,
        ]) { $1 }), "remove four")
        #expect(try tenancy(["diff", "HEAD~1", "HEAD"], in: repository).status == 0)
    }

    /// A change that turns the guard off is itself judged by the limit it had.
    @Test func aChangeCannotLoosenItsOwnMassRemovalLimit() throws {
        let repository = try committedChange([
            "tenancy.json": policy(massRemoval: "null"),
            "orgs/acme/members/carol.json": nil, "orgs/acme/members/dave.json": nil, "orgs/acme/members/erin.json": nil,
        ])
        let run = try tenancy(["diff", "HEAD~1", "HEAD"], in: repository)
        #expect(run.status == 1)
        #expect(run.stdout.contains("[mass-removal]"))
    }

    @Test func aBadMassRemovalSettingIsAPolicyError() throws {
        let repository = try committedChange(["tenancy.json": policy(massRemoval: massRemoval("1.5", 0))])
        let run = try tenancy(["validate", "--rev", "HEAD"], in: repository)
        #expect(run.status == 1)
        #expect(run.stdout.contains(#"error: "review.massRemoval.maxFraction" must be from 0 to 1 [policy]"#), "\(run.stdout)")
        #expect(run.stdout.contains(#"error: "review.massRemoval.minRemoved" must be at least 1 [policy]"#))
    }

    @Test func aChangedIDIsATransitionViolation() throws {
        let repository = try committedChange([
            "orgs/acme/org.json": RegistryFiles.org("acme", id: "99999999-8a5c-4b1c-9e99-6dadadad6f54")
        ])
        let run = try tenancy(["diff", "HEAD~1", "HEAD"], in: repository)
        #expect(run.status == 1)
        #expect(run.stdout.contains("registry/orgs/acme/org.json:3:9: error: \"id\" changed from"))
        #expect(run.stdout.contains("[transition]"))
    }

    /// Each change under every key (null when it has none), its path written as the
    /// diagnostics write theirs: under the registry.
    @Test func jsonListsEachChangeWithThePermissionItNeeds() throws {
        let repository = try committedChange(["orgs/acme/members/carol.json": RegistryFiles.member("carol", "admin")])
        let run = try tenancy(["diff", "HEAD~1", "HEAD", "--format", "json"], in: repository)
        #expect(run.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["version"] as? Int == 1 && document["errorCount"] as? Int == 0)
        let changes = try #require(document["changes"] as? [[String: Any]])
        let none = NSNull()
        #expect(changes.map { NSDictionary(dictionary: $0) } == [NSDictionary(dictionary: [
            "kind": "roleChanged", "org": "acme", "user": "carol", "from": "member", "to": "admin",
            "permission": "member:update", "path": "registry/orgs/acme/members/carol.json", "project": none,
            "invitation": none, "email": none,
        ])])
    }

    @Test func githubPrintsANoticePerChangeAndAnErrorPerViolation() throws {
        let repository = try committedChange([
            "orgs/acme/members/carol.json": RegistryFiles.member("carol", "admin", createdAt: "2027-01-01T00:00:00Z"),
            "orgs/acme/members/dave.json": nil,
        ])
        let run = try tenancy(["diff", "HEAD~1", "HEAD", "--format", "github"], in: repository)
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == "::notice file=registry/orgs/acme/members/carol.json,title=roleChanged::acme: ~ carol: member -> admin")
        #expect(lines[1] == "::notice title=memberRemoved::acme: - dave (member)")
        #expect(lines[2].hasPrefix("::error file=registry/orgs/acme/members/carol.json,line=2,col=16,title=transition::"))
    }

    @Test func anActorWhoMayMakeEveryChangePasses() throws {
        let repository = try registryRepository(team)
        try repository.write("registry/orgs/acme/members/carol.json", RegistryFiles.member("carol", "admin"))
        let run = try tenancy(["diff", "HEAD", "--actor", "alice"], in: repository)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    @Test func anActorWithoutThePermissionIsAnAuthorizationError() throws {
        let repository = try registryRepository(team)
        try repository.write("registry/orgs/acme/members/carol.json", RegistryFiles.member("carol", "admin"))
        let run = try tenancy(["diff", "HEAD", "--actor", "bob"], in: repository)
        #expect(run.status == 1)
        #expect(run.stdout.contains(
            "registry/orgs/acme/members/carol.json:1:1: error: bob may not change the role of carol in acme from member to admin: needs member:update (organization role member grants org:read, project:read) [authorization]"),
            "\(run.stdout)")
    }

    /// Checked before the changes: with no change at all, an unknown actor is still an error.
    @Test func anUnknownActorIsAnError() throws {
        let repository = try registryRepository(team)
        let run = try tenancy(["diff", "HEAD", "--actor", "nobody"], in: repository)
        #expect(run.status == 1)
        #expect(run.stderr == "tenancy: error: no user 'nobody' in HEAD to authorize as (--actor)\n", "\(run.stderr)")
    }

    @Test func aPolicyChangeIsShownAndNeedsASiteAdmin() throws {
        let repository = try registryRepository(team)
        try repository.write("registry/tenancy.json", "{\n  \"format\": 1,\n  \"usersMayCreateOrganizations\": false\n}\n")
        let run = try tenancy(["diff", "HEAD", "--actor", "alice"], in: repository)
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("policy:\n  ~ tenancy.json changed (roles, permissions, assignments, limits or tests)\n"), "\(run.stdout)")
        #expect(run.stdout.contains("alice may not change the policy (tenancy.json): only a site admin may [authorization]"), "\(run.stdout)")
    }
}

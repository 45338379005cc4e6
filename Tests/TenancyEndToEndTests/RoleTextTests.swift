import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// A role in a membership or an invitation is whatever its file says, any text: the
/// `role-defined` rule judges it (and `owner-remains` sees the organization without an
/// owner), and `list` prints it. Read as a name, `"Owner"` would be one `schema` error
/// and its file dropped.
struct RoleTextTests {
    @Test func aRoleOutsideTheNameGrammarIsJudgedByTheRulesThatJudgeRoles() throws {
        let invitation = RegistryFiles.invitation(status: "pending")
            .replacingOccurrences(of: "\"inviter\": \"alice\",\n", with: "\"inviter\": \"alice\",\n  \"project\": \"web\",\n  \"projectRole\": \"Lead\",\n")
        let f = try MutationFixture([
            "orgs/acme/members/alice.json": RegistryFiles.member("alice", "Owner"),
            RegistryFiles.invitationPath: invitation,
        ])
        let run = try f.run(["validate"])
        #expect(run.status == 1)
        #expect(run.stdout == """
            registry/\(RegistryFiles.invitationPath):8:18: error: invitation project role "Lead" is not a project role ("admin", "member") [role-defined]
            registry/orgs/acme/members/alice.json:3:11: error: role "Owner" of "alice" in organization "acme" is not an organization role ("owner", "admin", "member", "guest") [role-defined]
            registry/orgs/acme/members/bob.json:3:11: error: organization "acme" has no member with an owner role ("owner"); its highest member "bob" is "member" [owner-remains]
            3 errors in 3 files

            """, "\(run.stdout)")
        let list = try f.run(["list", "members", "acme"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("Owner"), "\(list.stdout)")
    }
}

import Foundation
import TenancyTestSupport
import Testing

/// `--as USER` on mutations and `--actor USER` on `tenancy diff`, with the binary. In the
/// base registry alice owns acme, bob is a member, and carol@example.com is invited.
struct AuthorizationCommandTests {
    @Test func aMissingPermissionRefusesTheMutationInOneLine() throws {
        let f = try MutationFixture()
        let run = try f.refuse("member", "set", "acme", "bob", "--role", "admin", "--as", "bob",
            saying: "bob may not change the role of bob in acme from member to admin: needs member:update")
        #expect(run.stderr == "tenancy: error: bob may not change the role of bob in acme from member to admin: needs member:update (organization role member grants org:read, project:read)\n")
    }

    @Test func withoutAsNothingIsAuthorized() throws {
        let f = try MutationFixture()
        try f.change("member", "set", "acme", "bob", "--role", "admin")
    }

    @Test func aDeniedDryRunSaysSoToo() throws {
        let f = try MutationFixture()
        try f.refuse("project", "delete", "acme", "web", "--as", "bob", "--dry-run", saying: "needs project:delete")
    }

    @Test func anUnknownActorIsRefused() throws {
        let f = try MutationFixture()
        try f.refuse("member", "leave", "acme", "bob", "--as", "nobody", saying: "no user 'nobody' to act as (--as)")
    }

    @Test func selfServiceLeaveAndOwnUserFile() throws {
        let f = try MutationFixture()
        try f.refuse("user", "set", "bob", "--name", "Robert", "--as", "alice", saying: "only the user themselves or a site admin may")
        try f.change("user", "set", "bob", "--name", "Robert", "--as", "bob")
        try f.change("member", "leave", "acme", "bob", "--as", "bob")
    }

    @Test func onlyTheInviteeAnswersAnInvitation() throws {
        let f = try MutationFixture()
        try f.refuse("invitation", "decline", "acme", invitationID, "--as", "bob", saying: "it is addressed to carol@example.com")
        try f.change("invitation", "revoke", "acme", invitationID, "--as", "alice")
    }

    /// carol (no personal organization: the policy does not require one here) accepts
    /// her invitation in the working tree.
    func acceptedInWorkingTree() throws -> TemporaryGitRepository {
        let repository = try registryRepository([
            "tenancy.json": "{\n  \"format\": 1,\n  \"personalOrganizations\": {\n    \"required\": false\n  }\n}\n",
            "users/carol.json": RegistryFiles.user("carol", id: "00000000-0000-4000-8000-000000000001"),
        ])
        try repository.write("registry/" + RegistryFiles.invitationPath, RegistryFiles.invitation(status: "accepted", acceptedBy: "carol"))
        try repository.write("registry/orgs/acme/members/carol.json", RegistryFiles.member("carol", "member"))
        return repository
    }

    @Test func diffActorMayAcceptTheirOwnInvitation() throws {
        let run = try tenancy(["diff", "HEAD", "--actor", "carol"], in: try acceptedInWorkingTree())
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    @Test func diffActorErrorsNameEachChangeTheyMayNotMake() throws {
        let run = try tenancy(["diff", "HEAD", "--actor", "bob"], in: try acceptedInWorkingTree())
        #expect(run.status == 1)
        #expect(run.stdout.contains("registry/orgs/acme/members/carol.json:1:1: error: bob may not add members to acme: needs member:add"), "\(run.stdout)")
        #expect(run.stdout.contains("error: bob may not accept invitation \(invitationID): it is addressed to carol@example.com [authorization]"))
    }
}

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

    /// An email is what invitations are addressed to, and the registry cannot verify it:
    /// bob may not take carol@example.com and then accept the invitation sent to it.
    @Test func onlyASiteAdminChangesAnEmail() throws {
        let f = try MutationFixture([
            "users/sam.json": RegistryFiles.user("sam", id: "00000000-0000-4000-8000-000000000003", siteAdmin: true),
            "orgs/sam/org.json": RegistryFiles.org("sam", id: "00000000-0000-4000-8000-000000000004", kind: "personal", personalOf: "sam"),
            "orgs/sam/members/sam.json": RegistryFiles.member("sam", "owner"),
        ])
        let taken = try f.refuse("user", "set", "bob", "--email", "carol@example.com", "--as", "bob",
            saying: "bob may not change the email of bob: only a site admin may")
        #expect(taken.stderr == "tenancy: error: bob may not change the email of bob: only a site admin may (invitations are addressed to emails, which the registry cannot verify)\n")
        try f.refuse("invitation", "accept", "acme", invitationID, "--user", "bob", "--as", "bob", saying: "is addressed to carol@example.com")
        try f.change("user", "set", "bob", "--name", "Robert", "--as", "bob")
        try f.change("user", "set", "bob", "--email", "robert@example.com", "--as", "sam")
        #expect(f.text("users/bob.json").contains(#""email": "robert@example.com""#))
    }

    /// A pull request that changes its author's own email is refused when authorized as
    /// that author.
    @Test func diffActorMayNotChangeTheirOwnEmail() throws {
        let repository = try registryRepository()
        let bob = try #require(RegistryFiles.base["users/bob.json"])
        try repository.write("registry/users/bob.json", bob.replacingOccurrences(of: "bob@example.com", with: "carol@example.com"))
        let run = try tenancy(["diff", "HEAD", "--actor", "bob"], in: repository)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("~ bob: email bob@example.com -> carol@example.com"), "\(run.stdout)")
        #expect(run.stdout.contains("registry/users/bob.json:1:1: error: bob may not change the email of bob: only a site admin may"), "\(run.stdout)")
    }

    @Test func onlyTheInviteeAnswersAnInvitation() throws {
        let f = try MutationFixture()
        try f.change("user", "add", "carol", "--email", "carol@example.com")
        // --user names the invitee, so that the authorization (not the operation) refuses bob.
        try f.refuse(
            "invitation", "decline", "acme", invitationID, "--user", "carol", "--as", "bob",
            saying: "it is addressed to carol@example.com")
        try f.refuse("invitation", "decline", "acme", invitationID, "--as", "bob", saying: "is addressed to carol@example.com, not to 'bob'")
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

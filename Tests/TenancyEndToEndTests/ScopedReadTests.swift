import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// `can`, `show` and `list` read only the files their answer needs (`ReadScope`); they
/// answer as a whole load would (`ReadScopeTests` proves it on generated registries).
struct ScopedReadTests {
    func run(_ tree: TemporaryRegistry, _ args: String...) throws -> TenancyRun {
        try runTenancy(args, cwd: URL(fileURLWithPath: tree.path))
    }

    /// A membership file whose `user` names someone else (a `key-mismatch` error) is the
    /// membership its name says for `show user` as for `can`: `show user` reads one file
    /// per organization, by name, and once listed it by its contents instead.
    @Test func showUserAndCanAgreeOnAMembershipFileThatNamesAnotherUser() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        try tree.write("orgs/acme/members/bob.json", RuleExamples.member("alice", "member"))
        let can = try run(tree, "can", "bob", "org:read", "acme")
        #expect(can.stdout == "yes: granted by organization role member\n", "\(can.stderr)")
        let bob = try run(tree, "show", "user", "bob")
        #expect(bob.stdout.contains("organizations:\n  acme  member\n  bob   owner\n"), "\(bob.stdout)\(bob.stderr)")
        let alice = try run(tree, "show", "user", "alice")
        #expect(alice.stdout.contains("organizations:\n  acme   owner\n  alice  owner\n"), "\(alice.stdout)\(alice.stderr)")
    }

    /// A file that breaks a file rule elsewhere in the registry changes no answer; a broken
    /// file the answer needs counts as absent, as in a whole load.
    @Test func aBrokenFileCountsAsAbsent() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        try tree.write("orgs/alice/org.json", "{ broken")
        try tree.write("orgs/acme/projects/web/members/bob.json", "{ broken")
        #expect(try run(tree, "show", "user", "bob").stdout.contains("organizations:\n  acme  member\n  bob   owner\n"))
        #expect(try run(tree, "can", "bob", "project:read", "acme/web").stdout.hasPrefix("yes: granted by organization role member"))
        #expect(try run(tree, "list", "orgs").stdout == "SLUG  KIND      MEMBERS  NAME\nacme  team      2        Acme Inc.\nbob   personal  1        bob\n")
        let missing = try run(tree, "show", "org", "alice")
        #expect(missing.status == 1 && missing.stderr == "tenancy: error: no organization 'alice' in registry\n")
    }
}

import Tenancy
import Testing

/// Each forge's grammar of logins (docs/FORMAT.md).
struct ForgeTests {
    @Test(arguments: [
        (Forge.github, "alice-gh", true), (.github, "A1ice", true), (.github, String(repeating: "a", count: 39), true),
        (.github, String(repeating: "a", count: 40), false), (.github, "-alice", false), (.github, "alice-", false),
        (.github, "al--ice", false), (.github, "al_ice", false), (.github, "al.ice", false), (.github, "", false),
        (.github, "alïce", false), (.github, "al ice", false),
        (.gitlab, "alice.b", true), (.gitlab, "_alice", true), (.gitlab, "alice-", true), (.gitlab, "-alice", false),
        (.gitlab, "alice.", false), (.gitlab, "alice.git", false), (.gitlab, "alice.ATOM", false),
        (.gitea, "alice_b", true), (.gitea, "a.b-c", true), (.gitea, "_alice", false), (.gitea, "alice.", false),
        (.gitea, "a..b", false), (.gitea, "a-_b", false), (.gitea, String(repeating: "a", count: 41), false),
    ])
    func aLoginIsValidExactlyWhenItsForgeAllowsIt(forge: Forge, login: String, valid: Bool) {
        #expect((forge.problem(with: login) == nil) == valid, "\(forge) \(login): \(forge.problem(with: login) ?? "valid")")
    }

    @Test func loginsCompareWithoutRegardToCase() {
        #expect(Forge.sameLogin("Alice-GH", "alice-gh"))
        #expect(!Forge.sameLogin("alice", "alice2"))
    }
}

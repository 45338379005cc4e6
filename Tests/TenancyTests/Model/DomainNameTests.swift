import TenancyTestSupport
import Testing
@testable import TenancyCore

/// `Handle`, `Slug`, `RoleName` and `Permission` are made only from valid text.
struct DomainNameTests {
    @Test(arguments: ["a", "alice", "a-b", "x1", String(repeating: "a", count: 39)])
    func aValidNameMakesEveryNameType(_ text: String) {
        #expect(Handle(text)?.rawValue == text)
        #expect(Slug(text)?.description == text)
        #expect(RoleName(text)?.rawValue == text)
    }

    @Test(arguments: ["", "Alice", "-a", "a--b", "a b", "con", "zoë", String(repeating: "a", count: 40)])
    func anInvalidNameMakesNone(_ text: String) {
        #expect(Handle(text) == nil)
        #expect(Slug(text) == nil)
        #expect(RoleName(text) == nil)
    }

    @Test(arguments: ["*", "member:add", "billing:*", "Billing.Manage", "ünïcode"])
    func aPermissionIsAnyPrintableWord(_ text: String) {
        #expect(Permission(text)?.rawValue == text)
    }

    @Test(arguments: ["", "member add", "a\tb", "a\n", "a\u{1B}[2J", "a\u{202E}b"])
    func aPermissionHasNoWhitespaceOrControls(_ text: String) {
        #expect(Permission(text) == nil)
    }

    @Test func namesOrderAndCompareByTheirText() {
        let alice = "alice", bob = "bob"
        #expect([Handle(bob)!, Handle(alice)!].sorted() == [Handle(alice)!, Handle(bob)!])
        #expect(Handle(alice) == Handle(unchecked: alice))
        #expect(Permission.all.matches("org:read"))
    }
}

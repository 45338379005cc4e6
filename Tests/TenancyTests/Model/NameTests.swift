import Testing
@testable import TenancyCore

/// The grammars of handles and slugs, ids and emails.
struct NameTests {
    @Test(arguments: ["a", "0", "alice", "a-b", "a1-b2-c3", "x1", String(repeating: "a", count: 39), "cons", "com0", "lpt10"])
    func aValidNameHasNoProblem(_ name: String) {
        #expect(Name.problem(with: name) == nil)
        #expect(Name.isValid(name))
    }

    @Test(arguments: [
        ("", "is empty"),
        (String(repeating: "a", count: 40), "is longer than 39 characters"),
        ("-a", "may not start or end with a hyphen"),
        ("a-", "may not start or end with a hyphen"),
        ("-", "may not start or end with a hyphen"),
        ("a--b", "may not contain '--'"),
        ("Alice", "may contain only lowercase letters, digits and single inner hyphens"),
        ("a_b", "may contain only lowercase letters, digits and single inner hyphens"),
        ("a.b", "may contain only lowercase letters, digits and single inner hyphens"),
        ("a/b", "may contain only lowercase letters, digits and single inner hyphens"),
        ("zoë", "may contain only lowercase letters, digits and single inner hyphens"),
        ("a b", "may contain only lowercase letters, digits and single inner hyphens"),
    ])
    func anInvalidNameSaysWhy(_ name: String, _ problem: String) {
        #expect(Name.problem(with: name) == problem)
        #expect(!Name.isValid(name))
    }

    /// Windows cannot create these files, whatever the extension: `con.json` included.
    @Test(arguments: ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9"])
    func aDeviceNameIsReserved(_ name: String) {
        #expect(Name.problem(with: name) == "is a reserved device name")
    }

    @Test func theLongestNameIsCountedInBytes() {
        // 39 two-byte characters are 78 bytes: too long, whatever else is wrong with them.
        #expect(Name.problem(with: String(repeating: "é", count: 39)) == "is longer than 39 characters")
    }

    @Test(arguments: ["4fac5e96-8a5c-4b1c-9e99-6dadadad6f54", "00000000-0000-0000-0000-000000000000"])
    func aLowercaseUUIDIsAnID(_ text: String) {
        #expect(UUIDString.isValid(text))
    }

    @Test(arguments: [
        "", "4FAC5E96-8A5C-4B1C-9E99-6DADADAD6F54", "4fac5e96-8a5c-4b1c-9e99-6dadadad6f5",
        "4fac5e96-8a5c-4b1c-9e99-6dadadad6f540", "4fac5e968a5c-4b1c-9e99-6dadadad6f54-",
        "4fac5e96_8a5c_4b1c_9e99_6dadadad6f54", "4fac5e96-8a5c-4b1c-9e99-6dadadad6f5g", "{4fac5e96-8a5c-4b1c-9e99-6dadadad6f}",
    ])
    func anythingElseIsNotAnID(_ text: String) {
        #expect(!UUIDString.isValid(text))
    }

    @Test func anEmailIsStoredLowercasedAndTrimmed() {
        #expect(Email.normalized("alice@example.com") == "alice@example.com")
        #expect(Email.normalized("  Alice@Example.COM\t\n") == "alice@example.com")
        #expect(Email.normalized("ZOË@EXÄMPLE.ORG") == "zoë@exämple.org")
        #expect(Email.problem(with: "Alice@example.com") == "must be stored lowercased and trimmed")
        #expect(Email.problem(with: "alice@example.com ") == "must be stored lowercased and trimmed")
    }

    @Test(arguments: ["", "alice", "@example.com", "alice@", "a@b@example.com", "alice@example", "alice@.example.com", "alice@example.com."])
    func anEmailHasOneAtAndADottedDomain(_ text: String) {
        #expect(Email.problem(with: text) == "is not an email address")
    }

    /// Plain ASCII takes a fast path over the bytes, anything else the general one: they agree.
    @Test func bothPathsOfTheEmailCheckAgree() {
        for (ascii, unicode) in [("a@x.io", "ä@x.io"), ("a@x", "ä@x"), ("a@.x.io", "ä@.x.io"), ("a@b@x.io", "ä@b@x.io")] {
            #expect((Email.problem(with: ascii) == nil) == (Email.problem(with: unicode) == nil), "\(ascii) / \(unicode)")
        }
    }

    @Test func aDisplayNameIsAnyNonEmptyTextOnOneLine() {
        #expect(DisplayName.problem(with: " ") == nil)
        #expect(DisplayName.problem(with: "") == "must not be empty")
        #expect(DisplayName.problem(with: "a\rb") == "may not contain control characters, line separators or bidi controls")
    }
}

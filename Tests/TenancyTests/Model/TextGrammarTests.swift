import Tenancy
import Testing

/// The grammars of emails and display names, which are printed and so may hold nothing
/// that is unsafe on a terminal.
struct TextGrammarTests {
    @Test(arguments: [
        "a\u{1B}]0;pwned\u{7}@x.com", "a\tb@x.com", "a\u{7F}@x.com", "a\u{85}@x.com", "a\u{9B}@x.com",
        "a b@x.com", "a\u{A0}b@x.com", "a@x\u{2028}.com", "a\u{202E}@x.com", "a@x.com\u{2069}", "\u{3000}a@x.com",
    ])
    func anEmailHoldsNoControlWhitespaceOrBidiControl(_ email: String) {
        #expect(Email.problem(with: email) == "may not contain control characters, whitespace or bidi controls")
    }

    @Test func wellFormedEmailsStillPass() {
        for email in ["alice@example.com", "zoë@exämple.org", "a+tag@x.io"] {
            #expect(Email.problem(with: email) == nil, "\(email)")
        }
        #expect(Email.problem(with: " a@x.com") == "must be stored lowercased and trimmed")
        #expect(Email.problem(with: "a@x") == "is not an email address")
    }

    @Test(arguments: ["A\u{1B}[2J", "A\tB", "A\nB", "A\u{7F}", "A\u{9B}", "A\u{2028}B", "A\u{2029}", "\u{202A}A", "A\u{202E}B", "A\u{2066}", "A\u{2069}"])
    func aDisplayNameHoldsNoControlSeparatorOrBidiControl(_ name: String) {
        #expect(DisplayName.problem(with: name) == "may not contain control characters, line separators or bidi controls")
    }

    @Test func displayNamesMayBeAnyOtherText() {
        for name in ["Acme Inc.", "Zoë Müller", "e\u{301}\u{301}", "東京 👩‍👩‍👧", "שלום", "a\u{200F}b"] {
            #expect(DisplayName.problem(with: name) == nil, "\(name)")
        }
        #expect(DisplayName.problem(with: "") == "must not be empty")
    }

    @Test func sourceDateEpochMustBeATimeTheFormatCanWrite() {
        #expect(Timestamp.now(environment: ["SOURCE_DATE_EPOCH": "1795392000"])?.description == "2026-11-23T00:00:00Z")
        #expect(Timestamp.now(environment: ["SOURCE_DATE_EPOCH": "253402300799"])?.description == "9999-12-31T23:59:59Z")
        for bad in ["9223372036854775807", "253402300800", "-1", "soon", "1.5", " 1"] {
            #expect(Timestamp.now(environment: ["SOURCE_DATE_EPOCH": bad]) == nil, "\(bad)")
        }
        #expect(Timestamp.now(environment: ["SOURCE_DATE_EPOCH": ""]) != nil)
    }
}

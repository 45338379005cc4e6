import Foundation
import Tenancy
import TenancyCLI
import TenancyFixtures
import Testing

struct TerminalTextTests {
    @Test func controlsSeparatorsAndBidiControlsAreEscapedInSwiftNotation() {
        #expect(TerminalText.escaped("a\u{1B}]0;x\u{07}b") == #"a\u{1B}]0;x\u{7}b"#)
        #expect(TerminalText.escaped("\t\r\n\u{0}\u{7F}\u{85}\u{9B}") == #"\u{9}\u{D}\u{A}\u{0}\u{7F}\u{85}\u{9B}"#)
        #expect(TerminalText.escaped("evil\u{202E}txt\u{2066}\u{2069}\u{2028}\u{2029}") == #"evil\u{202E}txt\u{2066}\u{2069}\u{2028}\u{2029}"#)
    }

    @Test func printableTextIsKeptAsItIs() {
        for text in ["", "Acme Inc.", "Zoë Müller", "e\u{301}", "東京", "👩‍👩‍👧", #"C:\path\u{1B}"#, "\u{A0}\u{200B}"] {
            #expect(TerminalText.escaped(text) == text)
        }
    }

    @Test func jsonKeepsItsLayoutAndEscapesWhatJSONWritersLeaveRaw() throws {
        let json = "{\n  \"a\": \"x\u{7F}\u{9B}\u{2028}\u{202E}é\"\n}\n"
        let escaped = TerminalText.escapedJSON(json)
        #expect(escaped == "{\n  \"a\": \"x\\u007f\\u009b\\u2028\\u202eé\"\n}\n")
        let value = try JSONSerialization.jsonObject(with: Data(escaped.utf8)) as? [String: String]
        #expect(value == ["a": "x\u{7F}\u{9B}\u{2028}\u{202E}é"])
    }
}

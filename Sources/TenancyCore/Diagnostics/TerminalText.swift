/// Text from files, paths and arguments is untrusted: an ESC can retitle a terminal or
/// hide what follows, a bidi override can make a name read backwards, a line separator
/// can fake a second diagnostic. Every text output passes what it quotes through
/// `escaped`, and every JSON output through `escapedJSON`, so none of these characters
/// reaches a terminal raw and one diagnostic stays one line.
public enum TerminalText {
    /// The C0 and C1 controls and DEL (Unicode category Cc), the line and paragraph
    /// separators U+2028/U+2029, and the bidi embedding, override and isolate controls
    /// (U+202A–U+202E, U+2066–U+2069). Display names may not hold any of them.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` with each unsafe character written in Swift's notation, `\u{1B}`.
    public static func escaped(_ text: String) -> String {
        // Nearly all text is printable ASCII: checking that is cheaper than rebuilding it.
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// JSON text with the unsafe characters that JSON writers leave raw (DEL, C1, the
    /// separators and bidi controls; every writer escapes C0) as `\u007f`: the same value
    /// to any JSON parser. They can only occur inside strings, where the escape is valid.
    public static func escapedJSON(_ json: String) -> String {
        if json.utf8.allSatisfy({ $0 < 0x7F }) { return json }
        var result = ""
        for scalar in json.unicodeScalars {
            if scalar.value >= 0x7F && isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The same, on UTF-8 bytes (an export's document).
    public static func escapedJSON(_ json: [UInt8]) -> [UInt8] {
        if json.allSatisfy({ $0 < 0x7F }) { return json }
        return Array(escapedJSON(String(decoding: json, as: UTF8.self)).utf8)
    }
}

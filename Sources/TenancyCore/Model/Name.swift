/// The grammar of handles, organization slugs and project slugs (docs/FORMAT.md):
/// `^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$`, and not a Windows device name.
///
/// ASCII lowercase names mean no two entities can collide on a case-insensitive or
/// normalizing file system, and a name is safe to use as a path component.
public enum Name {
    public static let maxLength = 39

    static let deviceNames: Set<String> = {
        var names: Set<String> = ["con", "prn", "aux", "nul"]
        for n in 1...9 {
            names.insert("com\(n)")
            names.insert("lpt\(n)")
        }
        return names
    }()

    public static func isValid(_ name: String) -> Bool {
        problem(with: name) == nil
    }

    /// Why `name` breaks the grammar, or nil when it is a valid name.
    public static func problem(with name: String) -> String? {
        // Over the string's own bytes: this runs several times for every file.
        if let problem = withUTF8(name, grammarProblem) { return problem }
        // Only three- and four-letter names can be device names: no hashing for the rest.
        if name.utf8.count <= 4, deviceNames.contains(name) { return "is a reserved device name" }
        return nil
    }

    private static func grammarProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard !bytes.isEmpty else { return "is empty" }
        guard bytes.count <= maxLength else { return "is longer than \(maxLength) characters" }
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                continue
            case UInt8(ascii: "-"):
                if index == 0 || index == bytes.count - 1 {
                    return "may not start or end with a hyphen"
                }
                if bytes[index + 1] == UInt8(ascii: "-") { return "may not contain '--'" }
            default:
                return "may contain only lowercase letters, digits and single inner hyphens"
            }
        }
        return nil
    }
}

/// A lowercase UUID, the form of every `id`.
public enum UUIDString {
    public static func isValid(_ text: String) -> Bool {
        withUTF8(text, isValid)
    }

    private static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                if byte != UInt8(ascii: "-") { return false }
            } else if !isLowerHex(byte) {
                return false
            }
        }
        return true
    }

    static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}

/// Emails are stored lowercased and trimmed; this checks the shape, not deliverability.
/// An email holds no control, whitespace or bidi control character (see `TerminalText`):
/// it is printed, and invitations are addressed to it.
public enum Email {
    public static func normalized(_ text: String) -> String {
        // Stored emails are already normalized: checking that is cheaper than redoing it.
        if withUTF8(text, isNormalizedASCII) { return text }
        return String(text.lowercased().trimmingASCIIWhitespace())
    }

    /// True for plain ASCII without capitals and without whitespace at either end, which
    /// lowercasing and trimming leave as it is.
    private static func isNormalizedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, !isSpace(first), !isSpace(last) else { return false }
        return !bytes.contains { $0 >= 0x80 || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(byte)
    }

    static let forbiddenCharacters = "may not contain control characters, whitespace or bidi controls"

    /// Why `text` is not a stored email, or nil when it is one.
    public static func problem(with text: String) -> String? {
        if let answer = withUTF8(text, asciiProblem) { return answer }
        if text != normalized(text) { return "must be stored lowercased and trimmed" }
        if text.unicodeScalars.contains(where: { TerminalText.isUnsafe($0) || $0.properties.isWhitespace }) {
            return forbiddenCharacters
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            return "is not an email address"
        }
        let domain = parts[1]
        if !domain.contains(".") || domain.hasPrefix(".") || domain.hasSuffix(".") {
            return "is not an email address"
        }
        return nil
    }

    /// The same checks over the bytes of a plain ASCII email, where each character is one
    /// byte; nil (no answer) for anything else, which takes the general path above.
    private static func asciiProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String?? {
        guard isNormalizedASCII(bytes) else { return nil }
        // Space, the controls and DEL.
        if bytes.contains(where: { $0 <= 0x20 || $0 == 0x7F }) { return .some(forbiddenCharacters) }
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1,
            !bytes[(at + 1)...].contains(UInt8(ascii: "@"))
        else { return .some("is not an email address") }
        let domain = bytes[(at + 1)...]
        if !domain.contains(UInt8(ascii: ".")) || domain.first == UInt8(ascii: ".") || domain.last == UInt8(ascii: ".") {
            return .some("is not an email address")
        }
        return .some(nil)
    }
}

/// The display `name` of users, organizations and projects: any text on one line that
/// prints as it reads, so no control, line separator or bidi control (see `TerminalText`).
public enum DisplayName {
    /// Why `text` is not a display name, or nil when it is one.
    public static func problem(with text: String) -> String? {
        if text.isEmpty { return "must not be empty" }
        if text.unicodeScalars.contains(where: TerminalText.isUnsafe) {
            return "may not contain control characters, line separators or bidi controls"
        }
        return nil
    }
}

extension String {
    func trimmingASCIIWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return self[first...last]
    }
}

/// A code forge whose accounts a user may be known by: the keys of a user's `logins`
/// (docs/FORMAT.md). A login says who opened a pull request (`tenancy diff --actor-login`)
/// and whom CODEOWNERS names (`tenancy codeowners`). Gitea's grammar is Forgejo's and
/// Codeberg's too.
public enum Forge: String, JSONKey, Comparable, CustomStringConvertible {
    case gitea, github, gitlab
    public static let names = allNames

    public var description: String { rawValue }

    public static func < (a: Forge, b: Forge) -> Bool { a.rawValue < b.rawValue }

    /// Why `login` cannot be an account name on this forge, or nil when it can be.
    /// Every forge's logins are ASCII, so none can hold a control or a space.
    public func problem(with login: String) -> String? {
        let ascii = Array(login.utf8)
        guard !ascii.isEmpty else { return "is empty" }
        guard ascii.count <= maxLength else { return "is longer than \(maxLength) characters" }
        guard ascii.allSatisfy({ isLetterOrDigit($0) || punctuation.utf8.contains($0) }) else {
            return "may hold only ASCII letters, digits and \(punctuationList) (a \(rawValue) login)"
        }
        return shapeProblem(ascii)
    }

    private var maxLength: Int {
        switch self {
        case .github: 39
        case .gitlab: 255
        case .gitea: 40
        }
    }

    private var punctuation: String {
        self == .github ? "-" : "-_."
    }

    private var punctuationList: String {
        self == .github ? "hyphens" : "'-', '_' and '.'"
    }

    /// Where the punctuation may stand, by each forge's own rules.
    private func shapeProblem(_ ascii: [UInt8]) -> String? {
        let first = ascii.first!, last = ascii.last!
        switch self {
        case .github:
            if first == UInt8(ascii: "-") || last == UInt8(ascii: "-") { return "may not start or end with a hyphen" }
            if ascii.indices.dropFirst().contains(where: { ascii[$0] == UInt8(ascii: "-") && ascii[$0 - 1] == ascii[$0] }) {
                return "may not hold two hyphens in a row"
            }
        case .gitlab:
            if first == UInt8(ascii: "-") { return "may not start with '-'" }
            let text = String(decoding: ascii, as: UTF8.self).lowercased()
            if last == UInt8(ascii: ".") || text.hasSuffix(".git") || text.hasSuffix(".atom") {
                return "may not end with '.', '.git' or '.atom'"
            }
        case .gitea:
            if !isLetterOrDigit(first) || !isLetterOrDigit(last) { return "must start and end with a letter or digit" }
            if ascii.indices.dropFirst().contains(where: { !isLetterOrDigit(ascii[$0]) && !isLetterOrDigit(ascii[$0 - 1]) }) {
                return "may not hold two of '-', '_' and '.' in a row"
            }
        }
        return nil
    }

    private func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Forges compare logins without regard to case: `Alice` and `alice` are one account.
    public static func sameLogin(_ a: String, _ b: String) -> Bool {
        comparable(a) == comparable(b)
    }

    /// The form in which logins compare (`sameLogin`), for keying them.
    public static func comparable(_ login: String) -> String { login.lowercased() }
}

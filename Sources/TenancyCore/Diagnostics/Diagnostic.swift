/// A position in a source file: 1-based line, and 1-based column counted in Unicode
/// scalars (what editors show for our files).
public struct Position: Hashable, Sendable, Codable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The position of whole-file problems.
    public static let start = Position(line: 1, column: 1)

    public static func < (a: Position, b: Position) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// The stable identifier of a rule, as used in diagnostics and in the docs: its type's
/// name without `Rule`, in lowercase words joined by hyphens (`KeyMismatchRule` is
/// `key-mismatch`, `IDUniqueRule` is `id-unique`). It is made from a rule type only, so
/// every id the tool prints is a rule's, found in the registry with its documentation:
/// name it by the rule (`JSONRule.id`), never by its text.
public struct RuleID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// `key-mismatch`.
    public let name: String

    /// The id of `rule`; each rule type keeps its own in `static let id`, made once.
    public init(_ rule: any Rule.Type) {
        name = Self.words(of: String(describing: rule).dropLast("Rule".count))
    }

    public var description: String { name }
    public static func < (a: RuleID, b: RuleID) -> Bool { a.name < b.name }

    /// `KeyMismatch` -> `key-mismatch`, `IDUnique` -> `id-unique`: a word starts at an
    /// uppercase letter after a lowercase one, or at the last capital of an acronym.
    static func words(of name: Substring) -> String {
        let letters = Array(name)
        var words = ""
        for (index, letter) in letters.enumerated() {
            let previous = index > 0 ? letters[index - 1] : nil
            let next = index + 1 < letters.count ? letters[index + 1] : nil
            if letter.isUppercase, let previous,
                previous.isLowercase || (previous.isUppercase && next?.isLowercase == true)
            {
                words += "-"
            }
            words += letter.lowercased()
        }
        return words
    }
}

/// One finding: what is wrong, which rule says so, and where.
///
/// It is itself an `Error`, so an operation refused by a rule can throw it.
public struct Diagnostic: Error, Hashable, Sendable, Comparable {
    public enum Severity: String, Hashable, Sendable {
        case error, warning
    }

    /// Path relative to the registry root, with `/` separators.
    public var path: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var rule: RuleID
    public var message: String

    public init(
        path: String, at position: Position = .start, rule: RuleID, message: String,
        severity: Severity = .error
    ) {
        self.path = path
        self.line = position.line
        self.column = position.column
        self.severity = severity
        self.rule = rule
        self.message = message
    }

    public var position: Position { Position(line: line, column: column) }

    /// Sorted by path, then position, then rule, then message: a stable order for output.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.path, a.line, a.column, a.rule.name, a.message)
            < (b.path, b.line, b.column, b.rule.name, b.message)
    }

    /// `path:line:column: error: message [rule-id]`
    public var formatted: String {
        "\(path):\(line):\(column): \(severity.rawValue): \(message) [\(rule)]"
    }
}

/// Collects diagnostics from rules, keeping rules apart from output.
public struct DiagnosticSink: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func emit(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func emit(
        _ rule: RuleID, _ message: String, path: String, at position: Position = .start
    ) {
        diagnostics.append(Diagnostic(path: path, at: position, rule: rule, message: message))
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    public var sorted: [Diagnostic] { diagnostics.sorted() }
    public var isEmpty: Bool { diagnostics.isEmpty }
}

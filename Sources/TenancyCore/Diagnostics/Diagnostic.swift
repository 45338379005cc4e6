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

/// The stable identifier of a rule, as used in diagnostics and in the docs.
public struct RuleID: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// One finding: what is wrong, which rule says so, and where.
///
/// It is itself an `Error`, so an operation refused by a rule can throw it.
public struct Diagnostic: Error, Hashable, Sendable, Codable, Comparable {
    public enum Severity: String, Hashable, Sendable, Codable {
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
        (a.path, a.line, a.column, a.rule.rawValue, a.message)
            < (b.path, b.line, b.column, b.rule.rawValue, b.message)
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

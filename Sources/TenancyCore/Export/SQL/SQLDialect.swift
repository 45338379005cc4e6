/// The SQL engines `tenancy export sql` writes for.
public enum SQLDialect: String, CaseIterable, Hashable, Sendable {
    case postgresql, sqlite
}

/// A value of one column of one row, written as a literal of the dialect.
enum SQLValue: Hashable, Sendable {
    case null
    case text(String)
    case integer(Int)
    case boolean(Bool)
    /// An RFC 3339 UTC timestamp: `timestamptz` in PostgreSQL, text in SQLite.
    case timestamp(Timestamp)
    /// A JSON document's text: `json` in PostgreSQL, text in SQLite.
    case json(String)

    init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }
    init(_ timestamp: Timestamp?) { self = timestamp.map(SQLValue.timestamp) ?? .null }

    /// The literal, appended to `script`.
    func write(_ dialect: SQLDialect, to script: inout String) throws(SQLExportError) {
        switch self {
        case .null: script += "NULL"
        case .text(let text): try Self.writeString(text, dialect, to: &script)
        case .integer(let number): script += String(number)
        case .boolean(let value): script += dialect == .postgresql ? (value ? "TRUE" : "FALSE") : (value ? "1" : "0")
        case .timestamp(let timestamp): script += "'\(timestamp)'"
        case .json(let text):
            // A literal with a line break is an expression of type text, which PostgreSQL
            // does not turn into json on its own.
            if dialect == .postgresql { script += "CAST(" }
            try Self.writeString(text, dialect, to: &script)
            if dialect == .postgresql { script += " AS json)" }
        }
    }

    /// A string literal that means `text` whatever it holds: quotes are doubled (the only
    /// escape of a standard SQL string, in which a backslash is an ordinary character: the
    /// PostgreSQL script turns `standard_conforming_strings` on), and each control
    /// character is written as `chr(n)` (PostgreSQL) or `char(n)` (SQLite) joined with
    /// `||`, so that every statement stays on one line and no line of a literal can be
    /// read by `psql` or `sqlite3` as one of their own commands. NUL, which a PostgreSQL
    /// text cannot hold, is refused.
    static func writeString(_ text: String, _ dialect: SQLDialect, to script: inout String) throws(SQLExportError) {
        // Almost every text needs no escape: appended whole, not a scalar at a time.
        if !text.isEmpty && !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "'") }) {
            script += "'"
            script += text
            script += "'"
            return
        }
        var quoted = false, first = true
        for scalar in text.unicodeScalars {
            if scalar.value == 0 { throw SQLExportError.nul(text) }
            if scalar.value < 0x20 || scalar.value == 0x7F {
                if quoted { script += "'" }
                if !first { script += " || " }
                script += dialect == .postgresql ? "chr(\(scalar.value))" : "char(\(scalar.value))"
                quoted = false
            } else {
                if !quoted {
                    if !first { script += " || " }
                    script += "'"
                    quoted = true
                }
                if scalar == "'" { script += "'" }
                script.unicodeScalars.append(scalar)
            }
            first = false
        }
        if first { script += "''" } else if quoted { script += "'" }
    }
}

/// Why a registry cannot be written as SQL.
public enum SQLExportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A text holds NUL, which a PostgreSQL text cannot hold (the loader refuses it in
    /// every name; only a value such as metadata's could carry it, escaped).
    case nul(String)
    /// A reference names an entity the registry does not have. Rows are built while the
    /// rules check the registry, so a registry breaking `dangling-reference` gets here; its
    /// rule errors are reported instead, first.
    case dangling(String)

    public var description: String {
        switch self {
        case .nul: "a text holds the character NUL, which SQL text cannot hold"
        case .dangling(let name): "\(name) is named but not in the registry"
        }
    }
}

import Glibc

/// One table of the export: its columns and constraints, which write its `CREATE TABLE`,
/// and which of its columns identify a row (its key) for the delta.
struct SQLTable: Sendable {
    enum ColumnType: Sendable {
        case text, integer, boolean, timestamp, json

        func name(in dialect: SQLDialect) -> String {
            switch (self, dialect) {
            case (.text, _): "TEXT"
            case (.integer, _): "INTEGER"
            case (.boolean, .postgresql): "BOOLEAN"
            case (.boolean, .sqlite): "INTEGER"
            case (.timestamp, .postgresql): "TIMESTAMPTZ"
            case (.timestamp, .sqlite): "TEXT"
            case (.json, .postgresql): "JSON"
            case (.json, .sqlite): "TEXT"
            }
        }
    }

    struct Column: Sendable {
        var name: String
        var type: ColumnType
        var nullable = false
        /// A unique text column a row may change (a slug, a handle, an email): the delta
        /// sets it to a placeholder before the deletions and insertions, and to its new
        /// value after them, so that two rows may trade values, or a new row take an old one.
        var renamable = false
    }

    /// `FOREIGN KEY (columns) REFERENCES table (referenced)`, checked at commit so that a
    /// delta may change rows in any order; `cascade` deletes the row with the one it names,
    /// as the registry does (removing a user removes their memberships).
    struct ForeignKey: Sendable {
        var columns: [String]
        var table: String
        var referenced: [String]
        var cascade = true
    }

    var name: String
    var columns: [Column]
    var key: [String]
    var unique: [[String]] = []
    var foreignKeys: [ForeignKey] = []
    var checks: [String] = []
    /// `CREATE [UNIQUE] INDEX` statements that follow the table (in both dialects).
    var indexes: [String] = []

    var columnNames: [String] { columns.map(\.name) }

    /// `INSERT INTO name (columns) VALUES (`: the start of every row's statement.
    var insertPrefix: String { "INSERT INTO \(name) (\(columnNames.joined(separator: ", "))) VALUES (" }
    var keyIndexes: [Int] { key.map { name in columns.firstIndex { $0.name == name }! } }

    func create(_ dialect: SQLDialect) -> String {
        var lines = columns.map { "    \($0.name) \($0.type.name(in: dialect))\($0.nullable ? "" : " NOT NULL")" }
        lines.append("    PRIMARY KEY (\(key.joined(separator: ", ")))")
        lines += unique.map { "    UNIQUE (\($0.joined(separator: ", ")))" }
        lines += checks.map { "    CHECK (\($0))" }
        lines += foreignKeys.map {
            "    FOREIGN KEY (\($0.columns.joined(separator: ", "))) REFERENCES \($0.table) (\($0.referenced.joined(separator: ", ")))"
                + ($0.cascade ? " ON DELETE CASCADE" : "") + " DEFERRABLE INITIALLY DEFERRED"
        }
        return "CREATE TABLE \(name) (\n\(lines.joined(separator: ",\n"))\n);\n" + indexes.map { $0 + ";\n" }.joined()
    }
}

/// The rows of one table, each with its key: the key's literals (its bytes: two texts
/// Swift calls equal may differ in bytes, and SQL tells them apart). Of rows with one key,
/// the last added stands: it replaces the others.
struct SQLTableRows: Sendable {
    var table: SQLTable
    /// In the order they were added.
    private var added: [(key: [UInt8], values: [SQLValue])] = []

    init(_ table: SQLTable) { self.table = table }

    mutating func add(_ values: [SQLValue]) throws(SQLExportError) {
        precondition(values.count == table.columns.count, "a row of \(table.name) with the wrong number of values")
        added.append((try Self.key(of: values, table.keyIndexes), values))
    }

    static func key(of values: [SQLValue], _ indexes: [Int]) throws(SQLExportError) -> [UInt8] {
        var text = ""
        for index in indexes {
            try values[index].write(.sqlite, to: &text)
            text += ","
        }
        return Array(text.utf8)
    }

    /// The rows by key.
    var byKey: [[UInt8]: [SQLValue]] { Dictionary(added, uniquingKeysWith: { $1 }) }

    /// The rows in the order of their keys' bytes, so the same registry gives the same script.
    var sorted: [(key: [UInt8], values: [SQLValue])] {
        // Positions are sorted, not rows: they move without counting references. The
        // position breaks a tie, so the last of rows with one key comes last.
        let order = added.indices.sorted { a, b in
            let order = Self.compare(added[a].key, added[b].key)
            return order == 0 ? a < b : order < 0
        }
        var rows: [(key: [UInt8], values: [SQLValue])] = []
        rows.reserveCapacity(order.count)
        for index in order {
            if rows.last?.key == added[index].key { rows.removeLast() }
            rows.append(added[index])
        }
        return rows
    }

    /// Byte order: negative when `a` comes first, zero when they are equal.
    private static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                let order = memcmp(a.baseAddress!, b.baseAddress!, min(a.count, b.count))
                return order == 0 ? a.count - b.count : Int(order)
            }
        }
    }
}

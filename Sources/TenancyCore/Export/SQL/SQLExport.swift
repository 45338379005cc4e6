/// `tenancy export sql`: the registry as an SQL script (tables, rows and the `access`
/// view, docs/EXPORT.md), and the delta that brings a database from one snapshot to another.
public enum SQLExport {
    /// The script that creates every table and the `access` view in an empty database
    /// and fills them, in one transaction.
    public static func script(_ snapshot: Snapshot, dialect: SQLDialect) throws(SQLExportError) -> String {
        let rows = try SQLRows(snapshot)
        var script = preamble(dialect)
        for table in SQLSchema.tables { script += table.create(dialect) }
        script += SQLSchema.accessView
        // The statements on every core, a group of rows at a time: most of the time goes
        // into them, and one table holds more than a third of the rows.
        let sorted = parallelMap(rows.tables) { table in (prefix: table.table.insertPrefix, rows: table.sorted.map(\.values)) }
        let chunks = sorted.flatMap { table in groups(table.rows, of: 1024).map { (prefix: table.prefix, rows: $0) } }
        let parts = try parallelMap(chunks) { (chunk) throws(SQLExportError) -> String in
            var part = ""
            for values in chunk.rows { try insert(values, chunk.prefix, dialect, to: &part) }
            return part
        }
        script.reserveCapacity(parts.reduce(script.utf8.count + 8) { $0 + $1.utf8.count })
        for part in parts { script += part }
        return script + "COMMIT;\n"
    }

    /// The statements, in one transaction, that bring a database loaded from `old`'s
    /// script to `new`. Rows are matched by key (an entity's id), so a rename is an
    /// update. The order keeps every constraint: changed rows first, with a placeholder
    /// in a unique column that changes; then deletions, children first; insertions,
    /// parents first; and last the new values of those unique columns. Foreign keys are
    /// checked at commit, so a row may name a parent inserted after it.
    public static func delta(from old: Snapshot, to new: Snapshot, dialect: SQLDialect) throws(SQLExportError) -> String {
        let before = try SQLRows(old), after = try SQLRows(new)
        let changes = zip(before.tables, after.tables).map { TableChanges(old: $0, new: $1) }
        var script = preamble(dialect)
        for change in changes {
            for (old, new) in change.changed {
                try update(change.table, from: old, to: new, placeholders: true, dialect, to: &script)
            }
        }
        for change in changes.reversed() {
            for values in change.removed { try delete(values, from: change.table, dialect, to: &script) }
        }
        for change in changes {
            let prefix = change.table.insertPrefix
            for values in change.added { try insert(values, prefix, dialect, to: &script) }
        }
        for change in changes {
            for (old, new) in change.changed {
                try update(change.table, from: old, to: new, placeholders: false, dialect, to: &script)
            }
        }
        return script + "COMMIT;\n"
    }

    /// The settings the script relies on, then `BEGIN`: in PostgreSQL, UTF-8 and standard
    /// strings (a backslash is an ordinary character); in SQLite, foreign keys enforced
    /// (a setting of the connection, which SQLite ignores inside a transaction).
    private static func preamble(_ dialect: SQLDialect) -> String {
        switch dialect {
        case .postgresql: "SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nBEGIN;\n"
        case .sqlite: "PRAGMA foreign_keys = ON;\nBEGIN;\n"
        }
    }

    /// One row's statement; `prefix` is its table's `insertPrefix`.
    private static func insert(_ values: [SQLValue], _ prefix: String, _ dialect: SQLDialect, to script: inout String) throws(SQLExportError) {
        script += prefix
        for (index, value) in values.enumerated() {
            if index > 0 { script += ", " }
            try value.write(dialect, to: &script)
        }
        script += ");\n"
    }

    private static func delete(_ values: [SQLValue], from table: SQLTable, _ dialect: SQLDialect, to script: inout String) throws(SQLExportError) {
        script += "DELETE FROM \(table.name)"
        try whereKey(values, table, dialect, to: &script)
    }

    /// The columns that differ; with `placeholders`, every one of them, a renamable one
    /// set to `~` and the key (no slug, handle or email holds a `~`), and without, only
    /// the renamable ones, to their new values. Nothing when there is nothing to set.
    private static func update(
        _ table: SQLTable, from old: [SQLValue], to new: [SQLValue], placeholders: Bool, _ dialect: SQLDialect,
        to script: inout String
    ) throws(SQLExportError) {
        var assignments: [(String, SQLValue)] = []
        for (index, column) in table.columns.enumerated() where old[index] != new[index] {
            if placeholders {
                assignments.append((column.name, column.renamable ? .text("~" + keyText(new, table)) : new[index]))
            } else if column.renamable {
                assignments.append((column.name, new[index]))
            }
        }
        guard !assignments.isEmpty else { return }
        script += "UPDATE \(table.name) SET "
        for (index, (name, value)) in assignments.enumerated() {
            script += index > 0 ? ", \(name) = " : "\(name) = "
            try value.write(dialect, to: &script)
        }
        try whereKey(new, table, dialect, to: &script)
    }

    private static func whereKey(_ values: [SQLValue], _ table: SQLTable, _ dialect: SQLDialect, to script: inout String) throws(SQLExportError) {
        for (position, index) in table.keyIndexes.enumerated() {
            script += position == 0 ? " WHERE \(table.columns[index].name) = " : " AND \(table.columns[index].name) = "
            try values[index].write(dialect, to: &script)
        }
        script += ";\n"
    }

    /// The key's values as one text, for a placeholder.
    private static func keyText(_ values: [SQLValue], _ table: SQLTable) -> String {
        table.keyIndexes.map { index in
            if case .text(let text) = values[index] { text } else { "\(values[index])" }
        }.joined(separator: "/")
    }
}

/// How one table differs between two snapshots, rows matched by key, each list in key order.
private struct TableChanges {
    var table: SQLTable
    var removed: [[SQLValue]] = []
    var added: [[SQLValue]] = []
    var changed: [(old: [SQLValue], new: [SQLValue])] = []

    init(old: SQLTableRows, new: SQLTableRows) {
        table = new.table
        let newRows = new.byKey
        for (key, values) in old.sorted {
            guard let newValues = newRows[key] else {
                removed.append(values)
                continue
            }
            if newValues != values { changed.append((values, newValues)) }
        }
        let oldRows = old.byKey
        added = new.sorted.filter { oldRows[$0.key] == nil }.map(\.values)
    }
}

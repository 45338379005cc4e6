import Testing
@testable import TenancyCore

/// String literals of `tenancy export sql`: whatever a registry's text holds, the literal
/// means exactly that text, on one line.
struct SQLLiteralTests {
    func literal(_ text: String, _ dialect: SQLDialect) throws -> String {
        var script = ""
        try SQLValue.text(text).write(dialect, to: &script)
        return script
    }

    @Test func quotesAreDoubledAndBackslashesKept() throws {
        #expect(try literal(#"O'Brien \' "x"; --"#, .postgresql) == #"'O''Brien \'' "x"; --'"#)
        #expect(try literal(#"O'Brien \' "x"; --"#, .sqlite) == #"'O''Brien \'' "x"; --'"#)
        #expect(try literal("", .sqlite) == "''")
    }

    /// A line break inside a literal could start a line `psql` or `sqlite3` reads as one
    /// of its own commands (`\!`, `.shell`): control characters are written as functions.
    @Test func controlCharactersAreFunctionsOutsideTheQuotes() throws {
        #expect(try literal("a\n.shell x", .sqlite) == "'a' || char(10) || '.shell x'")
        #expect(try literal("\n\\! x\u{7F}", .postgresql) == #"chr(10) || '\! x' || chr(127)"#)
    }

    /// Rows come out in the byte order of their keys, and of two rows with one key (two
    /// roles granting one permission give one expansion twice) the last one added.
    @Test func rowsAreSortedByKeyBytesAndTheLastOfOneKeyStands() throws {
        var rows = SQLTableRows(SQLSchema.projectRoles)
        for (name, rank) in [("b", 1), ("é", 2), ("a", 3), ("b", 4), ("B", 5), ("a", 6)] {
            try rows.add([.text(name), .integer(rank)])
        }
        #expect(rows.sorted.map(\.values) == [[.text("B"), .integer(5)], [.text("a"), .integer(6)], [.text("b"), .integer(4)], [.text("é"), .integer(2)]])
        #expect(rows.byKey.count == 4 && rows.byKey[Array("'b',".utf8)] == [.text("b"), .integer(4)])
    }

    @Test func nulIsRefused() {
        #expect(throws: SQLExportError.nul("a\u{0}b")) { try literal("a\u{0}b", .postgresql) }
    }

    @Test func booleansAndJSONFollowTheDialect() throws {
        var postgresql = "", sqlite = ""
        for value in [SQLValue.boolean(true), .json("{\n}")] {
            try value.write(.postgresql, to: &postgresql)
            try value.write(.sqlite, to: &sqlite)
        }
        #expect(postgresql == "TRUECAST('{' || chr(10) || '}' AS json)")
        #expect(sqlite == "1'{' || char(10) || '}'")
    }
}

import TenancyCore
import TenancyGit
import TenancyReview

/// What commands print, each described once as an `OutputValue` and rendered for the
/// format asked for: under `--format json` one document (docs/JSON.md) through the one
/// JSON writer, otherwise text for people.
extension Context {
    /// Prints a JSON document of `members` and the format `version`.
    func printJSON(_ members: [(key: String, value: OutputValue)]) {
        stdout.write(OutputValue.document(members))
    }

    /// A path relative to the registry root as every output writes it: under the
    /// registry as the user named it (`registry/users/bob.json`), as diagnostics do.
    func printedPath(_ path: String) -> String {
        printedRoot.isEmpty ? path : printedRoot + "/" + path
    }

    /// The registry as the user named it, as a prefix of printed paths (`DiagnosticReport.root`).
    var printedRoot: String {
        DiagnosticReport.root(forRegistry: registry, currentDirectory: currentDirectory)
    }

    /// `rows` under `key`, after `header` (`{"version", "org", "members": [...]}`), or, as
    /// text, a table of `columns` with aligned columns, cells escaped (`TerminalText`)
    /// before they are measured.
    func printList(
        _ key: String, _ rows: [OutputValue], columns: [Column], header: [(key: String, value: OutputValue)] = []
    ) {
        if format == .json { return printJSON(header + [(key, .array(rows))]) }
        let cells = rows.map { row in
            columns.map { column in row.members.first { $0.key == column.key }.map { Self.cell($0.value) } ?? "" }
        }
        stdout.write(Self.aligned([columns.map(\.heading)] + cells, indent: ""))
    }

    /// One entity's members, or, as text, a `key: value` line each; a list of objects
    /// (an organization's members, say) follows its key one per line, as aligned columns.
    /// Empty values are left out of the text.
    func printRecord(_ record: [(key: String, value: OutputValue)]) {
        if format == .json { return printJSON(record) }
        let shown = record.filter { !Self.cell($0.value).isEmpty }
        let width = (shown.map(\.key.count).max() ?? 0) + 1
        for (key, value) in shown {
            let label = (key + ":").padding(toLength: width, withPad: " ", startingAt: 0)
            if case .array(let elements) = value, case .object = elements.first {
                stdout.write(key + ":\n" + Self.aligned(elements.map { $0.members.map { Self.cell($0.value) } }, indent: "  "))
            } else {
                stdout.writeLine(label + " " + Self.cell(value))
            }
        }
    }

    /// What a change did to each file: as JSON `{"version", "dryRun", "created",
    /// "changed", "removed"}` with registry paths (`printedPath`) and `extra` members, as
    /// text `created orgs/acme/members/bob.json` lines.
    func printChanges(_ summary: [ChangeSummary], dryRun: Bool, extra: [(key: String, value: OutputValue)] = []) {
        guard format == .json else {
            for line in summary { stdout.writeLine(line.description) }
            return
        }
        let paths = { (kind: ChangeSummary.Kind) in
            OutputValue.strings(summary.filter { $0.kind == kind }.map { printedPath($0.path) })
        }
        printJSON(
            [("dryRun", .bool(dryRun)), ("created", paths(.created)), ("changed", paths(.changed)),
             ("removed", paths(.removed))] + extra)
    }

    /// A change refused by the rules: their diagnostics, then exit 1. As JSON one error
    /// document that also carries the diagnostics; as text `message` (if any) on stderr
    /// first.
    func refuse(_ diagnostics: [Diagnostic], message: String? = nil) throws -> Never {
        guard format == .json else {
            if let message { stderr.writeLine("tenancy: error: \(message)") }
            try report(diagnostics)
            throw ExitCode.ruleViolations
        }
        let report = DiagnosticReport(diagnostics, root: printedRoot)
        let reason = message ?? report.diagnostics.first { $0.severity == .error }?.message ?? report.summary
        printJSON([("error", Self.error(reason, code: .ruleViolations))] + JSONReporter.members(of: report))
        throw ExitCode.ruleViolations
    }

    /// `{"kind", "message"}` of the `error` member: the kind names the exit code.
    static func error(_ message: String, code: ExitCode) -> OutputValue {
        ["kind": .string(code.kind), "message": .string(message)]
    }

    /// A value as one cell of text: a list as `a, b`, a flag as `yes` or `no`, nothing as "".
    private static func cell(_ value: OutputValue) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "yes" : "no"
        case .int(let number): String(number)
        case .string(let text): text
        case .array(let elements): elements.map(cell).joined(separator: ", ")
        case .object(let members): members.map { "\($0.key): \(cell($0.value))" }.joined(separator: ", ")
        case .verbatim(let value): String(decoding: CanonicalWriter.bytes(for: value), as: UTF8.self)
        }
    }

    /// Rows of cells as lines of aligned columns, two spaces apart, escaped, with no
    /// trailing spaces.
    private static func aligned(_ rows: [[String]], indent: String) -> String {
        let rows = rows.map { $0.map(TerminalText.escaped) }
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { column in
            rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        return rows.map { row in
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }
            return indent + String(cells.joined(separator: "  ").trimmingSuffix(" ")) + "\n"
        }.joined()
    }
}

/// A column of a text table: its heading and the key of the row member it shows. A
/// string literal is a key, headed by itself in capitals.
struct Column: ExpressibleByStringLiteral {
    var heading: String
    var key: String

    init(_ heading: String, _ key: String) {
        self.heading = heading
        self.key = key
    }

    init(stringLiteral key: String) {
        self.init(key.uppercased(), key)
    }
}

extension String {
    func trimmingSuffix(_ character: Character) -> Substring {
        self[..<(lastIndex { $0 != character }.map(index(after:)) ?? startIndex)]
    }
}

/// How diagnostics are printed: `--format text|json|github`. `csv` and `md` are the
/// tables of `report access`, which every other command refuses.
public enum OutputFormat: String, CaseIterable, Hashable, Sendable {
    case text, json, github, csv, md
}

/// Diagnostics ready to print: sorted, with paths an editor or GitHub can open.
public struct DiagnosticReport: Hashable, Sendable {
    public var diagnostics: [Diagnostic]
    /// Prefix of every printed path: the registry as the user names it (`registry`).
    public var root: String
    /// How many files were checked, when known.
    public var fileCount: Int?

    public init(_ diagnostics: [Diagnostic], root: String, fileCount: Int? = nil) {
        self.diagnostics = diagnostics.sorted()
        self.root = root
        self.fileCount = fileCount
    }

    /// The registry path as a prefix for printed paths: `./registry/` becomes
    /// `registry`, and an absolute path inside the current directory becomes relative,
    /// because GitHub resolves annotation paths against the checkout (the usual
    /// working directory in CI).
    public static func root(forRegistry registry: String, currentDirectory: String) -> String {
        var path = registry
        let directory = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
        if path.hasPrefix(directory) { path.removeFirst(directory.count) }
        while path.hasPrefix("./") { path.removeFirst(2) }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path == "." ? "" : path
    }

    public func path(of diagnostic: Diagnostic) -> String {
        root.isEmpty ? diagnostic.path : root + "/" + diagnostic.path
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// `2 errors, 1 warning in 2 files` or `no problems found in 12 files`; ASCII only.
    public var summary: String {
        guard !diagnostics.isEmpty else {
            return "no problems found" + (fileCount.map { " in " + counted($0, "file") } ?? "")
        }
        var counts = [counted(errorCount, "error")]
        if warningCount > 0 { counts.append(counted(warningCount, "warning")) }
        let files = Set(diagnostics.map(\.path)).count
        return counts.joined(separator: ", ") + " in " + counted(files, "file")
    }
}

/// `12 files`, `1 error`, `355,001 files`.
func counted(_ count: Int, _ noun: String) -> String {
    var digits = String(count)
    var grouped = ""
    while digits.count > 3 {
        grouped = "," + digits.suffix(3) + grouped
        digits.removeLast(3)
    }
    return digits + grouped + " " + noun + (count == 1 ? "" : "s")
}

/// `path:line:column: error: message [rule-id]`, one per line, then the summary.
public struct TextReporter: Sendable {
    /// ANSI colour and bold; only for a terminal (see `TerminalColour`).
    public var colour: Bool

    public init(colour: Bool) { self.colour = colour }

    public func render(_ report: DiagnosticReport) -> String {
        let lines = report.diagnostics.map { diagnostic in
            let location = "\(TerminalText.escaped(report.path(of: diagnostic))):\(diagnostic.line):\(diagnostic.column):"
            let severity = diagnostic.severity.rawValue + ":"
            let severityStyle: TerminalColour.Style = diagnostic.severity == .error ? .boldRed : .boldYellow
            return style(location, .bold) + " " + style(severity, severityStyle) + " "
                + TerminalText.escaped(diagnostic.message) + " [\(diagnostic.rule)]"
        }
        let summaryStyle: TerminalColour.Style = report.errorCount > 0 ? .boldRed : .green
        return (lines + [style(report.summary, summaryStyle)]).joined(separator: "\n") + "\n"
    }

    private func style(_ text: String, _ style: TerminalColour.Style) -> String {
        TerminalColour.styled(text, style, if: colour)
    }
}

/// Whether to print colour: only on a terminal, and never when `NO_COLOR` is set to a
/// non-empty value (no-color.org) or the terminal is `dumb`.
public enum TerminalColour {
    public static func isAllowed(isTerminal: Bool, environment: [String: String]) -> Bool {
        isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// ANSI select-graphic-rendition codes.
    public enum Style: String, Sendable {
        case bold = "1"
        case boldRed = "1;31"
        case boldYellow = "1;33"
        case red = "31"
        case green = "32"
        case yellow = "33"
    }

    /// `text` in `style` when `colour` (see `isAllowed`), else as it is.
    public static func styled(_ text: String, _ style: Style, if colour: Bool) -> String {
        colour ? "\u{1B}[" + style.rawValue + "m" + text + "\u{1B}[0m" : text
    }
}

/// GitHub Actions workflow commands, which annotate the files of a pull request:
/// `::error file=registry/users/alice.json,line=3,col=5,title=schema::message`,
/// then the summary as a plain log line.
public enum GitHubReporter {
    public static func render(_ report: DiagnosticReport) -> String {
        let lines = report.diagnostics.map { diagnostic in
            let properties = [
                "file=" + escapeProperty(report.path(of: diagnostic)),
                "line=\(diagnostic.line)",
                "col=\(diagnostic.column)",
                "title=" + escapeProperty(diagnostic.rule.name),
            ]
            return "::\(diagnostic.severity.rawValue) \(properties.joined(separator: ","))::"
                + escapeData(diagnostic.message)
        }
        return (lines + [report.summary]).joined(separator: "\n") + "\n"
    }

    /// The message: `%`, CR and LF percent-encoded (as in actions/toolkit), then the other
    /// unsafe characters escaped as on a terminal (GitHub's log viewer interprets ANSI
    /// sequences too).
    public static func escapeData(_ text: String) -> String {
        TerminalText.escaped(
            text.replacingOccurrences(of: "%", with: "%25")
                .replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A"))
    }

    /// A property value: also `:` and `,`, which separate the properties.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text)
            .replacingOccurrences(of: ":", with: "%3A")
            .replacingOccurrences(of: ",", with: "%2C")
    }
}

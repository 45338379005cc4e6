/// Diagnostics as JSON, through the one JSON writer (`OutputValue`); here rather than
/// beside the text and GitHub reporters because it writes through `Format`.
extension DiagnosticReport {
    public func rendered(as format: OutputFormat, colour: Bool) -> String {
        switch format {
        // Diagnostics are no table: as text.
        case .text, .csv, .md: TextReporter(colour: colour).render(self)
        case .json: JSONReporter.render(self)
        case .github: GitHubReporter.render(self)
        }
    }
}

/// One JSON document (docs/JSON.md, "Diagnostics"): `{"version", "diagnostics": [{"column",
/// "line", "message", "path", "rule", "severity"}], "errorCount", "fileCount"?, "warningCount"}`.
public enum JSONReporter {
    public static func render(_ report: DiagnosticReport) -> String {
        OutputValue.document(members(of: report))
    }

    /// The document's members but `version`, for documents that carry diagnostics among
    /// other things (`diff`, a refused change).
    public static func members(of report: DiagnosticReport) -> [(key: String, value: OutputValue)] {
        let entries: [OutputValue] = report.diagnostics.map {
            [
                "path": .string(report.path(of: $0)), "line": .int($0.line), "column": .int($0.column),
                "severity": .string($0.severity.rawValue), "rule": .string($0.rule.name), "message": .string($0.message),
            ]
        }
        var members: [(key: String, value: OutputValue)] = [
            ("diagnostics", .array(entries)), ("errorCount", .int(report.errorCount)),
            ("warningCount", .int(report.warningCount)),
        ]
        if let fileCount = report.fileCount { members.append(("fileCount", .int(fileCount))) }
        return members
    }
}

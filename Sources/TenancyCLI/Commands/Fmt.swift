import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy fmt`: the keys of the arguments it declares and reads, then the command.
enum FmtCommand {
    static let check = Flag("check", help: "List the non-canonical files; write nothing (exit 1 if any).")

    static let command = Command<Context>(
        "fmt", abstract: "Rewrite non-canonical files in canonical form.",
        discussion: """
            Rewrites every file that is valid JSON but not in canonical form, in one atomic
            change. Files that are not valid JSON are reported and left alone. The rewritten
            files are checked like any change; if one would break a rule (a canonical form
            larger than 1 MiB, say), nothing is written.
            """,
        arguments: [check]
    ) { arguments, context in
        let registry = context.openRegistry
        guard !arguments[Self.check] else {
            let snapshot = try registry.snapshot()
            let found = snapshot.fileDiagnostics.filter { [FormatRule.id, JSONRule.id].contains($0.rule) }
            return try report(found, fileCount: snapshot.fileCount, context, else: "every file is in canonical form")
        }
        // Through the one mutation pipeline: the planned files are checked before any is written.
        var loaded = Snapshot()
        let summary: [ChangeSummary]
        do {
            summary = try Mutation(registry: registry, now: try context.now()).run { snapshot, _ in
                loaded = snapshot
                return FormatOperations.format(snapshot)
            }
        } catch let refused as MutationRefused {
            try context.refuse(
                refused.diagnostics,
                message: "written in canonical form, these files would break the rules reported; nothing was written")
        }
        let unreadable = loaded.fileDiagnostics.filter { $0.rule == JSONRule.id }
        guard context.format != .json else { return try context.reportFormatted(summary, unreadable, fileCount: loaded.fileCount) }
        for change in summary { context.stderr.writeLine("formatted \(change.path)") }
        let done = summary.isEmpty ? "nothing to format" : "formatted \(summary.count) file\(summary.count == 1 ? "" : "s")"
        try report(unreadable, fileCount: loaded.fileCount, context, else: done)
    }

    /// The files that are not valid JSON (and with `--check`, those not in canonical
    /// form), or else only what fmt did: fmt checks no other rule, so it never says that
    /// there are "no problems" (that is `tenancy validate`'s answer).
    private static func report(_ found: [Diagnostic], fileCount: Int, _ context: Context, else done: String) throws {
        guard found.isEmpty && context.format == .text else { return try context.report(found, fileCount: fileCount) }
        context.stderr.write("\(done) (\(fileCount) file\(fileCount == 1 ? "" : "s") read; the rules were not checked: run `tenancy validate`)\n")
    }
}

extension Context {
    /// `fmt --format json`: the files rewritten (`printChanges`) and the diagnostics of
    /// those left alone, in one document; exit 1 when there are any.
    fileprivate func reportFormatted(_ summary: [ChangeSummary], _ unreadable: [Diagnostic], fileCount: Int) throws {
        let report = DiagnosticReport(unreadable, root: printedRoot, fileCount: fileCount)
        printChanges(summary, dryRun: false, extra: JSONReporter.members(of: report))
        if report.errorCount > 0 { throw ExitCode.ruleViolations }
    }
}

import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy report`: reports for audits.
enum ReportCommands {
    static let rev = Option<String?>("rev", value: "REV", help: "Report the registry as this git revision has it.")

    static let access = Command<Context>(
        "access", abstract: "Print every user's access, for a periodic access review.",
        discussion: """
            Lists every user: site admin or not, each organization with the role and
            assignments held there, each project with the role held there; one row per
            organization and per project membership, and one for a user with neither.
            --format md (the default) prints a Markdown table headed by what was read and
            when (SOURCE_DATE_EPOCH sets "when"), csv a CSV file for a spreadsheet (a cell
            that a spreadsheet would read as a formula starts with '), json one document.
            Reads the working tree, or a commit with --rev.
            """,
        arguments: [rev]
    ) { arguments, context in
        try context.requireFormat([.text, .md, .csv, .json], for: "report access")
        let now = try context.now()
        let snapshot: Snapshot
        let source: String
        if let revision = arguments[Self.rev] {
            let revisionSource = RevisionSource(registryRoot: context.registryRoot, revision: revision, environment: context.git)
            snapshot = try SnapshotLoader.load(from: revisionSource)
            source = "\(revision) (\(try revisionSource.commit()))"
        } else {
            snapshot = try context.readRegistry()
            source = "the working tree"
        }
        let report = AccessReport(snapshot, source: source, generatedAt: now)
        switch context.format {
        case .csv: context.stdout.write(report.csv)
        case .json: context.stdout.write(report.json)
        default: context.stdout.write(report.markdown)
        }
    }

    static let group = Command<Context>(
        group: "report", abstract: "Reports for audits.", [access])
}

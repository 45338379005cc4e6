import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy diff`: the keys of the arguments it declares and reads, then the command.
enum DiffCommand {
    static let base = Positional<String>("BASE", help: "The git revision to compare from.")
    static let head = Positional<String?>("HEAD", help: "The git revision to compare to.")
    static let actor = Option<String?>(
        "actor", value: "USER", help: "Check that this user may make every change; refusals are errors.",
        completion: .user)
    static let allowMassRemoval = Flag(
        "allow-mass-removal", help: "Allow removing more than a quarter of an organization's members at once.")

    static let command = Command<Context>(
        "diff", abstract: "Show the access changes between two revisions, authorized.",
        discussion: """
            Compares the registry at BASE with HEAD (the working tree when HEAD is omitted)
            and prints who gained or lost which role where, invitations sent or answered,
            and organizations and projects created, renamed or deleted. HEAD is validated
            with every rule, and the change with the transition rules (ids and createdAt
            never change, a team organization never becomes personal, an answered
            invitation stays answered). With --actor, each change must be one that user may
            make in BASE (the permission it needs, no role above their own, owners only by
            owners). Exit 1 on any violation.
            """,
        arguments: [base, head, actor, allowMassRemoval]
    ) { arguments, context in
        let revision = arguments[Self.base], actor = arguments[Self.actor]
        let base = try SnapshotLoader.load(
            from: RevisionSource(registryRoot: context.registryRoot, revision: revision, environment: context.git))
        if let actor, base.users[actor] == nil {
            throw Failure(.ruleViolations, "no user '\(actor)' in \(revision) to authorize as (--actor)")
        }
        // The working tree is read under the shared lock, as `validate` reads it.
        let head = try arguments[Self.head].map {
            try Validator.validate(RevisionSource(registryRoot: context.registryRoot, revision: $0, environment: context.git))
        } ?? context.openRegistry.validate()
        let result = DiffResult(
            base: base, head: head, allowMassRemoval: arguments[Self.allowMassRemoval], actor: actor)
        try context.reportDiff(result)
    }
}

extension Context {
    /// Prints the changes and the diagnostics; throws `ExitCode.ruleViolations` on an error.
    func reportDiff(_ result: DiffResult) throws {
        let diagnostics = DiagnosticReport(result.diagnostics, root: printedRoot, fileCount: result.fileCount)
        let report = DiffReport(changes: result.changes, diagnostics: diagnostics)
        stdout.write(report.rendered(as: format, colour: colour))
        if diagnostics.errorCount > 0 { throw ExitCode.ruleViolations }
    }
}

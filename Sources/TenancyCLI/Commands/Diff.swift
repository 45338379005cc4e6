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
    static let actorLogin = Option<String?>(
        "actor-login", value: "FORGE:LOGIN",
        help: "Check as the user with this forge login (a pull request's author, e.g. github:alice).",
        format: .forgeLogin(separator: ":"))
    static let allowMassRemoval = Flag(
        "allow-mass-removal", help: "Allow a mass removal of an organization's members (the policy's review.massRemoval).")

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
            owners). --actor-login FORGE:LOGIN names that user by their login in BASE, as
            a forge names a pull request's author; a login no user of BASE has is refused.
            Exit 1 on any violation.
            """,
        arguments: [base, head, actor, actorLogin, allowMassRemoval], exclusive: [[actor, actorLogin]]
    ) { arguments, context in
        let revision = arguments[Self.base]
        let base = try SnapshotLoader.load(
            from: RevisionSource(registryRoot: context.registryRoot, revision: revision, environment: context.git))
        let actor = try arguments[Self.actorLogin].map {
            try Self.user(withLogin: ForgeLogin($0, separator: ":")!, in: base, revision)  // the parser has checked it
        } ?? arguments[Self.actor]
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

extension DiffCommand {
    /// The one user of `base` with `given` login; a login nobody (or, against
    /// `login-unique`, more than one user) has is refused: the author cannot be judged.
    static func user(withLogin given: ForgeLogin, in base: Snapshot, _ revision: String) throws -> String {
        let holders = base.users.values.filter { $0.hasLogin(given.login, on: given.forge) }.map(\.handle).sorted()
        guard holders.count == 1 else {
            throw Failure(.ruleViolations, holders.isEmpty
                ? "no user has the \(given.forge) login '\(given.login)' in \(revision) to authorize as (--actor-login)"
                : "the \(given.forge) login '\(given.login)' is held by \(holders.joined(separator: ", ")) in \(revision) (login-unique); refusing to choose")
        }
        return holders[0]
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

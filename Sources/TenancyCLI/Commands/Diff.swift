import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy diff`: the keys of the arguments it declares and reads, then the command.
enum DiffCommand {
    static let base = Positional<String>("BASE", help: "The git revision to compare from.")
    static let head = Positional<String?>("HEAD", help: "The git revision to compare to.")
    static let actor = Option<Handle?>(
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
        let actor = try arguments[Self.actorLogin].map {
            // The parser has checked the login's form.
            try Self.user(withLogin: ForgeLogin($0, separator: ":")!, at: revision, root: context.registryRoot, git: context.git)
        } ?? arguments[Self.actor]
        let allowMassRemoval = arguments[Self.allowMassRemoval]
        let result =
            if let headRevision = arguments[Self.head] {
                try RevisionDiff.review(
                    revision, headRevision, actor: actor, allowMassRemoval: allowMassRemoval,
                    root: context.registryRoot, git: context.git
                ).result
            } else {
                try context.diffWorkingTree(revision, actor: actor, allowMassRemoval: allowMassRemoval)
            }
        try context.reportDiff(result)
    }
}

extension DiffCommand {
    /// The one user of `base` with `given` login; a login nobody (or, against
    /// `login-unique`, more than one user) has is refused: the author cannot be judged.
    /// Only the base's user files are read for it.
    static func user(withLogin given: ForgeLogin, at revision: String, root: String, git: GitEnvironment) throws -> Handle {
        let base = try SnapshotLoader.load(
            from: RevisionSource(registryRoot: root, revision: revision, environment: git, only: ["users/"]))
        let holders = base.users.values.filter { $0.hasLogin(given.login, on: given.forge) }.map(\.handle).sorted()
        guard holders.count == 1 else {
            throw Failure(.ruleViolations, holders.isEmpty
                ? "no user has the \(given.forge) login '\(given.login)' in \(revision) to authorize as (--actor-login)"
                : "the \(given.forge) login '\(given.login)' is held by \(holders.map(\.rawValue).joined(separator: ", ")) in \(revision) (login-unique); refusing to choose")
        }
        return holders[0]
    }
}

/// `diff BASE HEAD` between two commits: the base is read only where the change reaches
/// (`DiffScope`), the whole base tree when the scope does not cover the change; the head
/// is validated whole, since the report holds all of its findings, unless it is checked
/// clean from a tree found clean before (`GitValidation`): then only the scope of the
/// head is read.
enum RevisionDiff {
    /// `scoped: false` reads the whole base tree always (for tests comparing the two).
    static func review(
        _ revision: String, _ headRevision: String, actor: Handle?, allowMassRemoval: Bool,
        root: String, git: GitEnvironment, scoped: Bool = true
    ) throws -> (result: DiffResult, scoped: Bool) {
        let baseSource = RevisionSource(registryRoot: root, revision: revision, environment: git)
        let scope = DiffScope(changedPaths: try baseSource.changedPaths(to: headRevision), actor: actor)
        let usable = scoped && !scope.policyChanged && scope.paths.count <= DiffScope.maxPaths ? scope : nil
        let base = try SnapshotLoader.load(
            from: RevisionSource(registryRoot: root, revision: revision, environment: git, only: usable?.paths))
        try checkActor(actor, in: base, revision)
        let registry = Registry(root: root)
        var (head, isWhole) = try GitValidation.validateCommit(headRevision, registry, environment: git, incremental: usable != nil)
        if let usable, !isWhole, head.diagnostics.isEmpty {
            // Checked from a clean tree: the head is clean, so no id is shared at all, and
            // only the scope's part of it is needed.
            head.snapshot = try SnapshotLoader.load(
                from: RevisionSource(registryRoot: root, revision: headRevision, environment: git, only: usable.paths))
            if usable.covers(base: base, head: head.snapshot) {
                return (DiffResult(base: base, head: head, scope: usable, allowMassRemoval: allowMassRemoval, actor: actor), true)
            }
        }
        if !isWhole {
            head = try GitValidation.validateCommit(headRevision, registry, environment: git, incremental: false).result
        }
        if let usable, usable.covers(base: base, head: head.snapshot) {
            return (DiffResult(base: base, head: head, scope: usable, allowMassRemoval: allowMassRemoval, actor: actor), true)
        }
        let whole = usable == nil ? base : try SnapshotLoader.load(from: baseSource)
        return (DiffResult(base: whole, head: head, allowMassRemoval: allowMassRemoval, actor: actor), false)
    }

    /// The actor (`--actor`) must be a user of the base snapshot (scoped or not: it holds their file).
    static func checkActor(_ actor: Handle?, in base: Snapshot, _ revision: String) throws {
        if let actor, base.users[actor] == nil {
            throw Failure(.ruleViolations, "no user '\(actor)' in \(revision) to authorize as (--actor)")
        }
    }
}

extension Context {
    /// Between a commit and the working tree, read under the shared lock as `validate` reads it.
    func diffWorkingTree(_ revision: String, actor: Handle?, allowMassRemoval: Bool) throws -> DiffResult {
        let base = try SnapshotLoader.load(
            from: RevisionSource(registryRoot: registryRoot, revision: revision, environment: git))
        try RevisionDiff.checkActor(actor, in: base, revision)
        let head = try openRegistry.validate()
        return DiffResult(base: base, head: head, allowMassRemoval: allowMassRemoval, actor: actor)
    }

    /// Prints the changes and the diagnostics; throws `ExitCode.ruleViolations` on an error.
    func reportDiff(_ result: DiffResult) throws {
        let diagnostics = DiagnosticReport(result.diagnostics, root: printedRoot, fileCount: result.fileCount)
        let report = DiffReport(changes: result.changes, diagnostics: diagnostics)
        stdout.write(report.rendered(as: format, colour: colour))
        if diagnostics.errorCount > 0 { throw ExitCode.ruleViolations }
    }
}

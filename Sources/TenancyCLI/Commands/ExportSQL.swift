import TenancyCore
import TenancyGit

extension SQLDialect: ArgumentValue {}

/// `tenancy export sql`: the keys of the arguments it declares and reads, then the command.
enum ExportSQLCommand {
    static let dialect = Option<SQLDialect?>("dialect", help: "The SQL engine to write for (default: postgresql).")
    static let since = Option<String?>(
        "since", value: "REV", help: "Print only the changes from this git revision's export, in one transaction.")
    static let until = Option<String?>(
        "until", value: "REV", help: "With --since: the changes up to this revision instead of the working tree.")

    static let sql = Command<Context>(
        "sql", abstract: "Print the registry as an SQL script, or the changes since a revision.",
        discussion: """
            Prints a script that creates the tables (users, organizations, memberships,
            projects, project memberships, invitations, the policy's roles, permissions and
            assignments), fills them, and creates the view access(user_handle, org_slug,
            project_slug, permission): a row for each permission a user holds, project_slug
            NULL for one held in the organization and all its projects. With --since REV,
            prints instead the statements that bring a database loaded from REV's export to
            the working tree (or to --until's revision), in one transaction. The registry
            (and REV) must be valid: exit 1 otherwise, with nothing printed.
            """,
        arguments: [dialect, since, until]
    ) { arguments, context in
        let dialect = arguments[Self.dialect] ?? .postgresql
        let since = arguments[Self.since], until = arguments[Self.until]
        if until != nil && since == nil { throw Failure(.usage, "--until needs --since") }
        let script: String
        do {
            if let since {
                let current = try context.validSnapshot(at: until)
                script = try SQLExport.delta(from: context.validSnapshot(at: since), to: current, dialect: dialect)
            } else {
                script = try context.validExport(at: until) { try SQLExport.script($0, dialect: dialect) }
            }
        } catch let error as SQLExportError {
            throw Failure(.ruleViolations, "cannot export: \(error)")
        }
        guard context.format != .json else {
            return context.printJSON([
                ("dialect", .string(dialect.rawValue)), ("script", .string(script)), ("since", .optional(since)),
                ("until", .optional(until)),
            ])
        }
        context.stdout.write(script)
    }
}

extension Context {
    /// What `build` makes of the registry at `revision` (the working tree when nil, read
    /// under the shared lock), refused unless the registry keeps every rule: an export of
    /// a broken registry would break the database's constraints, or grant what `tenancy
    /// can` does not. `build` runs while the rules check the registry; what it throws is
    /// thrown only when no rule is broken.
    func validExport<Export>(at revision: String?, building build: (Snapshot) throws -> Export) throws -> Export {
        let (result, export) = try revision.map {
            try Validator.validate(RevisionSource(registryRoot: registryRoot, revision: $0, environment: git), building: build)
        } ?? openRegistry.validate(building: build)
        let errors = result.diagnostics.count { $0.severity == .error }
        guard errors == 0 else {
            let place = revision.map { "the registry at \($0)" } ?? registry
            throw Failure(.ruleViolations, "\(place) breaks \(errors) rule\(errors == 1 ? "" : "s") ('tenancy validate' lists them); nothing exported")
        }
        return try export.get()
    }

    /// The registry at `revision`, refused unless it keeps every rule (`validExport`).
    func validSnapshot(at revision: String?) throws -> Snapshot {
        try validExport(at: revision) { $0 }
    }
}

import TenancyCore
import TenancyGit
import TenancyReview

/// One command of the tree: a group (`member`) lists subcommands, a leaf (`member add`)
/// runs its `run`:
///
///     let validateCommand = Command(
///         "validate", abstract: "Check the registry against every rule.", …
///     ) { arguments, context in
///         let result = try validate(…, staged: arguments.flag("staged"), rev: arguments.value("rev"))
///         try context.report(result.diagnostics, fileCount: result.fileCount)
///     }
struct Command: Sendable {
    /// Does the work. Arguments are already checked against the spec; throw `Failure`,
    /// `ExitCode`, `Diagnostic` or `SourceError` and `main` prints it once.
    typealias Run = @Sendable (_ arguments: ParsedArguments, _ context: Context) throws -> Void

    var spec: CommandSpec
    var subcommands: [Command]
    /// nil for a group.
    var run: Run?

    /// A leaf command. A `mutation` also accepts `--as USER` and `--dry-run`.
    init(
        _ name: String, abstract: String, discussion: String = "",
        positionals: [PositionalSpec] = [], options: [OptionSpec] = [], flags: [FlagSpec] = [],
        exclusive: [[String]] = [], together: [[String]] = [], mutation: Bool = false,
        run: @escaping Run
    ) {
        spec = CommandSpec(
            name, abstract: abstract, discussion: discussion, positionals: positionals,
            options: options + (mutation ? [.actor] : []),
            flags: flags + (mutation ? [.dryRun] : []), exclusive: exclusive, together: together)
        subcommands = []
        self.run = run
    }

    /// A group such as `member`, whose subcommands do the work. Only the root has
    /// options: the global ones.
    init(
        group name: String, abstract: String, discussion: String = "",
        options: [OptionSpec] = [], flags: [FlagSpec] = [], _ subcommands: [Command]
    ) {
        spec = CommandSpec(
            name, abstract: abstract, discussion: discussion, options: options, flags: flags)
        self.subcommands = subcommands
        run = nil
    }

    var isGroup: Bool { !subcommands.isEmpty }

    func subcommand(named name: String) -> Command? {
        subcommands.first { $0.spec.name == name }
    }

    /// Every leaf below this command, named by its path from here: `member add`.
    var leaves: [Help.Entry] {
        subcommands.flatMap { command in
            command.isGroup
                ? command.leaves.map { Help.Entry(command.spec.name + " " + $0.name, abstract: $0.abstract) }
                : [Help.Entry(command.spec.name, abstract: command.spec.abstract)]
        }
    }
}

extension OptionSpec {
    /// Every mutation: who is making the change (see "Authorization of changes" in the README).
    static let actor = OptionSpec(
        "as", value: "USER", help: "Authorize the change as this user (needs the permission it takes).")
}

extension FlagSpec {
    /// Every mutation: plan and print, write nothing.
    static let dryRun = FlagSpec("dry-run", help: "Print the planned file changes; write nothing.")
}

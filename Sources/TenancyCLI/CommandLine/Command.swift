/// One command of a tree: a group (`member`) lists subcommands, a leaf (`member add`)
/// runs its `run` with the parsed arguments and a `Context` (what `tenancy` gives its
/// commands, nothing for `tenancy-bench`'s):
///
///     enum ValidateCommand {
///         static let staged = Flag("staged", help: "Check the git index instead of the working tree.")
///
///         static let command = Command<Context>(
///             "validate", abstract: "Check the registry against every rule.", arguments: [staged]
///         ) { arguments, context in
///             if arguments[Self.staged] { … }
///         }
///     }
package struct Command<Context: Sendable>: Sendable {
    /// Does the work. Arguments are already checked against the spec.
    package typealias Run = @Sendable (_ arguments: ParsedArguments, _ context: Context) throws -> Void

    package let spec: CommandSpec
    package let subcommands: [Command]
    /// nil for a group.
    package let run: Run?
    /// Left out of help, suggestions, completion and the manual: a command for scripts
    /// the tool generates (`__complete`), not for people.
    package let isHidden: Bool

    /// A leaf command.
    package init(
        _ name: String, abstract: String, discussion: String = "", arguments: [any ArgumentKey] = [],
        exclusive: [[any ArgumentKey]] = [], together: [[any ArgumentKey]] = [], oneOf: [[any ArgumentKey]] = [],
        hidden: Bool = false, run: @escaping Run
    ) {
        spec = CommandSpec(
            name, abstract: abstract, discussion: discussion, arguments: arguments, exclusive: exclusive,
            together: together, oneOf: oneOf)
        subcommands = []
        self.run = run
        isHidden = hidden
    }

    /// A group such as `member`, whose subcommands do the work. Only the root has
    /// arguments: the global options.
    package init(
        group name: String, abstract: String, discussion: String = "", arguments: [any ArgumentKey] = [],
        _ subcommands: [Command]
    ) {
        spec = CommandSpec(name, abstract: abstract, discussion: discussion, arguments: arguments)
        self.subcommands = subcommands
        run = nil
        isHidden = false
    }

    package var isGroup: Bool { !subcommands.isEmpty }

    /// The subcommands people are shown.
    package var visibleSubcommands: [Command] { subcommands.filter { !$0.isHidden } }

    func subcommand(named name: String) -> Command? {
        subcommands.first { $0.spec.name == name }
    }

    /// Every visible leaf below this command, named by its path from here: `member add`.
    var leaves: [Help.Entry] {
        visibleSubcommands.flatMap { command in
            command.isGroup
                ? command.leaves.map { Help.Entry(command.spec.name + " " + $0.name, abstract: $0.abstract) }
                : [Help.Entry(command.spec.name, abstract: command.spec.abstract)]
        }
    }
}

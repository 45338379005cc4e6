/// Which names a shell offers for an argument's value, besides its choices: declared on
/// the argument's key (`Positional("ORG", help: …, completion: .org)`), never guessed
/// from its name.
package enum Completion: Hashable, Sendable {
    case none
    case directory
    /// Organization slugs or user handles: listed from the registry by the hidden
    /// completion command (`tenancy __complete orgs`).
    case org, user
    /// The project slugs, or invitation ids, of the organization that the command's
    /// `.org` positional names.
    case project, invitation

    /// The kinds the completion command lists.
    package static let registryKinds: [Completion] = [.org, .user, .project, .invitation]

    /// The word the completion command takes for this kind: `orgs`; nil for the others.
    package var registryNames: String? {
        switch self {
        case .none, .directory: nil
        case .org: "orgs"
        case .user: "users"
        case .project: "projects"
        case .invitation: "invitations"
        }
    }

    /// Whether the names are those of one organization, which must be given too.
    package var isWithinOrg: Bool { self == .project || self == .invitation }
}

/// What a shell offers at one place of a command line.
enum CompletionValue: Hashable {
    /// Fixed words: an argument's choices.
    case words([String])
    /// Registry names from the completion command: `orgs`, or `projects` of the
    /// organization given as the positional at `orgArgument`.
    case names(String, orgArgument: Int?)
    case directories
}

/// A command tree flattened for the completion script generators (`BashCompletion`,
/// `ZshCompletion`, `FishCompletion`): for each command the words typed so far can name
/// (the root, every visible group and leaf), what may follow, and what each argument's
/// value completes to. Hidden commands are left out.
struct CompletionTable {
    /// One command, named by its words after the program: "" for the root, `member add`.
    struct Entry {
        var path: String
        var subcommands: [(name: String, abstract: String)] = []
        /// The options that take a value, the root's global ones included for a leaf.
        var valueOptions: [OptionSpec] = []
        /// Flags, `--help` included.
        var flags: [FlagSpec] = []
        var positionalCount = 0
        /// What the value of each own option (`--role`) or positional (`0`, `1`, …) completes to.
        var values: [(argument: String, value: CompletionValue)] = []
    }

    /// The program's name: `tenancy`.
    var program: String
    /// The hidden command that lists registry names: `__complete`.
    var namesCommand: String
    var entries: [Entry]
    /// What the root's options (accepted by every leaf too) complete to: `--format`.
    var globalValues: [(argument: String, value: CompletionValue)]

    static let help = FlagSpec("help", help: "Show help information.")

    init<Context>(root: Command<Context>, namesCommand: String) {
        program = root.spec.name
        self.namesCommand = namesCommand
        globalValues = root.spec.options.compactMap { option in
            Self.value(of: option.choices, option.completion, in: root.spec).map { ("--" + option.name, $0) }
        }
        var rootEntry = Self.entry(for: root, path: "", globals: [])
        rootEntry.subcommands.append(("help", "Show help for a command."))
        entries = [rootEntry] + Self.entries(below: root, path: [], globals: root.spec.options)
    }

    private static func entries<Context>(below command: Command<Context>, path: [String], globals: [OptionSpec])
        -> [Entry]
    {
        command.visibleSubcommands.flatMap { subcommand in
            let path = path + [subcommand.spec.name]
            return [entry(for: subcommand, path: path.joined(separator: " "), globals: globals)]
                + entries(below: subcommand, path: path, globals: globals)
        }
    }

    /// The root takes the global options; a group nothing but its subcommand; a leaf its
    /// own arguments and the globals.
    private static func entry<Context>(for command: Command<Context>, path: String, globals: [OptionSpec]) -> Entry {
        let spec = command.spec
        var entry = Entry(path: path)
        entry.subcommands = command.visibleSubcommands.map { ($0.spec.name, $0.spec.abstract) }
        entry.flags = [help]
        if path.isEmpty {
            entry.valueOptions = spec.options
            entry.flags = spec.flags + [help]
        } else if !command.isGroup {
            entry.valueOptions = spec.options + globals
            entry.flags = spec.flags + [help]
            entry.positionalCount = spec.positionals.count
            let options = spec.options.map { ("--" + $0.name, $0.choices, $0.completion) }
            let positionals = spec.positionals.enumerated().map { (String($0), $1.choices, $1.completion) }
            entry.values = (options + positionals).compactMap { argument, choices, completion in
                value(of: choices, completion, in: spec).map { (argument, $0) }
            }
        }
        return entry
    }

    /// Choices win; names within an organization need the command's `.org` positional.
    private static func value(of choices: [String], _ completion: Completion, in spec: CommandSpec) -> CompletionValue? {
        if !choices.isEmpty { return .words(choices) }
        if completion == .directory { return .directories }
        guard let kind = completion.registryNames else { return nil }
        guard completion.isWithinOrg else { return .names(kind, orgArgument: nil) }
        return spec.positionals.firstIndex { $0.completion == .org }.map { .names(kind, orgArgument: $0) }
    }

    /// The values grouped by the shell code that completes them (`action`), in order: each
    /// with the "COMMAND:ARGUMENT" keys it serves (`member add:--role`, `member add:0`);
    /// then the global options' (`--format`), which serve any command.
    func valueCases(_ action: (CompletionValue) -> String) -> (
        own: [(keys: [String], action: String)], global: [(argument: String, action: String)]
    ) {
        var own: [(keys: [String], action: String)] = []
        for entry in entries {
            for (argument, value) in entry.values {
                let code = action(value), key = entry.path + ":" + argument
                if let index = own.firstIndex(where: { $0.action == code }) {
                    own[index].keys.append(key)
                } else {
                    own.append(([key], code))
                }
            }
        }
        return (own, globalValues.map { ($0.argument, action($0.value)) })
    }

    /// `_tenancy`: the prefix of the script's function names.
    var functionPrefix: String {
        "_" + String(program.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}

/// `text` in single quotes for sh, bash and zsh: `'it'\''s'`.
func singleQuoted(_ text: String) -> String {
    "'" + text.map { $0 == "'" ? #"'\''"# : String($0) }.joined() + "'"
}

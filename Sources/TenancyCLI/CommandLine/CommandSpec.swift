import TenancyCore

/// What a command accepts, declared once: the parser checks arguments against it and
/// the help text is generated from it (the conventions of swift-argument-parser).
public struct CommandSpec: Hashable, Sendable {
    /// The command's own word, e.g. `add` in `tenancy member add`.
    public var name: String
    /// One line, shown in the parent's command list and at the top of the help.
    public var abstract: String
    /// Paragraphs shown below the abstract; may be empty.
    public var discussion: String
    public var positionals: [PositionalSpec]
    public var options: [OptionSpec]
    public var flags: [FlagSpec]
    /// Sets of option or flag names of which at most one may be given.
    public var exclusive: [[String]]
    /// Sets of option or flag names that are given all together or not at all.
    public var together: [[String]]

    public init(
        _ name: String, abstract: String, discussion: String = "",
        positionals: [PositionalSpec] = [], options: [OptionSpec] = [], flags: [FlagSpec] = [],
        exclusive: [[String]] = [], together: [[String]] = []
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.positionals = positionals
        self.options = options
        self.flags = flags
        self.exclusive = exclusive
        self.together = together
    }

    func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
    func flag(named name: String) -> FlagSpec? { flags.first { $0.name == name } }
}

/// What the value of an argument must be, checked as the arguments are parsed: a bad
/// value is a usage error naming the argument, before any work is done, instead of a
/// rule violation in a file that was never written.
public enum ValueFormat: Hashable, Sendable {
    case any
    /// An email address (`Email`), checked as it is stored: lowercased and trimmed.
    case email
    /// A display name (`DisplayName`).
    case displayName
    /// An organization's metadata: a JSON object that fits in its file.
    case metadata

    /// Why `value` does not have this format, or nil: a phrase after the argument's name.
    func problem(with value: String) -> String? {
        switch self {
        case .any: nil
        case .email: Email.problem(with: Email.normalized(value))
        case .displayName: DisplayName.problem(with: value)
        case .metadata:
            if case .failure(let problem) = OrgOperations.metadata(value) { problem.message } else { nil }
        }
    }
}

/// A positional argument, e.g. `ORG`; the name is both what usage shows and the key
/// under which the parsed value is found.
public struct PositionalSpec: Hashable, Sendable {
    public var name: String
    public var help: String
    public var isOptional: Bool
    public var format: ValueFormat

    public init(_ name: String, help: String, optional: Bool = false, format: ValueFormat = .any) {
        self.name = name
        self.help = help
        self.isOptional = optional
        self.format = format
    }
}

/// An option with a value: `--role ROLE` or `--role=ROLE`.
public struct OptionSpec: Hashable, Sendable {
    /// Without the leading dashes: `role`.
    public var name: String
    /// Shown after the option in usage and help: `ROLE`.
    public var valueName: String
    public var help: String
    public var isRequired: Bool
    public var isRepeatable: Bool
    /// The only values accepted; empty means any value.
    public var choices: [String]
    public var format: ValueFormat

    /// `valueName` defaults to the choices joined by `|`, else to the upper-cased name.
    public init(
        _ name: String, value valueName: String? = nil, help: String, required: Bool = false,
        repeatable: Bool = false, choices: [String] = [], format: ValueFormat = .any
    ) {
        self.name = name
        self.valueName =
            valueName ?? (choices.isEmpty ? name.uppercased() : choices.joined(separator: "|"))
        self.help = help
        self.isRequired = required
        self.isRepeatable = repeatable
        self.choices = choices
        self.format = format
    }

    var usage: String { "--\(name) \(valueName)" }
}

/// An option without a value: `--dry-run`.
public struct FlagSpec: Hashable, Sendable {
    /// Without the leading dashes: `dry-run`.
    public var name: String
    public var help: String

    public init(_ name: String, help: String) {
        self.name = name
        self.help = help
    }
}

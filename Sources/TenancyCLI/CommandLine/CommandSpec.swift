import TenancyCore

/// What a command accepts, made from the keys of its arguments (`ArgumentKey`): the
/// parser checks arguments against it and the help text is generated from it (the
/// conventions of swift-argument-parser).
package struct CommandSpec: Hashable, Sendable {
    /// The command's own word, e.g. `add` in `tenancy member add`.
    package var name: String
    /// One line, shown in the parent's command list and at the top of the help.
    package var abstract: String
    /// Paragraphs shown below the abstract; may be empty.
    package var discussion: String
    /// Each kind in the order the keys were given.
    package private(set) var positionals: [PositionalSpec] = []
    package internal(set) var options: [OptionSpec] = []
    package private(set) var flags: [FlagSpec] = []
    /// Sets of option or flag names of which at most one may be given.
    package var exclusive: [[String]]
    /// Sets of option or flag names that are given all together or not at all.
    package var together: [[String]]
    /// Sets of argument names of which at least one must be given: a positional that may
    /// also be given as an option (`NEW` or `--to NEW`), an option that `--as` fills in.
    package var oneOf: [[String]]

    package init(
        _ name: String, abstract: String, discussion: String = "", arguments: [any ArgumentKey] = [],
        exclusive: [[any ArgumentKey]] = [], together: [[any ArgumentKey]] = [], oneOf: [[any ArgumentKey]] = []
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        for key in arguments {
            switch key.declaration {
            case .positional(let spec): positionals.append(spec)
            case .option(let spec): options.append(spec)
            case .flag(let spec): flags.append(spec)
            }
        }
        self.exclusive = exclusive.map { $0.map(\.declaration.name) }
        self.together = together.map { $0.map(\.declaration.name) }
        self.oneOf = oneOf.map { $0.map(\.declaration.name) }
    }

    func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
    func flag(named name: String) -> FlagSpec? { flags.first { $0.name == name } }
}

/// What the text of an argument must be, checked as the arguments are parsed: a bad
/// value is a usage error naming the argument, before any work is done, instead of a
/// rule violation in a file that was never written.
package enum ValueFormat: Hashable, Sendable {
    case any
    /// An email address (`Email`), checked as it is stored: lowercased and trimmed.
    case email
    /// A display name (`DisplayName`).
    case displayName
    /// A new handle or slug (`Name`): a bad one is named as the argument, not as a file
    /// that the change would have written.
    case name
    /// An organization's logo (`LogoURL`), or empty for none.
    case logo
    /// An organization's metadata: a JSON object that fits in its file.
    case metadata
    /// A whole number from 0 (`Int`).
    case wholeNumber
    /// A permission (`Permission`).
    case permission
    /// A forge and a login on it, joined by `separator`: `github=alice` (`ForgeLogin`).
    case forgeLogin(separator: Character)

    /// Why `value` does not have this format, or nil: a phrase after the argument's name.
    func problem(with value: String) -> String? {
        switch self {
        case .any: nil
        case .email: Email.problem(with: Email.normalized(value))
        case .displayName: DisplayName.problem(with: value)
        case .logo: value.isEmpty || LogoURL.isValid(value) ? nil : "must be an https URL, like https://example.com/logo.png"
        case .name: Name.problem(with: value).map { "'\(value)' \($0)" }
        case .metadata:
            if case .failure(let problem) = OrgOperations.metadata(value) { problem.description } else { nil }
        case .wholeNumber: Self.wholeNumber(value) == nil ? "must be a whole number" : nil
        case .permission: Permission(value) == nil ? "must be a permission such as member:add, without whitespace or controls" : nil
        case .forgeLogin(let separator): ForgeLogin.problem(with: value, separator: separator)
        }
    }

    /// The number a `wholeNumber` text stands for: the one reading of it, for the check
    /// and for `Int(argument:)`.
    static func wholeNumber(_ text: String) -> Int? {
        Int(text).flatMap { $0 >= 0 ? $0 : nil }
    }
}

/// A positional argument, e.g. `ORG`: what usage shows, and the name under which the
/// parser keeps its text.
package struct PositionalSpec: Hashable, Sendable {
    package let name: String
    package let help: String
    package let isOptional: Bool
    /// The only values accepted; empty means any value.
    package let choices: [String]
    package let format: ValueFormat
    package let completion: Completion

    init(
        _ name: String, help: String, optional: Bool, choices: [String], format: ValueFormat,
        completion: Completion
    ) {
        self.name = name
        self.help = help
        self.isOptional = optional
        self.choices = choices
        self.format = format
        self.completion = completion
    }
}

/// An option with a value: `--role ROLE` or `--role=ROLE`.
package struct OptionSpec: Hashable, Sendable {
    /// Without the leading dashes: `role`.
    package let name: String
    /// Shown after the option in usage and help: `ROLE`.
    package let valueName: String
    package let help: String
    package let isRequired: Bool
    package let isRepeatable: Bool
    /// The only values accepted; empty means any value.
    package let choices: [String]
    package let format: ValueFormat
    package let completion: Completion

    /// `valueName` defaults to the choices joined by `|`, else to the upper-cased name.
    init(
        _ name: String, value valueName: String?, help: String, required: Bool, repeatable: Bool,
        choices: [String], format: ValueFormat, completion: Completion
    ) {
        self.name = name
        self.valueName =
            valueName ?? (choices.isEmpty ? name.uppercased() : choices.joined(separator: "|"))
        self.help = help
        self.isRequired = required
        self.isRepeatable = repeatable
        self.choices = choices
        self.format = format
        self.completion = completion
    }

    var usage: String { "--\(name) \(valueName)" }
}

/// An option without a value: `--dry-run`.
package struct FlagSpec: Hashable, Sendable {
    /// Without the leading dashes: `dry-run`.
    package let name: String
    package let help: String

    init(_ name: String, help: String) {
        self.name = name
        self.help = help
    }
}

import TenancyCore

/// An argument, declared once as a typed key: a command lists the key among its
/// arguments (its spec, hence its help, comes from the key) and its run reads the value
/// with the same key, `arguments[Member.role]`. A misspelled key does not compile.
package protocol ArgumentKey: Sendable {
    var declaration: ArgumentDeclaration { get }
}

/// What a key adds to a command's spec.
package enum ArgumentDeclaration: Hashable, Sendable {
    case positional(PositionalSpec)
    case option(OptionSpec)
    case flag(FlagSpec)

    /// `ORG`, or an option's or flag's name without dashes: `dry-run`.
    package var name: String {
        switch self {
        case .positional(let spec): spec.name
        case .option(let spec): spec.name
        case .flag(let spec): spec.name
        }
    }
}

/// A type that an argument's text stands for: `String`, `Int` for `--repeat 3`, or an
/// enum of named cases such as `OutputFormat` for `--format json`.
package protocol ArgumentValue: Sendable {
    /// What every text must look like, checked as the arguments are parsed.
    static var format: ValueFormat { get }
    /// The only texts accepted; empty for any text of `format`.
    static var choices: [String] { get }
    /// The value of a text that has the format and is among the choices.
    init?(argument: String)
}

extension ArgumentValue {
    package static var format: ValueFormat { .any }
    package static var choices: [String] { [] }
}

extension String: ArgumentValue {
    package init?(argument: String) { self = argument }
}

extension Int: ArgumentValue {
    package static var format: ValueFormat { .wholeNumber }
    package init?(argument: String) {
        guard let value = ValueFormat.wholeNumber(argument) else { return nil }
        self = value
    }
}

/// An enum's cases are its choices, in declaration order.
extension ArgumentValue where Self: RawRepresentable & CaseIterable, RawValue == String {
    package static var choices: [String] { allCases.map(\.rawValue) }
    package init?(argument: String) { self.init(rawValue: argument) }
}

/// A permission, checked as it is parsed (`ValueFormat.permission`).
extension Permission: ArgumentValue {
    package static var format: ValueFormat { .permission }
    package init?(argument: String) { self.init(argument) }
}

/// A role as given: any text, which the operation looks up in the policy (an unknown one
/// is refused there, with the policy's roles and a suggestion).
extension RoleName: ArgumentValue {
    package init?(argument: String) { self.init(unchecked: argument) }
}

/// A handle as given: any text, unless the key declares `format: .name` (a new handle).
/// An unknown one is refused where it is looked up, as no such user.
extension Handle: ArgumentValue {
    package init?(argument: String) { self.init(unchecked: argument) }
}

/// A slug as given: any text, unless the key declares `format: .name` (a new slug). An
/// unknown one is refused where it is looked up, as no such organization or project.
extension Slug: ArgumentValue {
    package init?(argument: String) { self.init(unchecked: argument) }
}

extension OutputFormat: ArgumentValue {}
extension Forge: ArgumentValue {}
extension Preset: ArgumentValue {}

/// A positional argument, e.g. `ORG`: a `Positional<String>` must be given, a
/// `Positional<String?>` may be left out (after those that must be given). `choices`
/// and `format` default to those of the value's type; `completion` says which names of
/// the registry a shell offers for it.
package struct Positional<Value: Sendable>: ArgumentKey {
    package let spec: PositionalSpec
    /// The value from the text given, if any; the parser has checked it.
    let read: @Sendable (String?) -> Value

    package var declaration: ArgumentDeclaration { .positional(spec) }
}

extension Positional where Value: ArgumentValue {
    package init(
        _ name: String, help: String, choices: [String] = Value.choices, format: ValueFormat = Value.format,
        completion: Completion = .none
    ) {
        spec = PositionalSpec(
            name, help: help, optional: false, choices: choices, format: format, completion: completion)
        read = { converted(given($0, name)) }
    }
}

extension Positional {
    package init<Wrapped: ArgumentValue>(
        _ name: String, help: String, choices: [String] = Wrapped.choices, format: ValueFormat = Wrapped.format,
        completion: Completion = .none
    ) where Value == Wrapped? {
        spec = PositionalSpec(
            name, help: help, optional: true, choices: choices, format: format, completion: completion)
        read = { $0.map(converted) }
    }
}

/// An option with a value, `--role ROLE`. Its type says how often it is given: an
/// `Option<String>` must be given once, an `Option<String?>` may be, and an
/// `Option<[String]>` any number of times (its values in order).
///
/// `valueName` defaults to the choices joined by `|`, else to the upper-cased name;
/// `choices` and `format` default to those of the value's type. `completion` says which
/// names of the registry a shell offers for the value.
package struct Option<Value: Sendable>: ArgumentKey {
    package let spec: OptionSpec
    /// The value from every text given, in order; the parser has checked them.
    let read: @Sendable ([String]) -> Value

    package var declaration: ArgumentDeclaration { .option(spec) }
}

extension Option where Value: ArgumentValue {
    package init(
        _ name: String, value valueName: String? = nil, help: String, choices: [String] = Value.choices,
        format: ValueFormat = Value.format, completion: Completion = .none
    ) {
        spec = OptionSpec(
            name, value: valueName, help: help, required: true, repeatable: false, choices: choices,
            format: format, completion: completion)
        read = { converted(given($0.last, name)) }
    }
}

extension Option {
    package init<Wrapped: ArgumentValue>(
        _ name: String, value valueName: String? = nil, help: String, choices: [String] = Wrapped.choices,
        format: ValueFormat = Wrapped.format, completion: Completion = .none
    ) where Value == Wrapped? {
        spec = OptionSpec(
            name, value: valueName, help: help, required: false, repeatable: false, choices: choices,
            format: format, completion: completion)
        read = { $0.last.map(converted) }
    }

    package init<Element: ArgumentValue>(
        _ name: String, value valueName: String? = nil, help: String, choices: [String] = Element.choices,
        format: ValueFormat = Element.format, completion: Completion = .none
    ) where Value == [Element] {
        spec = OptionSpec(
            name, value: valueName, help: help, required: false, repeatable: true, choices: choices,
            format: format, completion: completion)
        read = { $0.map(converted) }
    }
}

/// An option without a value, `--dry-run`: true when given.
package struct Flag: ArgumentKey {
    package let spec: FlagSpec

    package init(_ name: String, help: String) {
        spec = FlagSpec(name, help: help)
    }

    package var declaration: ArgumentDeclaration { .flag(spec) }
}

/// The text of an argument the parser requires, which it has therefore found.
private func given(_ text: String?, _ name: String) -> String {
    guard let text else { preconditionFailure("the parser let required '\(name)' be left out") }
    return text
}

/// The value of a text the parser has checked against the type's format and choices.
private func converted<Value: ArgumentValue>(_ text: String) -> Value {
    guard let value = Value(argument: text) else {
        preconditionFailure("the parser let '\(text)' through, which is no \(Value.self)")
    }
    return value
}

import TenancyCore

/// A usage mistake, found before any work is done: exit code 2.
package struct UsageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The command as typed so far, e.g. `tenancy member add`.
    package var commandPath: String
    /// One line, e.g. `unknown option '--rol'; did you mean '--role'?`.
    package var message: String

    package init(_ message: String, commandPath: String) {
        self.message = message
        self.commandPath = commandPath
    }

    /// `tenancy member add: error: unknown option '--rol' (see 'tenancy member add --help')`
    package var description: String {
        "\(commandPath): error: \(message) (see '\(commandPath) --help')"
    }
}

/// The texts of one command's arguments, read by the keys its spec was made from:
/// `arguments[Member.role]` is the value of `--role`, typed as the key declares it.
package struct ParsedArguments: Hashable, Sendable {
    let spec: CommandSpec
    /// Positionals (by their upper-case name) and options (by name), in the order given.
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    init(spec: CommandSpec) { self.spec = spec }

    package subscript<Value>(key: Positional<Value>) -> Value {
        precondition(spec.positionals.contains(key.spec), "'\(spec.name)' does not declare \(key.spec.name)")
        return key.read(values[key.spec.name]?.last)
    }

    package subscript<Value>(key: Option<Value>) -> Value {
        precondition(spec.options.contains(key.spec), "'\(spec.name)' does not declare --\(key.spec.name)")
        return key.read(values[key.spec.name] ?? [])
    }

    package subscript(key: Flag) -> Bool {
        precondition(spec.flags.contains(key.spec), "'\(spec.name)' does not declare --\(key.spec.name)")
        return flags.contains(key.spec.name)
    }

    /// Whether an option or flag was given at all.
    func isGiven(_ name: String) -> Bool { values[name] != nil || flags.contains(name) }

    mutating func append(_ value: String, for name: String) { values[name, default: []].append(value) }
    mutating func insertFlag(_ name: String) { flags.insert(name) }
}

/// Parses one command's arguments against its spec: `--name VALUE`, `--name=VALUE`,
/// repeatable options, flags, positionals, and `--` to end the options.
///
/// `-h` and `--help` are not parsed here: callers look for them first with
/// `requestsHelp`, so help is shown even next to a mistake.
package struct ArgumentParser: Sendable {
    package var spec: CommandSpec
    /// The command as typed, for messages: `tenancy member add`.
    package var commandPath: String

    package init(spec: CommandSpec, commandPath: String) {
        self.spec = spec
        self.commandPath = commandPath
    }

    /// Whether `-h` or `--help` appears anywhere before `--`.
    package static func requestsHelp(_ arguments: [String]) -> Bool {
        for argument in arguments {
            if argument == "--" { return false }
            if isHelp(argument) { return true }
        }
        return false
    }

    package static func isHelp(_ argument: String) -> Bool {
        argument == "-h" || argument == "--help"
    }

    /// Parses every argument.
    package func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        try parse(arguments, stopAtPositional: false).parsed
    }

    /// Parses the options before the first positional and returns the arguments from
    /// that positional on: the root command's global options come before the command.
    package func parsePrefix(_ arguments: [String]) throws(UsageError) -> (
        parsed: ParsedArguments, rest: [String]
    ) {
        try parse(arguments, stopAtPositional: true)
    }

    private func parse(_ arguments: [String], stopAtPositional: Bool) throws(UsageError) -> (
        parsed: ParsedArguments, rest: [String]
    ) {
        var parsed = ParsedArguments(spec: spec)
        var positionals: [String] = []
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" && !optionsEnded {
                optionsEnded = true
            } else if !optionsEnded && Self.looksLikeOption(argument) {
                try parseOption(argument, from: arguments, at: &index, into: &parsed)
            } else if stopAtPositional {
                return (try checked(parsed, positionals: []), Array(arguments[(index - 1)...]))
            } else {
                positionals.append(argument)
            }
        }
        return (try checked(parsed, positionals: positionals), [])
    }

    /// A lone `-` is a positional by convention (standard input).
    private static func looksLikeOption(_ argument: String) -> Bool {
        argument.hasPrefix("-") && argument != "-"
    }

    private func parseOption(
        _ argument: String, from arguments: [String], at index: inout Int,
        into parsed: inout ParsedArguments
    ) throws(UsageError) {
        guard argument.hasPrefix("--") else { throw unknownOption(argument) }
        let body = argument.dropFirst(2)
        let name = String(body.prefix { $0 != "=" })
        let inlineValue = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }

        if spec.flag(named: name) != nil {
            if inlineValue != nil { throw error("flag '--\(name)' takes no value") }
            parsed.insertFlag(name)
            return
        }
        guard let option = spec.option(named: name) else { throw unknownOption("--\(name)") }
        let value: String
        if let inlineValue {
            value = inlineValue
        } else if index < arguments.count && !Self.looksLikeOption(arguments[index]) {
            value = arguments[index]
            index += 1
        } else {
            throw error("missing value for '\(option.usage)'")
        }
        try checkChoice(value, among: option.choices, for: "'--\(name)'")
        if let problem = option.format.problem(with: value) {
            throw error("--\(name) \(problem)")
        }
        if !option.isRepeatable && parsed.isGiven(name) {
            throw error("option '--\(name)' may be given only once")
        }
        parsed.append(value, for: name)
    }

    /// Assigns positionals in order, then checks what must (not) be given together.
    private func checked(_ parsed: ParsedArguments, positionals: [String]) throws(UsageError)
        -> ParsedArguments
    {
        var parsed = parsed
        for (spec, value) in zip(spec.positionals, positionals) {
            try checkChoice(value, among: spec.choices, for: spec.name)
            if let problem = spec.format.problem(with: value) {
                throw error("\(spec.name) \(problem)")
            }
            parsed.append(value, for: spec.name)
        }
        if positionals.count > spec.positionals.count {
            throw error("unexpected argument '\(positionals[spec.positionals.count])'")
        }
        if let message = missing(in: parsed) { throw error(message) }
        for names in spec.exclusive {
            let given = names.filter(parsed.isGiven)
            if given.count > 1 {
                throw error("\(label(given[0])) and \(label(given[1])) cannot be used together")
            }
        }
        for names in spec.together {
            let given = names.filter(parsed.isGiven)
            if let missing = names.first(where: { !parsed.isGiven($0) }), let present = given.first {
                throw error("\(label(present)) requires \(label(missing))")
            }
        }
        return parsed
    }

    /// Every argument that must be given and is not, in one message, so that a command
    /// line is fixed in one go: `missing argument USER and options '--role ROLE', '--email EMAIL'`.
    /// A pair of alternatives (`oneOf`) of which neither is given counts as one:
    /// `'--user USER' (or '--as USER')`; a longer set is named on its own:
    /// `one of '--name NAME', '--email EMAIL'`.
    private func missing(in parsed: ParsedArguments) -> String? {
        var arguments = spec.positionals.filter { !$0.isOptional && !parsed.isGiven($0.name) }.map(\.name)
        var options = spec.options.filter { $0.isRequired && !parsed.isGiven($0.name) }.map { "'\($0.usage)'" }
        var sets: [String] = []
        for names in spec.oneOf where !names.contains(where: parsed.isGiven) {
            if names.count > 2 {
                sets.append("one of " + names.map(usage).joined(separator: ", "))
            } else if spec.positionals.contains(where: { $0.name == names[0] }) {
                arguments.append("\(usage(names[0])) (or \(usage(names[1])))")
            } else {
                options.append("\(usage(names[0])) (or \(usage(names[1])))")
            }
        }
        let parts = [listed(arguments, "argument", "arguments"), listed(options, "option", "options")].compactMap { $0 }
        return parts.isEmpty && sets.isEmpty ? nil : "missing " + (parts + sets).joined(separator: " and ")
    }

    private func listed(_ items: [String], _ one: String, _ many: String) -> String? {
        if items.isEmpty { return nil }
        return (items.count == 1 ? one : many) + " " + items.joined(separator: ", ")
    }

    /// A positional by its name (`NEW`), an option or flag quoted with its dashes (`'--to'`).
    private func label(_ name: String) -> String {
        spec.positionals.contains { $0.name == name } ? name : "'--\(name)'"
    }

    /// A positional by its name, an option with its value (`'--to NEW'`), a flag quoted.
    private func usage(_ name: String) -> String {
        spec.option(named: name).map { "'\($0.usage)'" } ?? label(name)
    }

    /// An argument with choices takes only those: `label` names it in the message.
    private func checkChoice(_ value: String, among choices: [String], for label: String) throws(UsageError) {
        guard !choices.isEmpty && !choices.contains(value) else { return }
        throw error("invalid value '\(value)' for \(label): expected one of \(choices.joined(separator: ", "))")
    }

    private func unknownOption(_ option: String) -> UsageError {
        let known = spec.options.map { "--\($0.name)" } + spec.flags.map { "--\($0.name)" }
        let hint = closestMatch(to: option, among: known).map { "; did you mean '\($0)'?" }
        return error("unknown option '\(option)'" + (hint ?? ""))
    }

    private func error(_ message: String) -> UsageError {
        UsageError(message, commandPath: commandPath)
    }
}

/// The candidate a typo most likely meant: within two edits, or of which the word is
/// a prefix. Used to suggest a command or an option.
package func closestMatch(to word: String, among candidates: [String]) -> String? {
    guard !word.isEmpty else { return nil }  // a prefix of every name, a guess at none
    // The word itself is no guess: a directory whose file does not load names nothing.
    let candidates = candidates.filter { $0 != word }
    let scored = candidates.map { (candidate: $0, distance: editDistance(word, $0)) }
    if let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= 2 {
        return best.candidate
    }
    let prefixed = candidates.filter { $0.hasPrefix(word) }
    return prefixed.count == 1 ? prefixed[0] : nil
}

/// Levenshtein distance over characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var current = [i + 1]
        for (j, y) in b.enumerated() {
            current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
        }
        previous = current
    }
    return previous[b.count]
}

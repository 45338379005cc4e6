/// What a command line asks for, once checked against the specs.
package enum Invocation<Context: Sendable> {
    /// Text for stdout, exit 0: help (`--help`, `-h`, `help COMMAND`) or the version.
    case print(String)
    /// No arguments at all: the root help on stderr, exit 2, so a script that forgot its
    /// command fails.
    case helpForMissingCommand(String)
    case run(Command<Context>.Run, ParsedArguments, Context)
}

/// Walks a command tree: the root's options, then command words down to a leaf, then
/// the leaf's own arguments (where the root's options are accepted too).
package struct Dispatcher<Context: Sendable> {
    /// The context of a leaf's run, from the root's options given before the command
    /// (`globals`) and the leaf's arguments (which accept them too); `path` names the
    /// command for a usage error.
    package typealias MakeContext = (_ globals: ParsedArguments, _ arguments: ParsedArguments, _ path: String)
        throws(UsageError) -> Context

    package var root: Command<Context>
    /// A root flag that prints this text instead of running a command: `--version`.
    package var version: (flag: Flag, text: String)?
    /// The manual page that `help --man` prints (`ManPage`), made only when asked for.
    package var manual: (() -> String)?
    package var makeContext: MakeContext

    package init(
        root: Command<Context>, version: (flag: Flag, text: String)? = nil, manual: (() -> String)? = nil,
        makeContext: @escaping MakeContext
    ) {
        self.root = root
        self.version = version
        self.manual = manual
        self.makeContext = makeContext
    }

    package func resolve(_ arguments: [String]) throws(UsageError) -> Invocation<Context> {
        let rootPath = root.spec.name
        if arguments.isEmpty { return .helpForMissingCommand(help(for: root, path: rootPath)) }
        var wantsHelp = ArgumentParser.requestsHelp(arguments)
        let arguments = withoutHelp(arguments)

        let globals: ParsedArguments
        var rest: [String]
        do {
            (globals, rest) = try ArgumentParser(spec: root.spec, commandPath: rootPath)
                .parsePrefix(arguments)
        } catch where wantsHelp {
            return .print(help(for: root, path: rootPath))
        }
        if let version, globals[version.flag] { return .print(version.text) }
        if rest.first == "help" {
            rest.removeFirst()
            if rest == ["--man"], let manual { return .print(manual()) }
            wantsHelp = true
        }

        var command = root
        var path = rootPath
        while command.isGroup {
            guard let word = rest.first, !word.hasPrefix("-") else {
                if wantsHelp { return .print(help(for: command, path: path)) }
                throw missingSubcommand(of: command, path: path)
            }
            guard let subcommand = command.subcommand(named: word) else {
                throw unknownSubcommand(word, of: command, path: path)
            }
            command = subcommand
            path += " " + word
            rest.removeFirst()
        }
        if wantsHelp { return .print(help(for: command, path: path)) }
        guard let run = command.run else { throw missingSubcommand(of: command, path: path) }

        var spec = command.spec
        spec.options += root.spec.options
        let parsed = try ArgumentParser(spec: spec, commandPath: path).parse(rest)
        return .run(run, parsed, try makeContext(globals, parsed, path))
    }

    /// Help tokens before `--` are dropped: `requestsHelp` has seen them.
    private func withoutHelp(_ arguments: [String]) -> [String] {
        guard let end = arguments.firstIndex(of: "--") else {
            return arguments.filter { !ArgumentParser.isHelp($0) }
        }
        return arguments[..<end].filter { !ArgumentParser.isHelp($0) } + arguments[end...]
    }

    private func help(for command: Command<Context>, path: String) -> String {
        let isRoot = path == root.spec.name
        var subcommands = command.leaves
        if isRoot { subcommands.append(helpEntry) }
        return Help.text(
            for: command.spec, commandPath: path, subcommands: subcommands,
            globalOptions: command.isGroup ? [] : root.spec.options)
    }

    /// The root's `help`, listed with its commands.
    private var helpEntry: Help.Entry {
        guard manual != nil else { return Help.Entry("help [COMMAND]", abstract: "Show help for a command.") }
        return Help.Entry("help [COMMAND | --man]", abstract: "Show help for a command, or the manual page (roff).")
    }

    private func missingSubcommand(of command: Command<Context>, path: String) -> UsageError {
        if command.spec.name == root.spec.name { return UsageError("missing command", commandPath: path) }
        return UsageError("missing command: expected one of \(names(of: command))", commandPath: path)
    }

    private func unknownSubcommand(_ word: String, of command: Command<Context>, path: String) -> UsageError {
        let candidates = command.visibleSubcommands.map(\.spec.name)
        if let guess = closestMatch(to: word, among: candidates) {
            return UsageError("unknown command '\(word)'; did you mean '\(guess)'?", commandPath: path)
        }
        let expected = command.spec.name == root.spec.name ? "" : ": expected one of \(names(of: command))"
        return UsageError("unknown command '\(word)'" + expected, commandPath: path)
    }

    private func names(of command: Command<Context>) -> String {
        command.visibleSubcommands.map(\.spec.name).joined(separator: ", ")
    }
}

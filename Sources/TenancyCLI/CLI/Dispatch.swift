import TenancyCore
import TenancyGit
import TenancyReview

/// What a command line asks for, once checked against the specs.
enum Invocation {
    /// Help on stdout, exit 0 (`--help`, `-h`, `help COMMAND`).
    case help(String)
    /// `tenancy` alone: the root help on stderr, exit 2, so a script that forgot its
    /// command fails.
    case helpForMissingCommand(String)
    case version
    case run(Command.Run, ParsedArguments, Context)
}

/// Walks the command tree: global options, then command words down to a leaf, then
/// the leaf's own arguments (where the global options are accepted too).
struct Dispatcher {
    var root: Command
    var environment: [String: String]
    var currentDirectory: String

    func resolve(_ arguments: [String]) throws(UsageError) -> Invocation {
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
            return .help(help(for: root, path: rootPath))
        }
        if globals.flag("version") { return .version }
        if rest.first == "help" {
            rest.removeFirst()
            wantsHelp = true
        }

        var command = root
        var path = rootPath
        while command.isGroup {
            guard let word = rest.first, !word.hasPrefix("-") else {
                if wantsHelp { return .help(help(for: command, path: path)) }
                throw missingSubcommand(of: command, path: path)
            }
            guard let subcommand = command.subcommand(named: word) else {
                throw unknownSubcommand(word, of: command, path: path)
            }
            command = subcommand
            path += " " + word
            rest.removeFirst()
        }
        if wantsHelp { return .help(help(for: command, path: path)) }
        guard let run = command.run else { throw missingSubcommand(of: command, path: path) }

        var spec = command.spec
        spec.options += root.spec.options
        let parsed = try ArgumentParser(spec: spec, commandPath: path).parse(rest)
        // An empty path would name the current directory, which is not what anyone meant.
        if parsed.value("registry") == "" || globals.value("registry") == "" {
            throw UsageError("--registry needs a path", commandPath: path)
        }
        let context = makeContext(globals: globals, arguments: parsed)
        return .run(run, parsed, context)
    }

    /// Help tokens before `--` are dropped: `requestsHelp` has seen them.
    private func withoutHelp(_ arguments: [String]) -> [String] {
        guard let end = arguments.firstIndex(of: "--") else {
            return arguments.filter { !ArgumentParser.isHelp($0) }
        }
        return arguments[..<end].filter { !ArgumentParser.isHelp($0) } + arguments[end...]
    }

    /// A global option given after the command wins over one given before it.
    private func makeContext(globals: ParsedArguments, arguments: ParsedArguments)
        -> Context
    {
        let environmentRegistry = environment["TENANCY_REGISTRY"].flatMap { $0.isEmpty ? nil : $0 }
        let registry =
            arguments.value("registry") ?? globals.value("registry") ?? environmentRegistry
            ?? "registry"
        let format = arguments.value("format") ?? globals.value("format")
        let stdout = Writer.standardOutput
        return Context(
            registry: registry,
            format: format.flatMap(OutputFormat.init(rawValue:)) ?? .text,
            environment: environment, currentDirectory: currentDirectory,
            stdout: stdout, stderr: .standardError,
            colour: TerminalColour.isAllowed(isTerminal: stdout.isTerminal, environment: environment))
    }

    private func help(for command: Command, path: String) -> String {
        let isRoot = path == root.spec.name
        var subcommands = command.leaves
        if isRoot { subcommands.append(Help.Entry("help [COMMAND]", abstract: "Show help for a command.")) }
        return Help.text(
            for: command.spec, commandPath: path, subcommands: subcommands,
            globalOptions: command.isGroup ? [] : root.spec.options)
    }

    private func missingSubcommand(of command: Command, path: String) -> UsageError {
        if command.spec.name == root.spec.name { return UsageError("missing command", commandPath: path) }
        return UsageError("missing command: expected one of \(names(of: command))", commandPath: path)
    }

    private func unknownSubcommand(_ word: String, of command: Command, path: String) -> UsageError {
        let candidates = command.subcommands.map(\.spec.name)
        if let guess = closestMatch(to: word, among: candidates) {
            return UsageError("unknown command '\(word)'; did you mean '\(guess)'?", commandPath: path)
        }
        let expected = command.spec.name == root.spec.name ? "" : ": expected one of \(names(of: command))"
        return UsageError("unknown command '\(word)'" + expected, commandPath: path)
    }

    private func names(of command: Command) -> String {
        command.subcommands.map(\.spec.name).joined(separator: ", ")
    }
}

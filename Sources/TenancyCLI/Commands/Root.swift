import TenancyCore
import TenancyGit
import TenancyReview

/// The root's options: global, accepted before a command or after it.
enum Global {
    static let registry = Option<String?>(
        "registry", value: "PATH",
        help: "The registry root (default: $TENANCY_REGISTRY, else found from the current directory up).",
        completion: .directory)
    static let format = Option<OutputFormat?>("format", help: "How to print the output; json is described in docs/JSON.md (default: text).")
    static let version = Flag("version", help: "Print the version and exit.")
}

/// The whole command tree, in the order of the README's command table; the root's options are global.
package let rootCommand: Command<Context> = Command(
    group: "tenancy",
    abstract: "A file-based, git-friendly registry of organizations, users and memberships.",
    discussion: Manual.description + "\n\n" + Manual.exitStatusSummary,
    arguments: [Global.registry, Global.format, Global.version],
    [
        InitCommand.command, ValidateCommand.command, FmtCommand.command, DiffCommand.command,
        CanCommand.command, LogCommand.command, WhyCommand.command, ReportCommands.group, ShowCommands.group,
        ListCommands.group, UserCommands.group, OrgCommands.group, MemberCommands.group, ProjectCommands.group,
        InviteCommand.command, InvitationCommands.group, ExportCommands.group, HooksCommands.group,
        CodeOwnersCommand.command, CompletionCommands.command, CompletionCommands.names,
    ])

extension Dispatcher where Context == TenancyCLI.Context {
    /// The dispatcher of `tenancy`'s command line, in a process with this environment and
    /// current directory.
    package static func tenancy(environment: [String: String], currentDirectory: String) -> Self {
        Self(
            root: rootCommand, version: (Global.version, "tenancy \(TenancyCLI.version)\n"),
            manual: { Manual.page.roff(for: rootCommand) }
        ) { globals, arguments, path throws(UsageError) in
            // An empty path would name the current directory, which is not what anyone meant.
            if arguments[Global.registry] == "" || globals[Global.registry] == "" {
                throw UsageError("--registry needs a path", commandPath: path)
            }
            // A global option given after the command wins over one given before it.
            let environmentRegistry = environment["TENANCY_REGISTRY"].flatMap { $0.isEmpty ? nil : $0 }
            let registry = RegistryLocation.registry(
                given: arguments[Global.registry] ?? globals[Global.registry] ?? environmentRegistry,
                // init creates a registry, so it does not look for one.
                discovering: path != "\(rootCommand.spec.name) \(InitCommand.command.spec.name)",
                from: currentDirectory)
            let format = arguments[Global.format] ?? globals[Global.format] ?? .text
            // The tables are the access report's; every other command prints text, json or github.
            if [.csv, .md].contains(format), path != "tenancy report access" {
                throw UsageError("--format \(format.rawValue) is only for 'report access'", commandPath: path)
            }
            let stdout = Writer.standardOutput
            return Context(
                registry: registry, format: format,
                environment: environment, currentDirectory: currentDirectory,
                stdout: stdout, stderr: .standardError,
                colour: TerminalColour.isAllowed(isTerminal: stdout.isTerminal, environment: environment))
        }
    }
}

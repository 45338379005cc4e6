import Foundation
import TenancyCore

/// `tenancy completion SHELL`, and the hidden `tenancy __complete KIND [ORG]` that its
/// scripts run for the names in the registry.
enum CompletionCommands {
    enum Shell: String, CaseIterable, ArgumentValue {
        case bash, zsh, fish

        static var choices: [String] { allCases.map(\.rawValue) }
        init?(argument: String) { self.init(rawValue: argument) }
    }

    static let shell = Positional<Shell>("SHELL", help: "The shell: bash, zsh or fish.")
    static let kind = Positional<String>(
        "KIND", help: "The names to list.", choices: Completion.registryKinds.compactMap(\.registryNames))
    static let org = Positional<String?>("ORG", help: "The organization of the projects or invitations.")

    static let command: Command<Context> = Command(
        "completion", abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            The script completes commands, options and their values, and names from the
            registry the command line would use: organizations, users, and an organization's
            projects and invitations. Install it with one of:

              tenancy completion bash > ~/.local/share/bash-completion/completions/tenancy
              tenancy completion zsh > ~/.zfunc/_tenancy    # a directory in $fpath
              tenancy completion fish > ~/.config/fish/completions/tenancy.fish
            """,
        arguments: [shell]
    ) { arguments, context in
        let table = CompletionTable(root: rootCommand, namesCommand: namesCommand)
        switch arguments[Self.shell] {
        case .bash: context.stdout.write(BashCompletion.script(table))
        case .zsh: context.stdout.write(ZshCompletion.script(table))
        case .fish: context.stdout.write(FishCompletion.script(table))
        }
    }

    /// One name a line, sorted. Reads directory listings only, never a file, so that it
    /// is quick on any registry; prints nothing rather than an error (a shell would show
    /// it in the middle of the line being typed).
    static let namesCommand = "__complete"
    static let names = Command<Context>(
        namesCommand, abstract: "List names of the registry for shell completion.", arguments: [kind, org],
        hidden: true
    ) { arguments, context in
        let kind = Completion.registryKinds.first { $0.registryNames == arguments[Self.kind] }
        guard let kind else { return }
        for name in registryNames(kind, org: arguments[Self.org], root: context.registryRoot) {
            context.stdout.write(name + "\n")
        }
    }
}

/// The names of `kind` in the registry at `root`, from the layout (docs/FORMAT.md):
/// `orgs/SLUG/`, `users/HANDLE.json`, `orgs/ORG/projects/SLUG/`,
/// `orgs/ORG/invitations/ID.json`. Only well-formed names are listed: a shell expands
/// what it is offered, so a file named `$(…)` must never reach it.
func registryNames(_ kind: Completion, org: String?, root: String) -> [String] {
    func entries(_ directory: String, suffix: String = "") -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + directory)) ?? []
        return names.compactMap { $0.hasSuffix(suffix) ? String($0.dropLast(suffix.count)) : nil }
    }
    let orgDirectory = org.flatMap { Name.isValid($0) ? "orgs/" + $0 : nil }
    switch kind {
    case .org: return entries("orgs").filter(Name.isValid).sorted()
    case .user: return entries("users", suffix: ".json").filter(Name.isValid).sorted()
    case .project: return orgDirectory.map { entries($0 + "/projects").filter(Name.isValid).sorted() } ?? []
    case .invitation:
        return orgDirectory.map { entries($0 + "/invitations", suffix: ".json").filter(UUIDString.isValid).sorted() } ?? []
    case .none, .directory: return []
    }
}

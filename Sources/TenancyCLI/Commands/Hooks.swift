import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy hooks …`: the keys of the arguments the commands declare and read, then the commands.
enum HooksCommands {
    static let force = Flag(
        "force", help: "Replace another pre-commit hook; unset a core.hooksPath inside the work tree.")

    static let group = Command<Context>(
        group: "hooks", abstract: "Manage the git pre-commit hook.",
        [
            Command(
                "install", abstract: "Install the pre-commit hook in .git/hooks.",
                discussion: """
                    Writes a pre-commit hook that runs tenancy validate --staged on this
                    registry into the repository's hooks directory (git rev-parse --git-path
                    hooks, usually .git/hooks), never into a tracked directory, whose hooks any
                    checked-out branch could replace. Unsets core.hooksPath=hooks, as earlier
                    versions set it. Refused, unless --force, when another pre-commit hook is
                    there (the pre-commit framework's, say), or core.hooksPath points into the
                    work tree (--force unsets it). Installing again is harmless.
                    """,
                arguments: [force]
            ) { arguments, context in
                let outcome = try HooksInstaller.install(registryRoot: context.registryRoot, force: arguments[Self.force], environment: context.git)
                try context.report(outcome)
            },
            Command(
                "uninstall", abstract: "Remove the pre-commit hook that hooks install wrote.",
                discussion: """
                    Removes the pre-commit hook tenancy hooks install wrote, and unsets
                    core.hooksPath=hooks, as earlier versions set it. Another pre-commit hook is
                    left in place (exit 1).
                    """
            ) { _, context in
                try context.report(try HooksInstaller.uninstall(registryRoot: context.registryRoot, environment: context.git))
            },
        ])
}

extension Context {
    /// Says what `hooks install` or `uninstall` did; a refusal is exit 1.
    fileprivate func report(_ outcome: HooksInstaller.Outcome) throws {
        // Said even before a refusal: finding the hooks directory unsets the old setting.
        if outcome.unsetLegacyHooksPath && format != .json {
            stdout.write("unset core.hooksPath (was hooks): git no longer runs hooks from the tracked hooks/\n")
        }
        let checks = "(tenancy validate --staged on \(outcome.registry))"
        let (action, line) =
            switch outcome.action {
            case .created: ("created", "installed \(outcome.hook) \(checks)")
            case .updated: ("updated", "updated \(outcome.hook) \(checks)")
            case .replaced: ("replaced", "replaced \(outcome.hook) \(checks)")
            case .unchanged: ("unchanged", "\(outcome.hook) already installed \(checks)")
            case .removed: ("removed", "removed \(outcome.hook)")
            case .absent: ("absent", "no pre-commit hook to remove at \(outcome.hook)")
            case .refused(let reason): throw Failure(.ruleViolations, reason)
            }
        guard format != .json else {
            return printJSON([
                ("action", .string(action)), ("hook", .string(outcome.hook)), ("registry", .string(outcome.registry)),
                ("unsetLegacyHooksPath", .bool(outcome.unsetLegacyHooksPath)),
            ])
        }
        stdout.writeLine(line)
    }
}

import Tenancy

let hooksCommand = Command(
    group: "hooks", abstract: "Manage the git hooks.",
    [
        Command(
            "install", abstract: "Point git at the repository's hooks/ (core.hooksPath).",
            discussion: """
                Sets core.hooksPath to hooks in the repository holding the current
                directory, and writes hooks/pre-commit (which runs tenancy validate
                --staged) if the repository has none. Refused when core.hooksPath is
                already set to another directory, unless --force.
                """,
            flags: [FlagSpec("force", help: "Replace a core.hooksPath set to another directory.")]
        ) { arguments, context in
            let installed: HooksInstaller.Installed
            do {
                installed = try HooksInstaller.install(
                    from: context.currentDirectory, force: arguments.flag("force"))
            } catch let conflict as HooksInstaller.Conflict {
                throw Failure(.ruleViolations, conflict.description)
            }
            if installed.wroteScript { context.stdout.write("created hooks/pre-commit\n") }
            let state = installed.wasInstalled ? "already set" : "set"
            context.stdout.writeLine("core.hooksPath \(state) to hooks in \(installed.topLevel)")
        }
    ])

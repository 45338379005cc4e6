import Tenancy

let hooksCommand = Command(
    group: "hooks", abstract: "Manage the git hooks.",
    [
        Command(
            "install", abstract: "Point git at the repository's hooks/ (core.hooksPath).")
    ])

import Tenancy

let validateCommand = Command(
    "validate", abstract: "Check the registry against every rule.",
    discussion: """
        Checks the working tree by default. --staged checks what is staged in git (for
        a pre-commit hook); --rev checks a commit (for CI, on the merge result).
        """,
    options: [OptionSpec("rev", value: "REV", help: "Check this git revision's tree.")],
    flags: [FlagSpec("staged", help: "Check the git index instead of the working tree.")],
    exclusive: [["staged", "rev"]])

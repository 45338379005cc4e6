import TenancyCore
import TenancyGit
import TenancyReview

let validateCommand = Command(
    "validate", abstract: "Check the registry against every rule.",
    discussion: """
        Checks the working tree by default. --staged checks what is staged in git (for
        a pre-commit hook); --rev checks a commit (for CI, on the merge result, or a
        server's pre-receive hook: in a bare repository --registry is the registry's
        path in the tree).
        """,
    options: [OptionSpec("rev", value: "REV", help: "Check this git revision's tree.")],
    flags: [FlagSpec("staged", help: "Check the git index instead of the working tree.")],
    exclusive: [["staged", "rev"]]
) { arguments, context in
    let result: ValidationResult
    if arguments.flag("staged") {
        result = try Validator.validate(IndexSource(registryRoot: context.registryRoot))
    } else if let revision = arguments.value("rev") {
        result = try Validator.validate(RevisionSource(registryRoot: context.registryRoot, revision: revision))
    } else {
        result = try context.openRegistry.validate()
    }
    try context.report(result.diagnostics, fileCount: result.fileCount)
}

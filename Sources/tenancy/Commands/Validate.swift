import Tenancy

let validateCommand = Command(
    "validate", abstract: "Check the registry against every rule.",
    discussion: """
        Checks the working tree by default. --staged checks what is staged in git (for
        a pre-commit hook); --rev checks a commit (for CI, on the merge result).
        """,
    options: [OptionSpec("rev", value: "REV", help: "Check this git revision's tree.")],
    flags: [FlagSpec("staged", help: "Check the git index instead of the working tree.")],
    exclusive: [["staged", "rev"]]
) { arguments, context in
    let result = try Validator.validate(validationSource(arguments, registry: context.registry))
    try context.report(result.diagnostics, fileCount: result.fileCount)
}

/// The working tree, the git index (`--staged`) or a commit (`--rev REV`).
private func validationSource(_ arguments: ParsedArguments, registry: String) -> any SnapshotSource {
    if arguments.flag("staged") { return IndexSource(registryRoot: registry) }
    if let revision = arguments.value("rev") { return RevisionSource(registryRoot: registry, revision: revision) }
    return DirectorySource(root: registry)
}

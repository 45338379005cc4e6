import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy validate`: the keys of the arguments it declares and reads, then the command.
enum ValidateCommand {
    static let rev = Option<String?>("rev", value: "REV", help: "Check this git revision's tree.")
    static let staged = Flag("staged", help: "Check the git index instead of the working tree.")

    static let command = Command<Context>(
        "validate", abstract: "Check the registry against every rule.",
        discussion: """
            Checks the working tree by default. --staged checks what is staged in git (for
            a pre-commit hook); --rev checks a commit (for CI, on the merge result, or a
            server's pre-receive hook: in a bare repository --registry is the registry's
            path in the tree).
            """,
        arguments: [rev, staged], exclusive: [[staged, rev]]
    ) { arguments, context in
        let result: ValidationResult
        if arguments[Self.staged] {
            result = try GitValidation.validateIndex(context.openRegistry, environment: context.git)
        } else if let revision = arguments[Self.rev] {
            result = try validateCommit(revision, root: context.registryRoot, git: context.git)
        } else {
            result = try context.openRegistry.validate()
        }
        try context.report(result.diagnostics, fileCount: result.fileCount)
    }
}

/// Validates commit `revision` (`GitValidation.validateCommit`): the result's snapshot
/// may hold only the part of the registry that changed since the last clean tree.
func validateCommit(_ revision: String, root: String, git: GitEnvironment) throws -> ValidationResult {
    try GitValidation.validateCommit(revision, Registry(root: root), environment: git).result
}

import Glibc
import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy init`: the keys of the arguments it declares and reads, then the command.
enum InitCommand {
    static let preset = Option<Preset?>("preset", help: "The policy to start from (default: default).")

    static let command = Command<Context>(
        "init", abstract: "Create an empty registry with a policy.",
        discussion: """
            Creates the registry directory with tenancy.json (the policy, every key spelled
            out) and empty users/ and orgs/. At the top level of a git work tree the policy's
            "ignore" list names the repository's own files (README.md, .github/, CODEOWNERS…). Refuses to touch an existing tenancy.json (exit
            1): of several inits at once, exactly one creates the registry.
            """,
        arguments: [preset, Shared.dryRun]
    ) { arguments, context in
        let preset = arguments[Self.preset] ?? .default
        let root = context.registryRoot
        let exists = Failure(
            .ruleViolations, "'\(context.registry)' is already a registry (it has a tenancy.json); nothing was written")
        if access(root + "/tenancy.json", F_OK) == 0 { throw exists }
        var policy = preset.policy
        let atTopLevel = isWorkTreeTopLevel(root, environment: context.git)
        if atTopLevel { policy.ignore = IgnoredEntries.repositoryRoot }
        let contents = CanonicalWriter.bytes(for: policy.json)
        let created = [ChangeSummary(.created, "tenancy.json")], extra = [(key: "preset", value: OutputValue.string(preset.rawValue))]
        if arguments[Shared.dryRun] {
            guard context.format != .json else { return context.printChanges(created, dryRun: true, extra: extra) }
            context.stdout.writeLine("would create \(context.registry)/tenancy.json")
            return
        }
        for directory in [root, root + "/users", root + "/orgs"] {
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw Failure(.ioFailure, "cannot create \(directory): \(String(cString: strerror(errno)))")
            }
        }
        guard try context.openRegistry.create(policy: contents) else { throw exists }
        guard context.format != .json else { return context.printChanges(created, dryRun: false, extra: extra) }
        context.stdout.writeLine("created \(context.registry)/tenancy.json (preset \(preset.rawValue))")
        if atTopLevel {
            context.stdout.writeLine("the registry is the repository's root: its \"ignore\" list skips \(policy.ignore.joined(separator: " "))")
        }
    }
}

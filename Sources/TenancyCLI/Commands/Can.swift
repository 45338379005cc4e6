import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy can`: the keys of the arguments it declares and reads, then the command.
enum CanCommand {
    static let permission = Positional<Permission>("PERMISSION", help: "A permission, e.g. member:add or billing:manage.")
    static let place = Positional<String>(
        "ORG[/PROJECT]", help: "The organization, or one of its projects.", completion: .org)

    static let command = Command<Context>(
        "can", abstract: "Answer whether a user has a permission, and which role grants it.",
        discussion: """
            Prints yes or no with the reason; exits 0 for yes and 1 for no. A user,
            organization or project the registry does not hold, or a permission neither the
            tool nor the policy defines (a typo such as org:raed), is a usage error: exit 2.
            """,
        arguments: [Shared.user, permission, place]
    ) { arguments, context in
        let snapshot = try context.readSnapshot()
        let question = try AccessQuestion(
            user: arguments[Shared.user], permission: arguments[Self.permission], place: arguments[Self.place],
            in: snapshot, registry: context.registry)
        let decision = question.decision(in: snapshot)
        if context.format == .json {
            context.printJSON(.object([
                JSONMember(key: "allowed", value: JSONNode(.bool(decision.allowed))),
                JSONMember(key: "grantedBy", value: JSONNode(.array(decision.grantedBy.map { JSONNode(.string($0.description)) }))),
                JSONMember(key: "reason", value: JSONNode(.string(decision.reason))),
            ]))
        } else {
            context.stdout.writeLine("\(decision.allowed ? "yes" : "no"): \(decision.reason)")
        }
        if !decision.allowed { throw ExitCode.ruleViolations }
    }
}

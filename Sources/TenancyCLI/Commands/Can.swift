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
        let user = arguments[Shared.user], permission = arguments[Self.permission]
        // Empty parts are kept: `""` names the organization "", which does not exist.
        let place = arguments[Self.place]
            .split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let org = place[0], project = place.count > 1 ? place[1] : nil
        let snapshot = try context.readSnapshot(.access(user: user, org: org, project: project))
        // An unknown name or permission is a question with no answer, not a "no" (exit 2).
        guard snapshot.users[user] != nil else { throw Failure(.usage, "no user '\(user)' in \(context.registry)") }
        guard snapshot.orgs[org] != nil else { throw Failure(.usage, "no organization '\(org)' in \(context.registry)") }
        if let project, snapshot.projects[org]?[project] == nil {
            throw Failure(.usage, "no project '\(project)' in organization '\(org)'")
        }
        guard snapshot.policy.defines(permission) else {
            throw Failure(.usage, "permission '\(permission)' is defined neither by the tool nor by the policy (tenancy.json)")
        }
        // Each names an entity the registry holds, whose name the loader has checked.
        let decision = snapshot.access(
            Handle(unchecked: user), permission, org: Slug(unchecked: org), project: project.map(Slug.init(unchecked:)))
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

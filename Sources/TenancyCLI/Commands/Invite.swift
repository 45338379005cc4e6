import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy invite`: the keys of the arguments it declares and reads, then the command.
enum InviteCommand {
    static let email = Positional<String>("EMAIL", help: "The invitee's email address.", format: .email)
    static let role = Option<RoleName>("role", help: "The organization role on acceptance.")
    static let inviter = Option<Handle?>(
        "inviter", value: "USER", help: "The member who invites (default: the user of --as).", completion: .user)
    static let project = Option<Slug?>(
        "project", help: "Also invite to this project of the organization.", completion: .project)
    static let projectRole = Option<RoleName?>("project-role", value: "ROLE", help: "The project role on acceptance.")
    static let expiresIn = Option<String?>(
        "expires-in", value: "DURATION",
        help: "How long the invitation is valid, e.g. 7d or 12h, at most 3650d (default: the policy's).")
    static let resend = Flag("resend", help: "Send the pending invitation to this email again, with these terms.")

    static let command = Command<Context>(
        mutation: "invite", abstract: "Invite someone to an organization, or to one of its projects.",
        discussion: """
            Refused while an invitation to the same email is pending, unless --resend, which
            sends that invitation again instead of adding another: the same id, with the role,
            inviter, project and expiry given now (a project left out is dropped). It is
            authorized like a new invitation of that role, by that inviter.
            """,
        arguments: [Shared.org, email, role, inviter, project, projectRole, expiresIn, resend],
        together: [[project, projectRole]], oneOf: [[inviter, Shared.actor]]
    ) { arguments, context in
        var request = InvitationOperations.Invite(
            org: arguments[Shared.org], email: arguments[Self.email], role: arguments[Self.role],
            inviter: Shared.actingUser(arguments, Self.inviter))
        request.project = arguments[Self.project]
        request.projectRole = arguments[Self.projectRole]
        request.resend = arguments[Self.resend]
        if let text = arguments[Self.expiresIn] {
            guard let seconds = InvitationOperations.duration(text) else {
                throw Failure(
                    .usage,
                    "--expires-in must be a number of days or hours up to \(Policy.Invitations.longestDays)d, like 7d or 12h")
            }
            request.expiresIn = seconds
        }
        let scope = Scope(orgs: [request.org], users: [request.inviter])
        try context.mutate(arguments, scope: scope) { snapshot, now in try InvitationOperations.invite(snapshot, now: now, request) }
    }
}

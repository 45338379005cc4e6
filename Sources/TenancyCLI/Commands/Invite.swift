import TenancyCore
import TenancyGit
import TenancyReview

let inviteCommand = Command(
    "invite", abstract: "Invite someone to an organization, or to one of its projects.",
    discussion: """
        Refused while an invitation to the same email is pending, unless --resend, which
        sends that invitation again instead of adding another: the same id, with the role,
        inviter, project and expiry given now (a project left out is dropped). It is
        authorized like a new invitation of that role, by that inviter.
        """,
    positionals: [.org, PositionalSpec("EMAIL", help: "The invitee's email address.", format: .email)],
    options: [
        OptionSpec("role", help: "The organization role on acceptance.", required: true),
        OptionSpec("inviter", value: "USER", help: "The member who invites.", required: true),
        OptionSpec("project", help: "Also invite to this project of the organization."),
        OptionSpec("project-role", value: "ROLE", help: "The project role on acceptance."),
        OptionSpec(
            "expires-in", value: "DURATION",
            help: "How long the invitation is valid, e.g. 7d or 12h, at most 3650d (default: the policy's)."),
    ],
    flags: [FlagSpec("resend", help: "Send the pending invitation to this email again, with these terms.")],
    together: [["project", "project-role"]],
    mutation: true
) { arguments, context in
    var request = InvitationOperations.Invite(
        org: arguments.required("ORG"), email: arguments.required("EMAIL"), role: arguments.required("role"),
        inviter: arguments.required("inviter"))
    request.project = arguments.value("project")
    request.projectRole = arguments.value("project-role")
    request.resend = arguments.flag("resend")
    if let text = arguments.value("expires-in") {
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

import Tenancy

let invitationCommand = Command(
    group: "invitation", abstract: "Accept, decline, revoke or prune invitations.",
    [
        Command(
            "accept", abstract: "Accept an invitation, becoming a member.",
            discussion: "Accepting again changes nothing and succeeds.",
            positionals: [.org, .invitationID],
            options: [OptionSpec("user", value: "USER", help: "The user accepting.", required: true)],
            mutation: true),
        Command(
            "decline", abstract: "Decline an invitation.", positionals: [.org, .invitationID],
            mutation: true),
        Command(
            "revoke", abstract: "Revoke a pending invitation.", positionals: [.org, .invitationID],
            mutation: true),
        Command(
            "prune", abstract: "Delete answered and expired invitations.",
            options: [
                OptionSpec(
                    "before", value: "DATE",
                    help: "Only those answered or expired before this RFC 3339 time.")
            ],
            mutation: true),
    ])

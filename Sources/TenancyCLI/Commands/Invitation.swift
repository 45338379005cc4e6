import TenancyCore
import TenancyGit
import TenancyReview

let invitationCommand = Command(
    group: "invitation", abstract: "Accept, decline, revoke or prune invitations.",
    [
        Command(
            "accept", abstract: "Accept an invitation, becoming a member.",
            discussion: "Accepting again changes nothing and succeeds.",
            positionals: [.org, .invitationID],
            options: [OptionSpec("user", value: "USER", help: "The user accepting.", required: true)],
            mutation: true
        ) { arguments, context in
            let scope = Scope(orgs: [arguments.required("ORG")], countingMembershipsOf: [arguments.required("user")])
            try context.mutate(arguments, scope: scope) { snapshot, now in
                try InvitationOperations.accept(
                    snapshot, now: now, org: arguments.required("ORG"), id: arguments.required("ID"),
                    user: arguments.required("user"))
            }
        },
        Command(
            "decline", abstract: "Decline an invitation.", positionals: [.org, .invitationID],
            mutation: true
        ) { arguments, context in
            try context.mutate(arguments, scope: orgScope(arguments)) { snapshot, now in
                try InvitationOperations.decline(snapshot, now: now, org: arguments.required("ORG"), id: arguments.required("ID"))
            }
        },
        Command(
            "revoke", abstract: "Revoke a pending invitation.", positionals: [.org, .invitationID],
            mutation: true
        ) { arguments, context in
            try context.mutate(arguments, scope: orgScope(arguments)) { snapshot, now in
                try InvitationOperations.revoke(snapshot, now: now, org: arguments.required("ORG"), id: arguments.required("ID"))
            }
        },
        Command(
            "prune", abstract: "Delete answered and expired invitations.",
            options: [
                OptionSpec(
                    "before", value: "DATE",
                    help: "Only those answered or expired before this RFC 3339 time.")
            ],
            mutation: true
        ) { arguments, context in
            var before: Timestamp?
            if let text = arguments.value("before") {
                guard let date = Timestamp(text) else {
                    throw Failure(.usage, "--before must be an RFC 3339 UTC time, like 2026-11-21T09:30:00Z")
                }
                before = date
            }
            try context.mutate(arguments) { snapshot, now in InvitationOperations.prune(snapshot, now: now, before: before) }
        },
    ])

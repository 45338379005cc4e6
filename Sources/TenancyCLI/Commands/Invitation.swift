import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy invitation …`: the keys of the arguments the commands declare and read, then the commands.
enum InvitationCommands {
    static let user = Option<Handle?>(
        "user", value: "USER", help: "The user answering (default: the user of --as).", completion: .user)
    static let before = Option<String?>(
        "before", value: "DATE", help: "Only those answered or expired before this RFC 3339 time.")

    static let group = Command<Context>(
        group: "invitation", abstract: "Accept, decline, revoke or prune invitations.",
        [
            answer(
                "accept", abstract: "Accept an invitation, becoming a member.", again: "Accepting",
                scope: { org, user in Scope(orgs: [org], countingMembershipsOf: [user]) }, InvitationOperations.accept),
            answer(
                "decline", abstract: "Decline an invitation.", again: "Declining",
                scope: { org, user in Scope(orgs: [org], users: [user]) }, InvitationOperations.decline),
            Command(
                mutation: "revoke", abstract: "Revoke a pending invitation.",
                discussion: "Revoking again changes nothing and succeeds.",
                arguments: [Shared.org, Shared.invitationID]
            ) { arguments, context in
                try context.mutate(arguments, scope: orgScope(arguments)) { snapshot, now in
                    try InvitationOperations.revoke(snapshot, now: now, org: arguments[Shared.org], id: arguments[Shared.invitationID])
                }
            },
            Command(
                mutation: "prune", abstract: "Delete answered and expired invitations.", arguments: [before]
            ) { arguments, context in
                var before: Timestamp?
                if let text = arguments[Self.before] {
                    guard let date = Timestamp(text) else {
                        throw Failure(.usage, "--before must be an RFC 3339 UTC time, like 2026-11-21T09:30:00Z")
                    }
                    before = date
                }
                try context.mutate(arguments) { snapshot, now in InvitationOperations.prune(snapshot, now: now, before: before) }
            },
        ])

    /// `accept` and `decline`: the invitee's answer, as `--user` or else as the user of
    /// `--as`, planned by `plan` in the `scope` of the organization and that user.
    private static func answer(
        _ name: String, abstract: String, again: String, scope: @escaping @Sendable (Slug, Handle) -> Scope,
        _ plan: @escaping @Sendable (Snapshot, Timestamp, Slug, String, Handle) throws -> Changeset
    ) -> Command<Context> {
        Command(
            mutation: name, abstract: abstract,
            discussion: "\(again) again changes nothing and succeeds.",
            arguments: [Shared.org, Shared.invitationID, user], oneOf: [[user, Shared.actor]]
        ) { arguments, context in
            let org = arguments[Shared.org], user = Shared.actingUser(arguments, Self.user)
            try context.mutate(arguments, scope: scope(org, user)) { snapshot, now in
                try plan(snapshot, now, org, arguments[Shared.invitationID], user)
            }
        }
    }
}

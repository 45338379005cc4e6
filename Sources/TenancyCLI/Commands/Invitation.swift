import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy invitation …`: the keys of the arguments the commands declare and read, then the commands.
enum InvitationCommands {
    static let user = Option<String>("user", value: "USER", help: "The user accepting.", completion: .user)
    static let before = Option<String?>(
        "before", value: "DATE", help: "Only those answered or expired before this RFC 3339 time.")

    static let group = Command<Context>(
        group: "invitation", abstract: "Accept, decline, revoke or prune invitations.",
        [
            Command(
                mutation: "accept", abstract: "Accept an invitation, becoming a member.",
                discussion: "Accepting again changes nothing and succeeds.",
                arguments: [Shared.org, Shared.invitationID, user]
            ) { arguments, context in
                let org = arguments[Shared.org], user = arguments[Self.user]
                try context.mutate(arguments, scope: Scope(orgs: [org], countingMembershipsOf: [user])) { snapshot, now in
                    try InvitationOperations.accept(
                        snapshot, now: now, org: org, id: arguments[Shared.invitationID], user: user)
                }
            },
            answer("decline", abstract: "Decline an invitation.", InvitationOperations.decline),
            answer("revoke", abstract: "Revoke a pending invitation.", InvitationOperations.revoke),
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

    /// `decline` and `revoke`: an answer to one invitation of an organization, planned by `plan`.
    private static func answer(
        _ name: String, abstract: String,
        _ plan: @escaping @Sendable (Snapshot, Timestamp, String, String) throws -> Changeset
    ) -> Command<Context> {
        Command(mutation: name, abstract: abstract, arguments: [Shared.org, Shared.invitationID]) { arguments, context in
            try context.mutate(arguments, scope: orgScope(arguments)) { snapshot, now in
                try plan(snapshot, now, arguments[Shared.org], arguments[Shared.invitationID])
            }
        }
    }

}

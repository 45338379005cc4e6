/// No two users share an email address, compared case-insensitively.
///
/// An invitation is addressed to an email and accepted by the user who has it: a shared
/// email would let the wrong person accept, and sign-in by email would be ambiguous.
///
/// Failing: `carol` with the email `alice@example.com`. Passing: `carol` with
/// `carol@example.com`.
public struct EmailUniqueRule: StateRule {
    public static let id = RuleID(Self.self)
    public static let summary = "no two users share an email (case-insensitively)"
    public static let examples = RuleExamples(
        passing: [carol(email: "\"carol@example.com\"")],
        failing: [carol(email: "↓\"alice@example.com\"")])

    /// A user `carol` with her personal organization and the given (quoted) email.
    private static func carol(email: String) -> RuleExamples.Registry {
        [
            "users/carol.json": """
                {
                  "createdAt": "2026-11-21T09:30:00Z",
                  "email": \(email),
                  "handle": "carol",
                  "id": "9ef1aedb-df0b-4a6b-8dee-bfcfcfcfbfa9",
                  "name": "Carol"
                }

                """,
            "orgs/carol/org.json": RuleExamples.personalOrg("carol", "a0f2bfec-e01c-4b7c-9eff-c0d0d0d0c0ba"),
            "orgs/carol/members/carol.json": RuleExamples.member("carol", "owner"),
        ]
    }

    public init() {}

    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        let clashes = repeated(snapshot.users, key: { Email.normalized($0.value.email) }, by: { $0.key < $1.key })
        for ((_, user), (_, first)) in clashes {
            sink.emit(
                Self.id, #"users "\#(first.handle)" and "\#(user.handle)" share the email "\#(user.email)""#,
                at: user, .email)
        }
    }
}

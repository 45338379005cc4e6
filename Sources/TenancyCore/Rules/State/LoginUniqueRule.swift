/// No two users share a login on one forge, compared without regard to case (as the
/// forges compare them).
///
/// A login says who opened a pull request (`tenancy diff --actor-login github:LOGIN`) and
/// whom CODEOWNERS names (`tenancy codeowners`): a login held by two users would leave a
/// pull request's author ambiguous, and give one person's approval to the other's
/// organizations. The same login on two forges is two accounts, and may belong to two users.
///
/// Failing: bob with the GitHub login `Alice-GH`, alice's `alice-gh`. Passing: bob with
/// `bob-gh`; bob with `alice-gh` on GitLab.
public struct LoginUniqueRule: StateRule {
    public static let id = RuleID(Self.self)
    public static let summary = "no two users share a login on one forge (case-insensitively)"
    public static let examples = RuleExamples(
        passing: [
            aliceAndBob(bob: "\"github\": \"bob-gh\""),
            aliceAndBob(bob: "\"gitlab\": \"alice-gh\""),
        ],
        failing: [aliceAndBob(bob: "\"github\": ↓\"Alice-GH\"")])

    /// alice with the GitHub login `alice-gh`, and bob with the given logins (JSON members).
    private static func aliceAndBob(bob logins: String) -> RuleExamples.Registry {
        [
            "users/alice.json": RuleExamples.user("alice", "Alice Liddell", "0b6f1a52-4c1e-4d7e-9a55-2f6f0f6f2b10", logins: "\"github\": \"alice-gh\""),
            "users/bob.json": RuleExamples.user("bob", "Bob Builder", "1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21", logins: logins),
        ]
    }

    public init() {}

    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        for forge in Forge.allCases {
            let holders = snapshot.users.filter { $0.value.logins[forge] != nil }
            let clashes = repeated(holders, key: { Forge.comparable($0.value.logins[forge]!) }, by: { $0.key < $1.key })
            for ((_, user), (_, first)) in clashes {
                sink.emit(
                    Self.id,
                    #"users "\#(first.handle)" and "\#(user.handle)" share the \#(forge) login "\#(user.logins[forge]!)""#,
                    path: user.origin.path, at: user.origin.position(of: "logins.\(forge.rawValue)"))
            }
        }
    }
}

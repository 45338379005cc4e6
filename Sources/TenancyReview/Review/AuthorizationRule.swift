import TenancyCore

/// Whoever makes a change may make it (`tenancy diff --actor`; a mutation made as a user
/// with `--as` is refused likewise). Every access change between the base and the head
/// snapshot is checked against the actor's access in the BASE snapshot, so a change
/// cannot authorize itself.
///
/// - Each change needs the permission it names (`AccessChange.permission`) in its
///   organization, or in its project for project changes (a project role counts there).
/// - Nobody grants an organization role ranked above their own, nor adds, demotes or
///   removes an owner, nor grants an owner role, without holding an owner role. So an
///   `org transfer` (a change that grants an owner role) is owner-only: there is no
///   separate transfer permission to give away.
/// - Nobody grants an assignment carrying permissions they do not hold themselves
///   (required assignments, given to every member automatically, excepted).
/// - Sending, editing or extending an invitation is authorized alike, as an offer of the
///   role it will have made in the name of its inviter (so an admin may not revive an
///   owner's invitation to an owner role).
/// - Self-service: accepting or declining an invitation addressed to one's own email
///   (with the membership it creates), leaving an organization or a project, editing
///   one's own name or handle (never `siteAdmin`, `email` or `logins`), creating an
///   organization one owns when `usersMayCreateOrganizations` is true (with everything
///   inside it).
/// - Adding or removing users, changing an email or a forge login and granting or
///   revoking `siteAdmin` belong to site admins, who may do anything. An email is the
///   identity invitations are addressed to and the registry cannot verify it: whoever
///   could set their own could take any invitation sent to someone else's. A login says
///   who opened a pull request (`--actor-login`) and whom CODEOWNERS names: whoever could
///   set their own could claim a colleague's account before it is registered.
///
/// Failing: bob, a member of acme, makes himself an admin. Passing: alice, an owner,
/// makes him one; bob leaves project web.
public struct AuthorizationRule: ChangeRule {
    public static let id = RuleID(Self.self)
    public static let summary = "the actor (`--actor`) may make every change, judged by their access before it: the permission each change needs, no role ranked above their own, no assignment granting what they lack"
    public static let examples = RuleExamples(
        passing: [
            .change(base: [:], head: ["orgs/acme/members/bob.json": RuleExamples.member("bob", "admin")], actor: "alice"),
            .change(base: [:], head: ["orgs/acme/projects/web/members/bob.json": nil], actor: "bob"),
        ],
        failing: [
            .change(base: [:], head: ["orgs/acme/members/bob.json": "↓" + RuleExamples.member("bob", "admin")], actor: "bob"),
        ])

    public static func check(_ change: ReviewedChange, into sink: inout DiagnosticSink) {
        guard let actor = change.actor else { return }
        let authorization = Authorization(actor: actor, base: change.base, head: change.head, changes: change.diff.changes)
        for denial in authorization.denials() { sink.emit(denial.diagnostic) }
    }
}

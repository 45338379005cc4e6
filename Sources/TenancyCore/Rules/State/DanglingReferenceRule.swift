/// Every `user`, `inviter`, `personalOf`, `project` and `acceptedBy` names an existing
/// entity: a user file, or for `project` a project of the invitation's organization.
///
/// A reference to nothing is usually a typo or the leftover of a deletion, and would
/// grant access to whoever later takes that handle. A file that exists but does not
/// decode still counts as existing: its own rule reports it.
///
/// Failing: an invitation with `"inviter": "carol"` and no `users/carol.json`. Passing:
/// `"inviter": "bob"`.
public struct DanglingReferenceRule: StateRule {
    public static let id = RuleID(Self.self)
    public static let summary =
        "every `user`, `inviter`, `personalOf`, `project`, `acceptedBy` names an existing entity"
    public static let examples = RuleExamples(
        passing: [[RuleExamples.invitationPath(): RuleExamples.invitation(["inviter": #""bob""#])]],
        failing: [
            [RuleExamples.invitationPath(): RuleExamples.invitation(["inviter": #"↓"carol""#])],
            [RuleExamples.invitationPath(): RuleExamples.invitation(["project": #"↓"api""#, "projectRole": #""member""#])],
        ])

    public init() {}

    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        for member in snapshot.everyMembership {
            checkUser(member.user, member, .user, snapshot, &sink)
        }
        for member in snapshot.everyProjectMembership {
            checkUser(member.user, member, .user, snapshot, &sink)
        }
        for org in snapshot.orgs.values {
            if let owner = org.personalOf { checkUser(owner, org, .personalOf, snapshot, &sink) }
        }
        for invitation in snapshot.everyInvitation {
            checkUser(invitation.inviter, invitation, .inviter, snapshot, &sink)
            if let user = invitation.acceptedBy { checkUser(user, invitation, .acceptedBy, snapshot, &sink) }
            if let project = invitation.project, !snapshot.present.contains(.project(org: invitation.org, project: project)) {
                let path = EntityPath.project(org: invitation.org, project: project).path
                sink.emit(Self.id, #""project" names project "\#(project)", but there is no \#(path)"#, at: invitation, .project)
            }
        }
    }

    private func checkUser<E: KeyedEntity>(
        _ handle: Handle, _ entity: E, _ key: E.Key, _ snapshot: Snapshot, _ sink: inout DiagnosticSink
    ) {
        guard !snapshot.present.contains(.user(handle)) else { return }
        sink.emit(Self.id, #""\#(key.rawValue)" names user "\#(handle)", but there is no \#(EntityPath.user(handle).path)"#, at: entity, key)
    }
}

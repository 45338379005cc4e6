/// Invitations are consistent: at most one pending invitation per (organization, email);
/// a pending invitation is not addressed to the email of someone already a member;
/// `expiresAt` is after `createdAt`; `respondedAt` is present exactly when the status is
/// not `pending`, `acceptedBy` exactly when it is `accepted`; `projectRole` exactly when
/// `project` is.
///
/// Two pending invitations could be accepted with different roles, and an invitation to
/// a member would change their role behind the `member set` command's back. The rest
/// keeps each invitation's history readable in a diff.
///
/// Failing: `"expiresAt"` a day before `"createdAt"`. Passing: an accepted invitation
/// with `respondedAt` and `acceptedBy`.
public struct InvitationRule: StateRule {
    public static let id = RuleID(Self.self)
    public static let summary =
        "one pending invitation per (org, email), not to a member; `expiresAt` after `createdAt`; `respondedAt`, `acceptedBy`, `projectRole` consistent"
    public static let examples = RuleExamples(
        passing: [[RuleExamples.invitationPath(second): RuleExamples.invitation(id: second, [
            "acceptedBy": #""bob""#, "email": #""bob@example.com""#,
            "respondedAt": #""2026-11-22T09:30:00Z""#, "status": #""accepted""#,
        ])]],
        failing: [
            [RuleExamples.invitationPath(): RuleExamples.invitation(["expiresAt": #"↓"2026-11-20T09:30:00Z""#])],
            [RuleExamples.invitationPath(second): RuleExamples.invitation(id: second, ["email": #"↓"carol@example.com""#])],
            [RuleExamples.invitationPath(second): RuleExamples.invitation(id: second, ["email": #"↓"bob@example.com""#])],
            [RuleExamples.invitationPath(): RuleExamples.invitation(["status": #"↓"declined""#])],
            [RuleExamples.invitationPath(): RuleExamples.invitation([
                "acceptedBy": #"↓"bob""#, "respondedAt": #""2026-11-22T09:30:00Z""#, "status": #""declined""#,
            ])],
            [RuleExamples.invitationPath(): RuleExamples.invitation(["project": #"↓"web""#])],
            [RuleExamples.invitationPath(): RuleExamples.invitation(["projectRole": #"↓"member""#])],
        ])

    /// The id of a second invitation to `acme`, next to the base registry's.
    private static let second = "d3c5e2bf-b34f-4eaf-8c22-f3a3a3a3f3ed"

    public init() {}

    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        let memberHandles = handlesByEmail(snapshot)
        for (org, byID) in snapshot.invitations {
            let pending = byID.filter { $0.value.status == .pending }
            let clashes = repeated(pending, key: { Email.normalized($0.value.email) }, by: { $0.key < $1.key })
            for ((_, invitation), (_, first)) in clashes {
                sink.emit(
                    Self.id, #"an invitation to "\#(invitation.email)" is already pending in organization "\#(org)" (\#(first.id))"#,
                    at: invitation, .email)
            }
            for invitation in pending.values {
                guard let handle = memberHandles[Email.normalized(invitation.email)],
                    snapshot.present.contains(.member(org: org, user: handle))
                else { continue }
                sink.emit(
                    Self.id, #"the pending invitation to "\#(invitation.email)" is for "\#(handle)", already a member of organization "\#(org)""#,
                    at: invitation, .email)
            }
            for invitation in byID.values { checkFields(invitation, &sink) }
        }
    }

    private func handlesByEmail(_ snapshot: Snapshot) -> [String: Handle] {
        var handles: [String: Handle] = [:]
        for (handle, user) in snapshot.users { handles[Email.normalized(user.email)] = handle }
        return handles
    }

    private func checkFields(_ invitation: Invitation, _ sink: inout DiagnosticSink) {
        let status = invitation.status.rawValue
        if invitation.expiresAt <= invitation.createdAt {
            sink.emit(
                Self.id, #""expiresAt" (\#(invitation.expiresAt)) is not after "createdAt" (\#(invitation.createdAt))"#,
                at: invitation, .expiresAt)
        }
        switch (invitation.status == .pending, invitation.respondedAt != nil) {
        case (true, true): sink.emit(Self.id, #"a pending invitation has no "respondedAt""#, at: invitation, .respondedAt)
        case (false, false): sink.emit(Self.id, #"a \#(status) invitation needs "respondedAt""#, at: invitation, .status)
        default: break
        }
        switch (invitation.status == .accepted, invitation.acceptedBy != nil) {
        case (true, false): sink.emit(Self.id, #"an accepted invitation needs "acceptedBy""#, at: invitation, .status)
        case (false, true): sink.emit(Self.id, #"only an accepted invitation has "acceptedBy"; this one is \#(status)"#, at: invitation, .acceptedBy)
        default: break
        }
        switch (invitation.project, invitation.projectRole) {
        case (let project?, nil): sink.emit(Self.id, #"the invitation to project "\#(project)" needs a "projectRole""#, at: invitation, .project)
        case (nil, _?): sink.emit(Self.id, #""projectRole" is only for an invitation to a project, and "project" is missing"#, at: invitation, .projectRole)
        default: break
        }
    }
}

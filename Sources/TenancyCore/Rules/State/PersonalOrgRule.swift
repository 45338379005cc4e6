/// Each user has at most one personal organization, and exactly one when the policy's
/// `personalOrganizations.required` is true; its `personalOf` user is an owner of it;
/// when `personalOrganizations.allowMembers` is false it has no other member and no
/// pending invitation.
///
/// A personal organization is the user's own space: the application finds it through
/// `personalOf`, so there must be one to find, and it must stay the user's.
///
/// Failing: `bob` is a member of `alice`'s personal organization. Passing: the same, with
/// `"allowMembers": true` in the policy.
public struct PersonalOrgRule: StateRule {
    public static let id = RuleID(Self.self)
    public static let summary =
        "each user has at most one personal org (exactly one when required); its `personalOf` user is its owner; no other member unless `allowMembers`"
    public static let examples = RuleExamples(
        passing: [[
            "tenancy.json": """
                {
                  "format": 1,
                  "personalOrganizations": {
                    "allowMembers": true
                  }
                }

                """,
            "orgs/alice/members/bob.json": RuleExamples.member("bob", "member"),
        ]],
        failing: [
            ["orgs/alice/members/bob.json": """
                {
                  "createdAt": "2026-11-21T09:30:00Z",
                  "role": "member",
                  "user": ↓"bob"
                }

                """],
            [RuleExamples.invitationPath("b1a3c0fd-f12d-4c8d-8a00-d1e1e1e1d1cb", org: "alice"): RuleExamples.invitation(
                id: "b1a3c0fd-f12d-4c8d-8a00-d1e1e1e1d1cb", ["email": #""dave@example.com""#, "status": #"↓"pending""#])],
            [
                "orgs/alice2/org.json": """
                    {
                      "createdAt": "2026-11-21T09:30:00Z",
                      "id": "c2b4d1ae-a23e-4d9e-9b11-e2f2f2f2e2dc",
                      "kind": "personal",
                      "name": "alice",
                      "personalOf": ↓"alice",
                      "slug": "alice2"
                    }

                    """,
                "orgs/alice2/members/alice.json": RuleExamples.member("alice", "owner"),
            ],
            ["orgs/bob/org.json": nil, "orgs/bob/members/bob.json": nil, "users/bob.json": """
                ↓{
                  "createdAt": "2026-11-21T09:30:00Z",
                  "email": "bob@example.com",
                  "handle": "bob",
                  "id": "1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21",
                  "name": "Bob Builder"
                }

                """],
        ])

    public init() {}

    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        guard snapshot.policyDecoded else { return }
        let personal = personalOrganizations(snapshot)
        checkOnePerUser(personal, snapshot, &sink)
        for owner in personal.keys where snapshot.present.contains(.user(owner)) {
            for key in personal[owner]! {
                checkOwner(owner, of: key, snapshot, &sink)
                if !snapshot.policy.personalOrganizations.allowMembers {
                    checkAlone(owner, in: key, snapshot, &sink)
                }
            }
        }
    }

    /// Personal organizations (path keys, sorted) by their `personalOf` user.
    private func personalOrganizations(_ snapshot: Snapshot) -> [Handle: [Slug]] {
        var byUser: [Handle: [Slug]] = [:]
        for (key, org) in snapshot.orgs where org.kind == .personal {
            if let owner = org.personalOf { byUser[owner, default: []].append(key) }
        }
        // Nearly every user has one: only the few with more need sorting.
        for (owner, keys) in byUser where keys.count > 1 { byUser[owner] = keys.sorted() }
        return byUser
    }

    /// A broken `org.json` may be anyone's personal organization, so then nobody is
    /// reported for lacking one.
    private func checkOnePerUser(_ personal: [Handle: [Slug]], _ snapshot: Snapshot, _ sink: inout DiagnosticSink) {
        for (owner, keys) in personal {
            for key in keys.dropFirst() {
                sink.emit(
                    Self.id, #"user "\#(owner)" has a second personal organization "\#(key)" (the first is "\#(keys[0])")"#,
                    at: snapshot.orgs[key]!, .personalOf)
            }
        }
        guard snapshot.policy.personalOrganizations.required, !snapshot.hasUndecodedOrg else { return }
        for (handle, user) in snapshot.users where personal[handle] == nil {
            sink.emit(
                Self.id, #"user "\#(handle)" has no personal organization, which the policy requires ("personalOrganizations.required")"#,
                at: user)
        }
    }

    private func checkOwner(_ owner: Handle, of key: Slug, _ snapshot: Snapshot, _ sink: inout DiagnosticSink) {
        guard let member = snapshot.members[key]?[owner] else {
            if !snapshot.present.contains(.member(org: key, user: owner)) {
                sink.emit(
                    Self.id, #"user "\#(owner)" is not a member of their personal organization "\#(key)""#,
                    at: snapshot.orgs[key]!, .personalOf)
            }
            return
        }
        if !snapshot.policy.isOwnerRole(member.role) {
            sink.emit(
                Self.id, #"user "\#(owner)" has role "\#(member.role)" in their personal organization "\#(key)", which is not an owner role"#,
                at: member, .role)
        }
    }

    private func checkAlone(_ owner: Handle, in key: Slug, _ snapshot: Snapshot, _ sink: inout DiagnosticSink) {
        for member in snapshot.members[key, default: [:]].values where member.user != owner {
            sink.emit(
                Self.id, #"user "\#(member.user)" is a member of "\#(owner)"'s personal organization "\#(key)", which may have no other members ("personalOrganizations.allowMembers")"#,
                at: member, .user)
        }
        for invitation in snapshot.invitations[key, default: [:]].values where invitation.status == .pending {
            sink.emit(
                Self.id, #"invitation to "\#(invitation.email)" is pending in "\#(owner)"'s personal organization "\#(key)", which may have no other members ("personalOrganizations.allowMembers")"#,
                at: invitation, .status)
        }
    }
}

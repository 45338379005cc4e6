extension RuleExamples {
    /// A minimal valid registry that every rule example overlays: two users with their
    /// personal organizations, a team organization `acme` with an owner and a member, a
    /// project `web` with one project member, and a pending invitation.
    public static let baseRegistry: [String: String] = [
        "tenancy.json": """
            {
              "format": 1
            }

            """,
        "users/alice.json": user("alice", "Alice Liddell", "0b6f1a52-4c1e-4d7e-9a55-2f6f0f6f2b10"),
        "users/bob.json": user("bob", "Bob Builder", "1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21"),
        "orgs/alice/org.json": personalOrg("alice", "2d8a3c74-6e3a-4f9a-9c77-4b8b2b8b4d32"),
        "orgs/alice/members/alice.json": member("alice", "owner"),
        "orgs/bob/org.json": personalOrg("bob", "3e9b4d85-7f4b-4a0b-8d88-5c9c3c9c5e43"),
        "orgs/bob/members/bob.json": member("bob", "owner"),
        "orgs/acme/org.json": """
            {
              "createdAt": "2026-11-21T09:30:00Z",
              "id": "4fac5e96-8a5c-4b1c-9e99-6dadadad6f54",
              "kind": "team",
              "name": "Acme Inc.",
              "slug": "acme"
            }

            """,
        "orgs/acme/members/alice.json": member("alice", "owner"),
        "orgs/acme/members/bob.json": member("bob", "member"),
        "orgs/acme/projects/web/project.json": """
            {
              "createdAt": "2026-11-21T09:30:00Z",
              "id": "5abd6fa7-9b6d-4c2d-8faa-7ebebebe7a65",
              "name": "Website",
              "slug": "web"
            }

            """,
        "orgs/acme/projects/web/members/bob.json": """
            {
              "createdAt": "2026-11-21T09:30:00Z",
              "role": "member",
              "user": "bob"
            }

            """,
        invitationPath(): invitation(),
    ]

    /// The id of the base registry's pending invitation to carol@example.com.
    package static let invitationID = "6bce7ab8-ac7e-4d3e-9abb-8fcfcfcf8b76"

    package static func invitationPath(_ id: String = invitationID, org: String = "acme") -> String {
        "orgs/\(org)/invitations/\(id).json"
    }

    /// An invitation like the base registry's, by alice to carol@example.com, with `id`
    /// and with some values replaced or added (`changes` holds JSON text, which may
    /// carry the `↓` marker).
    package static func invitation(id: String = invitationID, _ changes: [String: String] = [:]) -> String {
        object([
            "createdAt": #""2026-11-21T09:30:00Z""#, "email": #""carol@example.com""#,
            "expiresAt": #""2026-11-28T09:30:00Z""#, "id": "\"\(id)\"", "inviter": #""alice""#,
            "role": #""member""#, "status": #""pending""#,
        ].merging(changes) { $1 })
    }

    /// A canonical JSON object from values already written as JSON (scalars only).
    package static func object(_ fields: [String: String]) -> String {
        "{\n" + fields.keys.sorted().map { "  \"\($0)\": \(fields[$0]!)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// A user file; `logins` holds the members of its `logins` object, written as JSON
    /// (one, or several joined by ",\n    "), or nil for none.
    package static func user(_ handle: String, _ name: String, _ id: String, logins: String? = nil) -> String {
        let loginsMember = logins.map { "  \"logins\": {\n    \($0)\n  },\n" } ?? ""
        return """
            {
              "createdAt": "2026-11-21T09:30:00Z",
              "email": "\(handle)@example.com",
              "handle": "\(handle)",
              "id": "\(id)",
            \(loginsMember)  "name": "\(name)"
            }

            """
    }

    package static func personalOrg(_ handle: String, _ id: String) -> String {
        """
        {
          "createdAt": "2026-11-21T09:30:00Z",
          "id": "\(id)",
          "kind": "personal",
          "name": "\(handle)",
          "personalOf": "\(handle)",
          "slug": "\(handle)"
        }

        """
    }

    package static func member(_ handle: String, _ role: String) -> String {
        """
        {
          "createdAt": "2026-11-21T09:30:00Z",
          "role": "\(role)",
          "user": "\(handle)"
        }

        """
    }
}

/// Required keys present, no unknown keys, right types, valid enums, timestamps, UUIDs,
/// emails and https logos. Emails hold no control, whitespace or bidi control character;
/// display names (`name`) no control character, U+2028/U+2029 or bidi control
/// (U+202A–U+202E, U+2066–U+2069): they are printed, and must print as they read.
///
/// Failing: `"kind": "company"`, `"email": "bob\u001b]0;owned\u0007@example.com"`.
/// Passing: `"kind": "team"`.
public struct SchemaRule: FileRule {
    public static let id = RuleID(Self.self)
    public static let summary = "required keys present, no unknown keys, right types, valid enums, timestamps, UUIDs, emails, https logo; no control or bidi characters in emails and names"
    public static let examples = RuleExamples(
        passing: [["orgs/acme/members/bob.json": "{\n  \"assignments\": [],\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"role\": \"member\",\n  \"updatedAt\": \"2026-11-22T10:00:00Z\",\n  \"user\": \"bob\"\n}\n"]],
        failing: [
            ["orgs/acme/members/bob.json": "{\n  \"createdAt\": ↓\"yesterday\",\n  \"role\": \"member\",\n  \"user\": \"bob\"\n}\n"],
            ["orgs/acme/members/bob.json": "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  ↓\"level\": 3,\n  \"role\": \"member\",\n  \"user\": \"bob\"\n}\n"],
            ["orgs/acme/members/bob.json": "↓{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"user\": \"bob\"\n}\n"],
            ["users/bob.json": "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"email\": ↓\"bob\\u001b]0;owned\\u0007@example.com\",\n  \"handle\": \"bob\",\n  \"id\": \"1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21\",\n  \"name\": \"Bob Builder\"\n}\n"],
            ["users/bob.json": "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"email\": \"bob@example.com\",\n  \"handle\": \"bob\",\n  \"id\": \"1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21\",\n  \"name\": ↓\"Bob \u{202E}redliuB\"\n}\n"],
            ["orgs/acme/projects/web/project.json": "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"id\": \"5abd6fa7-9b6d-4c2d-8faa-7ebebebe7a65\",\n  \"name\": ↓\"Website\u{2028}acme/web:1:1: error: fake\",\n  \"slug\": \"web\"\n}\n"],
        ])

    /// Decodes the entity of every file but `tenancy.json` (the policy rule's).
    public static func check(_ file: inout CheckedFile) {
        guard let node = file.node, let path = file.path, path != .policy else { return }
        let context = FileContext(path: file.entry.path, rule: id)
        file.entity = decode(node, path, context)
        file.diagnostics += context.diagnostics
    }

    static func decode(_ node: JSONNode, _ path: EntityPath, _ c: FileContext) -> Entity? {
        switch path {
        case .policy: nil
        case .user: EntityDecoding.user(node, c).map(Entity.user)
        case .org: EntityDecoding.organization(node, c).map(Entity.org)
        case .member(let org, _): EntityDecoding.membership(node, c, org: org).map(Entity.member)
        case .project(let org, _): EntityDecoding.project(node, c, org: org).map(Entity.project)
        case .projectMember(let org, let project, _):
            EntityDecoding.projectMembership(node, c, org: org, project: project).map(Entity.projectMember)
        case .invitation(let org, _): EntityDecoding.invitation(node, c, org: org).map(Entity.invitation)
        }
    }
}

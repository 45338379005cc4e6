/// `handle`, `slug`, `user` and `id` equal the path component of their file, so a file
/// read alone, in a diff, says what it is.
///
/// Failing: `users/bob.json` with `"handle": "robert"`. Passing: `"handle": "bob"`.
public struct KeyMismatchRule: FileRule {
    public static let id = RuleID(Self.self)
    public static let summary = "`handle` / `slug` / `user` / `id` equals its path component"
    public static let examples = RuleExamples(
        passing: [["orgs/acme/members/bob.json": RuleExamples.member("bob", "member")]],
        failing: [["users/bob.json": "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"email\": \"bob@example.com\",\n  \"handle\": ↓\"robert\",\n  \"id\": \"1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21\",\n  \"name\": \"Bob Builder\"\n}\n"]])

    public static func check(_ file: inout CheckedFile) {
        guard let entity = file.entity, let path = file.path else { return }
        let (key, value, expected, origin): (String, String, String, Origin)
        switch (entity, path) {
        case (.user(let u), .user(let h)): (key, value, expected, origin) = ("handle", u.handle, h, u.origin)
        case (.org(let o), .org(let s)): (key, value, expected, origin) = ("slug", o.slug, s, o.origin)
        case (.member(let m), .member(_, let h)): (key, value, expected, origin) = ("user", m.user, h, m.origin)
        case (.project(let p), .project(_, let s)): (key, value, expected, origin) = ("slug", p.slug, s, p.origin)
        case (.projectMember(let m), .projectMember(_, _, let h)):
            (key, value, expected, origin) = ("user", m.user, h, m.origin)
        case (.invitation(let i), .invitation(_, let id)): (key, value, expected, origin) = ("id", i.id, id, i.origin)
        default: return
        }
        guard value != expected else { return }
        file.diagnostics.append(Diagnostic(
            path: origin.path, at: origin.position(of: key), rule: id,
            message: "\"\(key)\" is \"\(value)\" but the file's path says \"\(expected)\""))
    }
}

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
        switch (entity, path) {
        case (.user(let u), .user(let h)): compare(u, .handle, u.handle, h, &file)
        case (.org(let o), .org(let s)): compare(o, .slug, o.slug, s, &file)
        case (.member(let m), .member(_, let h)): compare(m, .user, m.user, h, &file)
        case (.project(let p), .project(_, let s)): compare(p, .slug, p.slug, s, &file)
        case (.projectMember(let m), .projectMember(_, _, let h)): compare(m, .user, m.user, h, &file)
        case (.invitation(let i), .invitation(_, let id)): compare(i, .id, i.id, id, &file)
        default: return
        }
    }

    private static func compare<E: KeyedEntity, Value: Equatable & CustomStringConvertible>(
        _ entity: E, _ key: E.Key, _ value: Value, _ expected: Value, _ file: inout CheckedFile
    ) {
        guard value != expected else { return }
        file.diagnostics.append(Diagnostic(
            path: entity.origin.path, at: entity.position(of: key), rule: id,
            message: "\"\(key.rawValue)\" is \"\(value)\" but the file's path says \"\(expected)\""))
    }
}

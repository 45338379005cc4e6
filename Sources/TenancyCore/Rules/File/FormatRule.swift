/// The file is in canonical form: keys sorted, two-space indentation, LF, one final
/// newline. `tenancy fmt` fixes it. The diagnostic points at the first difference.
///
/// Failing: `{"role":"member", ...}` on one line. Passing: what `tenancy fmt` writes.
public struct FormatRule: FileRule {
    public static let id = RuleID(Self.self)
    public static let summary = "the file is in canonical form (fixable with `tenancy fmt`)"
    public static let examples = RuleExamples(
        passing: [["orgs/acme/members/bob.json": RuleExamples.member("bob", "member")]],
        failing: [
            ["orgs/acme/members/bob.json": "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"↓user\": \"bob\",\n  \"role\": \"member\"\n}\n"],
            ["orgs/acme/members/bob.json": "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"role\": \"member\",\n  \"user\": \"bob\"\n}↓"],
        ])

    public static func check(_ file: inout CheckedFile) {
        guard let bytes = file.bytes, let node = file.node, !CanonicalWriter.isCanonical(bytes, node: node) else { return }
        file.canonical = node.value
        file.emit(id, "not in canonical form (run `tenancy fmt`)", at: firstDifference(bytes, CanonicalWriter.bytes(for: node)))
    }

    /// Line and column (in Unicode scalars) of the first byte where `a` and `b` differ.
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Position {
        var line = 1, column = 1, index = 0
        while index < min(a.count, b.count) && a[index] == b[index] {
            if a[index] == 0x0A {
                line += 1
                column = 1
            } else if a[index] & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return Position(line: line, column: column)
    }
}

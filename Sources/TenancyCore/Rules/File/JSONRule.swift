/// Each file is strict RFC 8259 JSON in UTF-8: no BOM, no duplicate keys, no trailing
/// commas or comments, nesting at most 64 deep, at most 1 MiB.
///
/// Failing: `{"role": "owner",↓}` (trailing comma). Passing: `{"role": "owner"}`.
public struct JSONRule: FileRule {
    public static let id = RuleID(Self.self)
    public static let summary = "each file is strict JSON: UTF-8, no BOM, duplicate keys, trailing commas or comments, nesting ≤ 64, ≤ 1 MiB"
    public static let examples = RuleExamples(
        passing: [["orgs/acme/members/bob.json": RuleExamples.member("bob", "admin")]],
        failing: [
            ["orgs/acme/members/bob.json": "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"role\": \"member\",\n  \"user\": \"bob\"↓,\n}\n"],
            ["users/bob.json": "{\n  \"handle\": \"bob\",\n  ↓\"handle\": \"bob\"\n}\n"],
        ])

    /// The file parses as strict JSON: its JSON is what the other rules read.
    public static func check(_ file: inout CheckedFile) {
        guard let bytes = file.bytes else { return }
        do {
            file.node = try JSONReader.parse(bytes)
        } catch {
            file.emit(id, error.message, at: error.position)
        }
    }
}

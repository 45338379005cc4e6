/// `tenancy.json` is itself valid: known keys of the right types, unique role names, at
/// least one owner role, format 1, invitations valid for 1 to 3650 days.
///
/// Failing: two roles named `admin`. Passing: the default policy.
public struct PolicyRule: FileRule {
    public static let id = RuleID(Self.self)
    public static let summary = "`tenancy.json` is itself valid: unique role names, at least one owner role, known keys"
    public static let examples = RuleExamples(
        passing: [["tenancy.json": "{\n  \"format\": 1,\n  \"usersMayCreateOrganizations\": false\n}\n"]],
        failing: [
            ["tenancy.json": "{\n  \"format\": 1,\n  ↓\"roles\": []\n}\n"],
            ["tenancy.json": "{\n  \"format\": 1,\n  \"organizationRoles\": [\n    {\n      \"name\": \"owner\",\n      \"owner\": true,\n      \"permissions\": [\n        \"*\"\n      ]\n    },\n    {\n      \"name\": \"admin\",\n      \"permissions\": []\n    },\n    {\n      \"name\": ↓\"admin\",\n      \"permissions\": []\n    }\n  ]\n}\n"],
            ["tenancy.json": "{\n  \"format\": 1,\n  \"invitations\": {\n    \"expiresAfterDays\": ↓9223372036854775807\n  }\n}\n"],
            ["tenancy.json": "{\n  \"format\": 1,\n  \"organizationRoles\": ↓[\n    {\n      \"name\": \"boss\",\n      \"permissions\": [\n        \"*\"\n      ]\n    }\n  ]\n}\n"],
        ])

    /// Decodes `tenancy.json`.
    public static func check(_ file: inout CheckedFile) {
        guard let node = file.node, file.path == .policy else { return }
        let context = FileContext(path: file.entry.path, rule: id)
        file.entity = PolicyDecoding.policy(node, context).map(Entity.policy)
        file.diagnostics += context.diagnostics
    }
}

/// Each file is strict RFC 8259 JSON in UTF-8: no BOM, no duplicate keys, no trailing
/// commas or comments, nesting at most 64 deep, at most 1 MiB.
///
/// Failing: `{"role": "owner",↓}` (trailing comma). Passing: `{"role": "owner"}`.
public struct JSONRule: FileRule {
    public static let id: RuleID = "json"
    public static let summary = "each file is strict JSON: UTF-8, no BOM, duplicate keys, trailing commas or comments, nesting ≤ 64, ≤ 1 MiB"
    public static let examples = RuleExamples(
        passing: [["orgs/acme/members/bob.json": RuleExamples.member("bob", "admin")]],
        failing: [
            ["orgs/acme/members/bob.json": "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"role\": \"member\",\n  \"user\": \"bob\"↓,\n}\n"],
            ["users/bob.json": "{\n  \"handle\": \"bob\",\n  ↓\"handle\": \"bob\"\n}\n"],
        ])
}

/// Required keys present, no unknown keys, right types, valid enums, timestamps, UUIDs,
/// emails and https logos. Emails hold no control, whitespace or bidi control character;
/// display names (`name`) no control character, U+2028/U+2029 or bidi control
/// (U+202A–U+202E, U+2066–U+2069): they are printed, and must print as they read.
///
/// Failing: `"kind": "company"`, `"email": "bob\u001b]0;owned\u0007@example.com"`.
/// Passing: `"kind": "team"`.
public struct SchemaRule: FileRule {
    public static let id: RuleID = "schema"
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
}

/// The file is in canonical form: keys sorted, two-space indentation, LF, one final
/// newline. `tenancy fmt` fixes it. The diagnostic points at the first difference.
///
/// Failing: `{"role":"member", ...}` on one line. Passing: what `tenancy fmt` writes.
public struct FormatRule: FileRule {
    public static let id: RuleID = "format"
    public static let summary = "the file is in canonical form (fixable with `tenancy fmt`)"
    public static let examples = RuleExamples(
        passing: [["orgs/acme/members/bob.json": RuleExamples.member("bob", "member")]],
        failing: [
            ["orgs/acme/members/bob.json": "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"↓user\": \"bob\",\n  \"role\": \"member\"\n}\n"],
            ["orgs/acme/members/bob.json": "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"role\": \"member\",\n  \"user\": \"bob\"\n}↓"],
        ])
}

/// Only the entries of the registry layout exist: `tenancy.json`, `users/<handle>.json`,
/// `orgs/<org>/…`; no symlinks, no stray files; names follow the handle grammar.
///
/// Failing: `users/Bob.json`, `orgs/acme/notes.txt`. Passing: `users/bob.json`.
public struct LayoutRule: FileRule {
    public static let id: RuleID = "layout"
    public static let summary = "only the entries of the layout exist; no symlinks; names follow the grammar"
    public static let examples = RuleExamples(
        passing: [[".gitignore": "*.swp\n"]],
        failing: [
            ["orgs/acme/notes.txt": "↓remember the milk\n"],
            ["users/Carol.json": "↓{}\n"],
        ])
}

/// `handle`, `slug`, `user` and `id` equal the path component of their file, so a file
/// read alone, in a diff, says what it is.
///
/// Failing: `users/bob.json` with `"handle": "robert"`. Passing: `"handle": "bob"`.
public struct KeyMismatchRule: FileRule {
    public static let id: RuleID = "key-mismatch"
    public static let summary = "`handle` / `slug` / `user` / `id` equals its path component"
    public static let examples = RuleExamples(
        passing: [["orgs/acme/members/bob.json": RuleExamples.member("bob", "member")]],
        failing: [["users/bob.json": "{\n  \"createdAt\": \"2026-11-21T09:30:00Z\",\n  \"email\": \"bob@example.com\",\n  \"handle\": ↓\"robert\",\n  \"id\": \"1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21\",\n  \"name\": \"Bob Builder\"\n}\n"]])
}

/// `tenancy.json` is itself valid: known keys of the right types, unique role names, at
/// least one owner role, format 1, invitations valid for 1 to 3650 days.
///
/// Failing: two roles named `admin`. Passing: the default policy.
public struct PolicyRule: FileRule {
    public static let id: RuleID = "policy"
    public static let summary = "`tenancy.json` is itself valid: unique role names, at least one owner role, known keys"
    public static let examples = RuleExamples(
        passing: [["tenancy.json": "{\n  \"format\": 1,\n  \"usersMayCreateOrganizations\": false\n}\n"]],
        failing: [
            ["tenancy.json": "{\n  \"format\": 1,\n  ↓\"roles\": []\n}\n"],
            ["tenancy.json": "{\n  \"format\": 1,\n  \"organizationRoles\": [\n    {\n      \"name\": \"owner\",\n      \"owner\": true,\n      \"permissions\": [\n        \"*\"\n      ]\n    },\n    {\n      \"name\": \"admin\",\n      \"permissions\": []\n    },\n    {\n      \"name\": ↓\"admin\",\n      \"permissions\": []\n    }\n  ]\n}\n"],
            ["tenancy.json": "{\n  \"format\": 1,\n  \"invitations\": {\n    \"expiresAfterDays\": ↓9223372036854775807\n  }\n}\n"],
            ["tenancy.json": "{\n  \"format\": 1,\n  \"organizationRoles\": ↓[\n    {\n      \"name\": \"boss\",\n      \"permissions\": [\n        \"*\"\n      ]\n    }\n  ]\n}\n"],
        ])
}

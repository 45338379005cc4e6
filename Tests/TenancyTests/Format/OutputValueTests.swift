import Tenancy
import Testing

/// The one JSON writer of `--format json`: typed values in the canonical form, with a version.
struct OutputValueTests {
    @Test func aDocumentIsCanonicalTypedAndVersioned() {
        let document = OutputValue.document([
            ("name", "Bob \u{202E}Builder"), ("count", 2), ("admin", false), ("project", .optional(nil)),
            ("assignments", .strings(["developer", "viewer"])), ("member", ["user": "bob", "role": "member"]),
        ])
        #expect(document == """
            {
              "admin": false,
              "assignments": [
                "developer",
                "viewer"
              ],
              "count": 2,
              "member": {
                "role": "member",
                "user": "bob"
              },
              "name": "Bob \\u202eBuilder",
              "project": null,
              "version": 1
            }

            """)
    }
}

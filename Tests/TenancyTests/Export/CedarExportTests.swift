import Testing
@testable import TenancyCore

/// The pieces of the Cedar export that the engine tests (ExportCommandTests) rely on.
@Suite("Cedar export")
struct CedarExportTests {
    /// The questions an export must answer: the tool's permissions, the policy's own, the
    /// `resource:*` of each, and `*`; each one `can` accepts.
    @Test func namedPermissionsAreEveryPermissionCanAccepts() {
        var policy = Policy()
        policy.assignments = [Policy.Assignment(name: "ops", permissions: ["deploy", "env:prod:*", "*"])]
        let named = policy.namedPermissions.map(\.rawValue)
        #expect(named == named.sorted() && Set(named).count == named.count)
        for expected in Permission.ofTheTool.map(\.rawValue) + ["*", "deploy", "env:prod:*", "env:*", "org:*", "member:*"] {
            #expect(named.contains(expected), "\(expected)")
        }
        #expect(!named.contains("deploy:*"), "deploy has no resource")
        #expect(policy.namedPermissions.allSatisfy(policy.defines))
    }

    /// Each wildcard groups the permissions it matches (nested ones too), never itself or `*`.
    @Test func wildcardsAreActionGroups() {
        var policy = Policy()
        policy.assignments = [Policy.Assignment(name: "ops", permissions: ["env:prod:deploy", "env:prod:*"])]
        let groups = Dictionary(uniqueKeysWithValues: CedarActions(policy).groups.map { ($0.action, $0.memberOf) })
        #expect(groups["env:prod:deploy"] == ["env:*", "env:prod:*"])
        #expect(groups["env:prod:*"] == ["env:*"])
        #expect(groups["member:add"] == ["member:*"])
        #expect(groups["*"] == [])
    }

    @Test func namesAreQuotedAsCedarStrings() {
        #expect(cedarString("Super Admin") == "\"Super Admin\"")
        #expect(cedarString("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(cedarString("équipe") == "\"\\u{e9}quipe\"")
    }

    /// A role that grants nothing has no policy, only its comment.
    @Test func aRoleThatGrantsNothingHasNoPolicy() {
        let text = CedarPolicies(Policy.default).text
        #expect(text.contains("// Organization role \"guest\": rank 3 (0 is the highest): grants nothing.\n\n"))
        #expect(!text.contains("roles[\"guest\"]"))
    }
}

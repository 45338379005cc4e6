import Foundation
import Tenancy
import TenancyTestSupport
import Testing

struct CanCommandTests {
    @Test func yesExitsZeroAndNamesTheRole() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        let run = try runTenancy(["can", "alice", "member:add", "acme"], cwd: URL(fileURLWithPath: tree.path))
        #expect(run.status == 0)
        #expect(run.stdout == "yes: granted by organization role owner\n")
    }

    @Test func noExitsOneAndSaysWhatIsHeld() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        let run = try runTenancy(["can", "bob", "project:delete", "acme/web"], cwd: URL(fileURLWithPath: tree.path))
        #expect(run.status == 1)
        #expect(run.stdout == "no: nothing grants project:delete in acme/web: organization role member grants org:read, project:read; project role member grants project:read\n")
    }

    @Test func unknownNamesAreOneLineErrors() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        let run = try runTenancy(["can", "bob", "org:read", "acme/nope"], cwd: URL(fileURLWithPath: tree.path))
        #expect(run.status == 2)
        #expect(run.stderr == "tenancy: error: no project 'nope' in organization 'acme'\n")
    }

    /// An unknown user, organization or permission is a question without an answer, not a
    /// "no": exit 2, so a script can tell a typo from a denial.
    @Test(arguments: [
        (["can", "zed", "org:read", "acme"], "no user 'zed' in registry"),
        (["can", "bob", "org:read", "nope"], "no organization 'nope' in registry"),
        (["can", "bob", "org:raed", "acme"], "permission 'org:raed' is defined neither by the tool nor by the policy (tenancy.json)"),
    ])
    func anUnknownNameOrPermissionIsAUsageError(arguments: [String], message: String) throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        let run = try runTenancy(arguments, cwd: URL(fileURLWithPath: tree.path))
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr == "tenancy: error: \(message)\n")
    }

    /// `--batch` reads the registry once and answers one JSON line per question, yes or
    /// no alike; a question without an answer gets an error line, and the exit is 2.
    @Test func batchAnswersEachLineOfStdin() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        let questions = """
            {"user": "alice", "permission": "member:add", "org": "acme"}
            {"user": "bob", "permission": "project:delete", "org": "acme", "project": "web"}

            """
        let run = try runTenancy(["can", "--batch"], cwd: URL(fileURLWithPath: tree.path), stdin: questions)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
            { "allowed": true, "grantedBy": [ "organization role owner" ], "reason": "granted by organization role owner" }
            { "allowed": false, "grantedBy": [], "reason": "nothing grants project:delete in acme/web: organization role member grants org:read, project:read; project role member grants project:read" }

            """)
        let unanswered = try runTenancy(
            ["can", "--batch"], cwd: URL(fileURLWithPath: tree.path),
            stdin: """
                {"user": "zed", "permission": "org:read", "org": "acme"}
                yes
                \t\r
                {"user": "alice", "user": "bob", "permission": "org:read", "org": "acme"}
                ["alice"]
                {"user": "alice", "org": "acme"}
                {"user": "alice", "permission": "member add", "org": "acme"}
                {"user": "alice", "permission": "org:raed", "org": "acme"}
                {"user": "alice", "permission": 1, "org": "acme"}

                """)
        #expect(unanswered.status == 2)
        let errors = unanswered.stdout.split(separator: "\n").map(String.init)
        #expect(errors.count == 8, "a blank line (tab, CR) asks nothing: \(errors)")
        #expect(errors.first == #"{ "error": "no user 'zed' in registry" }"#)
        #expect(errors.dropFirst().first?.hasPrefix(#"{ "error": "a question must be a JSON object on one line: "#) == true)
        #expect(errors.dropFirst(2).first?.contains("duplicate key") == true, "\(errors)")
        #expect(Array(errors.dropFirst(3)) == [
            #"{ "error": "a question must be a JSON object on one line" }"#,
            #"{ "error": "a question needs user, permission and org" }"#,
            #"{ "error": "'member add' is no permission" }"#,
            #"{ "error": "permission 'org:raed' is defined neither by the tool nor by the policy (tenancy.json)" }"#,
            #"{ "error": "a question has the strings user, permission, org and, optionally, project" }"#,
        ])
        let both = try runTenancy(["can", "--batch", "alice"], cwd: URL(fileURLWithPath: tree.path))
        #expect(both.status == 2 && both.stderr.contains("--batch reads its questions from stdin"), "\(both.stderr)")
        let neither = try runTenancy(["can", "alice"], cwd: URL(fileURLWithPath: tree.path))
        #expect(neither.status == 2 && neither.stderr.contains("missing argument PERMISSION"), "\(neither.stderr)")
    }

    /// What the policy names is defined: an application's own permission, and any of a
    /// resource the policy grants as `resource:*`.
    @Test func thePolicysOwnPermissionsAreDefined() throws {
        var policy = Policy()
        policy.assignments = [Policy.Assignment(name: "billing", permissions: ["billing:*"]), Policy.Assignment(name: "audit", permissions: ["audit:read"])]
        for text in ["org:read", "project:members", "audit:read", "billing:manage", "billing:*", "*"] {
            #expect(policy.defines(Permission(text)!), "\(text)")
        }
        for text in ["org:raed", "audit:write", "sandbox:create", "nothing"] {
            #expect(!policy.defines(Permission(text)!), "\(text)")
        }
    }

    /// A permission is a `Permission`, checked as the arguments are parsed.
    @Test(arguments: ["", "member add", "a\u{1B}[2J"])
    func aTextThatIsNoPermissionIsAUsageError(_ permission: String) throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        let run = try runTenancy(["can", "alice", permission, "acme"], cwd: URL(fileURLWithPath: tree.path))
        #expect(run.status == 2)
        #expect(run.stderr == "tenancy can: error: PERMISSION must be a permission such as member:add, without whitespace or controls (see 'tenancy can --help')\n")
    }

    @Test func jsonOutputCarriesTheDecision() throws {
        let tree = try TemporaryRegistry(RuleExamples.baseRegistry)
        let run = try runTenancy(["--format", "json", "can", "alice", "org:delete", "acme"], cwd: URL(fileURLWithPath: tree.path))
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["allowed"] as? Bool == true)
        #expect(object?["grantedBy"] as? [String] == ["organization role owner"])
    }
}

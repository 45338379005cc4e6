/// Every assertion in the policy's `tests` holds, so a change that takes away access
/// someone must keep, or gives access someone must not have, fails review.
///
/// Failing: `{"user": "bob", "org": "acme", "can": ["member:add"]}` while bob is a plain
/// member. Passing: `{"user": "bob", "org": "acme", "can": ["org:read"], "cannot": ["member:add"]}`.
public struct AccessTestRule: StateRule {
    public static let id = RuleID(Self.self)
    public static let summary = "every assertion in the policy's `tests` holds"
    public static let examples = RuleExamples(
        passing: [["tenancy.json": policyWithTest(can: "org:read", cannot: "member:add")]],
        failing: [["tenancy.json": policyWithTest(can: "member:add", cannot: "org:delete", marked: true)]])

    public init() {}

    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        for test in snapshot.policy.tests {
            let place = test.project.map { "\(test.org)/\($0)" } ?? test.org.rawValue
            for permission in test.can {
                let decision = snapshot.access(test, permission)
                if !decision.allowed {
                    sink.emit(Self.id, "\(test.user) must have \(permission) in \(place) but does not: \(decision.reason)",
                              path: snapshot.policy.origin.path, at: test.position)
                }
            }
            for permission in test.cannot {
                let decision = snapshot.access(test, permission)
                if decision.allowed {
                    sink.emit(Self.id, "\(test.user) must not have \(permission) in \(place) but does: \(decision.reason)",
                              path: snapshot.policy.origin.path, at: test.position)
                }
            }
        }
    }

    static func policyWithTest(can: String, cannot: String, marked: Bool = false) -> String {
        """
        {
          "format": 1,
          "tests": [
            \(marked ? "↓" : ""){
              "can": [
                "\(can)"
              ],
              "cannot": [
                "\(cannot)"
              ],
              "org": "acme",
              "user": "bob"
            }
          ]
        }

        """
    }
}

extension Snapshot {
    /// The answer to an access test of the policy, whose permissions are compared as written.
    fileprivate func access(_ test: Policy.AccessTest, _ permission: String) -> AccessDecision {
        access(test.user, Permission(unchecked: permission), org: test.org, project: test.project)
    }
}

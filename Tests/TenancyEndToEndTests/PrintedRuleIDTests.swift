import Foundation
import Testing
import Tenancy
import TenancyTestSupport

/// Every rule id the tool prints is a registered rule's, so the README's rule table and the
/// rule's own documentation and examples explain it.
struct PrintedRuleIDTests {
    @Test func everyPrintedRuleIDIsARegisteredRule() throws {
        // A policy where removing one member of two is a mass removal.
        let policy = "{\n  \"format\": 1,\n  \"review\": {\n    \"massRemoval\": {\n      \"minRemoved\": 1\n    }\n  }\n}\n"
        let repository = try registryRepository(["tenancy.json": policy])
        // bob's createdAt moves (transition) and bob makes himself an admin (authorization),
        // alice leaves acme ownerless (owner-remains) and 1 of its 2 members (mass-removal);
        // carol's file is not JSON (json).
        try repository.write("registry/users/bob.json", RegistryFiles.base["users/bob.json"]!
            .replacingOccurrences(of: "2026-11-21T09:30:00Z", with: "2026-11-22T09:30:00Z"))
        try repository.write("registry/orgs/acme/members/bob.json", RegistryFiles.member("bob", "admin"))
        try repository.remove("registry/orgs/acme/members/alice.json")
        try repository.write("registry/users/carol.json", "{,}\n")

        let run = try tenancy(["--format", "json", "diff", "HEAD", "--actor", "bob"], in: repository)
        #expect(run.status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let printed = Set((document?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String })
        let registered = Set(ReviewRules.all.map { $0.id.name })
        #expect(printed.isSuperset(of: ["json", "owner-remains", "transition", "mass-removal", "authorization"]), "\(printed)")
        #expect(printed.isSubset(of: registered), "not registered: \(printed.subtracting(registered))")
    }
}

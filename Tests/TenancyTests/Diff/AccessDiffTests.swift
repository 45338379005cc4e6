import Foundation
import Testing
import Tenancy
import TenancyTestSupport

/// A registry held in memory: `[path: contents]`.
private struct MemorySource: SnapshotSource {
    var files: [String: String]
    func entries() throws -> [SourceEntry] { files.keys.map { SourceEntry(path: $0, kind: .file) } }
    func contents(of path: String) throws -> [UInt8] { Array(files[path]!.utf8) }
}

private func snapshot(_ overlay: [String: String?] = [:]) throws -> Snapshot {
    let snapshot = try SnapshotLoader.load(from: MemorySource(files: RegistryFiles.registry(overlay)))
    #expect(snapshot.fileDiagnostics == [], "the fixture itself is broken")
    return snapshot
}

private func diff(_ head: [String: String?], base: [String: String?] = [:]) throws -> AccessDiff {
    AccessDiff(base: try snapshot(base), head: try snapshot(head))
}

/// What one change rule finds between two snapshots.
private func found(_ rule: any ChangeRule.Type, base: Snapshot, head: Snapshot) -> [Diagnostic] {
    var sink = DiagnosticSink()
    rule.check(ReviewedChange(base: base, head: head), into: &sink)
    return sink.sorted
}

/// What the transition rules find between `base` and `head`.
private func violations(_ head: [String: String?], base: [String: String?] = [:]) throws -> [Diagnostic] {
    found(TransitionRule.self, base: try snapshot(base), head: try snapshot(head))
}

/// `org: summary` lines, in order.
private func lines(_ diff: AccessDiff) -> [String] {
    diff.changes.map { "\($0.org ?? "users"): \($0.summary)" }
}

private let carolID = "7cdf8bc9-bd8f-4e4f-8bcc-9adadada9c87"
private let carol: [String: String?] = ["users/carol.json": RegistryFiles.user("carol", id: carolID)]

struct DiffAccessChangeTests {
    @Test func identicalSnapshotsHaveNoChanges() throws {
        #expect(try diff([:]).changes == [])
        #expect(try violations([:]) == [])
    }

    @Test func membersAddedRemovedAndRoleChanged() throws {
        let base = carol.merging(["orgs/acme/members/carol.json": RegistryFiles.member("carol", "member")]) { $1 }
        let head: [String: String?] = carol.merging([
            "orgs/acme/members/carol.json": RegistryFiles.member("carol", "admin"),
            "orgs/acme/members/bob.json": nil,
            "orgs/acme/projects/web/members/bob.json": nil,
        ]) { $1 }
        let diff = try diff(head, base: base)
        #expect(lines(diff) == [
            "acme: - bob (member)", "acme: ~ carol: member -> admin", "acme: - web/bob (member)",
        ])
        #expect(diff.changes == [
            .memberRemoved(org: "acme", user: "bob", role: "member", path: "orgs/acme/members/bob.json"),
            .roleChanged(org: "acme", user: "carol", from: "member", to: "admin", path: "orgs/acme/members/carol.json"),
            .projectMemberRemoved(
                org: "acme", project: "web", user: "bob", role: "member", path: "orgs/acme/projects/web/members/bob.json"),
        ])
        #expect(diff.changes.map(\.permission) == ["member:remove", "member:update", "project:members"])
    }

    @Test func aMovedOrganizationWithTheSameIDIsARename() throws {
        var head: [String: String?] = [:]
        for (path, contents) in RegistryFiles.base where path.hasPrefix("orgs/acme/") {
            head.updateValue(nil, forKey: path)  // a nil value removes the file
            head["orgs/acme-corp/" + path.dropFirst("orgs/acme/".count)] = contents
        }
        head["orgs/acme-corp/org.json"] = RegistryFiles.org(
            "acme-corp", id: RegistryFiles.acmeID, previousSlugs: ["acme"])
        let diff = try diff(head)
        #expect(lines(diff) == ["acme-corp: ~ organization renamed from acme"])
        #expect(try violations(head) == [])
    }

    @Test func aUserRenameMovesTheirMembershipsWithoutMemberChanges() throws {
        let head: [String: String?] = [
            "users/bob.json": nil,
            "users/robert.json": RegistryFiles.user("robert", id: "1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21")
                .replacingOccurrences(of: "robert@example.com", with: "bob@example.com"),
            "orgs/acme/members/bob.json": nil,
            "orgs/acme/members/robert.json": RegistryFiles.member("robert", "member"),
            "orgs/acme/projects/web/members/bob.json": nil,
            "orgs/acme/projects/web/members/robert.json": RegistryFiles.member("robert", "member"),
        ]
        let changes = try diff(head).changes.filter { $0.org == nil || $0.org == "acme" }
        #expect(changes.map(\.summary) == ["~ bob renamed to robert"])
    }

    @Test func invitationsAnsweredAndSiteAdminGranted() throws {
        let head = carol.merging([
            RegistryFiles.invitationPath: RegistryFiles.invitation(status: "accepted", acceptedBy: "carol"),
            "orgs/acme/members/carol.json": RegistryFiles.member("carol", "member"),
            "users/alice.json": RegistryFiles.user("alice", id: "0b6f1a52-4c1e-4d7e-9a55-2f6f0f6f2b10", siteAdmin: true),
        ]) { $1 }
        let diff = try diff(head)
        #expect(lines(diff).contains("users: + alice: site admin"))
        #expect(lines(diff).contains("acme: ~ invitation carol@example.com [6bce7ab8] accepted by carol"))
        let accepted = AccessChange.invitationAccepted(
            org: "acme", invitation: RegistryFiles.invitationID, email: "carol@example.com",
            acceptedBy: "carol", path: RegistryFiles.invitationPath)
        #expect(diff.changes.contains(accepted))
        #expect(accepted.permission == "invitation:respond")
    }
}

extension DiffAccessChangeTests {
    /// `tenancy diff --format json` prints each change under fixed keys, every key present,
    /// with the values a case implies (a renamed user's handle, a conversion's kinds,
    /// assignments as arrays, an answer's statuses), its path under the registry.
    @Test func theJSONFormSpellsOutWhatACaseImplies() throws {
        let changes: [AccessChange] = [
            .userRenamed(from: "bob", to: "robert", path: "users/robert.json"),
            .orgConverted(org: "bobco", path: "orgs/bobco/org.json"),
            .assignmentsChanged(org: "acme", user: "bob", from: [], to: ["developer", "auditor"], path: "m.json"),
            .invitationDeclined(org: "acme", invitation: "6bce7ab8", email: "carol@example.com", acceptedBy: nil, path: "i.json"),
        ]
        let document = OutputValue.document([("changes", .array(changes.map { $0.json(root: "registry") }))])
        let parsed = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any]
        let printed = try #require(parsed?["changes"] as? [[String: Any]])
        let none = NSNull()
        let expected: [[String: Any]] = [
            ["kind": "userRenamed", "permission": "user:update", "path": "registry/users/robert.json", "org": none,
             "project": none, "user": "robert", "invitation": none, "email": none, "from": "bob", "to": "robert"],
            ["kind": "orgConverted", "permission": "org:update", "path": "registry/orgs/bobco/org.json", "org": "bobco",
             "project": none, "user": none, "invitation": none, "email": none, "from": "personal", "to": "team"],
            ["kind": "assignmentsChanged", "permission": "member:update", "path": "registry/m.json", "org": "acme",
             "project": none, "user": "bob", "invitation": none, "email": none, "from": [String](),
             "to": ["developer", "auditor"]],
            ["kind": "invitationDeclined", "permission": "invitation:respond", "path": "registry/i.json", "org": "acme",
             "project": none, "user": none, "invitation": "6bce7ab8", "email": "carol@example.com", "from": "pending",
             "to": "declined"],
        ]
        #expect(printed.map { NSDictionary(dictionary: $0) } == expected.map { NSDictionary(dictionary: $0) })
    }
}

struct DiffTransitionTests {
    @Test func anIDChangedInPlaceIsAViolation() throws {
        let head = ["orgs/acme/org.json": RegistryFiles.org("acme", id: "99999999-8a5c-4b1c-9e99-6dadadad6f54")]
        let found = try violations(head)
        #expect(found.map(\.formatted) == [
            #"orgs/acme/org.json:3:9: error: "id" changed from "4fac5e96-8a5c-4b1c-9e99-6dadadad6f54" to "99999999-8a5c-4b1c-9e99-6dadadad6f54": id never changes [transition]"#,
        ])
    }

    @Test func aChangedCreatedAtIsAViolation() throws {
        let head = ["orgs/acme/members/bob.json": RegistryFiles.member("bob", "member", createdAt: "2027-01-01T00:00:00Z")]
        #expect(try violations(head).map(\.rule) == [TransitionRule.id])
    }

    @Test func aTeamOrganizationNeverBecomesPersonal() throws {
        let head = ["orgs/acme/org.json": RegistryFiles.org("acme", id: RegistryFiles.acmeID, kind: "personal", personalOf: "alice")]
        let found = try violations(head)
        #expect(found.map(\.message) == ["a team organization never becomes personal"])
    }

    @Test func anAnsweredInvitationNeverChangesStatusAgain() throws {
        let declined = [RegistryFiles.invitationPath: RegistryFiles.invitation(status: "declined")]
        for status in ["pending", "revoked"] {
            let head = [RegistryFiles.invitationPath: RegistryFiles.invitation(status: status)]
            #expect(try violations(head, base: declined).map(\.rule) == [TransitionRule.id])
        }
        #expect(try violations(declined) == [])
    }
}

struct DiffMassRemovalTests {
    private func team(_ count: Int) -> [String: String?] {
        var files: [String: String?] = [:]
        for index in 0..<count {
            let handle = "user\(index)"
            let id = "00000000-0000-4000-8000-\(String(repeating: "0", count: 11))\(index)"
            files["users/\(handle).json"] = RegistryFiles.user(handle, id: id)
            files["orgs/acme/members/\(handle).json"] = RegistryFiles.member(handle, "member")
        }
        return files
    }

    /// By default (`review.massRemoval`): more than a quarter and at least 3 members.
    @Test func removingAQuarterIsAllowedAndMoreIsRefused() throws {
        let base = team(6)  // 8 members with alice and bob
        var quarter = base
        for index in 0..<2 { quarter["orgs/acme/members/user\(index).json"] = .some(nil) }
        var more = quarter
        more["orgs/acme/members/user2.json"] = .some(nil)
        let (baseSnapshot, quarterSnapshot, moreSnapshot) = try (snapshot(base), snapshot(quarter), snapshot(more))
        #expect(found(MassRemovalRule.self, base: baseSnapshot, head: quarterSnapshot) == [])
        #expect(found(MassRemovalRule.self, base: baseSnapshot, head: moreSnapshot).map(\.formatted) == [
            #"orgs/acme/org.json:1:1: error: removes 3 of 8 members of acme (38%), more than the policy allows (more than 25% and at least 3: "review.massRemoval"; use --allow-mass-removal if this is intended) [mass-removal]"#,
        ])
    }

    @Test func deletingAnOrganizationIsNotAMassRemoval() throws {
        let head = RegistryFiles.base.keys.filter { $0.hasPrefix("orgs/acme/") }
            .reduce(into: [String: String?]()) { $0[$1] = .some(nil) }
        let (baseSnapshot, headSnapshot) = try (snapshot(), snapshot(head))
        let diff = AccessDiff(base: baseSnapshot, head: headSnapshot)
        #expect(diff.changes.first?.summary == "- organization deleted (team)")
        #expect(found(MassRemovalRule.self, base: baseSnapshot, head: headSnapshot) == [])
    }
}

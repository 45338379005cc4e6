import Foundation
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview
import TenancyTestSupport
import Testing

/// Changeset, the entity encoders, `Snapshot.applying` and the pipeline's check.
struct OperationChangesetTests {
    @Test func encodersWriteTheBaseRegistryByteForByte() throws {
        let base = try OperationFixture.snapshot()
        for path in base.present.sorted() where path != .policy {
            let entity = try #require(base.entity(at: path))
            #expect(String(decoding: CanonicalWriter.bytes(for: entity.json), as: UTF8.self) == RuleExamples.baseRegistry[path.path], "\(path.path)")
        }
    }

    @Test func aLaterChangeOfAPathReplacesTheEarlierOne() {
        var changes = Changeset()
        changes.delete(.user("bob"))
        changes.put(.user("carol"), .object([]))
        changes.put(.user("bob"), .object([]))
        #expect(changes.changes == [.put(.user("bob"), .object([])), .put(.user("carol"), .object([]))])
        #expect(changes.fileChanges == [
            .write(path: "users/bob.json", contents: Array("{}\n".utf8)), .write(path: "users/carol.json", contents: Array("{}\n".utf8)),
        ])
    }

    @Test func theSummarySaysCreatedChangedOrRemovedSortedByPath() throws {
        let base = try OperationFixture.snapshot()
        let changes = Changeset([
            .delete(.member(org: "acme", user: "bob")), .put(.user("carol"), .null), .put(.user("bob"), .null),
        ])
        #expect(OperationFixture.lines(changes, base) == [
            "removed orgs/acme/members/bob.json", "changed users/bob.json", "created users/carol.json",
        ])
    }

    @Test func theAppliedStatePointsIntoTheFilesAsTheyWillBeWritten() throws {
        let base = try OperationFixture.snapshot()
        let changes = try MemberOperations.set(base, now: OperationFixture.now, org: "acme", user: "bob", role: "admin", assignments: ["ops"])
        let planned = base.applying(changes)
        let member = try #require(planned.members["acme"]?["bob"])
        #expect(member.role == "admin")
        #expect(member.origin.path == "orgs/acme/members/bob.json")
        #expect(member.origin.position(of: "role") == Position(line: 6, column: 11))
        #expect(planned.fileDiagnostics.isEmpty)
    }

    @Test func aPlanThatBreaksAFileRuleIsRefusedWithTheNewDiagnosticOnly() throws {
        let base = try OperationFixture.snapshot(["users/zed.json": "{}"])  // an existing, unrelated problem
        var request = InvitationOperations.Invite(org: "acme", email: "nope", role: "member", inviter: "alice")
        request.expiresIn = 3600
        let changes = try InvitationOperations.invite(base, now: OperationFixture.now, request)
        let refusal = #expect(throws: MutationRefused.self) { try Mutation.check(base: base, planned: base.applying(changes)) }
        #expect(refusal?.diagnostics.map(\.rule) == [SchemaRule.id])
        #expect(refusal?.diagnostics.first?.path.hasPrefix("orgs/acme/invitations/") == true)
    }

    @Test func aRegistryWithAnUnrelatedProblemCanStillBeChanged() throws {
        let base = try OperationFixture.snapshot(["users/zed.json": "{}"])
        let changes = try MemberOperations.remove(base, org: "acme", user: "bob")
        try Mutation.check(base: base, planned: base.applying(changes))
    }

    @Test func removingAnOrganizationFileWithoutItsContentsIsALayoutError() throws {
        let base = try OperationFixture.snapshot()
        let planned = base.applying(Changeset([.delete(.project(org: "acme", project: "web"))]))
        #expect(planned.fileDiagnostics.map(\.formatted) == [
            "orgs/acme/projects/web/project.json:1:1: error: missing orgs/acme/projects/web/project.json: the directory holds files but no project.json [layout]",
        ])
    }
}

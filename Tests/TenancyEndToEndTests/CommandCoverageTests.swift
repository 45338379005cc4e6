import Foundation
import Testing
@testable import TenancyCLI

/// Every command runs through the built binary in at least one end-to-end test: the one
/// this list names. A new command fails `everyCommandIsCovered` until it has a test here.
struct CommandCoverageTests {
    /// Each leaf command and the test (`Suite.function`) that runs it.
    static let coveredBy: KeyValuePairs<String, String> = [
        "init": "RegistryCommandsTests.initWritesAValidRegistryForEveryPreset",
        "validate": "BundledRegistryTests.theBundledRegistryIsValid",
        "fmt": "RegistryCommandsTests.fmtCheckListsAndFmtRewritesNonCanonicalFiles",
        "diff": "DiffCommandTests.membersAddedRemovedAndChangedAgainstTheWorkingTree",
        "can": "CanCommandTests.yesExitsZeroAndNamesTheRole",
        "show user": "RegistryCommandsTests.listAndShowDescribeTheRegistry",
        "show org": "RegistryCommandsTests.showOrgShowsAnOrganizationWithItsMembersProjectsAndInvitations",
        "show project": "RegistryCommandsTests.showProjectShowsAProjectWithItsMembers",
        "list users": "RegistryCommandsTests.listUsersShowsEveryUserSortedByHandle",
        "list orgs": "RegistryCommandsTests.listAndShowDescribeTheRegistry",
        "list members": "RegistryCommandsTests.listAndShowDescribeTheRegistry",
        "list projects": "RegistryCommandsTests.listProjectsShowsAnOrganizationsProjectsWithTheirMemberCounts",
        "list invitations": "RegistryCommandsTests.anInvitationPastItsExpiryIsListedAsExpired",
        "user add": "MutationUserTests.addCreatesTheUserWithTheirPersonalOrganization",
        "user rename": "MutationUserTests.renameMovesEveryFileThatNamesTheUser",
        "user remove": "MutationUserTests.removeCascadesToMembershipsInvitationsAndThePersonalOrganization",
        "user set": "MutationUserTests.setChangesNameAndEmail",
        "org create": "MutationOrgTests.createWritesTheOrganizationAndItsFirstOwner",
        "org rename": "MutationOrgTests.renameMovesTheSubtreeAndKeepsTheOldSlugTaken",
        "org set": "MutationOrgTests.setChangesNameLogoAndMetadata",
        "org delete": "MutationOrgTests.deleteCascadesToEverythingInTheOrganization",
        "org convert": "MutationOrgTests.convertMovesEverythingButTheOwnerToANewTeamOrganization",
        "org transfer": "MutationOrgTests.transferMakesANewOwnerAndStepsTheOldOneDown",
        "member add": "MutationMemberTests.addCreatesTheMembershipWithRequiredAssignments",
        "member set": "MutationMemberTests.setChangesTheRoleAndStampsUpdatedAt",
        "member remove": "MutationMemberTests.removeCascadesToProjectMemberships",
        "member leave": "MutationMemberTests.leaveIsRemoveByTheMember",
        "project create": "MutationProjectTests.createWritesTheProject",
        "project delete": "MutationProjectTests.deleteCascadesToMembersAndInvitations",
        "project rename": "MutationProjectTests.renameMovesTheSubtreeAndUpdatesInvitations",
        "project member add": "MutationProjectTests.membersAreAddedChangedAndRemoved",
        "project member set": "MutationProjectTests.membersAreAddedChangedAndRemoved",
        "project member remove": "MutationProjectTests.membersAreAddedChangedAndRemoved",
        "invite": "MutationInvitationTests.inviteCreatesAPendingInvitationThatExpiresAsAsked",
        "invitation accept": "MutationInvitationTests.acceptCreatesTheMembershipAndIsIdempotent",
        "invitation decline": "MutationInvitationTests.declineAndRevokeAnswerOnlyPendingInvitations",
        "invitation revoke": "MutationInvitationTests.declineAndRevokeAnswerOnlyPendingInvitations",
        "invitation prune": "MutationInvitationTests.revokeThenPrune",
        "export cedar": "ExportCommandTests.exportCedarWritesTheSchemaPoliciesAndEntities",
        "export json": "ExportCommandTests.exportJSONHoldsEveryEntityInOneDocument",
        "export sql": "ExportSQLTests.aBrokenRegistryOrAnUntilWithoutSinceExportsNothing",
        "hooks install": "HookInstallTests.installWritesOurHookIntoGitsOwnDirectoryOnce",
        "hooks uninstall": "HookInstallTests.uninstallRemovesOnlyOurHook",
        "completion": "ShellCompletionTests.theCompletionCommandIsListedAndItsHelperIsNot",
        "codeowners": "CodeOwnersTests.printsEachOrganizationsApproversBetweenMarkers",
        "log": "LogCommandTests.listsEachCommitsAccessChangesNewestFirstWithAuthorAndDate",
        "why": "WhyCommandTests.namesTheCommitThatIntroducedTheGrantAcrossARename",
        "report access": "AccessReportTests.csvQuotesAndDefusesFormulas",
    ]

    @Test func everyCommandIsCovered() {
        let commands = rootCommand.leaves.map(\.name)
        #expect(Set(commands) == Set(Self.coveredBy.map(\.key)))
        #expect(Set(Self.coveredBy.map(\.key)).count == Self.coveredBy.count, "a command listed twice")
    }

    /// The named test exists and passes the command's words to the binary, so that the
    /// list cannot go stale when a test is renamed or rewritten.
    @Test(arguments: coveredBy.map { ($0.key, $0.value) })
    func theNamedTestRunsTheCommand(command: String, test: String) throws {
        let body = try #require(Self.body(ofTest: test), "no test \(test) in \(Self.directory)")
        let words = command.split(separator: " ").map { "\"\($0)\"" }.joined(separator: ", ")
        #expect(body.contains(words), "\(test) does not run \(words)")
    }

    /// This test target's sources.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path

    /// The text of `Suite.function` from its `func` to the next test or the end of its
    /// suite, found in this directory's sources.
    static func body(ofTest test: String) -> String? {
        let (suite, function) = (test.prefix { $0 != "." }, test.drop { $0 != "." }.dropFirst())
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in files where file.hasSuffix(".swift") {
            guard let source = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8),
                let start = source.range(of: "struct \(suite) {")
            else { continue }
            let rest = source[start.upperBound...]
            let suiteBody = rest[..<(rest.range(of: "\n}\n")?.lowerBound ?? rest.endIndex)]
            guard let function = suiteBody.range(of: "func \(function)(") else { return nil }
            let tail = suiteBody[function.upperBound...]
            return String(tail[..<(tail.range(of: "@Test")?.lowerBound ?? tail.endIndex)])
        }
        return nil
    }
}

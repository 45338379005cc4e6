import Foundation
import Testing
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview
import TenancyTestSupport

@Suite("RegistryGenerator")
struct RegistryGeneratorTests {
    @Test func generatedRegistryHasNoDiagnostics() throws {
        let scratch = try TemporaryRegistry()
        let count = try RegistryGenerator(users: 60, orgs: 6, seed: 7).write(to: scratch.registry)
        let result = try Validator.validate(DirectorySource(root: scratch.registry))
        #expect(result.diagnostics.map(\.formatted) == [])
        #expect(result.fileCount == count)
    }

    @Test func sameSeedGivesSameBytes() throws {
        let first = try TemporaryRegistry(), second = try TemporaryRegistry()
        _ = try RegistryGenerator(users: 60, orgs: 6, seed: 7).write(to: first.registry)
        _ = try RegistryGenerator(users: 60, orgs: 6, seed: 7).write(to: second.registry)
        let files = try DirectorySource(root: first.registry).entries().map(\.path)
        #expect(Set(files) == Set(try DirectorySource(root: second.registry).entries().map(\.path)))
        for path in files {
            #expect(try DirectorySource(root: first.registry).contents(of: path)
                == DirectorySource(root: second.registry).contents(of: path), "\(path)")
        }
    }

    @Test func otherSeedGivesOtherIds() {
        let first = RegistryGenerator(users: 5, orgs: 1, seed: 1).files()
        let second = RegistryGenerator(users: 5, orgs: 1, seed: 2).files()
        // The policy and the users' files have the same paths whatever the seed.
        let fixed = 1 + 3 * 5
        #expect(first.prefix(fixed).map(\.path) == second.prefix(fixed).map(\.path))
        #expect(first.prefix(fixed).map(\.bytes) != second.prefix(fixed).map(\.bytes))
    }

    /// Each team org: org.json, about 20 members, 3 projects with about 5 members, 2 invitations.
    @Test func teamOrganizationShape() {
        let files = RegistryGenerator(users: 100, orgs: 1).files().map(\.path)
        let team = files.filter { $0.hasPrefix("orgs/team-00001/") }
        #expect((18...22).contains(team.filter { $0.hasPrefix("orgs/team-00001/members/") }.count))
        #expect(team.filter { $0.hasSuffix("/project.json") }.count == 3)
        #expect(team.filter { $0.contains("/invitations/") }.count == 2)
        #expect(files.count == 1 + 3 * 100 + team.count)
    }
}

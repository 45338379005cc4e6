import Foundation
import Testing
import TenancyTestSupport

/// `validate --staged` keeps an index of what clean files hold in `.tenancy/index`; an
/// index it did not write there itself is never believed.
struct StagedIndexTests {
    @Test func theIndexIsKeptAndAnswersAsTheFilesDo() throws {
        let repository = try registryRepository()
        let cold = try tenancy(["validate", "--staged"], in: repository)
        #expect(cold.status == 0)
        #expect(FileManager.default.fileExists(atPath: repository.url("registry/.tenancy/index").path))
        try repository.write(bobPath, brokenBob)
        try repository.stage(bobPath)
        let warm = try tenancy(["validate", "--staged"], in: repository)
        #expect(warm.status == 1)
        #expect(warm.stdout.contains("registry/orgs/acme/members/bob.json:3:1: error: "))
    }

    /// The same registry in another clone, with the first clone's index edited to lie (a
    /// role no policy defines): the second clone's `.tenancy/` did not write it, so it reads the files.
    @Test func anIndexFromElsewhereIsNotBelieved() throws {
        let first = try registryRepository(), second = try registryRepository()
        #expect(try tenancy(["validate", "--staged"], in: first).status == 0)
        #expect(try tenancy(["validate", "--staged"], in: second).status == 0)
        let index = try String(contentsOf: first.url("registry/.tenancy/index"), encoding: .utf8)
        let lie = index.replacingOccurrences(of: "6;member", with: "6;memxer")
        #expect(lie != index)
        try first.write("registry/.tenancy/index", lie)
        try second.write("registry/.tenancy/index", lie)
        #expect(try tenancy(["validate", "--staged"], in: second).status == 0)
        // Not vacuous: the lie would change the answer where it is believed, in the
        // `.tenancy/` that wrote the index (whoever may write there may write the registry).
        let believed = try tenancy(["validate", "--staged"], in: first)
        #expect(believed.status == 1)
        #expect(believed.stdout.contains("memxer"))
    }
}

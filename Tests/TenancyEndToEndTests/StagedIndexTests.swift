import Foundation
import Testing
import TenancyTestSupport
@testable import TenancyCore

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

    /// Users' forge logins are kept in the index: two users sharing one are refused warm
    /// as they are cold (the second run takes both users from the index).
    @Test func loginsSurviveTheIndex() throws {
        let repository = try registryRepository([
            "users/alice.json": RuleExamples.user(
                "alice", "Alice Liddell", "0b6f1a52-4c1e-4d7e-9a55-2f6f0f6f2b10", logins: "\"github\": \"same-gh\""),
            "users/bob.json": RuleExamples.user(
                "bob", "Bob Builder", "1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21", logins: "\"github\": \"same-gh\""),
        ])
        for run in ["cold", "warm"] {
            let result = try tenancy(["validate", "--staged"], in: repository)
            #expect(result.status == 1, "\(run)")
            #expect(result.stdout.contains(#"users "alice" and "bob" share the github login "same-gh""#), "\(run): \(result.stdout)")
        }
        #expect(FileManager.default.fileExists(atPath: repository.url("registry/.tenancy/index").path))
    }

    /// The same registry in another clone, with the first clone's index edited to lie (a
    /// role no policy defines): the second clone's `.tenancy/` did not write it, so it reads the files.
    @Test func anIndexFromElsewhereIsNotBelieved() throws {
        let first = try registryRepository(), second = try registryRepository()
        #expect(try tenancy(["validate", "--staged"], in: first).status == 0)
        #expect(try tenancy(["validate", "--staged"], in: second).status == 0)
        let index = try [UInt8](Data(contentsOf: first.url("registry/.tenancy/index")))
        let lie = String(decoding: forgedIndex(index), as: UTF8.self)
        #expect(Array(lie.utf8) != index)
        try first.write("registry/.tenancy/index", lie)
        try second.write("registry/.tenancy/index", lie)
        // Without the record of the clean tree, which would answer without the index.
        for repository in [first, second] {
            try FileManager.default.removeItem(atPath: repository.url("registry/.tenancy/clean").path)
        }
        #expect(try tenancy(["validate", "--staged"], in: second).status == 0)
        // Not vacuous: the lie would change the answer where it is believed, in the
        // `.tenancy/` that wrote the index (whoever may write there may write the registry).
        let believed = try tenancy(["validate", "--staged"], in: first)
        #expect(believed.status == 1)
        #expect(believed.stdout.contains("memxer"))
    }
}

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

    /// The same registry in another clone, with the first clone's index edited to lie (a
    /// role no policy defines): the second clone's `.tenancy/` did not write it, so it reads the files.
    @Test func anIndexFromElsewhereIsNotBelieved() throws {
        let first = try registryRepository(), second = try registryRepository()
        #expect(try tenancy(["validate", "--staged"], in: first).status == 0)
        #expect(try tenancy(["validate", "--staged"], in: second).status == 0)
        let index = try [UInt8](Data(contentsOf: first.url("registry/.tenancy/index")))
        let lie = String(decoding: forged(index), as: UTF8.self)
        #expect(Array(lie.utf8) != index)
        try first.write("registry/.tenancy/index", lie)
        try second.write("registry/.tenancy/index", lie)
        #expect(try tenancy(["validate", "--staged"], in: second).status == 0)
        // Not vacuous: the lie would change the answer where it is believed, in the
        // `.tenancy/` that wrote the index (whoever may write there may write the registry),
        // once the record of the clean tree, which answers before any file is read, is gone.
        try FileManager.default.removeItem(at: first.url("registry/.tenancy/clean"))
        let believed = try tenancy(["validate", "--staged"], in: first)
        #expect(believed.status == 1)
        #expect(believed.stdout.contains("memxer"))
    }
}

/// `index` (as written) with every role `member` made `memxer` and its checksum made to match.
private func forged(_ index: [UInt8]) -> [UInt8] {
    let lines = index.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
    let body = lines[2][(lines[2].firstIndex(of: UInt8(ascii: ";"))! + 1)...]
    let lie = Array(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "6;member", with: "6;memxer").utf8)
    return Array(lines[0]) + [10] + Array(lines[1]) + [10] + Array("\(indexChecksum(lie[...]));".utf8) + lie
}

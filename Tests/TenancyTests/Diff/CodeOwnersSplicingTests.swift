import Tenancy
import TenancyTestSupport
import Testing

/// Where `CodeOwners.spliced(into:)` puts the block in a hand-written CODEOWNERS file.
struct CodeOwnersSplicingTests {
    let owners: CodeOwners
    let block: String

    init() throws {
        let registry = try TemporaryRegistry(RuleExamples.baseRegistry)
        owners = CodeOwners(try SnapshotLoader.load(from: registry.source), forge: .github, prefix: "registry/")
        block = owners.block
    }

    @Test func theBlockIsTheMarkersAroundItsLines() {
        #expect(block == CodeOwners.begin + "\n" + CodeOwners.end + "\n")  // nobody has a login
    }

    @Test func aFileWithoutABlockGetsItAppendedAfterABlankLine() {
        #expect(owners.spliced(into: "") == block)
        #expect(owners.spliced(into: "* @a\n") == "* @a\n\n" + block)
        #expect(owners.spliced(into: "* @a") == "* @a\n\n" + block)
        #expect(owners.spliced(into: "* @a\n\n") == "* @a\n\n" + block)
    }

    @Test func theBlockIsReplacedInPlaceAndTheRestKept() {
        let file = "* @a\n" + CodeOwners.begin + "\n/old @x\n" + CodeOwners.end + "\n/docs/ @w"
        #expect(owners.spliced(into: file) == "* @a\n" + block + "/docs/ @w")
    }

    /// CRLF line ends are kept: the markers are found, and the block written with them.
    @Test func aFileWithCRLFLineEndsKeepsThem() {
        let crlf = { (text: String) in text.replacingOccurrences(of: "\n", with: "\r\n") }
        let file = crlf("* @a\n" + CodeOwners.begin + "\n/old @x\n" + CodeOwners.end + "\n/docs/ @w\n")
        #expect(owners.spliced(into: file) == crlf("* @a\n" + block + "/docs/ @w\n"))
        #expect(owners.spliced(into: crlf("* @a\n")) == crlf("* @a\n\n" + block))
        #expect(owners.spliced(into: crlf("* @a\n" + block)) == crlf("* @a\n" + block))
    }

    @Test func markersOutOfOrderOrRepeatedAreLeftToAPerson() {
        #expect(owners.spliced(into: CodeOwners.end + "\n" + CodeOwners.begin + "\n") == nil)
        #expect(owners.spliced(into: CodeOwners.begin + "\n") == nil)
        #expect(owners.spliced(into: block + block) == nil)
    }
}

@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview
import Testing

struct BlobIDTests {
    /// Ids from `git hash-object` of that many `a`s: lengths around the 64-byte blocks of
    /// SHA-1, counting git's `blob <size>\0` header.
    @Test(arguments: [
        (0, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"),
        (1, "2e65efe2a145dda7ee51d1741299f848e5bf752e"),
        (46, "50b3bbe915fe104dbbb6786fdcfa310bcfc25d4e"),
        (47, "5e3bf7e629b4908cce461530c17a64365cb47303"),
        (48, "12d42395b020f44bb7710113b31f688d0ebeda7c"),
        (55, "d1985ddc2983785702b9a90effd5aff2f7cfdca4"),
        (56, "1f973e890f52da1f22fa7e5620a628bc4ee74cb3"),
        (63, "487e57f9763ebddbed2027c4452510c0ae0f95ff"),
        (64, "71b7a71962774fa5c721e1163f935cb61a0e09e6"),
        (110, "1fcb14c5910397220c4f8d0dd2203c70116bd4e0"),
        (111, "d64a843f44190f041194ba87abf3cedc76eeb30e"),
        (112, "30fd1823c28e22defedf47b062cfef13b71f3bcb"),
        (1000, "a50be72b20f0e3f078d252e8e56b11b4bec67509"),
    ])
    func matchesGitHashObject(length: Int, id: String) {
        let content = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        #expect(BlobID.content(content, hasID: Array(id.utf8)[...]))
        #expect(!BlobID.content(content + [0x0A], hasID: Array(id.utf8)[...]))
    }

    @Test func aSHA256IDIsNeverAMatch() {
        let id = String(repeating: "0", count: 64)
        #expect(!BlobID.content([], hasID: Array(id.utf8)[...]))
    }
}

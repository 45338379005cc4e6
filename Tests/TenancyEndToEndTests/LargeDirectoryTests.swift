import Foundation
import TenancyTestSupport
import Testing

/// Directories whose listing fills more than one of glibc's 32 KiB `readdir` buffers.
/// Reading an entry's name by copying the 256-byte `d_name` field read past the end of
/// the buffer (AddressSanitizer: heap-buffer-overflow); `Tests/sanitize address` runs
/// these tests with the binary built to report it.
struct LargeDirectoryTests {
    /// `users/` and `orgs/big/members/` each list 2,000 entries: the snapshot's walk of
    /// the tree, and the deletion's plan looking for directories it leaves empty. On tmpfs
    /// when there is one: what is tested is the listing, and 2,000 fsyncs are slow.
    @Test func anOrganizationOfThousandsOfMembersIsDeleted() throws {
        let tree = try TemporaryRegistry(crashRegistry(members: 2_000), inMemory: true)
        let cwd = URL(fileURLWithPath: tree.path)
        let run = try runTenancy(["org", "delete", "big"], cwd: cwd)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tree.registry + "/orgs/big"))
        let check = try runTenancy(["validate"], cwd: cwd)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}

import Foundation
import Glibc
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview
import TenancyTestSupport

extension TemporaryRegistry {
    /// Writes `files` (path -> bytes) with plain Foundation calls, creating directories.
    func populate(_ files: [String: [UInt8]]) throws {
        for (path, bytes) in files { try write(path, bytes) }
    }

    /// Creates `.tenancy/` and its lock, as the lock every command takes before a change
    /// does (a journal is bound to them). Released at once: these tests make one change
    /// at a time.
    func createLock() throws {
        _ = try RegistryLock(root: registry, mode: .exclusive, fileSystem: FileSystem())
    }

    func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(registry + "/" + path, &info) == 0
    }
}

extension RegistryTree {
    /// This tree after `changes`, assuming it has no empty directories.
    func applying(_ changes: [FileChange]) -> RegistryTree {
        var result = files
        for change in changes {
            switch change {
            case .write(let path, let contents): result[path] = contents
            case .remove(let path): result[path] = nil
            }
        }
        return RegistryTree(files: result)
    }
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The file mode bits of `path`.
func permissions(_ path: String) -> mode_t {
    var info = stat()
    precondition(stat(path, &info) == 0)
    return info.st_mode & 0o7777
}

import Foundation
import Glibc
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview

/// A registry root in a fresh temporary directory, deleted on deinit.
final class ScratchRegistry {
    /// Holds `root` and room beside it for "outside the registry" checks.
    let base: String
    let root: String

    /// `inMemory` puts it on tmpfs when there is one: loops of hundreds of simulated
    /// crashes lose nothing unsynced, so paying for real fsyncs there buys nothing.
    init(inMemory: Bool = false) {
        let memory = inMemory && FileManager.default.fileExists(atPath: "/dev/shm")
        let directory = memory ? "/dev/shm" : NSTemporaryDirectory()
        var template = Array((directory + "/tenancy-txn-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        base = String(cString: made!)
        root = base + "/registry"
        try! FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: base) }

    /// Writes `files` (path -> text) with plain Foundation calls, creating directories.
    func populate(_ files: [String: [UInt8]]) {
        for (path, bytes) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try! FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(bytes).write(to: url)
        }
    }

    func snapshot() -> TreeSnapshot {
        var tree = TreeSnapshot()
        tree.collect(root: root, relative: "")
        return tree
    }

    /// Creates `.tenancy/` and its lock, as the lock every command takes before a change
    /// does (a journal is bound to them). Released at once: these tests make one change
    /// at a time.
    func createLock() throws {
        _ = try RegistryLock(root: root, mode: .exclusive, fileSystem: FileSystem())
    }

    /// The names in `.tenancy/`, sorted.
    func privateEntries() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/.tenancy")) ?? []).sorted()
    }

    func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(root + "/" + path, &info) == 0
    }
}

/// Every file (path -> bytes) and directory under a root, ignoring `.tenancy/`.
struct TreeSnapshot: Equatable, CustomStringConvertible {
    var files: [String: [UInt8]] = [:]
    var directories: Set<String> = []

    /// The tree `files` alone make: their ancestors are the directories.
    init(files: [String: [UInt8]] = [:]) {
        self.files = files
        for path in files.keys {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                directories.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
    }

    fileprivate mutating func collect(root: String, relative: String) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        for name in try! FileManager.default.contentsOfDirectory(atPath: directory) {
            let path = relative.isEmpty ? name : relative + "/" + name
            guard path != ".tenancy" else { continue }
            var info = stat()
            precondition(lstat(root + "/" + path, &info) == 0)
            if info.st_mode & S_IFMT == S_IFDIR {
                directories.insert(path)
                collect(root: root, relative: path)
            } else {
                files[path] = Array(FileManager.default.contents(atPath: root + "/" + path)!)
            }
        }
    }

    /// This tree after `changes`, assuming it has no empty directories.
    func applying(_ changes: [FileChange]) -> TreeSnapshot {
        var result = files
        for change in changes {
            switch change {
            case .write(let path, let contents): result[path] = contents
            case .remove(let path): result[path] = nil
            }
        }
        return TreeSnapshot(files: result)
    }

    var description: String {
        "\(files.count) files: \(files.keys.sorted()), directories: \(directories.sorted())"
    }
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The file mode bits of `path`.
func permissions(_ path: String) -> mode_t {
    var info = stat()
    precondition(stat(path, &info) == 0)
    return info.st_mode & 0o7777
}

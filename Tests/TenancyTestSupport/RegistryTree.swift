import Foundation
import Glibc

/// Every file (path -> bytes, a symlink as `-> target`) and directory under a registry
/// root but `.tenancy/`, for before/after comparisons.
public struct RegistryTree: Equatable, Sendable, CustomStringConvertible {
    public var files: [String: [UInt8]] = [:]
    public var directories: Set<String> = []

    /// The tree `files` alone make: their ancestors are the directories.
    public init(files: [String: [UInt8]] = [:]) {
        self.files = files
        for path in files.keys {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                directories.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
    }

    /// What is under `root` now.
    public init(root: String) {
        collect(root: root, relative: "")
    }

    private mutating func collect(root: String, relative: String) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            let path = relative.isEmpty ? name : relative + "/" + name
            guard path != ".tenancy" else { continue }
            let full = root + "/" + path
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                directories.insert(path)
                collect(root: root, relative: path)
            case S_IFLNK:
                files[path] = Array(("-> " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "")).utf8)
            case S_IFREG:
                files[path] = Array(FileManager.default.contents(atPath: full) ?? Data())
            default:
                files[path] = Array("(special)".utf8)  // never opened: a FIFO would block
            }
        }
    }

    public var description: String {
        "\(files.count) files: \(files.keys.sorted()), directories: \(directories.sorted())"
    }
}

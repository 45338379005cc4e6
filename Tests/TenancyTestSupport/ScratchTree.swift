import Foundation
import Glibc

/// A temporary directory holding a registry at `registry/`, written byte for byte, for
/// end-to-end tests of hostile trees; `tree()` reads everything back so a test can prove
/// nothing was written.
public final class ScratchTree: @unchecked Sendable {
    public let path: String
    public var registry: String { path + "/registry" }

    /// A tree with `files`, in a new directory under `parent` (the temporary directory).
    public init(_ files: [String: String] = [:], in parent: URL = FileManager.default.temporaryDirectory) throws {
        path = parent.appendingPathComponent("tenancy-scratch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/registry", withIntermediateDirectories: true)
        for (relative, text) in files { try write(relative, Array(text.utf8)) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` at `relative` under the registry, creating directories.
    public func write(_ relative: String, _ bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: registry + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    public func write(_ relative: String, _ text: String) throws { try write(relative, Array(text.utf8)) }

    public func symlink(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: registry + "/" + relative, withDestinationPath: target)
    }

    public func fifo(_ relative: String) {
        mkfifo(registry + "/" + relative, 0o644)
    }

    /// Every file and symlink under the registry but `.tenancy/`, with its bytes (a
    /// symlink's target), for before/after comparisons.
    public func tree() -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: registry)
        while let relative = enumerator?.nextObject() as? String {
            if relative == ".tenancy" || relative.hasPrefix(".tenancy/") { continue }
            let full = registry + "/" + relative
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: full) {
                result[relative] = Array(("-> " + target).utf8)
            } else if let data = FileManager.default.contents(atPath: full) {
                result[relative] = Array(data)
            }
        }
        return result
    }
}

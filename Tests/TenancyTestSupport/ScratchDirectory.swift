import Foundation
import Glibc

/// A new, empty directory of its own, removed with everything in it when the last
/// reference to it goes away: the tests' one temporary-directory helper, on which
/// `TemporaryRegistry`, `TemporaryGitRepository` and `TenancyProcess` are built.
public final class ScratchDirectory: Sendable {
    /// The directory's absolute path, symlinks resolved (as git reports paths).
    public let path: String
    /// Whether it is on tmpfs (see `init`).
    public let inMemory: Bool

    /// `inMemory` puts it on tmpfs when there is one: loops of hundreds of simulated
    /// crashes lose nothing unsynced, so paying for real fsyncs there buys nothing.
    public init(inMemory: Bool = false) throws {
        self.inMemory = inMemory && FileManager.default.fileExists(atPath: "/dev/shm")
        let parent = self.inMemory ? "/dev/shm" : FileManager.default.temporaryDirectory.path
        var template = Array((parent + "/tenancy-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        path = URL(fileURLWithPath: String(cString: template)).resolvingSymlinksInPath().path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The absolute URL of `relative` in the directory.
    public func url(_ relative: String) -> URL {
        URL(fileURLWithPath: path + "/" + relative)
    }

    /// Writes `bytes` at `relative`, creating its directories.
    public func write(_ relative: String, _ bytes: [UInt8]) throws {
        let file = url(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    public func write(_ relative: String, _ text: String) throws { try write(relative, Array(text.utf8)) }

    /// Creates a symbolic link at `relative` pointing to `target`, creating its directories.
    public func symlink(_ relative: String, to target: String) throws {
        let link = url(relative)
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target)
    }

    /// Creates a FIFO at `relative`: a reader that opened it would wait for a writer.
    public func fifo(_ relative: String) throws {
        guard mkfifo(url(relative).path, 0o644) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Removes the file or directory at `relative`.
    public func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: url(relative))
    }
}

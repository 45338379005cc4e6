#if canImport(Glibc)
import Glibc
#endif

/// Another process holds the registry lock and did not let go in time.
public struct LockError: Error, CustomStringConvertible, Sendable, Equatable {
    public let path: String
    /// The pid the last writer recorded; nil when unknown (e.g. readers hold the lock).
    public let holderPID: Int32?
    public let message: String
    public var description: String { message }
}

/// `flock` on `<root>/.tenancy/lock`: exclusive for writers, shared for readers.
///
/// flock locks belong to an open file description, so the kernel drops them when the
/// holder dies, even by kill -9, and two instances in one process conflict like two
/// processes would. Released by `unlock()` or on deinit.
public final class RegistryLock {
    public enum Mode: Sendable { case shared, exclusive }

    public let mode: Mode
    public let path: String
    private let fileSystem: FileSystem
    private var descriptor: Int32?

    /// Creates `.tenancy/` (with its `.gitignore`) and the lock file if needed, then
    /// tries to lock without blocking, retrying with jittered pauses for up to `timeout`
    /// seconds before throwing a `LockError`.
    public init(root: String, mode: Mode, fileSystem: FileSystem, timeout: Double = 5) throws {
        try PrivateDirectory.ensure(root: root, fileSystem: fileSystem)
        self.mode = mode
        self.path = PrivateDirectory.path(root) + "/lock"
        self.fileSystem = fileSystem
        let fd = try fileSystem.openLockFile(path)
        do {
            try waitForLock(fd, timeout: timeout)
        } catch {
            close(fd)
            throw error
        }
        descriptor = fd
        if mode == .exclusive { fileSystem.overwriteLockFile(fd, with: "\(getpid())\n") }
    }

    deinit { unlock() }

    public func unlock() {
        guard let fd = descriptor else { return }
        descriptor = nil
        // A stale pid would make a later reader's timeout blame the wrong process.
        if mode == .exclusive { fileSystem.overwriteLockFile(fd, with: "") }
        flock(fd, LOCK_UN)
        close(fd)
    }

    private func waitForLock(_ fd: Int32, timeout: Double) throws {
        let operation = (mode == .exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(timeout * 1000))
        var pauseLimit = 20  // milliseconds, doubled up to 250 so waiters spread out
        while flock(fd, operation) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw FileSystemError("lock", path, code: errno)
            }
            guard clock.now < deadline else { throw timeoutError(timeout) }
            usleep(UInt32(Int.random(in: 5...pauseLimit) * 1000))
            pauseLimit = min(pauseLimit * 2, 250)
        }
    }

    private func timeoutError(_ timeout: Double) -> LockError {
        let text = (try? fileSystem.readFile(path)).flatMap { String(validating: $0, as: UTF8.self) }
        let pid = text.flatMap { Int32($0.filter { $0 != "\n" }) }
        let holder = pid.map { "process \($0)" } ?? "another process"
        return LockError(
            path: path, holderPID: pid,
            message: "registry is locked by \(holder) ('\(path)'); gave up after \(timeout) s")
    }
}

/// `<root>/.tenancy/`: lock, journal and staged files. It ignores itself in git.
enum PrivateDirectory {
    static func path(_ root: String) -> String {
        root + "/" + RegistryPath.privateDirectory
    }

    /// Creates the directory and its `.gitignore` (`*`) when missing.
    static func ensure(root: String, fileSystem: FileSystem) throws {
        let directory = path(root)
        switch try fileSystem.kind(of: directory) {
        case nil:
            do {
                try fileSystem.makeDirectory(directory)
                try fileSystem.syncDirectory(root)
            } catch let error as FileSystemError where error.code == EEXIST {
                // Another process created it first; checked again below.
            }
            guard try fileSystem.kind(of: directory) == .directory else {
                throw RegistryPath.refusal(directory, "is not a directory")
            }
        case .directory: break
        default: throw RegistryPath.refusal(directory, "is not a directory")
        }
        let ignore = directory + "/.gitignore"
        if try fileSystem.kind(of: ignore) == nil {
            do {
                try writeAtomically(ignore, contents: Array("*\n".utf8), fileSystem: fileSystem)
            } catch let error as FileSystemError {
                // Written before the lock is held: another process, which made the file
                // first, may recover meanwhile and remove our temporary file as a leftover.
                guard try fileSystem.kind(of: ignore) == .file else { throw error }
            }
        }
    }
}

/// One file: a temporary file in the same directory, fsynced, renamed over `path`, and
/// the directory fsynced. Seven steps.
func writeAtomically(
    _ path: String, contents: [UInt8], mode: mode_t = 0o644, fileSystem: FileSystem
) throws {
    let directory = String(path[..<path.lastIndex(of: "/")!])
    let temporary = temporaryPath(for: path)
    do {
        do {
            try fileSystem.createFile(temporary, contents: contents, mode: mode)
        } catch let error as FileSystemError where error.code == EEXIST {
            // Left by a crashed process that had our pid.
            try fileSystem.unlink(temporary)
            try fileSystem.createFile(temporary, contents: contents, mode: mode)
        }
        try fileSystem.rename(temporary, to: path)
    } catch let crash as SimulatedCrash {
        throw crash
    } catch {
        _ = try? fileSystem.unlink(temporary)
        throw error
    }
    try fileSystem.syncDirectory(directory)
}

/// `<directory>/.<name>.tmp-<pid>`: next to `path`, unique per process, so concurrent
/// writers (before any lock exists) never clash.
func temporaryPath(for path: String) -> String {
    let slash = path.lastIndex(of: "/")
    let name = slash.map { path[path.index(after: $0)...] } ?? path[...]
    return (slash.map { String(path[...$0]) } ?? "") + "." + name + ".tmp-\(getpid())"
}

/// Whether `name` has the form `temporaryPath` gives: `.<name>.tmp-<digits>`.
func isTemporaryName(_ name: Substring) -> Bool {
    guard name.hasPrefix("."), let dash = name.lastIndex(of: "-") else { return false }
    let pid = name[name.index(after: dash)...]
    return name[..<dash].hasSuffix(".tmp") && name[..<dash].count > 5 && !pid.isEmpty
        && pid.allSatisfy { ("0"..."9").contains($0) }
}

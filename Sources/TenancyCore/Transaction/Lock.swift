#if canImport(Glibc)
import Glibc
#endif

/// Another process holds the registry lock and did not let go in time.
public struct LockError: Error, CustomStringConvertible, Sendable, Equatable {
    public let path: String
    /// A process holding the lock, as `/proc/locks` names it; nil when unknown.
    public let holderPID: Int32?
    public let message: String
    public var description: String { message }
}

/// `flock` on `<root>/.tenancy/lock`: exclusive for writers, shared for readers.
///
/// flock locks belong to an open file description, so the kernel drops them when the
/// holder dies, even by kill -9, and two instances in one process conflict like two
/// processes would. Released by `unlock()` or on deinit. The lock file is opened
/// read-only and never written: who holds it is found in `/proc/locks`.
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
    }

    deinit { unlock() }

    public func unlock() {
        guard let fd = descriptor else { return }
        descriptor = nil
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
            guard clock.now < deadline else { throw timeoutError(fd, timeout) }
            usleep(UInt32(Int.random(in: 5...pauseLimit) * 1000))
            pauseLimit = min(pauseLimit * 2, 250)
        }
    }

    private func timeoutError(_ fd: Int32, _ timeout: Double) -> LockError {
        let pid = holder(of: fd)
        let holder = pid.map { "process \($0)" } ?? "another process"
        return LockError(
            path: path, holderPID: pid,
            message: "registry is locked by \(holder) ('\(path)'); gave up after \(timeout) s")
    }

    /// A process holding a `flock` lock on the file `fd` is open on: a line of
    /// `/proc/locks` such as `1: FLOCK  ADVISORY  WRITE 4711 fe:00:1234 0 EOF` (the
    /// device's major and minor numbers in hex, the inode). Waiters' lines hold `->`.
    private func holder(of fd: Int32) -> Int32? {
        var info = stat()
        guard fstat(fd, &info) == 0, let table = try? fileSystem.readFile("/proc/locks") else { return nil }
        let device = UInt64(info.st_dev)
        let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~0xfff)
        let minor = (device & 0xff) | ((device >> 12) & ~0xff)
        for line in String(decoding: table, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 5, fields[1] == "FLOCK" else { continue }
            let file = fields[5].split(separator: ":")
            if file.count == 3, UInt64(file[0], radix: 16) == major, UInt64(file[1], radix: 16) == minor,
                UInt64(file[2]) == UInt64(info.st_ino)
            {
                return Int32(fields[4])
            }
        }
        return nil
    }
}

/// `<root>/.tenancy/`: lock, journal and staged files. It ignores itself in git.
enum PrivateDirectory {
    /// Whether `path` is owned by this user and writable by nobody else: what another
    /// user of a shared checkout could have written (or replaced, through a `.tenancy/`
    /// they may write) is not believed. Anyone with this user's rights can write the
    /// registry's files themselves.
    static func isOurs(_ path: String, _ fileSystem: FileSystem) -> Bool {
        guard let info = try? fileSystem.status(of: path) else { return false }
        return info.st_uid == geteuid() && info.st_mode & 0o022 == 0
    }

    static func path(_ root: String) -> String {
        root + "/" + RegistryPath.privateDirectory
    }

    /// What a commit cannot forge about the `.tenancy/` a change is written under, which
    /// its journal records: the device and inode of the directory and of the lock, and
    /// the lock's inode change time to the nanosecond (it is never written, so that stays
    /// as it was created). A `.tenancy/` that git checked out, or a copy, differs. Nil
    /// when either is missing.
    static func identity(root: String, fileSystem: FileSystem) throws -> String? {
        let directory = path(root)
        guard let folder = try fileSystem.status(of: directory),
            let lock = try fileSystem.status(of: directory + "/lock")
        else { return nil }
        let changed = "\(lock.st_ctim.tv_sec).\(lock.st_ctim.tv_nsec)"
        return "\(folder.st_dev):\(folder.st_ino) \(lock.st_dev):\(lock.st_ino):\(changed)"
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
                // Written before the lock is held: another process may have made the
                // file first (its rename replaced it with the same bytes, or failed).
                guard try fileSystem.kind(of: ignore) == .file else { throw error }
            }
        }
    }
}

/// One file: a temporary file in the same directory, fsynced, renamed over `path`, and
/// the directory fsynced. Seven steps.
package func writeAtomically(
    _ path: String, contents: [UInt8], mode: mode_t = 0o644, fileSystem: FileSystem
) throws {
    try writeAtomically(path, chunks: [contents], mode: mode, fileSystem: fileSystem)
}

/// The same with the contents in `chunks`, one after the other: a large file written
/// without first being put together in memory.
package func writeAtomically(
    _ path: String, chunks: [[UInt8]], mode: mode_t = 0o644, fileSystem: FileSystem
) throws {
    let directory = String(path[..<path.lastIndex(of: "/")!])
    let temporary = temporaryPath(for: path)
    do {
        do {
            try fileSystem.createFile(temporary, chunks: chunks, mode: mode)
        } catch let error as FileSystemError where error.code == EEXIST {
            // Left by a crashed process that had our pid.
            try fileSystem.unlink(temporary)
            try fileSystem.createFile(temporary, chunks: chunks, mode: mode)
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

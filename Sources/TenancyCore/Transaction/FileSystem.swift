#if canImport(Glibc)
import Glibc
#endif

/// An I/O failure (or a refused path), with a one-line message naming the path.
public struct FileSystemError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The path the failing operation was about (absolute, or relative to the root).
    public let path: String
    /// The `errno` of the failing call, when there was one.
    public let code: Int32?
    public let message: String

    public init(path: String, code: Int32? = nil, message: String) {
        self.path = path
        self.code = code
        self.message = message
    }

    /// `cannot <operation> '<path>': <strerror>`
    init(_ operation: String, _ path: String, code: Int32) {
        let reason = String(cString: strerror(code))
        self.init(path: path, code: code, message: "cannot \(operation) '\(path)': \(reason)")
    }

    public var description: String { message }
}

/// Thrown by a `FileSystem` in `.throwSimulatedCrash` mode: the process "died" here.
/// Nothing may clean up after it; recovery must cope with what is on disk.
public struct SimulatedCrash: Error, Sendable, Equatable {
    public let afterStep: Int
}

/// The one layer every write goes through: each durable operation is one counted
/// "step", so tests can stop the world after any of them.
///
/// Not thread-safe: one instance per command (or per test).
public final class FileSystem {
    public enum FaultMode: Sendable, Equatable {
        /// SIGKILL the process right after step N (end-to-end crash tests).
        case kill
        /// Throw `SimulatedCrash` right after step N (in-process crash tests).
        case throwSimulatedCrash
        /// Make step N + 1 fail with EIO instead of running (once).
        case failWithEIO
    }

    /// Steps completed so far.
    public private(set) var steps = 0
    public let faultAfterSteps: Int?
    public let faultMode: FaultMode
    private var eioInjected = false

    public init(faultAfterSteps: Int? = nil, faultMode: FaultMode = .kill) {
        self.faultAfterSteps = faultAfterSteps
        self.faultMode = faultMode
    }


    // MARK: Steps

    /// Creates `path` (which must not exist) with `mode` (0644 unless a git hook) whatever
    /// the umask, writes `contents` and fsyncs it. Five steps: open, fchmod, write, fsync, close.
    func createFile(_ path: String, contents: [UInt8], mode: mode_t = 0o644) throws {
        try createFile(path, chunks: [contents], mode: mode)
    }

    /// The same with the contents in `chunks`, one after the other (written in one step).
    func createFile(_ path: String, chunks: [[UInt8]], mode: mode_t = 0o644) throws {
        let flags = O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC
        let fd = try step("create", path) { open(path, flags, mode) }
        var isOpen = true
        defer { if isOpen { close(fd) } }  // only on failure: a real crash closes it too
        try step("chmod", path) { fchmod(fd, mode) }
        try step("write", path) { chunks.allSatisfy { writeAll(fd, $0) == 0 } ? 0 : -1 }
        try step("fsync", path) { fsync(fd) }
        isOpen = false
        try step("close", path, retryOnEINTR: false) { close(fd) }
    }

    func rename(_ source: String, to target: String) throws {
        try step("rename '\(source)' to", target) { Glibc.rename(source, target) }
    }

    package func unlink(_ path: String) throws {
        try step("remove", path) { Glibc.unlink(path) }
    }

    package func makeDirectory(_ path: String) throws {
        try step("create directory", path) { mkdir(path, 0o755) }
    }

    func removeDirectory(_ path: String) throws {
        try step("remove directory", path) { rmdir(path) }
    }

    /// Makes the entries of directory `path` durable: one step (open, fsync, close).
    package func syncDirectory(_ path: String) throws {
        try step("fsync directory", path) {
            let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { return -1 }
            let result = fsync(fd)
            let code = errno
            close(fd)
            errno = code
            return result
        }
    }

    /// Runs one step: injects the configured fault, retries EINTR, throws on failure.
    @discardableResult
    private func step(
        _ operation: String, _ path: String, retryOnEINTR: Bool = true, _ call: () -> Int32
    ) throws -> Int32 {
        if faultMode == .failWithEIO, steps == faultAfterSteps, !eioInjected {
            eioInjected = true
            throw FileSystemError(operation, path, code: EIO)
        }
        var result = call()
        while result < 0 && errno == EINTR && retryOnEINTR { result = call() }
        if result < 0 { throw FileSystemError(operation, path, code: errno) }
        steps += 1
        try faultIfDue()
        return result
    }

    private func faultIfDue() throws {
        guard steps == faultAfterSteps else { return }
        switch faultMode {
        case .kill: kill(getpid(), SIGKILL)
        case .throwSimulatedCrash: throw SimulatedCrash(afterStep: steps)
        case .failWithEIO: break
        }
    }

    // MARK: Not steps (reads, and opening the lock file, which is never written)

    package enum EntryKind { case file, directory, symlink, other }

    /// What `path` is, without following a symlink; nil when it does not exist.
    package func kind(of path: String) throws -> EntryKind? {
        guard let info = try status(of: path) else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// `lstat` of `path`; nil when it does not exist.
    func status(of path: String) throws -> stat? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw FileSystemError("inspect", path, code: errno)
        }
        return info
    }

    /// The names in directory `path`, without `.` and `..`.
    func contents(ofDirectory path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw FileSystemError("list", path, code: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = String(decoding: entryName(entry), as: UTF8.self)
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// All bytes of regular file `path`; never follows a symlink nor blocks on a FIFO.
    package func readFile(_ path: String) throws -> [UInt8] {
        try read(open(path, readFlags), path)
    }

    /// All bytes of regular file `name` in directory `directory`, opened relative to it:
    /// neither the directory nor the file may be a symlink.
    func readFile(named name: String, inDirectory directory: String) throws -> [UInt8] {
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard directoryFD >= 0 else { throw FileSystemError("open directory", directory, code: errno) }
        defer { close(directoryFD) }
        return try read(openat(directoryFD, name, readFlags), directory + "/" + name)
    }

    private var readFlags: Int32 { O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC }

    /// All bytes of `fd` (closed afterwards), which must be a regular file.
    private func read(_ fd: Int32, _ path: String) throws -> [UInt8] {
        guard fd >= 0 else { throw FileSystemError("open", path, code: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystemError("inspect", path, code: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FileSystemError(path: path, message: "cannot read '\(path)': not a regular file")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw FileSystemError("read", path, code: errno) }
            if count == 0 { return bytes }
            bytes += buffer[..<count]
        }
    }

    /// Opens the lock file, creating it if needed, read-only: `flock` needs no more, and
    /// the lock is never written (so a hard link to another file costs that file nothing,
    /// and its change time stays as created, see `PrivateDirectory.identity`). Never
    /// follows a symlink nor blocks on a FIFO; anything but a regular file with a single
    /// link is refused.
    func openLockFile(_ path: String) throws -> Int32 {
        let fd = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == ELOOP { throw Self.strangeLock(path) }
            throw FileSystemError("open", path, code: errno)
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 else {
            close(fd)
            throw Self.strangeLock(path)
        }
        return fd
    }

    private static func strangeLock(_ path: String) -> FileSystemError {
        FileSystemError(
            path: path, message: "refusing to use '\(path)' as the lock: it is not a regular file with a single link; inspect and remove it")
    }
}

extension FileSystemError {
    /// Whether the failure is that this user may not write there: a read-only mount, no
    /// write permission, an immutable file.
    var deniesWriting: Bool {
        code == EROFS || code == EACCES || code == EPERM
    }
}

/// Writes all of `bytes`, looping on partial writes and EINTR; -1 with errno on failure.
private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let count = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return -1 }
            offset += count
        }
        return 0
    }
}

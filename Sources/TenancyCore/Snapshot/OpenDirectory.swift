import Glibc

/// A directory held open while its entries are read: each is opened by name relative to
/// it (`openat`), so the kernel resolves one path component per file instead of the
/// whole absolute path, which was a large part of reading a big registry.
final class OpenDirectory: @unchecked Sendable {
    /// The registry root, for messages.
    let root: String
    /// Relative to the root: "" for the root itself, else `users`, `orgs/acme`, ...
    let path: String
    // Unchecked Sendable: the opening thread lists `stream` before sharing it; others only `openat` its fd.
    private let stream: OpaquePointer

    /// The registry root, which must be a directory and not a symbolic link.
    static func root(_ root: String) throws -> OpenDirectory {
        var info = stat()
        guard lstat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw SourceError.noRegistry(root: root, suggestingInit: false)
        }
        return try OpenDirectory(root: root, path: "") { open(root, directoryFlags) }
    }

    /// The directory `path` (relative to the root), reached as the whole walk reaches it
    /// (see `reachDirectory(_:below:)`).
    static func at(_ path: String, root: String) throws -> OpenDirectory {
        try OpenDirectory(root: root, path: path) { reachDirectory(path, below: root) }
    }

    private init(root: String, path: String, opening: () -> Int32) throws {
        self.root = root
        self.path = path
        let descriptor = opening()
        guard descriptor >= 0, let stream = fdopendir(descriptor) else {
            let code = errno
            if descriptor >= 0 { close(descriptor) }
            throw SourceError.cannot(.list, path: root + path.prefixedBySlash, errno: code)
        }
        self.stream = stream
    }

    deinit { closedir(stream) }

    /// The entry `path` (a child of this directory, relative to the root), opened.
    func subdirectory(_ path: String) throws -> OpenDirectory {
        try OpenDirectory(root: root, path: path) {
            withName(path) { openat(dirfd(stream), $0, directoryFlags) }
        }
    }

    /// Calls `body` with the path (relative to the root) and type of each entry.
    func forEachEntry(_ body: (String, Found) throws -> Void) throws {
        while let entry = readdir(stream) {
            let name = entryName(entry)
            if name.elementsEqual(".".utf8) || name.elementsEqual("..".utf8) { continue }
            try body(childPath(name), found(entry.pointee.d_type, name))
        }
    }

    /// `path/name` in one allocation.
    private func childPath(_ name: UnsafeRawBufferPointer) -> String {
        let prefix = path.isEmpty ? 0 : path.utf8.count + 1
        return String(unsafeUninitializedCapacity: prefix + name.count) { buffer in
            if prefix > 0 {
                _ = buffer.initialize(fromContentsOf: path.utf8)
                buffer[prefix - 1] = UInt8(ascii: "/")
            }
            _ = buffer[prefix...].initialize(fromContentsOf: name)
            return prefix + name.count
        }
    }

    enum Found: Equatable {
        case directory
        case entry(SourceEntry.Kind)

        /// What a file of `mode` (from `stat`) is.
        init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFDIR: self = .directory
            case S_IFREG: self = .entry(.file)
            case S_IFLNK: self = .entry(.symlink)
            default: self = .entry(.special)
            }
        }
    }

    private func found(_ type: UInt8, _ name: UnsafeRawBufferPointer) -> Found {
        switch Int32(type) {
        case Int32(DT_DIR): .directory
        case Int32(DT_REG): .entry(.file)
        case Int32(DT_LNK): .entry(.symlink)
        case Int32(DT_UNKNOWN): foundByStat(name)
        default: .entry(.special)
        }
    }

    /// For file systems that do not report types in directory listings.
    private func foundByStat(_ name: UnsafeRawBufferPointer) -> Found {
        var info = stat()
        let status = String(decoding: name, as: UTF8.self).withCString {
            fstatat(dirfd(stream), $0, &info, AT_SYMLINK_NOFOLLOW)
        }
        return status == 0 ? Found(mode: info.st_mode) : .entry(.special)
    }

    /// The bytes of the file `path` (a child of this directory, relative to the root).
    func read(_ path: String) throws(ReadFailure) -> [UInt8] {
        let descriptor = withName(path) { openat(dirfd(stream), $0, readFlags) }
        return try readBounded(descriptor, displayPath: root + "/" + path)
    }

    /// Calls `body` with the last component of `path`, a child of this directory, as a
    /// C string: the tail of `path`'s own NUL-terminated bytes, so nothing is copied.
    private func withName<R>(_ path: String, _ body: (UnsafePointer<CChar>) -> R) -> R {
        let prefix = self.path.isEmpty ? 0 : self.path.utf8.count + 1
        return path.withCString { body($0 + prefix) }
    }
}

/// Opens the directory `relative` below `root` the way the walk of the whole registry
/// reaches it: one component at a time, each relative to its parent and never through a
/// symlink (`O_NOFOLLOW` on every component, not only the last), so that a scoped load
/// sees nothing the whole load would not. Returns -1 with `errno` set when a component is
/// missing, a symlink or not a directory.
func reachDirectory(_ relative: String, below root: String) -> Int32 {
    var descriptor = open(root, directoryFlags)
    for name in relative.split(separator: "/") where descriptor >= 0 {
        let child = openSubdirectory(name, of: descriptor)
        let code = errno
        close(descriptor)
        errno = code
        descriptor = child
    }
    return descriptor
}

/// The directory `name` in `parent`; never `.` or `..`: a scoped path names what is below
/// the root only.
private func openSubdirectory(_ name: Substring, of parent: Int32) -> Int32 {
    guard name != ".", name != ".." else {
        errno = ENOENT
        return -1
    }
    return String(name).withCString { openat(parent, $0, directoryFlags) }
}

/// The name of an entry `readdir` returned, read where it is. glibc makes each entry only
/// as long as its name, not the 256 bytes `d_name` is declared with, so copying that field
/// (as `withUnsafeBytes(of: entry.pointee.d_name)` does) reads past the end of the last
/// entry of a full listing buffer.
func entryName(_ entry: UnsafePointer<dirent>) -> UnsafeRawBufferPointer {
    let name = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \.d_name)!
    return UnsafeRawBufferPointer(start: name, count: strlen(name.assumingMemoryBound(to: CChar.self)))
}

extension String {
    fileprivate var prefixedBySlash: String { isEmpty ? "" : "/" + self }
}

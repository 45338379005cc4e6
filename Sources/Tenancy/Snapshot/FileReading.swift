import Glibc

/// Why a path could not be read as a regular file.
enum ReadFailure: Error {
    /// Not a regular file (FIFO, device, socket, directory, or a symlink): a `layout` error.
    case notRegular(String)
    /// Any other failure to read: exit 3.
    case io(SourceError)
}

/// Reads at most `Limits.maxFileSize + 1` bytes of a regular file, never following a
/// symlink and never blocking on a FIFO (SPEC §4, reading).
func readBoundedFile(atPath path: String) throws(ReadFailure) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    if fd < 0 {
        if errno == ELOOP { throw .notRegular("a symbolic link") }
        throw .io(SourceError("cannot read \(path): \(String(cString: strerror(errno)))"))
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
        throw .io(SourceError("cannot read \(path): \(String(cString: strerror(errno)))"))
    }
    guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegular("not a regular file") }
    let limit = Limits.maxFileSize + 1
    var buffer = [UInt8](repeating: 0, count: min(limit, max(Int(info.st_size), 0) + 1))
    var count = 0
    while count < limit {
        if count == buffer.count { buffer.append(contentsOf: repeatElement(0, count: min(limit - count, 4096))) }
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
        if n < 0 && errno == EINTR { continue }
        if n < 0 { throw .io(SourceError("cannot read \(path): \(String(cString: strerror(errno)))")) }
        if n == 0 { break }
        count += n
    }
    buffer.removeSubrange(count...)
    return buffer
}

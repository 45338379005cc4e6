import Glibc

/// Why a path could not be read as a regular file.
package enum ReadFailure: Error {
    /// Not a regular file (FIFO, device, socket, directory, or a symlink): a `layout` error.
    case notRegular(String)
    /// Any other failure to read: exit 3.
    case io(SourceError)
}

/// Never follow a symlink, never block on a FIFO.
package let readFlags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC

/// A directory to read entries of or relative to, never through a symlink.
package let directoryFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC

/// Reads at most `Limits.maxFileSize + 1` bytes of the regular file just opened as
/// `descriptor` (negative if opening failed, with `errno` set), so an oversized file is
/// recognised without reading it all, and closes it.
package func readBounded(_ descriptor: Int32, displayPath path: String) throws(ReadFailure) -> [UInt8] {
    if descriptor < 0 {
        if errno == ELOOP { throw .notRegular("a symbolic link") }
        throw failure(path)
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw failure(path) }
    guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegular("not a regular file") }
    let limit = Limits.maxFileSize + 1
    var buffer = [UInt8](repeating: 0, count: min(limit, max(Int(info.st_size), 0) + 1))
    var count = 0
    while count < limit {
        if count == buffer.count { buffer.append(contentsOf: repeatElement(0, count: min(limit - count, 4096))) }
        let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, $0.count - count) }
        if n < 0 && errno == EINTR { continue }
        if n < 0 { throw failure(path) }
        if n == 0 { break }
        count += n
    }
    buffer.removeSubrange(count...)
    return buffer
}

private func failure(_ path: String) -> ReadFailure {
    .io(.cannot(.read, path: path, errno: errno))
}

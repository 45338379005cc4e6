#if canImport(Glibc)
    import Glibc
#endif

/// The first `Limits.maxFileSize + 1` bytes of a regular file: enough to tell an
/// oversized file without reading it all. A symlink is never followed (O_NOFOLLOW) and a
/// FIFO or device is refused rather than read (O_NONBLOCK keeps the open from hanging).
func readBoundedFile(atPath path: String) throws -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { throw systemError("cannot open", path) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw systemError("cannot stat", path) }
    guard status.st_mode & S_IFMT == S_IFREG else {
        throw SourceError("not a regular file: \(path)")
    }
    let limit = Limits.maxFileSize + 1
    // One byte more than the size, so a file that has not grown ends in one pass.
    var bytes = [UInt8](repeating: 0, count: min(limit, max(Int(status.st_size), 0) + 1))
    var count = 0
    while count < limit {
        if count == bytes.count {  // the file grew since fstat
            bytes += repeatElement(0, count: min(limit - count, max(count, 4096)))
        }
        let read = bytes.withUnsafeMutableBytes { buffer in
            readRetrying(descriptor, buffer.baseAddress! + count, buffer.count - count)
        }
        guard read >= 0 else { throw systemError("cannot read", path) }
        if read == 0 { break }
        count += read
    }
    bytes.removeSubrange(count...)
    return bytes
}

private func systemError(_ action: String, _ path: String) -> SourceError {
    SourceError("\(action) \(path): \(String(cString: strerror(errno)))")
}

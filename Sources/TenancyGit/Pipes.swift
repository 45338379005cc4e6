import TenancyCore
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a pipe through a buffer: lines, counted runs of bytes, or everything.
final class ByteReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(_ descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The bytes up to the next `\n` (dropped), or nil at the end of the stream.
    func readLine() throws -> [UInt8]? {
        var scanned = 0  // bytes after `start` known to hold no newline
        while true {
            if let newline = buffer[(start + scanned)...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = newline + 1 }
                return Array(buffer[start..<newline])
            }
            scanned = buffer.count - start
            guard try fill() else {
                if scanned == 0 { return nil }
                throw SourceError.truncatedGitOutput(midLine: true)
            }
        }
    }

    /// The next `count` bytes, of which only the first `limit` are kept.
    func read(count: Int, keeping limit: Int) throws -> [UInt8] {
        var kept: [UInt8] = []
        kept.reserveCapacity(min(count, limit))
        var remaining = count
        while remaining > 0 {
            if start == buffer.count {
                guard try fill() else { throw SourceError.truncatedGitOutput(midLine: false) }
            }
            let run = min(remaining, buffer.count - start)
            let keep = min(run, limit - kept.count)
            kept.append(contentsOf: buffer[start..<start + keep])
            start += run
            remaining -= run
        }
        return kept
    }

    /// Everything left in the stream.
    func readToEnd() throws -> [UInt8] {
        while try fill() {}
        defer { start = buffer.count }
        return Array(buffer[start...])
    }

    /// Appends the next chunk of the stream to the buffer; false at the end.
    private func fill() throws -> Bool {
        guard !atEnd else { return false }
        if start > 0, start == buffer.count || start >= chunk.count {
            buffer.removeFirst(start)
            start = 0
        }
        let count = chunk.withUnsafeMutableBytes { bytes in
            readRetrying(descriptor, bytes.baseAddress!, bytes.count)
        }
        guard count >= 0 else {
            throw SourceError.cannot(.read, path: "git output", errno: errno)
        }
        buffer.append(contentsOf: chunk[..<count])
        atEnd = count == 0
        return !atEnd
    }
}

/// `read(2)`, retried when a signal interrupts it.
func readRetrying(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    while true {
        let result = read(descriptor, buffer, count)
        if result >= 0 || errno != EINTR { return result }
    }
}

/// Writes `bytes` to a child's standard input and closes it. SIGPIPE is blocked on the
/// calling thread, so a child that exits early makes `write` fail with EPIPE instead of
/// killing us; the signal stays pending on this thread only and dies with it.
func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGPIPE)
    pthread_sigmask(SIG_BLOCK, &signals, nil)
    var offset = 0
    bytes.withUnsafeBytes { buffer in
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return }  // the child is gone: its exit status says why
            offset += written
        }
    }
    close(descriptor)
}

/// Everything a child writes to `descriptor` (its standard error), then closes it.
func readAll(_ descriptor: Int32) -> [UInt8] {
    defer { close(descriptor) }
    return (try? ByteReader(descriptor).readToEnd()) ?? []
}

/// The first line of a child's standard error.
func firstLine(_ bytes: [UInt8]) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    return String(text.split(separator: "\n").first ?? "")
}

/// Runs `body` on a thread of its own (blocking pipe I/O must not tie up Dispatch's
/// pool); `join` waits for it and returns its result.
final class BackgroundTask<Value: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<Value?>(nil)  // set before `done` is signalled, read after

    init(_ body: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            let value = body()
            result.withLock { $0 = value }
            done.signal()
        }
        thread.start()
    }

    func join() -> Value {
        done.wait()
        return result.withLock { $0! }
    }
}

import TenancyCore
import Glibc

/// Reads work tree files by their paths relative to the top level, keeping the directories
/// of the previous path open. Git lists paths sorted, so most files are opened relative to
/// a directory already open, by their name alone, instead of by a path resolved from `/`.
///
/// One per thread: it is a cursor, not shared.
final class WorkTreeReader {
    /// The open directories of the last path: the top level, then one per component.
    private var descriptors: [Int32]
    /// The components of the last path's directory, one per descriptor after the first.
    private var names: [[UInt8]] = []
    /// The last path's directory, whole; nil while its components are not all open.
    private var current: [UInt8]? = []

    init?(topLevel: String) {
        let descriptor = open(topLevel, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        descriptors = [descriptor]
    }

    deinit {
        for descriptor in descriptors { close(descriptor) }
    }

    /// The bytes of the regular file at `path` (at most `Limits.maxFileSize + 1`), or nil
    /// when it cannot be read as one: missing, a symlink, below a symlink, unreadable.
    func read(_ path: ArraySlice<UInt8>) -> [UInt8]? {
        path.withUnsafeBufferPointer { path in
            let slash = path.lastIndex(of: UInt8(ascii: "/"))
            guard enter(UnsafeBufferPointer(rebasing: path[..<(slash ?? 0)])) else { return nil }
            let name = UnsafeBufferPointer(rebasing: path[(slash.map { $0 + 1 } ?? 0)...])
            let descriptor = withCString(name) { openat(descriptors.last!, $0, readFlags) }
            return try? readBounded(descriptor, displayPath: "")
        }
    }

    /// Makes `directory` the open one, keeping what the last path shared with it.
    private func enter(_ directory: UnsafeBufferPointer<UInt8>) -> Bool {
        if let current, directory.elementsEqual(current) { return true }  // the usual case
        current = nil
        var components = directory.split(separator: UInt8(ascii: "/"))[...]
        var shared = 0
        while shared < names.count, let next = components.first, names[shared].elementsEqual(next) {
            shared += 1
            components.removeFirst()
        }
        while names.count > shared {
            names.removeLast()
            close(descriptors.removeLast())
        }
        for name in components {
            let descriptor = withCString(UnsafeBufferPointer(rebasing: name)) { openat(descriptors.last!, $0, directoryFlags) }
            guard descriptor >= 0 else { return false }
            descriptors.append(descriptor)
            names.append(Array(name))
        }
        current = Array(directory)
        return true
    }

    /// `bytes` with a terminating NUL, on the stack.
    private func withCString<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<CChar>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            _ = UnsafeMutableRawBufferPointer(buffer).initializeMemory(as: UInt8.self, from: bytes)
            buffer[bytes.count] = 0
            return body(buffer.baseAddress!)
        }
    }
}

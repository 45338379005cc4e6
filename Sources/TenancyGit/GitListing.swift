import TenancyCore
import Foundation
import Synchronization

/// Loads a value on first use and keeps it, so a source is read once however many
/// threads ask. A failed load is not kept: the next call tries again.
final class LoadOnce<Value: Sendable>: Sendable {
    // Held while loading: the other threads wait for the one load instead of repeating it.
    private let value = Mutex<Value?>(nil)

    func get(_ load: () throws -> Value) throws -> Value {
        try value.withLock { value in
            if let value { return value }
            let loaded = try load()
            value = loaded
            return loaded
        }
    }
}

/// One NUL-terminated record of `ls-files -s -z` (`100644 <oid> 0\t<path>`) or
/// `ls-tree -z` (`100644 blob <oid>\t<path>`): where its three fields and its path are in
/// git's output, so a listing of hundreds of thousands of records is read without copying
/// each field.
struct ListedEntry {
    var fields: (Range<Int>, Range<Int>, Range<Int>)
    /// Relative to the top level, as git stores it: bytes, not necessarily UTF-8.
    var path: Range<Int>

    var mode: Range<Int> { fields.0 }

    init(fields: (Range<Int>, Range<Int>, Range<Int>), path: Range<Int>) {
        (self.fields, self.path) = (fields, path)
    }

    /// The record of `change`'s new side, written at the end of `listing` as `ls-tree` would.
    init(appending change: PathChange, to listing: inout [UInt8]) {
        let start = listing.count
        listing += Array("\(change.newMode) blob \(change.newID)\t".utf8) + change.path
        let mode = start..<(start + change.newMode.utf8.count)
        let type = (mode.upperBound + 1)..<(mode.upperBound + 5)
        let id = (type.upperBound + 1)..<(type.upperBound + 1 + change.newID.utf8.count)
        self.init(fields: (mode, type, id), path: (id.upperBound + 1)..<listing.count)
    }

    /// Splits git's `-z` output into records.
    static func parse(_ output: [UInt8]) throws -> [ListedEntry] {
        try output.withUnsafeBufferPointer { bytes in
            var records: [ListedEntry] = []
            var start = 0
            while start < bytes.count {
                let end = find(0, in: bytes, start..<bytes.count) ?? bytes.count
                if end > start { records.append(try record(bytes, start..<end)) }
                start = end + 1
            }
            return records
        }
    }

    /// `memchr`: a listing has tens of megabytes of paths to step over.
    private static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, let found = memchr(bytes.baseAddress! + range.lowerBound, Int32(byte), range.count)
        else { return nil }
        return bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private static func record(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws -> ListedEntry {
        let space = UInt8(ascii: " ")
        guard let tab = find(UInt8(ascii: "\t"), in: bytes, range),
            let first = bytes[range.lowerBound..<tab].firstIndex(of: space),
            let second = bytes[(first + 1)..<tab].firstIndex(of: space),
            !bytes[(second + 1)..<tab].contains(space)
        else {
            throw SourceError.unexpectedGitOutput(String(decoding: bytes[range], as: UTF8.self))
        }
        return ListedEntry(
            fields: (range.lowerBound..<first, (first + 1)..<second, (second + 1)..<tab),
            path: (tab + 1)..<range.upperBound)
    }
}

/// A path as `SourceEntry` spells it. Registry names are ASCII, so a name that is not
/// UTF-8 only has to survive long enough to be reported by the layout rule.
func entryPath(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
}

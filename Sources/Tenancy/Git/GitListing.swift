import Foundation

/// Loads a value on first use and keeps it, so a source is read once however many
/// threads ask. A failed load is not kept: the next call tries again.
final class LoadOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?  // guarded by `lock`

    func get(_ load: () throws -> Value) throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let loaded = try load()
        value = loaded
        return loaded
    }
}

/// One NUL-terminated record of `ls-files -s -v -z` (`H 100644 <oid> 0\t<path>`) or
/// `ls-tree -z` (`100644 blob <oid>\t<path>`): the fields before the tab, and the path.
struct ListedEntry {
    var fields: [Substring]
    /// Relative to the top level, as git stores it: bytes, not necessarily UTF-8.
    var path: [UInt8]

    /// Splits git's `-z` output into records.
    static func parse(_ output: [UInt8]) throws -> [ListedEntry] {
        try output.split(separator: 0).map { record in
            guard let tab = record.firstIndex(of: UInt8(ascii: "\t")) else {
                throw SourceError(
                    "unexpected git output: \(String(decoding: record, as: UTF8.self))")
            }
            // Split as bytes: splitting a String walks grapheme clusters, many times slower.
            let fields = record[..<tab].split(separator: UInt8(ascii: " ")).map {
                Substring(decoding: $0, as: UTF8.self)
            }
            return ListedEntry(fields: fields, path: Array(record[(tab + 1)...]))
        }
    }
}

/// A path as `SourceEntry` spells it. Registry names are ASCII, so a name that is not
/// UTF-8 only has to survive long enough to be reported by the layout rule.
func entryPath(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}

import Glibc

/// Writes the canonical form of docs/FORMAT.md: byte for byte what Python's
/// `json.dumps(v, indent=2, sort_keys=True, ensure_ascii=False) + "\n"` produces, so any
/// reviewer can reproduce it with a one-liner.
public enum CanonicalWriter {
    public static func bytes(for node: JSONNode) -> [UInt8] {
        bytes(for: node.value)
    }

    public static func bytes(for value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        write(value, indent: 0, to: &output)
        output.append(newline)
        return output
    }

    /// The canonical form of the array of `element(item)` for each of `items`, as
    /// `bytes(for:)` writes it, built and written on every core, a group of items at a
    /// time: no thread waits for another, and no value of the whole array is ever held
    /// (the exports write arrays of hundreds of thousands of entities).
    package static func bytes<Item: Sendable>(
        forArrayOf items: [Item], element: @Sendable (Item) -> JSONValue
    ) -> [UInt8] {
        var output = written(arrayOf: items, indent: 0, element: element)
        output.append(newline)
        return output
    }

    /// The same array as it stands at `indent` (the value of a member of a top-level
    /// object: 2), for `bytes(forObjectWritten:)`; no line break after it.
    package static func written<Item: Sendable>(
        arrayOf items: [Item], indent: Int, element: @Sendable (Item) -> JSONValue
    ) -> [UInt8] {
        guard !items.isEmpty else { return Array("[]".utf8) }
        // Each part is its elements, each on a line of its own, with the commas between
        // them; the commas between parts are added when they are joined.
        let parts = parallelMap(groups(items)) { group in
            var part: [UInt8] = []
            for (offset, item) in group.enumerated() {
                startLine(after: offset, indent: indent + 2, to: &part)
                write(element(item), indent: indent + 2, to: &part)
            }
            return part
        }
        var output: [UInt8] = []
        output.reserveCapacity(parts.reduce(indent + 3) { $0 + $1.count + 1 })
        output.append(UInt8(ascii: "["))
        for (offset, part) in parts.enumerated() {
            if offset > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: part)
        }
        startLine(after: 0, indent: indent, to: &output)
        output.append(UInt8(ascii: "]"))
        return output
    }

    /// `value` as it stands at `indent`, for `bytes(forObjectWritten:)`; no line break after it.
    package static func written(_ value: JSONValue, indent: Int) -> [UInt8] {
        var output: [UInt8] = []
        write(value, indent: indent, to: &output)
        return output
    }

    /// The canonical form of an object whose members' values are written already, as
    /// they stand in it (`written(_:indent:)` and `written(arrayOf:indent:element:)` at
    /// indentation 2): the document of an export, whose lists are written on every core.
    package static func bytes(forObjectWritten members: [(key: String, value: [UInt8])]) -> [UInt8] {
        guard !members.isEmpty else { return Array("{}\n".utf8) }
        var output: [UInt8] = []
        output.reserveCapacity(members.reduce(3) { $0 + $1.key.utf8.count + $1.value.count + 8 })
        output.append(UInt8(ascii: "{"))
        for (offset, member) in members.sorted(by: { utf8Precedes($0.key, $1.key) }).enumerated() {
            startLine(after: offset, indent: 2, to: &output)
            writeString(member.key, to: &output)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: member.value)
        }
        startLine(after: 0, indent: 0, to: &output)
        output.append(contentsOf: "}\n".utf8)
        return output
    }

    /// Whether `bytes` (the file `node` was parsed from) are already in canonical form.
    /// Compares while writing, so the check allocates nothing: `validate` runs it on
    /// every file, and nearly every file passes.
    public static func isCanonical(_ bytes: [UInt8], node: JSONNode) -> Bool {
        bytes.withUnsafeBufferPointer { expected in
            var comparison = ByteComparison(expected: expected)
            write(node.value, indent: 0, to: &comparison)
            comparison.append(newline)
            return comparison.matchesAll
        }
    }

    private static let newline = UInt8(ascii: "\n")

    private static func write<Output: ByteSink>(_ value: JSONValue, indent: Int, to output: inout Output) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let text): writeString(text, to: &output)
        case .array(let elements): writeArray(elements, indent: indent, to: &output)
        case .object(let members): writeObject(members, indent: indent, to: &output)
        }
    }

    private static func writeArray<Output: ByteSink>(_ elements: [JSONNode], indent: Int, to output: inout Output) {
        guard !elements.isEmpty else { return output.append(contentsOf: "[]".utf8) }
        output.append(UInt8(ascii: "["))
        for (offset, element) in elements.enumerated() {
            startLine(after: offset, indent: indent + 2, to: &output)
            write(element.value, indent: indent + 2, to: &output)
        }
        startLine(after: 0, indent: indent, to: &output)
        output.append(UInt8(ascii: "]"))
    }

    private static func writeObject<Output: ByteSink>(_ members: [JSONMember], indent: Int, to output: inout Output) {
        guard !members.isEmpty else { return output.append(contentsOf: "{}".utf8) }
        output.append(UInt8(ascii: "{"))
        for (offset, member) in sortedByKey(members).enumerated() {
            startLine(after: offset, indent: indent + 2, to: &output)
            writeString(member.key, to: &output)
            output.append(contentsOf: ": ".utf8)
            write(member.value.value, indent: indent + 2, to: &output)
        }
        startLine(after: 0, indent: indent, to: &output)
        output.append(UInt8(ascii: "}"))
    }

    /// Code point order, which is UTF-8 byte order. Files are usually sorted already,
    /// so that case skips the sort.
    private static func sortedByKey(_ members: [JSONMember]) -> [JSONMember] {
        let precedes = { (a: JSONMember, b: JSONMember) in utf8Precedes(a.key, b.key) }
        let isSorted = members.indices.dropFirst().allSatisfy {
            !utf8Precedes(members[$0].key, members[$0 - 1].key)
        }
        return isSorted ? members : members.sorted(by: precedes)
    }

    /// Ends the previous line (with a comma after the first element) and indents the next.
    private static func startLine<Output: ByteSink>(after offset: Int, indent: Int, to output: inout Output) {
        if offset > 0 { output.append(UInt8(ascii: ",")) }
        output.append(newline)
        // A value built in memory can nest deeper than any file the reader accepts.
        var remaining = indent
        while remaining > 0 {
            let run = min(remaining, spaces.count)
            output.append(contentsOf: spaces[..<run])
            remaining -= run
        }
    }

    /// Enough for the deepest indentation of a file the reader lets through.
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 2 * Limits.maxDepth)

    /// Escapes only `"`, `\` and controls below U+0020, as Python does with
    /// `ensure_ascii=False`; everything else, `/` and non-ASCII included, is written as is.
    private static func writeString<Output: ByteSink>(_ text: String, to output: inout Output) {
        output.append(UInt8(ascii: "\""))
        withUTF8(text) { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() where needsEscape(byte) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscape(byte, to: &output)
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static func appendEscape<Output: ByteSink>(_ byte: UInt8, to output: inout Output) {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
        case 0x08: output.append(contentsOf: #"\b"#.utf8)
        case 0x09: output.append(contentsOf: #"\t"#.utf8)
        case 0x0A: output.append(contentsOf: #"\n"#.utf8)
        case 0x0C: output.append(contentsOf: #"\f"#.utf8)
        case 0x0D: output.append(contentsOf: #"\r"#.utf8)
        default: output.append(contentsOf: unicodeEscape(byte))
        }
    }

    /// `\u00XX` with lowercase hex digits.
    private static func unicodeEscape(_ byte: UInt8) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        return Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
    }
}

/// Where the writer puts bytes: an array, or a comparison against existing bytes.
protocol ByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append<Bytes: Sequence<UInt8>>(contentsOf bytes: Bytes)
}

extension Array: ByteSink where Element == UInt8 {}

/// A sink that checks each byte against `expected` instead of storing it.
struct ByteComparison: ByteSink {
    let expected: UnsafeBufferPointer<UInt8>
    private var count = 0
    private var mismatched = false

    init(expected: UnsafeBufferPointer<UInt8>) {
        self.expected = expected
    }

    /// True when the bytes written are exactly `expected`, no more and no fewer.
    var matchesAll: Bool { !mismatched && count == expected.count }

    mutating func append(_ byte: UInt8) {
        guard !mismatched, count < expected.count, expected[count] == byte else {
            mismatched = true
            return
        }
        count += 1
    }

    mutating func append<Bytes: Sequence<UInt8>>(contentsOf bytes: Bytes) {
        let compared: Void? = bytes.withContiguousStorageIfAvailable { compare($0) }
        if compared == nil {
            for byte in bytes { append(byte) }
        }
    }

    private mutating func compare(_ run: UnsafeBufferPointer<UInt8>) {
        let end = count + run.count
        guard !mismatched, end <= expected.count,
            run.isEmpty || memcmp(run.baseAddress!, expected.baseAddress! + count, run.count) == 0
        else {
            mismatched = true
            return
        }
        count = end
    }
}

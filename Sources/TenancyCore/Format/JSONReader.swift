/// A strict RFC 8259 parser (rule `json`) that remembers where every value starts.
///
/// It works on raw bytes with an index: the registry holds hundreds of thousands of small
/// files, so it never iterates `Character`s and copies string bytes only when they hold
/// escapes.
public enum JSONReader {
    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONNode {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONError) in try parse(buffer) }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONNode {
        if bytes.count > Limits.maxFileSize {
            throw JSONError("file is larger than 1 MiB", at: .start)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw JSONError("byte order mark is not allowed", at: .start)
        }
        var parser = JSONParser(bytes)
        return try parser.parseDocument()
    }
}

private enum Byte {
    static let tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20
    static let quote: UInt8 = 0x22, plus: UInt8 = 0x2B, comma: UInt8 = 0x2C, minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E, slash: UInt8 = 0x2F, zero: UInt8 = 0x30, nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A, star: UInt8 = 0x2A, backslash: UInt8 = 0x5C
    static let openBracket: UInt8 = 0x5B, closeBracket: UInt8 = 0x5D
    static let openBrace: UInt8 = 0x7B, closeBrace: UInt8 = 0x7D
    static let upperE: UInt8 = 0x45, lowerE: UInt8 = 0x65, lowerU: UInt8 = 0x75

    static func isDigit(_ b: UInt8) -> Bool { b &- zero <= 9 }
}

private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var line = 1
    /// Byte index where the current line starts.
    var lineStart = 0
    /// UTF-8 continuation bytes seen on the current line, so columns count scalars.
    var continuationBytes = 0
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var position: Position {
        Position(line: line, column: index - lineStart - continuationBytes + 1)
    }

    var atEnd: Bool { index >= bytes.count }

    mutating func parseDocument() throws(JSONError) -> JSONNode {
        skipWhitespace()
        let node = try parseValue(depth: 0)
        skipWhitespace()
        if !atEnd { throw unexpected() }
        return node
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case Byte.space, Byte.tab, Byte.cr:
                index += 1
            case Byte.lf:
                index += 1
                line += 1
                lineStart = index
                continuationBytes = 0
            default:
                return
            }
        }
    }

    /// `depth` is the number of containers already open around this value.
    mutating func parseValue(depth: Int) throws(JSONError) -> JSONNode {
        guard !atEnd else { throw JSONError("unexpected end of file", at: position) }
        let start = position
        switch bytes[index] {
        case Byte.openBrace:
            try checkDepth(depth)
            return JSONNode(try parseObject(depth: depth + 1), at: start)
        case Byte.openBracket:
            try checkDepth(depth)
            return JSONNode(try parseArray(depth: depth + 1), at: start)
        case Byte.quote:
            return JSONNode(.string(try parseString()), at: start)
        case Byte.minus, Byte.zero...Byte.nine:
            return JSONNode(.number(try parseNumber()), at: start)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONNode(.bool(true), at: start)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONNode(.bool(false), at: start)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONNode(.null, at: start)
        default:
            throw unexpected()
        }
    }

    /// Refuses a container before descending into it, so deep input cannot overflow the stack.
    func checkDepth(_ depth: Int) throws(JSONError) {
        if depth >= Limits.maxDepth {
            throw JSONError("nesting deeper than \(Limits.maxDepth)", at: position)
        }
    }

    mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
        index += 1
        skipWhitespace()
        var elements: [JSONNode] = []
        if consumeClose(Byte.closeBracket) { return .array(elements) }
        while true {
            elements.append(try parseValue(depth: depth))
            if try parseSeparator(close: Byte.closeBracket) { return .array(elements) }
        }
    }

    mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
        index += 1
        skipWhitespace()
        var members: [JSONMember] = []
        if consumeClose(Byte.closeBrace) { return .object(members) }
        // Registry objects have a handful of keys: one allocation instead of regrowing.
        members.reserveCapacity(8)
        var keys = KeySet()
        while true {
            guard !atEnd, bytes[index] == Byte.quote else { throw unexpected() }
            let keyPosition = position
            let key = try parseString()
            if !keys.insert(key, existing: members) {
                throw JSONError("duplicate key \(quoted(key))", at: keyPosition)
            }
            skipWhitespace()
            guard !atEnd, bytes[index] == Byte.colon else { throw unexpected() }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append(JSONMember(key: key, keyPosition: keyPosition, value: value))
            if try parseSeparator(close: Byte.closeBrace) { return .object(members) }
        }
    }

    /// After `[` or `{`: consumes the closing bracket of an empty container.
    mutating func consumeClose(_ close: UInt8) -> Bool {
        guard !atEnd, bytes[index] == close else { return false }
        index += 1
        return true
    }

    /// After an element: consumes `,` (returning false) or the closing bracket (true).
    mutating func parseSeparator(close: UInt8) throws(JSONError) -> Bool {
        skipWhitespace()
        guard !atEnd else { throw unexpected() }
        let byte = bytes[index]
        if byte == close {
            index += 1
            return true
        }
        guard byte == Byte.comma else { throw unexpected() }
        let commaPosition = position
        index += 1
        skipWhitespace()
        if !atEnd, bytes[index] == close {
            throw JSONError("trailing comma", at: commaPosition)
        }
        return false
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let text = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for expected in text {
            guard !atEnd, bytes[index] == expected else { throw unexpected() }
            index += 1
        }
    }

    // MARK: Numbers

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as its text.
    mutating func parseNumber() throws(JSONError) -> String {
        let start = index
        if bytes[index] == Byte.minus { index += 1 }
        guard !atEnd, Byte.isDigit(bytes[index]) else { throw unexpected() }
        if bytes[index] == Byte.zero {
            index += 1
            if !atEnd, Byte.isDigit(bytes[index]) {
                throw JSONError("leading zeros are not allowed", at: position)
            }
        } else {
            skipDigits()
        }
        if !atEnd, bytes[index] == Byte.dot {
            index += 1
            try requireDigits()
        }
        if !atEnd, bytes[index] == Byte.lowerE || bytes[index] == Byte.upperE {
            index += 1
            if !atEnd, bytes[index] == Byte.plus || bytes[index] == Byte.minus { index += 1 }
            try requireDigits()
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    mutating func skipDigits() {
        while !atEnd, Byte.isDigit(bytes[index]) { index += 1 }
    }

    mutating func requireDigits() throws(JSONError) {
        guard !atEnd, Byte.isDigit(bytes[index]) else { throw unexpected() }
        skipDigits()
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote.
    mutating func parseString() throws(JSONError) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.quote {
                let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return String(decoding: text, as: UTF8.self)
            }
            if byte == Byte.backslash {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                return try parseEscapedRest()
            }
            try skipStringByte(byte)
        }
        throw JSONError("unexpected end of file", at: position)
    }

    /// The slow path: continues a string after its first backslash, building it in `scratch`.
    mutating func parseEscapedRest() throws(JSONError) -> String {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.quote {
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == Byte.backslash {
                try parseEscape()
                continue
            }
            let start = index
            try skipStringByte(byte)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        }
        throw JSONError("unexpected end of file", at: position)
    }

    /// Steps over one unescaped character of a string, validating it.
    mutating func skipStringByte(_ byte: UInt8) throws(JSONError) {
        if byte < Byte.space {
            throw JSONError("control character in string must be escaped", at: position)
        }
        if byte < 0x80 {
            index += 1
            return
        }
        let length = UTF8Validation.sequenceLength(bytes, at: index)
        guard length > 0 else { throw JSONError("invalid UTF-8", at: position) }
        index += length
        continuationBytes += length - 1
    }

    /// Parses one escape sequence at a backslash, appending its UTF-8 to `scratch`.
    mutating func parseEscape() throws(JSONError) {
        let escapePosition = position
        index += 1
        guard !atEnd else { throw JSONError("unexpected end of file", at: position) }
        let simple: UInt8
        switch bytes[index] {
        case Byte.quote, Byte.backslash, Byte.slash: simple = bytes[index]
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = Byte.lf
        case UInt8(ascii: "r"): simple = Byte.cr
        case UInt8(ascii: "t"): simple = Byte.tab
        case Byte.lowerU:
            index += 1
            let scalar = try parseUnicodeEscape(at: escapePosition)
            scratch.append(contentsOf: UTF8.encode(scalar)!)
            return
        default:
            throw JSONError("invalid escape sequence", at: escapePosition)
        }
        scratch.append(simple)
        index += 1
    }

    /// After `\u`: four hex digits, and a second `\uXXXX` when the first is a high surrogate.
    mutating func parseUnicodeEscape(at escapePosition: Position) throws(JSONError) -> Unicode.Scalar {
        let first = try parseHex4()
        if let scalar = Unicode.Scalar(first) { return scalar }
        let loneSurrogate = JSONError("lone surrogate in \\u escape", at: escapePosition)
        guard first < 0xDC00, index + 1 < bytes.count, bytes[index] == Byte.backslash,
            bytes[index + 1] == Byte.lowerU
        else { throw loneSurrogate }
        index += 2
        let second = try parseHex4()
        guard (0xDC00...0xDFFF).contains(second) else { throw loneSurrogate }
        return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
    }

    mutating func parseHex4() throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard !atEnd else { throw JSONError("unexpected end of file", at: position) }
            guard let digit = hexValue(bytes[index]) else {
                throw JSONError("invalid \\u escape", at: position)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case Byte.zero...Byte.nine: UInt32(byte - Byte.zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    // MARK: Errors

    /// The error for whatever stands at the current index where it does not belong.
    func unexpected() -> JSONError {
        guard !atEnd else { return JSONError("unexpected end of file", at: position) }
        let byte = bytes[index]
        if byte == Byte.slash, index + 1 < bytes.count,
            bytes[index + 1] == Byte.slash || bytes[index + 1] == Byte.star
        {
            return JSONError("comments are not allowed", at: position)
        }
        if let word = ["NaN", "Infinity"].first(where: { startsWith($0) }) {
            return JSONError("\(word) is not allowed", at: position)
        }
        guard UTF8Validation.sequenceLength(bytes, at: index) > 0 else {
            return JSONError("invalid UTF-8", at: position)
        }
        return JSONError("unexpected character \(describe(at: index))", at: position)
    }

    func startsWith(_ word: String) -> Bool {
        UnsafeBufferPointer(rebasing: bytes[index...]).starts(with: word.utf8)
    }

    /// `'x'` for a printable character, `U+0001` for a control; the character is valid UTF-8.
    func describe(at index: Int) -> String {
        let length = UTF8Validation.sequenceLength(bytes, at: index)
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<index + length]), as: UTF8.self)
        let scalar = text.unicodeScalars.first!
        if scalar.value < 0x20 || scalar.value == 0x7F {
            return "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        }
        return "'\(text)'"
    }

    func quoted(_ key: String) -> String {
        String(decoding: CanonicalWriter.bytes(for: .string(key)).dropLast(), as: UTF8.self)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

/// Finds duplicate keys: a linear scan for the usual handful of keys, a hash set for big objects.
///
/// Keys are compared by their UTF-8 bytes, as RFC 8259 does, not by Swift's canonical
/// equivalence (`"é"` and `"e\u{301}"` are different keys).
private struct KeySet {
    private static let linearLimit = 16
    private var hashed: Set<[UInt8]>?

    /// Returns false when `key` is already among `existing`.
    mutating func insert(_ key: String, existing: [JSONMember]) -> Bool {
        if hashed == nil, existing.count < Self.linearLimit {
            // `==` is fast and true for every byte-equal pair; the byte check then rules
            // out keys that are merely canonically equivalent.
            return !existing.contains { $0.key == key && $0.key.utf8.elementsEqual(key.utf8) }
        }
        if hashed == nil { hashed = Set(existing.map { Array($0.key.utf8) }) }
        return hashed!.insert(Array(key.utf8)).inserted
    }
}

/// Strict UTF-8 (Unicode Table 3-7): no overlongs, no surrogates, nothing above U+10FFFF.
enum UTF8Validation {
    /// The length of the valid sequence starting at `index`, or 0 if it is invalid.
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        guard (low...high).contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) {
            return 0
        }
        return length
    }
}

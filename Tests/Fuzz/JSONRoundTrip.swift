import Glibc

// A libFuzzer target for `JSONReader` and `CanonicalWriter`, built by `Tests/Fuzz/run`
// together with the library's sources into one module (not a SwiftPM target: libFuzzer
// brings its own `main`). On every input:
// - the reader returns a node or an error, and never crashes;
// - what it accepts, the writer writes; the reader reads that back as the same value
//   (strings and keys byte for byte, number literals as written); writing it again gives
//   the same bytes;
// - `isCanonical` (what the `format` rule runs) says yes exactly when the input is
//   already what the writer writes.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONRoundTrip(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    guard let node = try? JSONReader.parse(input) else { return 0 }
    let written = CanonicalWriter.bytes(for: node)
    if CanonicalWriter.isCanonical(input, node: node) != (input == written) {
        fail("isCanonical disagrees with the writer", input, written)
    }
    let reread: JSONNode
    do {
        reread = try JSONReader.parse(written)
    } catch {
        fail("the reader refuses what the writer wrote: \(error.message) at \(error.position)", input, written)
    }
    if !same(node.value, reread.value) {
        fail("the written value reads back different", input, written)
    }
    if CanonicalWriter.bytes(for: reread) != written {
        fail("writing the written value again changes it", input, written)
    }
    return 0
}

/// Equal as JSON text says: strings and keys by their bytes (not Swift's canonical
/// equivalence), members whatever their order, numbers by their literal.
private func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)), (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
    case (.array(let x), .array(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { same($0.value, $1.value) }
    case (.object(let x), .object(let y)):
        let (x, y) = (byKey(x), byKey(y))
        return x.count == y.count
            && zip(x, y).allSatisfy { $0.key.utf8.elementsEqual($1.key.utf8) && same($0.value.value, $1.value.value) }
    default: return false
    }
}

private func byKey(_ members: [JSONMember]) -> [JSONMember] {
    members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
}

/// Prints the property that broke and aborts, so libFuzzer saves the input.
private func fail(_ property: String, _ input: [UInt8], _ written: [UInt8]) -> Never {
    var report = "round trip: \(property)\ninput:   \(escaped(input))\nwritten: \(escaped(written))\n"
    report.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    abort()
}

/// The bytes as a Swift-like literal, so any byte shows.
private func escaped(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        (0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "\\")
            ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16).leftPadded(2)
    }.joined()
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

/// Calls `body` with the string's UTF-8 bytes, without copying native strings.
func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return try Array(text.utf8).withUnsafeBufferPointer(body)
}

/// Code point order (Python's `sort_keys`), which is UTF-8 byte order.
func utf8Precedes(_ a: String, _ b: String) -> Bool {
    withUTF8(a) { a in withUTF8(b) { b in a.lexicographicallyPrecedes(b) } }
}

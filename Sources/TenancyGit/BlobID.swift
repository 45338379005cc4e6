import TenancyCore

/// Git's id of a blob: SHA-1 of `blob <size>\0<content>`. `validate --staged` compares a
/// work tree file's id with the index's to know the file holds exactly the staged bytes,
/// whatever git's cached stat data, attributes or filters say.
enum BlobID {
    /// Whether `content` is the blob `id` (40 lowercase hex digits, as `ls-files` prints
    /// it). False for ids of another hash (a SHA-256 repository): those are not checked.
    static func content(_ content: [UInt8], hasID id: ArraySlice<UInt8>) -> Bool {
        guard id.count == 40 else { return false }
        var message: [UInt8] = []
        message.reserveCapacity(32 + content.count + SHA1.maxPadding)
        message += "blob ".utf8
        message += String(content.count).utf8
        message.append(0)
        message += content
        return id.elementsEqual(hex(SHA1.digest(of: message)))
    }

    /// Lowercase hex digits, eight per word, most significant first.
    private static func hex(_ words: SHA1.Words) -> [UInt8] {
        let digits: StaticString = "0123456789abcdef"
        var hex: [UInt8] = []
        hex.reserveCapacity(40)
        for word in [words.0, words.1, words.2, words.3, words.4] {
            for shift in stride(from: 28, through: 0, by: -4) { hex.append(digits.utf8Start[Int(word >> shift & 0xF)]) }
        }
        return hex
    }
}

/// SHA-1 (FIPS 180-4). Only for git's object ids, which is what git itself uses it for.
enum SHA1 {
    typealias Words = (UInt32, UInt32, UInt32, UInt32, UInt32)

    /// What padding adds at most: a 1 bit, up to 63 zero bytes, the 8-byte length.
    static let maxPadding = 72

    static func digest(of message: consuming [UInt8]) -> Words {
        let bits = UInt64(message.count) * 8
        message.append(0x80)
        message.append(contentsOf: repeatElement(0, count: (64 + 56 - message.count % 64) % 64))
        for shift in stride(from: 56, through: 0, by: -8) { message.append(UInt8(truncatingIfNeeded: bits >> shift)) }
        var state: Words = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
        message.withUnsafeBufferPointer { bytes in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { schedule in
                for start in stride(from: 0, to: bytes.count, by: 64) {
                    compress(UnsafeBufferPointer(rebasing: bytes[start..<start + 64]), schedule, &state)
                }
            }
        }
        return state
    }

    private static func compress(
        _ block: UnsafeBufferPointer<UInt8>, _ w: UnsafeMutableBufferPointer<UInt32>, _ state: inout Words
    ) {
        for t in 0..<16 {
            w[t] = UInt32(block[4 * t]) << 24 | UInt32(block[4 * t + 1]) << 16 | UInt32(block[4 * t + 2]) << 8
                | UInt32(block[4 * t + 3])
        }
        for t in 16..<80 { w[t] = rotated(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }
        var (a, b, c, d, e) = state
        for t in 0..<80 {
            let f: UInt32, k: UInt32
            switch t {
            case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
            case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
            case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
            default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
            }
            (a, b, c, d, e) = (rotated(a, 5) &+ f &+ e &+ k &+ w[t], a, rotated(b, 30), c, d)
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
    }

    private static func rotated(_ x: UInt32, _ n: UInt32) -> UInt32 { x << n | x >> (32 - n) }
}

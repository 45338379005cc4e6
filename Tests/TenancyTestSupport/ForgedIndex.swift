import TenancyCore

/// `index` (a `.tenancy/index` as written) with every role `member` made `memxer` and each
/// group's checksum made to match: a lie only the `.tenancy/` that wrote it would believe.
/// With `identity`, the header names that `.tenancy/` instead (a copied or committed one).
public func forgedIndex(_ index: [UInt8], identity: String? = nil) -> [UInt8] {
    let lines = index.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
    var rest = lines[2]
    func number() -> Int {
        let end = rest.firstIndex(of: UInt8(ascii: ";"))!
        defer { rest = rest[(end + 1)...] }
        return Int(String(decoding: rest[..<end], as: UTF8.self))!
    }
    var body = Array("\(number());".utf8)
    while !rest.isEmpty {
        _ = number()
        let length = number()
        let group = String(decoding: rest.prefix(length), as: UTF8.self)
        let lie = Array(group.replacingOccurrences(of: "6;member", with: "6;memxer").utf8)
        rest = rest.dropFirst(length)
        body += Array("\(indexChecksum(lie[...]));\(lie.count);".utf8) + lie
    }
    return Array(lines[0]) + [10] + (identity.map { Array($0.utf8) } ?? Array(lines[1])) + [10] + body
}

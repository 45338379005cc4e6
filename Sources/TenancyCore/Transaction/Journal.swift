/// FNV-1a, 64 bits: detects a torn or corrupted journal or staged file (not an attacker).
func checksum(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    return hash
}

/// The steps of a committed change, written before any of them is applied.
///
/// Text, one step a line, fields separated by tabs (paths never hold control
/// characters), after the identity of the `.tenancy/` it was written under (see
/// `PrivateDirectory.identity`), ending with a line holding the checksum of everything
/// before it:
/// ```
/// tenancy-journal 2
/// under	2049:1835014 2049:1835015:1795392000.123456789
/// mkdir	orgs/acme
/// rename	0	orgs/acme/org.json	9f0c2b1d7e6a5c44
/// unlink	users/bob.json
/// rmdir	orgs/old
/// end	3d5e…
/// ```
/// Steps are applied in order, so parents are listed before children for `mkdir` and
/// after them for `rmdir`.
struct Journal: Equatable {
    enum Step: Equatable {
        case makeDirectory(String)
        /// Rename staged file `staged` (a name in the staging directory) over `target`.
        case rename(staged: String, target: String, checksum: UInt64)
        case remove(String)
        case removeDirectory(String)
    }

    /// `PrivateDirectory.identity` when the journal was written: recovery replays only a
    /// journal written under the `.tenancy/` it finds.
    var writtenUnder: String
    var steps: [Step]

    /// How many files the change writes or removes.
    var fileCount: Int {
        steps.count(where: { step in
            switch step {
            case .rename, .remove: true
            case .makeDirectory, .removeDirectory: false
            }
        })
    }

    private static let header = "tenancy-journal 2"

    func encoded() -> [UInt8] {
        var text = Self.header + "\nunder\t" + writtenUnder + "\n"
        for step in steps {
            text += Self.line(for: step) + "\n"
        }
        return Array((text + "end\t\(hex(checksum(Array(text.utf8))))\n").utf8)
    }

    private static func line(for step: Step) -> String {
        switch step {
        case .makeDirectory(let path): "mkdir\t\(path)"
        case .rename(let staged, let target, let sum): "rename\t\(staged)\t\(target)\t\(hex(sum))"
        case .remove(let path): "unlink\t\(path)"
        case .removeDirectory(let path): "rmdir\t\(path)"
        }
    }

    /// The journal in `bytes`, or nil when it is incomplete or corrupt.
    init?(decoding bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // A complete journal ends with "end\t<checksum>\n": the last piece is empty.
        guard lines.count >= 3, lines.removeLast().isEmpty, lines.removeFirst() == Self.header,
            let end = lines.popLast(), end.hasPrefix("end\t")
        else { return nil }
        let body = Self.header + "\n" + lines.map { $0 + "\n" }.joined()
        guard end.dropFirst(4) == hex(checksum(Array(body.utf8))),
            let under = lines.first, under.hasPrefix("under\t")
        else { return nil }
        writtenUnder = String(under.dropFirst(6))
        lines.removeFirst()
        var steps: [Step] = []
        for line in lines {
            guard let step = Self.step(parsing: line) else { return nil }
            steps.append(step)
        }
        self.steps = steps
    }

    init(writtenUnder: String, steps: [Step]) {
        self.writtenUnder = writtenUnder
        self.steps = steps
    }

    private static func step(parsing line: Substring) -> Step? {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        switch (fields.first, fields.count) {
        case ("mkdir", 2): return .makeDirectory(fields[1])
        case ("unlink", 2): return .remove(fields[1])
        case ("rmdir", 2): return .removeDirectory(fields[1])
        case ("rename", 4):
            guard let sum = UInt64(fields[3], radix: 16), !fields[1].isEmpty,
                fields[1].utf8.allSatisfy({ (0x30...0x39).contains($0) })
            else { return nil }
            return .rename(staged: fields[1], target: fields[2], checksum: sum)
        default: return nil
        }
    }
}

private func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}

import TenancyCore

/// One path that differs between a tree and what is compared with it (the index, or
/// another tree), as `git diff-index --raw` / `diff-tree --raw` print it, relative to the
/// top level.
struct PathChange: Sendable {
    /// As git stores it: bytes, not necessarily UTF-8.
    var path: [UInt8]
    var oldMode: String
    var newMode: String
    var oldID: String
    var newID: String

    /// Whether the path is gone on the new side.
    var isDeletion: Bool { newMode == "000000" }
}

extension Repository {
    /// The paths of the whole repository whose entries differ between tree `tree` and the
    /// index (`--cached`), without rename detection; submodule changes included.
    func changes(from tree: String, toIndex: Void = ()) throws -> [PathChange] {
        try PathChange.parse(git.output(["diff-index", "--cached", "--raw", "-z", "--no-renames", tree, "--"]))
    }

    /// The same between two trees.
    func changes(from tree: String, to other: String) throws -> [PathChange] {
        try PathChange.parse(git.output(["diff-tree", "-r", "--raw", "-z", "--no-renames", tree, other, "--"]))
    }

    /// Whether the repository has tree `id`.
    func hasTree(_ id: String) throws -> Bool {
        try !git.run(["cat-file", "-e", id + "^{tree}"]) { try $0.readToEnd() }.exitedWithError
    }

    /// The full id of the tree `revision` names (a commit's tree, or a tree).
    func tree(_ revision: String) throws -> String {
        let outcome = try git.run(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{tree}"]
        ) { try $0.readToEnd() }
        guard !outcome.exitedWithError else { throw SourceError.unknownRevision(revision) }
        return String(decoding: try outcome.value.get(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension PathChange {
    /// Splits `--raw -z` output: `:oldmode newmode oldid newid status\0path\0` per change.
    static func parse(_ output: [UInt8]) throws -> [PathChange] {
        let fields = output.split(separator: 0, omittingEmptySubsequences: false)
        var changes: [PathChange] = []
        var index = 0
        while index + 1 < fields.count {
            let header = String(decoding: fields[index], as: UTF8.self)
            let parts = header.dropFirst().split(separator: " ")
            guard header.hasPrefix(":"), parts.count == 5 else { throw SourceError.unexpectedGitOutput(header) }
            changes.append(PathChange(
                path: Array(fields[index + 1]), oldMode: String(parts[0]), newMode: String(parts[1]),
                oldID: String(parts[2]), newID: String(parts[3])))
            index += 2
        }
        return changes
    }
}

/// The id git gives the tree that tree `base` becomes with `changes` applied, computed
/// without writing anything: the trees along the changed paths are read from `base`,
/// changed, and hashed as git hashes them. This is how `validate --staged` names the
/// staged tree it found clean (`git write-tree` would write objects, and cannot run
/// while `git commit` holds the index's lock); after the commit it is `HEAD^{tree}`.
/// Nil for a SHA-256 repository, or a path git's batch reader cannot be asked for.
enum TreeHash {
    static func id(of base: String, with changes: [PathChange], in git: Git) throws -> String? {
        guard base.count == 40, !changes.contains(where: { $0.path.contains(UInt8(ascii: "\n")) }) else { return nil }
        if changes.isEmpty { return base }
        var files: [[UInt8]: [[UInt8]: Entry?]] = [:]  // directory -> name -> entry (nil: removed)
        for change in changes {
            let (directory, name) = split(change.path)
            files[directory, default: [:]][name] = change.isDeletion ? nil : Entry(mode: change.newMode, id: change.newID)
        }
        var directories = Set(files.keys)
        for directory in files.keys { directories.formUnion(ancestors(of: directory)) }
        let order = directories.sorted { $0.count > $1.count }  // deepest first
        let contents = try git.trees(order.map { base + ":" + String(decoding: $0, as: UTF8.self) })
        var computed: [[UInt8]: [UInt8]?] = [:]  // directory -> its raw id, nil when empty
        for (position, directory) in order.enumerated() {
            var entries = parse(contents[position] ?? [])
            for (name, entry) in files[directory] ?? [:] { entries[name] = entry.map(\.raw) }
            for (child, id) in computed where child.count > directory.count && split(child).0 == directory {
                entries[split(child).1] = id.map { (mode: Array("40000".utf8), id: $0) }
            }
            computed[directory] = entries.isEmpty && !directory.isEmpty ? nil : hash(entries)
        }
        return (computed[[]] ?? nil).map(hex)
    }

    struct Entry {
        var mode: String
        var id: String
        /// Git's tree entry: the mode without a leading zero, the id in 20 bytes.
        var raw: (mode: [UInt8], id: [UInt8]) {
            (Array((mode.hasPrefix("0") ? String(mode.drop { $0 == "0" }) : mode).utf8), bytes(ofHex: id))
        }
    }

    /// `orgs/acme/x.json` -> (`orgs/acme`, `x.json`); a top-level name's directory is empty.
    static func split(_ path: [UInt8]) -> ([UInt8], [UInt8]) {
        guard let slash = path.lastIndex(of: UInt8(ascii: "/")) else { return ([], path) }
        return (Array(path[..<slash]), Array(path[(slash + 1)...]))
    }

    static func ancestors(of directory: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = [[]]
        for (index, byte) in directory.enumerated() where byte == UInt8(ascii: "/") { result.append(Array(directory[..<index])) }
        if !directory.isEmpty { result.append(directory) }
        return result
    }

    /// The entries of a raw tree object: `<mode> <name>\0<20-byte id>` each.
    static func parse(_ tree: [UInt8]) -> [[UInt8]: (mode: [UInt8], id: [UInt8])] {
        var entries: [[UInt8]: (mode: [UInt8], id: [UInt8])] = [:]
        var start = 0
        while let space = tree[start...].firstIndex(of: UInt8(ascii: " ")),
            let nul = tree[space...].firstIndex(of: 0), nul + 21 <= tree.count
        {
            entries[Array(tree[(space + 1)..<nul])] = (Array(tree[start..<space]), Array(tree[(nul + 1)..<(nul + 21)]))
            start = nul + 21
        }
        return entries
    }

    /// SHA-1 of `tree <size>\0` and the entries in git's order (a directory's name
    /// compares as if it ended in `/`).
    static func hash(_ entries: [[UInt8]: (mode: [UInt8], id: [UInt8])]) -> [UInt8] {
        func key(_ name: [UInt8], _ mode: [UInt8]) -> [UInt8] { mode == Array("40000".utf8) ? name + [UInt8(ascii: "/")] : name }
        let sorted = entries.sorted { key($0.key, $0.value.mode).lexicographicallyPrecedes(key($1.key, $1.value.mode)) }
        var body: [UInt8] = []
        for (name, entry) in sorted { body += entry.mode + [UInt8(ascii: " ")] + name + [0] + entry.id }
        let words = SHA1.digest(of: Array("tree \(body.count)".utf8) + [0] + body)
        return [words.0, words.1, words.2, words.3, words.4].flatMap { word in
            stride(from: 24, through: 0, by: -8).map { UInt8(truncatingIfNeeded: word >> UInt32($0)) }
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }, as: UTF8.self)
    }

    static func bytes(ofHex hex: String) -> [UInt8] {
        let digits = Array(hex.utf8).map { $0 <= UInt8(ascii: "9") ? $0 - UInt8(ascii: "0") : $0 - UInt8(ascii: "a") + 10 }
        return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }
}

extension Git {
    /// The raw contents of the trees `requests` name (`TREE:path`), through one
    /// `cat-file --batch`; nil where there is none (a new directory).
    func trees(_ requests: [String]) throws -> [[UInt8]?] {
        var input: [UInt8] = []
        for request in requests { input += request.utf8 + [UInt8(ascii: "\n")] }
        return try stream(["cat-file", "--batch"], input: input) { reader in
            try requests.map { request in
                let header = String(decoding: try reader.readLine() ?? [], as: UTF8.self)
                let fields = header.split(separator: " ")
                if header.hasSuffix(" missing") { return nil }
                guard fields.count == 3, let size = Int(fields[2]) else {
                    throw SourceError.unexpectedCatFileReply(id: request, header: header)
                }
                let content = try reader.read(count: size, keeping: size)
                _ = try reader.readLine()
                return fields[1] == "tree" ? content : nil
            }
        }
    }
}

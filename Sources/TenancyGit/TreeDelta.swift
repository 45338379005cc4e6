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
    /// `A`, `M`, `D`, `T`; `U` for a path the index has unmerged.
    var status: String = ""

    /// Whether the path is gone on the new side.
    var isDeletion: Bool { newMode == "000000" }
}

extension Repository {
    /// The paths of the whole repository whose entries differ between tree `tree` and the
    /// index (`--cached`), without rename detection; submodule changes included.
    func changes(from tree: String) throws -> [PathChange] {
        try PathChange.parse(git.output(["diff-index", "--cached", "--raw", "-z", "--no-renames", "--ignore-submodules=none", tree, "--"]))
    }

    /// The same between two trees.
    func changes(from tree: String, to other: String) throws -> [PathChange] {
        try PathChange.parse(git.output(["diff-tree", "-r", "--raw", "-z", "--no-renames", "--ignore-submodules=none", tree, other, "--"]))
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
            changes.append(try PathChange(record: fields[index], path: fields[index + 1]))
            index += 2
        }
        return changes
    }

    /// One raw record (`:oldmode newmode oldid newid status`) and its path.
    init(record: ArraySlice<UInt8>, path: ArraySlice<UInt8>) throws {
        let parts = record.dropFirst().split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        guard record.first == UInt8(ascii: ":"), parts.count == 5 else {
            throw SourceError.unexpectedGitOutput(String(decoding: record, as: UTF8.self))
        }
        self.init(
            path: Array(path), oldMode: parts[0], newMode: parts[1], oldID: parts[2], newID: parts[3], status: parts[4])
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
            // updateValue: a nil (removed) must be kept as a value, not remove the key.
            files[directory, default: [:]].updateValue(change.isDeletion ? nil : Entry(mode: change.newMode, id: change.newID), forKey: name)
        }
        var directories = Set(files.keys)
        for directory in files.keys { directories.formUnion(ancestors(of: directory)) }
        let order = directories.sorted { $0.count > $1.count }  // deepest first
        let contents = try git.trees(order.map { base + ":" + String(decoding: $0, as: UTF8.self) })
        var computed: [[UInt8]: [UInt8]?] = [:]  // directory -> its raw id, nil when empty
        for (position, directory) in order.enumerated() {
            var changed = (files[directory] ?? [:]).mapValues { $0.map(\.raw) }
            for (child, id) in computed where child.count > directory.count && split(child).0 == directory {
                // An emptied directory leaves its name to a file that replaced it.
                if id == nil, case .some(.some) = changed[split(child).1] { continue }
                changed.updateValue(id.map { (mode: Array("40000".utf8), id: $0) }, forKey: split(child).1)
            }
            let body = merged(contents[position] ?? [], changed)
            computed.updateValue(body.isEmpty && !directory.isEmpty ? nil : hash(body), forKey: directory)
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

    /// The raw tree `tree` (`<mode> <name>\0<20-byte id>` per entry, in git's order) with
    /// the entries named in `changes` replaced, added or (nil) removed, still in git's
    /// order: the unchanged entries are copied as they are (`orgs/` may hold 50,000).
    static func merged(_ tree: [UInt8], _ changes: [[UInt8]: (mode: [UInt8], id: [UInt8])?]) -> [UInt8] {
        let names = Array(changes.keys)
        let added = changes.compactMap { name, entry in entry.map { (name: name, mode: $0.mode, id: $0.id) } }
            .sorted { precedes($0.name, $0.mode, $1.name, $1.mode) }
        var body: [UInt8] = []
        body.reserveCapacity(tree.count + 64 * added.count)
        var next = 0, start = 0
        func emit(_ entry: (name: [UInt8], mode: [UInt8], id: [UInt8])) {
            body += entry.mode + [UInt8(ascii: " ")] + entry.name + [0] + entry.id
        }
        while let space = tree[start...].firstIndex(of: UInt8(ascii: " ")),
            let nul = tree[space...].firstIndex(of: 0), nul + 21 <= tree.count
        {
            let (mode, name) = (tree[start..<space], tree[(space + 1)..<nul])
            defer { start = nul + 21 }
            if names.contains(where: { $0.elementsEqual(name) }) { continue }
            while next < added.count, precedes(added[next].name[...], added[next].mode[...], name, mode) {
                emit(added[next])
                next += 1
            }
            body += tree[start..<(nul + 21)]
        }
        for entry in added[next...] { emit(entry) }
        return body
    }

    /// Git's order of tree entries: by name, a directory's as if it ended in `/`.
    static func precedes(
        _ a: some Collection<UInt8>, _ aMode: some Collection<UInt8>, _ b: some Collection<UInt8>, _ bMode: some Collection<UInt8>
    ) -> Bool {
        let tree = Array("40000".utf8)
        let slash = UInt8(ascii: "/")
        var (left, right) = (a.makeIterator(), b.makeIterator())
        var (leftDone, rightDone) = (false, false)
        while true {
            var x = left.next(), y = right.next()
            if x == nil, !leftDone { leftDone = true; x = aMode.elementsEqual(tree) ? slash : nil }
            if y == nil, !rightDone { rightDone = true; y = bMode.elementsEqual(tree) ? slash : nil }
            switch (x, y) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?) where x != y: return x < y
            default: continue
            }
        }
    }

    /// SHA-1 of `tree <size>\0` and the entries.
    static func hash(_ body: [UInt8]) -> [UInt8] {
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

import Glibc

/// The registry as it is on disk (the working tree).
public struct DirectorySource: SnapshotSource {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public func entries() throws -> [SourceEntry] {
        var info = stat()
        guard lstat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw SourceError("no registry at \(root) (use --registry PATH or TENANCY_REGISTRY)")
        }
        var entries: [SourceEntry] = []
        var orgDirectories: [String] = []
        try list("") { path, found in
            switch found {
            case .directory where path == ".tenancy": break  // the tool's own state
            case .directory where path == "orgs":
                try list("orgs") { orgPath, orgFound in
                    if case .entry(let kind) = orgFound {
                        entries.append(SourceEntry(path: orgPath, kind: kind))
                    } else {
                        orgDirectories.append(orgPath)
                    }
                }
            case .directory: try walk(path, into: &entries)
            case .entry(let kind): entries.append(SourceEntry(path: path, kind: kind))
            }
        }
        // Organizations are walked in parallel: the tree is wide and each one is small.
        let source = self
        let nested = try parallelMap(orgDirectories) { directory in
            var found: [SourceEntry] = []
            try source.walk(directory, into: &found)
            return found
        }
        return entries + nested.joined()
    }

    public func contents(of path: String) throws -> [UInt8] {
        try readBoundedFile(atPath: root + "/" + path)
    }

    /// The entries at `paths` that exist (a directory there counts as a special entry).
    func entries(at paths: [String]) -> [SourceEntry] {
        paths.compactMap { path in
            switch found(atPath: path) {
            case nil: nil
            case .directory: SourceEntry(path: path, kind: .special)
            case .entry(let kind): SourceEntry(path: path, kind: kind)
            }
        }
    }

    /// Every entry below the directory `relative`, or the entry itself when it is not a
    /// directory; none when nothing is there.
    func entries(below relative: String) throws -> [SourceEntry] {
        switch found(atPath: relative) {
        case nil: return []
        case .entry(let kind): return [SourceEntry(path: relative, kind: kind)]
        case .directory:
            var entries: [SourceEntry] = []
            try walk(relative, into: &entries)
            return entries
        }
    }

    /// The names of the directories (not symlinks to them) in the directory `relative`.
    func directories(in relative: String) throws -> [String] {
        guard found(atPath: relative) == .directory else { return [] }
        var names: [String] = []
        try list(relative) { path, found in
            if found == .directory { names.append(String(path.dropFirst(relative.count + 1))) }
        }
        return names
    }

    /// Whether `orgs/ORG/members/USER.json` is a regular file reached without a symlink,
    /// for each of `handles`; `orgs` is an open descriptor of `orgs/` and ORG a directory
    /// in it. Relative to the descriptor, one `fstatat` per file: this runs for every
    /// organization of a large registry (see `Scope`).
    func membershipFiles(in org: String, of handles: [String], orgs: Int32) -> [Bool] {
        handles.map { handle in
            fileType(orgs, "\(org)/members/\(handle).json") == S_IFREG
                && fileType(orgs, "\(org)/members") == S_IFDIR
        }
    }

    /// Opens a directory of the registry for `membershipFiles`; the caller closes it.
    func openDirectory(_ relative: String) throws -> Int32 {
        let fd = open(root + "/" + relative, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw SourceError("cannot open \(root)/\(relative): \(String(cString: strerror(errno)))") }
        return fd
    }

    private func fileType(_ directory: Int32, _ relative: String) -> mode_t? {
        var info = stat()
        guard fstatat(directory, relative, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }

    /// Every entry below `relative`; symlinks are entries, never followed.
    private func walk(_ relative: String, into entries: inout [SourceEntry]) throws {
        try list(relative) { path, found in
            switch found {
            case .directory: try walk(path, into: &entries)
            case .entry(let kind): entries.append(SourceEntry(path: path, kind: kind))
            }
        }
    }

    /// Calls `body` with each entry of one directory.
    private func list(_ relative: String, _ body: (String, Found) throws -> Void) throws {
        let absolute = relative.isEmpty ? root : root + "/" + relative
        guard let dir = opendir(absolute) else {
            throw SourceError("cannot list \(absolute): \(String(cString: strerror(errno)))")
        }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            try body(path, kind(of: entry.pointee.d_type, path: path))
        }
    }

    private enum Found: Equatable {
        case directory
        case entry(SourceEntry.Kind)
    }

    private func kind(of type: UInt8, path: String) -> Found {
        switch Int(type) {
        case Int(DT_DIR): return .directory
        case Int(DT_REG): return .entry(.file)
        case Int(DT_LNK): return .entry(.symlink)
        case Int(DT_UNKNOWN): return found(atPath: path) ?? .entry(.special)
        default: return .entry(.special)
        }
    }

    /// What is at `relative`, without following a symlink; nil when nothing is.
    private func found(atPath relative: String) -> Found? {
        var info = stat()
        guard lstat(root + "/" + relative, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .entry(.file)
        case S_IFLNK: return .entry(.symlink)
        default: return .entry(.special)
        }
    }
}

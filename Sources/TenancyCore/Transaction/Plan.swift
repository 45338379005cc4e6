/// What a list of changes means on disk: directories to create, files to write and
/// remove, directories the change empties. Computed under the lock, before writing.
struct Plan {
    var directoriesToCreate: [String] = []  // parents first
    var writes: [(path: String, contents: [UInt8])] = []
    var removals: [String] = []
    var directoriesToRemove: [String] = []  // children first

    init(_ changes: [FileChange], inspector: PathInspector) throws {
        try Self.checkDistinct(changes)
        for change in changes {
            switch change {
            case .write(let path, let contents):
                try inspector.checkTarget(path)
                writes.append((path, contents))
            case .remove(let path):
                try inspector.checkTarget(path)
                removals.append(path)
            }
        }
        directoriesToCreate = try missingDirectories(inspector)
        directoriesToRemove = try emptiedDirectories(inspector)
    }

    /// No path may appear twice, nor be a directory of another changed path.
    private static func checkDistinct(_ changes: [FileChange]) throws {
        var paths = Set<String>()
        for change in changes {
            guard RegistryPath.isLayoutFile(change.path) else {
                _ = try RegistryPath.components(of: change.path)  // the reason, when it is one
                throw RegistryPath.refusal(change.path, "is not a file of the registry layout")
            }
            guard paths.insert(change.path).inserted else {
                throw RegistryPath.refusal(change.path, "is changed twice in one change")
            }
        }
        for path in paths {
            if let clash = RegistryPath.ancestors(of: path).first(where: paths.contains) {
                throw RegistryPath.refusal(clash, "is both a file and the directory of '\(path)'")
            }
        }
    }

    private func missingDirectories(_ inspector: PathInspector) throws -> [String] {
        var missing = Set<String>()
        for write in writes {
            for directory in RegistryPath.ancestors(of: write.path).dropFirst()
            where try inspector.kind(of: directory) == nil {
                missing.insert(directory)
            }
        }
        return missing.sorted { (RegistryPath.depth(of: $0), $0) < (RegistryPath.depth(of: $1), $1) }
    }

    /// The ancestors of removed files left with nothing in them (never the root). Only a
    /// directory that loses an entry in this change can be left empty by it, so only
    /// those are listed: removing a member lists its `members/`, not all of `orgs/`.
    private func emptiedDirectories(_ inspector: PathInspector) throws -> [String] {
        let written = Set(writes.flatMap { RegistryPath.ancestors(of: $0.path) })
        var gone = Set(removals)
        var shrunk = Set(removals.map(RegistryPath.parent(of:)))
        let deepestFirst = Set(removals.flatMap { RegistryPath.ancestors(of: $0).dropFirst() })
            .map { (depth: RegistryPath.depth(of: $0), path: $0) }
            .sorted { ($0.depth, $1.path) > ($1.depth, $0.path) }
            .map(\.path)
        var emptied: [String] = []
        for directory in deepestFirst where shrunk.contains(directory) && !written.contains(directory) {
            guard try inspector.kind(of: directory) == .directory else { continue }
            let names = try inspector.fileSystem.contents(ofDirectory: inspector.absolute(directory))
            if names.allSatisfy({ gone.contains(directory + "/" + $0) }) {
                gone.insert(directory)
                shrunk.insert(RegistryPath.parent(of: directory))
                emptied.append(directory)
            }
        }
        return emptied
    }
}

/// Looks at registry paths without following symlinks, refusing any path that goes
/// through one (or through anything that is not a directory).
struct PathInspector {
    let root: String
    let fileSystem: FileSystem

    func absolute(_ path: String) -> String {
        path.isEmpty ? root : root + "/" + path
    }

    /// What `path` is; an error when the path is unsafe or an ancestor is not a real
    /// directory. nil when it (or an ancestor) does not exist. "" is the root.
    func kind(of path: String) throws -> FileSystem.EntryKind? {
        guard !path.isEmpty else { return try fileSystem.kind(of: root) }
        _ = try RegistryPath.components(of: path)
        for ancestor in RegistryPath.ancestors(of: path).dropFirst() {
            switch try fileSystem.kind(of: absolute(ancestor)) {
            case nil: return nil
            case .directory: continue
            case .symlink: throw RegistryPath.refusal(path, "goes through symlink '\(ancestor)'")
            default: throw RegistryPath.refusal(path, "goes through non-directory '\(ancestor)'")
            }
        }
        return try fileSystem.kind(of: absolute(path))
    }

    /// A file to write or remove must be a regular file or absent.
    @discardableResult
    func checkTarget(_ path: String) throws -> FileSystem.EntryKind? {
        let kind = try kind(of: path)
        switch kind {
        case nil, .file: return kind
        case .symlink: throw RegistryPath.refusal(path, "is a symlink")
        case .directory: throw RegistryPath.refusal(path, "is a directory")
        case .other: throw RegistryPath.refusal(path, "is not a regular file")
        }
    }
}

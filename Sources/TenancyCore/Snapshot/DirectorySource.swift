import Foundation
import Glibc

/// The registry as it is on disk (the working tree).
public struct DirectorySource: SnapshotSource {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public func entries() throws -> [SourceEntry] {
        let found = Collected<SourceEntry>()
        try forEachEntry({ entry, _ in entry }, collect: found.append)
        return found.items
    }

    /// Reached as the walk reaches it: no symlink is followed on the way (see
    /// `reachDirectory(_:below:)`).
    public func contents(of path: String) throws -> [UInt8] {
        let (parent, name) = split(path)
        let directory = reachDirectory(parent, below: root)
        defer { if directory >= 0 { close(directory) } }
        let descriptor = directory < 0 ? -1 : openat(directory, name, readFlags)
        return try readBounded(descriptor, displayPath: root + "/" + path)
    }
}

/// The parts of the tree a mutation loads (see `Scope`).
extension DirectorySource {
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
            try Self.walk(OpenDirectory.at(relative, root: root)) { entry, _ in entries.append(entry) }
            return entries
        }
    }

    /// The names of the directories (not symlinks to them) in the directory `relative`.
    func directories(in relative: String) throws -> [String] {
        guard found(atPath: relative) == .directory else { return [] }
        var names: [String] = []
        try OpenDirectory.at(relative, root: root).forEachEntry { path, found in
            if found == .directory { names.append(String(path.dropFirst(relative.count + 1))) }
        }
        return names
    }

    /// Whether `orgs/ORG/members/USER.json` is a regular file reached without a symlink,
    /// for each of `handles`; `orgs` is an open descriptor of `orgs/` and ORG a directory
    /// in it. Relative to the descriptor, one `fstatat` per file (and one for `members/`
    /// where a file is found): this runs for every organization of a registry (see `Scope`).
    func membershipFiles(in org: String, of handles: [String], orgs: Int32) -> [Bool] {
        handles.map { isFile(orgs, "\(org)/members", "\($0).json") }
    }

    /// The membership and project membership files of `handle` (a valid name) in every
    /// organization, where the whole walk would find them: regular files at valid paths,
    /// below no symlink. One `fstatat` per organization, and per project of those with a
    /// `projects/` directory, on every core (see `ReadScope.user`).
    func filesOfUser(_ handle: String) throws -> [SourceEntry] {
        let orgs = try directories(in: "orgs").filter { Name.problem(with: $0) == nil }
        guard !orgs.isEmpty else { return [] }
        let descriptor = try openDirectory("orgs")
        defer { close(descriptor) }
        let found = try parallelMap(groups(orgs)) { group in
            try group.flatMap { org in try filesOfUser(handle, in: org, orgs: descriptor) }
        }
        return found.flatMap { $0 }.map { SourceEntry(path: $0, kind: .file) }
    }

    private func filesOfUser(_ handle: String, in org: String, orgs: Int32) throws -> [String] {
        var paths: [String] = []
        if isFile(orgs, "\(org)/members", "\(handle).json") { paths.append("orgs/\(org)/members/\(handle).json") }
        guard fileType(orgs, "\(org)/projects") == S_IFDIR else { return paths }
        try OpenDirectory.at("orgs/\(org)/projects", root: root).forEachEntry { path, found in
            let project = String(path.dropFirst("orgs/\(org)/projects/".count))
            if found == .directory, Name.problem(with: project) == nil,
                isFile(orgs, "\(org)/projects/\(project)/members", "\(handle).json")
            {
                paths.append("\(path)/members/\(handle).json")
            }
        }
        return paths
    }

    /// Whether `directory/name` (relative to the open `parent`) is a regular file in a
    /// directory that is not a symlink: the caller has checked the directories above it.
    private func isFile(_ parent: Int32, _ directory: String, _ name: String) -> Bool {
        fileType(parent, "\(directory)/\(name)") == S_IFREG && fileType(parent, directory) == S_IFDIR
    }

    /// Opens a directory of the registry for `membershipFiles`; the caller closes it.
    func openDirectory(_ relative: String) throws -> Int32 {
        let fd = reachDirectory(relative, below: root)
        guard fd >= 0 else { throw SourceError.cannot(.open, path: "\(root)/\(relative)", errno: errno) }
        return fd
    }

    private func fileType(_ directory: Int32, _ relative: String) -> mode_t? {
        var info = stat()
        guard fstatat(directory, relative, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }

    /// What is at `relative`, reached without following a symlink on the way or at the
    /// end; nil when nothing is (below a symlink, the whole walk finds nothing either).
    private func found(atPath relative: String) -> OpenDirectory.Found? {
        let (parent, name) = split(relative)
        let directory = reachDirectory(parent, below: root)
        guard directory >= 0 else { return nil }
        defer { close(directory) }
        return fileType(directory, name).map(OpenDirectory.Found.init(mode:))
    }

    /// `orgs/acme/org.json` as `orgs/acme` and `org.json`.
    private func split(_ relative: String) -> (parent: String, name: String) {
        guard let slash = relative.lastIndex(of: "/") else { return ("", relative) }
        return (String(relative[..<slash]), String(relative[relative.index(after: slash)...]))
    }
}

extension DirectorySource: ParallelSource {
    /// Lists the top two levels, then walks and reads the rest on every core, in parts of
    /// many organizations or many files of one big directory (`users/`). Every file is
    /// read while its directory is open, relative to it.
    package func forEachEntry<Result: Sendable>(
        _ inspect: @escaping @Sendable (SourceEntry, () throws -> [UInt8]) throws -> Result,
        collect: @Sendable (consuming [Result]) -> Void
    ) throws {
        var top: [Result] = []
        let parts = try parts { entry, read in top.append(try inspect(entry, read)) }
        collect(consume top)
        try parallelForEach(parts) { part in
            var results: [Result] = []
            try part.visit { entry, read in results.append(try inspect(entry, read)) }
            collect(consume results)
        }
    }

    /// Reads every file once on the calling thread, exactly as loading reads them: the
    /// floor that `tenancy-bench` measures `validate` against.
    public func readEveryFile() throws -> (files: Int, bytes: Int) {
        var files = 0, bytes = 0
        let count = { (entry: SourceEntry, read: () throws -> [UInt8]) in
            guard entry.kind == .file else { return }
            files += 1
            bytes += try read().count
        }
        for part in try parts(visiting: count) { try part.visit(count) }
        return (files, bytes)
    }

    /// Visits the entries of the root and returns the parts below it.
    private func parts(visiting visit: (SourceEntry, () throws -> [UInt8]) throws -> Void) throws -> [Part] {
        let top = try OpenDirectory.root(root)
        let ignored = IgnoredEntries.declared(byPolicy: try? top.read("tenancy.json"))
        var parts: [Part] = []
        try top.forEachEntry { path, found in
            switch found {
            case .directory where path == ".tenancy": break  // the tool's own state
            case _ where ignored.skips(path, isDirectory: found == .directory): break
            case .directory: parts += try Part.split(top.subdirectory(path))
            case .entry(let kind): try visit(SourceEntry(path: path, kind: kind)) { try top.read(path) }
            }
        }
        return parts
    }

    /// Work for one thread.
    private enum Part: Sendable {
        /// Some of the non-directory entries of one directory.
        case entries(OpenDirectory, ArraySlice<SourceEntry>)
        /// Some subdirectories (by path) of one directory, and everything below them.
        case trees(OpenDirectory, ArraySlice<String>)

        /// The parts of a listed directory: its files, and its subdirectories, in groups.
        static func split(_ directory: OpenDirectory) throws -> [Part] {
            var subdirectories: [String] = []
            var entries: [SourceEntry] = []
            try directory.forEachEntry { path, found in
                switch found {
                case .directory: subdirectories.append(path)
                case .entry(let kind): entries.append(SourceEntry(path: path, kind: kind))
                }
            }
            // An organization holds 2 to 50 files: 16 of them make a part about the size
            // of a group of entries.
            return groups(entries).map { .entries(directory, $0) }
                + groups(subdirectories, of: 16).map { .trees(directory, $0) }
        }

        func visit(_ visit: (SourceEntry, () throws -> [UInt8]) throws -> Void) throws {
            switch self {
            case .entries(let directory, let entries):
                for entry in entries { try visit(entry) { try directory.read(entry.path) } }
            case .trees(let parent, let paths):
                for path in paths { try DirectorySource.walk(parent.subdirectory(path), visit) }
            }
        }
    }

    /// Every entry below `directory`; symlinks are entries, never followed.
    fileprivate static func walk(
        _ directory: OpenDirectory, _ visit: (SourceEntry, () throws -> [UInt8]) throws -> Void
    ) throws {
        try directory.forEachEntry { path, found in
            switch found {
            case .directory: try walk(directory.subdirectory(path), visit)
            case .entry(let kind): try visit(SourceEntry(path: path, kind: kind)) { try directory.read(path) }
            }
        }
    }
}

/// A fixed list of entries of a directory registry: the scoped loads (`Scope`, `ReadScope`).
struct ListedSource: SnapshotSource {
    let listed: [SourceEntry]
    let directory: DirectorySource

    init(_ entries: [SourceEntry], _ directory: DirectorySource) {
        self.listed = entries
        self.directory = directory
    }

    func entries() throws -> [SourceEntry] { listed }
    func contents(of path: String) throws -> [UInt8] { try directory.contents(of: path) }
}

/// The `org.json` and `members/` of some organizations (`list orgs`): each organization
/// walked from its open directory and each file read relative to its own, as the whole
/// walk reads them (a directory in `orgs/` each; see `DirectorySource.directories(in:)`).
struct OrgMembersSource: ParallelSource {
    let directory: DirectorySource
    let slugs: [String]

    func entries() throws -> [SourceEntry] {
        let found = Collected<SourceEntry>()
        try forEachEntry({ entry, _ in entry }, collect: found.append)
        return found.items
    }

    func contents(of path: String) throws -> [UInt8] { try directory.contents(of: path) }

    func forEachEntry<Result: Sendable>(
        _ inspect: @escaping @Sendable (SourceEntry, () throws -> [UInt8]) throws -> Result,
        collect: @Sendable (consuming [Result]) -> Void
    ) throws {
        try parallelForEach(groups(slugs, of: 16)) { group in
            var results: [Result] = []
            for slug in group {
                let org = try OpenDirectory.at("orgs/\(slug)", root: directory.root)
                try org.forEachEntry { path, found in
                    switch found {
                    case .entry(let kind) where path == EntityPath.org(Slug(unchecked: slug)).path:
                        results.append(try inspect(SourceEntry(path: path, kind: kind)) { try org.read(path) })
                    case .directory where path == "orgs/\(slug)/members":
                        try DirectorySource.walk(org.subdirectory(path)) { entry, read in
                            results.append(try inspect(entry, read))
                        }
                    default: break
                    }
                }
            }
            collect(consume results)
        }
    }
}

import Foundation

/// The registry as it is on disk (the working tree).
public struct DirectorySource: SnapshotSource {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public func entries() throws -> [SourceEntry] {
        let found = Collected<SourceEntry>()
        try forEachEntry { entry, _ in found.append(entry) }
        return found.items
    }

    public func contents(of path: String) throws -> [UInt8] {
        try readBoundedFile(atPath: root + "/" + path)
    }
}

extension DirectorySource: ParallelSource {
    /// Lists the top two levels, then walks and reads the rest on every core: each
    /// organization is one part, and big directories (`users/`) are cut into parts.
    /// Every file is read while its directory is open, relative to it.
    func forEachEntry(_ visit: @Sendable (SourceEntry, () throws -> [UInt8]) throws -> Void) throws {
        try parallelForEach(try parts(visiting: visit)) { part in try part.visit(visit) }
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
        var parts: [Part] = []
        try top.forEachEntry { path, found in
            switch found {
            case .directory where path == ".tenancy": break  // the tool's own state
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
        /// The subdirectory `path` of an open directory, and everything below it.
        case tree(OpenDirectory, path: String)

        /// Enough files to be worth a thread, few enough to share them out evenly.
        static let entriesPerPart = 64

        /// The parts of a listed directory: each subdirectory, and its files in groups.
        static func split(_ directory: OpenDirectory) throws -> [Part] {
            var parts: [Part] = []
            var entries: [SourceEntry] = []
            try directory.forEachEntry { path, found in
                switch found {
                case .directory: parts.append(.tree(directory, path: path))
                case .entry(let kind): entries.append(SourceEntry(path: path, kind: kind))
                }
            }
            for start in stride(from: 0, to: entries.count, by: entriesPerPart) {
                parts.append(.entries(directory, entries[start..<min(start + entriesPerPart, entries.count)]))
            }
            return parts
        }

        func visit(_ visit: (SourceEntry, () throws -> [UInt8]) throws -> Void) throws {
            switch self {
            case .entries(let directory, let entries):
                for entry in entries { try visit(entry) { try directory.read(entry.path) } }
            case .tree(let parent, let path):
                try Part.walk(parent.subdirectory(path), visit)
            }
        }

        /// Every entry below `directory`; symlinks are entries, never followed.
        private static func walk(
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
}

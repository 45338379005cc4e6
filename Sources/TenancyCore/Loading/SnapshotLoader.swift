import Synchronization

/// Builds a `Snapshot` from a source, running the file rules (`RuleRegistry.fileRules`)
/// on every file, in parallel.
public enum SnapshotLoader {
    public static func load(from source: any SnapshotSource) throws -> Snapshot {
        try load(from: source, index: nil, encoding: false).snapshot
    }

    /// The same, taking from `index` the entity of each file whose identity it recorded
    /// (`FactIndex`) instead of reading it; with the clean files of this load, which the
    /// next index holds.
    package static func load(
        from source: any SnapshotSource, index: FactIndex?
    ) throws -> (snapshot: Snapshot, found: FactIndex.Found) {
        try load(from: source, index: index, encoding: index == nil)
    }

    /// The same, `encoding` the clean files for the next index as they are read.
    private static func load(
        from source: any SnapshotSource, index: FactIndex?, encoding: Bool
    ) throws -> (snapshot: Snapshot, found: FactIndex.Found) {
        let assembly = Assembly(encoding: encoding)
        // Files are checked on every core as they are read, and added a group at a time:
        // one thread adds while the others go on reading, and each group takes the lock
        // once (taking it for every file made threads queue for it).
        try forEachEntry(of: source, { entry, read in try inspect(entry, read, index) }, collect: assembly.add)
        var snapshot = assembly.snapshot
        snapshot.sortFileDiagnostics()
        checkCompleteness(&snapshot)
        return (snapshot, assembly.found)
    }

    private static func forEachEntry(
        of source: any SnapshotSource,
        _ inspect: @escaping @Sendable (SourceEntry, () throws -> [UInt8]) throws -> CheckedFile,
        collect: @Sendable (consuming [CheckedFile]) -> Void
    ) throws {
        if let source = source as? any ParallelSource {
            return try source.forEachEntry(inspect, collect: collect)
        }
        try parallelForEach(groups(try source.entries())) { group in
            collect(try group.map { entry in try inspect(entry) { try source.contents(of: entry.path) } })
        }
    }

    /// The snapshot being built from several threads.
    private final class Assembly: Sendable {
        private let building = Mutex(Snapshot())
        /// The clean files with an identity: no finding of the file rules, canonical, decoded.
        private let cleanFiles = Mutex<[FactIndex.CleanFile]>([])
        /// Those files encoded for the index, a group per group read, when the load reads
        /// no index (the next one is then written whole): on the threads that read them,
        /// with their entities at hand (encoding them from the snapshot afterwards, on
        /// every core, was as long as a tenth of a cold `validate --staged`).
        private let encoded = Mutex<[FactIndex.Group]>([])
        private let encoding: Bool

        init(encoding: Bool) {
            self.encoding = encoding
        }

        func add(_ files: consuming [CheckedFile]) {
            SnapshotLoader.sharePositions(&files)
            let found = files.compactMap(Self.clean)
            if encoding, !found.isEmpty {
                let group = Self.encode(files, count: found.count)
                encoded.withLock { $0.append(group) }
            }
            building.withLock { building in
                // Popped, not iterated: each file is moved into the snapshot, not copied.
                while let file = files.popLast() {
                    if file.path != nil { building.countFiles() }
                    absorb(file, into: &building)
                }
            }
            if !found.isEmpty { cleanFiles.withLock { $0 += found } }
        }

        /// The path and identity of a file the index may keep.
        private static func clean(_ file: borrowing CheckedFile) -> FactIndex.CleanFile? {
            guard let path = file.path, path != .policy, let identity = file.entry.identity, file.readable,
                file.entity != nil, file.diagnostics.isEmpty, file.canonical == nil
            else { return nil }
            return (path, identity)
        }

        /// The clean ones of `files`, `count` of them, as a group of the index.
        private static func encode(_ files: borrowing [CheckedFile], count: Int) -> FactIndex.Group {
            var group = FactWriter(files: count)
            for index in files.indices where clean(files[index]) != nil {
                group.add(files[index].entity!, path: files[index].entry.path, identity: files[index].entry.identity!)
            }
            return group.group
        }

        var snapshot: Snapshot { building.withLock { $0 } }

        var found: FactIndex.Found {
            FactIndex.Found(clean: cleanFiles.withLock { $0 }, groups: encoding ? encoded.withLock { $0 } : nil)
        }
    }

    /// Makes the files of one group that have equal key positions share one copy of them:
    /// files of one kind in canonical form have the same ones, and a copy per file was a
    /// quarter of the memory of a loaded registry. On the thread that read the group,
    /// before the lock is taken.
    private static func sharePositions(_ files: inout [CheckedFile]) {
        var shared: Set<[KeyPosition]> = []
        for index in files.indices {
            files[index].entity?.origin.positions.share(in: &shared)
        }
    }

    /// The file rules on one entry (`RuleRegistry.fileRules`), unless `index` knows it.
    private static func inspect(_ entry: SourceEntry, _ read: () throws -> [UInt8], _ index: FactIndex?) throws -> CheckedFile {
        let known = entry.kind == .file ? index?.entity(at: entry.path, identity: entry.identity) : nil
        return try RuleRegistry.check(entry, known: known) { try readContents(read) }
    }

    /// The file's bytes, or nil when it turned out not to be a regular file.
    private static func readContents(_ read: () throws -> [UInt8]) throws -> [UInt8]? {
        do {
            return try read()
        } catch ReadFailure.notRegular {
            return nil
        } catch ReadFailure.io(let error) {
            throw error
        }
    }

    /// What the file rules made of one entry, added to the snapshot.
    static func absorb(_ file: consuming CheckedFile, into snapshot: inout Snapshot) {
        snapshot.addFileDiagnostics(file.diagnostics)
        // A file that turned out not to be a regular file is counted but not present.
        guard let path = file.path, file.readable else { return }
        snapshot.insert(file.entity.take(), at: path, canonical: file.canonical)
    }

    /// The layout rule's findings about the registry as a whole.
    static func checkCompleteness(_ snapshot: inout Snapshot) {
        snapshot.addFileDiagnostics(LayoutRule.completeness(snapshot))
    }
}

extension Entity {
    /// Where the entity was read from.
    fileprivate var origin: Origin {
        get {
            switch self {
            case .policy(let e): e.origin
            case .user(let e): e.origin
            case .org(let e): e.origin
            case .member(let e): e.origin
            case .project(let e): e.origin
            case .projectMember(let e): e.origin
            case .invitation(let e): e.origin
            }
        }
        set {
            switch self {
            case .policy(var e): e.origin = newValue; self = .policy(e)
            case .user(var e): e.origin = newValue; self = .user(e)
            case .org(var e): e.origin = newValue; self = .org(e)
            case .member(var e): e.origin = newValue; self = .member(e)
            case .project(var e): e.origin = newValue; self = .project(e)
            case .projectMember(var e): e.origin = newValue; self = .projectMember(e)
            case .invitation(var e): e.origin = newValue; self = .invitation(e)
            }
        }
    }
}

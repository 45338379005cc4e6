#if canImport(Glibc)
import Glibc
#endif

/// One change to one registry file. Paths are relative to the registry root, `/`-separated.
public enum FileChange: Hashable, Sendable {
    case write(path: String, contents: [UInt8])
    case remove(path: String)

    public var path: String {
        switch self {
        case .write(let path, _), .remove(let path): path
        }
    }
}

/// What `Transaction.recover` found.
public enum RecoveryOutcome: Sendable, Hashable {
    /// No journal, no leftovers.
    case nothing
    /// A committed change of this many files was completed.
    case rolledForward(files: Int)
    /// An uncommitted change (or a corrupt journal) was thrown away.
    case discarded
}

/// Applies a set of file changes so that a crash at any point leaves the registry either
/// as it was or fully changed. The caller holds the exclusive `RegistryLock`
/// and has run `recover` first.
public struct Transaction {
    public let root: String
    public let fileSystem: FileSystem

    public init(root: String, fileSystem: FileSystem) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.fileSystem = fileSystem
    }

    private var inspector: PathInspector { PathInspector(root: root, fileSystem: fileSystem) }
    private var privateDirectory: String { PrivateDirectory.path(root) }
    private var stagingDirectory: String { privateDirectory + "/staged" }
    private var journalPath: String { privateDirectory + "/journal" }
    /// Names the temporary file of a single-file write while it may exist.
    private var temporaryRecordPath: String { privateDirectory + "/temporary" }

    /// Writes `changes` atomically. A single file write (or removal) that creates and
    /// removes no directory is done in place; anything else goes through the journal.
    public func commit(_ changes: [FileChange]) throws {
        guard !changes.isEmpty else { return }
        try PrivateDirectory.ensure(root: root, fileSystem: fileSystem)
        guard try !Self.needsRecovery(root: root, fileSystem: fileSystem) else {
            throw FileSystemError(
                path: privateDirectory, message: "'\(privateDirectory)' holds an unfinished change; recover first")
        }
        let plan = try Plan(changes, inspector: inspector)
        if plan.directoriesToCreate.isEmpty && plan.directoriesToRemove.isEmpty && changes.count == 1 {
            try commitInPlace(changes[0])
        } else {
            try commitJournaled(plan)
        }
    }

    private func commitInPlace(_ change: FileChange) throws {
        let target = inspector.absolute(change.path)
        switch change {
        case .write(_, let contents):
            // The temporary file's path is recorded (durably) under `.tenancy/` before it
            // is created, so a crash that leaves it in the registry also leaves a record
            // that makes the next command (even a reader) run `recover`, which removes it.
            let record = try writtenUnder() + "\n" + temporaryPath(for: change.path)
            try fileSystem.createFile(temporaryRecordPath, contents: Array(record.utf8))
            try fileSystem.syncDirectory(privateDirectory)
            do {
                try writeAtomically(target, contents: contents, fileSystem: fileSystem)
            } catch let crash as SimulatedCrash {
                throw crash
            } catch {
                _ = try? removeLeftovers()
                throw error
            }
            try removeLeftovers()
        case .remove:
            guard try inspector.kind(of: change.path) != nil else { return }
            try fileSystem.unlink(target)
            try fileSystem.syncDirectory(inspector.absolute(RegistryPath.parent(of: change.path)))
        }
    }

    private func commitJournaled(_ plan: Plan) throws {
        let journal: Journal
        do {
            journal = try stage(plan)
            try writeJournal(journal)
        } catch let crash as SimulatedCrash {
            throw crash
        } catch {
            _ = try? removeLeftovers()  // not committed: leave the registry as it was
            throw error
        }
        do {
            try apply(journal)
            try removeLeftovers()
        } catch let error as FileSystemError {
            throw FileSystemError(
                path: error.path, code: error.code,
                message: error.message + " (the change is committed; the next command completes it)")
        }
    }

    /// Writes every new file under `.tenancy/staged/` and returns the journal of the change.
    private func stage(_ plan: Plan) throws -> Journal {
        let identity = try writtenUnder()
        var steps = plan.directoriesToCreate.map(Journal.Step.makeDirectory)
        if !plan.writes.isEmpty {
            try fileSystem.makeDirectory(stagingDirectory)
            try fileSystem.syncDirectory(privateDirectory)
        }
        for (index, write) in plan.writes.enumerated() {
            try fileSystem.createFile(stagingDirectory + "/\(index)", contents: write.contents)
            steps.append(.rename(staged: "\(index)", target: write.path, checksum: checksum(write.contents)))
        }
        if !plan.writes.isEmpty { try fileSystem.syncDirectory(stagingDirectory) }
        steps += plan.removals.map(Journal.Step.remove)
        steps += plan.directoriesToRemove.map(Journal.Step.removeDirectory)
        return Journal(writtenUnder: identity, steps: steps)
    }

    /// The identity of `.tenancy/` that a journal or temporary record written now holds.
    private func writtenUnder() throws -> String {
        guard let identity = try PrivateDirectory.identity(root: root, fileSystem: fileSystem) else {
            throw FileSystemError(
                path: privateDirectory, message: "cannot change the registry: '\(privateDirectory)/lock' is missing")
        }
        return identity
    }

    /// The commit point: the journal's rename into place, made durable.
    private func writeJournal(_ journal: Journal) throws {
        let temporary = journalPath + ".tmp"
        try fileSystem.createFile(temporary, contents: journal.encoded())
        try fileSystem.rename(temporary, to: journalPath)
        try fileSystem.syncDirectory(privateDirectory)
    }

    /// Carries out the journal's steps; each is skipped when already done, so a replay
    /// after a crash at any point reaches the same state. Then fsyncs what changed.
    private func apply(_ journal: Journal) throws {
        var touched = Set<String>()
        for step in journal.steps {
            let path = try applyStep(step)
            touched.insert(RegistryPath.parent(of: path))
        }
        for directory in touched.sorted() where try inspector.kind(of: directory) == .directory {
            try fileSystem.syncDirectory(inspector.absolute(directory))
        }
    }

    /// Applies one step and returns the registry path it changed.
    private func applyStep(_ step: Journal.Step) throws -> String {
        switch step {
        case .makeDirectory(let path):
            let kind = try inspector.kind(of: path)
            if kind == nil { try fileSystem.makeDirectory(inspector.absolute(path)) }
            guard kind == nil || kind == .directory else { throw RegistryPath.refusal(path, "is not a directory") }
            return path
        case .rename(let staged, let target, _):
            try inspector.checkTarget(target)
            let source = stagingDirectory + "/" + staged
            // Absent when renamed before a crash (recover has checked the target then).
            if try fileSystem.kind(of: source) != nil {
                try fileSystem.rename(source, to: inspector.absolute(target))
            }
            return target
        case .remove(let path):
            if try inspector.checkTarget(path) != nil { try fileSystem.unlink(inspector.absolute(path)) }
            return path
        case .removeDirectory(let path):
            if try inspector.kind(of: path) == .directory { try removeDirectoryIfEmpty(path) }
            return path
        }
    }

    private func removeDirectoryIfEmpty(_ path: String) throws {
        do {
            try fileSystem.removeDirectory(inspector.absolute(path))
        } catch let error as FileSystemError where error.code == ENOTEMPTY || error.code == EEXIST {
            // Something appeared since planning: keeping the directory is harmless.
        }
    }

    /// Removes everything in `.tenancy/` but the lock and `.gitignore` (the journal
    /// first), then fsyncs `.tenancy/`.
    private func removeLeftovers() throws {
        let names = try Self.leftovers(in: privateDirectory, fileSystem: fileSystem)
        guard !names.isEmpty else { return }
        let journalFirst = names.filter { $0 == "journal" } + names.filter { $0 != "journal" }.sorted()
        for name in journalFirst {
            let path = privateDirectory + "/" + name
            if try fileSystem.kind(of: path) == .directory {
                for file in try fileSystem.contents(ofDirectory: path) {
                    try fileSystem.unlink(path + "/" + file)
                }
                try fileSystem.removeDirectory(path)
            } else {
                try fileSystem.unlink(path)
            }
        }
        try fileSystem.syncDirectory(privateDirectory)
    }

    // MARK: Recovery

    /// Whether `.tenancy/` holds a journal, staged or temporary files: a cheap check a
    /// reader can make under its shared lock before taking the exclusive one to recover.
    public static func needsRecovery(root: String, fileSystem: FileSystem = FileSystem()) throws -> Bool {
        let directory = PrivateDirectory.path(Transaction(root: root, fileSystem: fileSystem).root)
        guard try fileSystem.kind(of: directory) == .directory else { return false }
        return try !leftovers(in: directory, fileSystem: fileSystem).isEmpty
    }

    /// Finishes or discards whatever an interrupted command left: a valid journal is
    /// replayed; an invalid one, staged and temporary files are removed. A valid journal
    /// that this `.tenancy/` did not see written (say, one committed to git), or that
    /// would reach beyond the staging directory and the layout, is refused: nothing is
    /// changed. Run it under the exclusive lock before anything reads or writes the
    /// registry.
    public static func recover(root: String, fileSystem: FileSystem) throws -> RecoveryOutcome {
        let transaction = Transaction(root: root, fileSystem: fileSystem)
        guard try needsRecovery(root: transaction.root, fileSystem: fileSystem) else { return .nothing }
        if let journal = try transaction.readJournal() {
            try transaction.verify(journal)
            try transaction.apply(journal)
            try transaction.removeLeftovers()
            return .rolledForward(files: journal.fileCount)
        }
        try transaction.removeTemporaryFile()
        try transaction.removeLeftovers()
        return .discarded
    }

    /// Removes the temporary file of an interrupted single-file write, if recorded under
    /// this `.tenancy/` and still there. A torn record names no file that was ever created
    /// (the record is durable before the file is), and only a name of the temporary form
    /// is removed.
    private func removeTemporaryFile() throws {
        guard try fileSystem.kind(of: temporaryRecordPath) == .file,
            let record = String(validating: try fileSystem.readFile(temporaryRecordPath), as: UTF8.self),
            let newline = record.firstIndex(of: "\n"),
            try String(record[..<newline]) == PrivateDirectory.identity(root: root, fileSystem: fileSystem)
        else { return }
        let path = String(record[record.index(after: newline)...])
        guard (try? RegistryPath.components(of: path).last.map(isTemporaryName)) == true,
            try inspector.checkTarget(path) == .file
        else { return }
        try fileSystem.unlink(inspector.absolute(path))
        try fileSystem.syncDirectory(inspector.absolute(RegistryPath.parent(of: path)))
    }

    /// The journal, or nil when there is none or it is incomplete or corrupt.
    private func readJournal() throws -> Journal? {
        guard try fileSystem.kind(of: journalPath) == .file else { return nil }
        return Journal(decoding: try fileSystem.readFile(journalPath))
    }

    /// Before replaying anything: the journal was written under this `.tenancy/`, names
    /// only paths of the layout, and each new file is staged intact in the real staging
    /// directory, or already in place with the right contents.
    private func verify(_ journal: Journal) throws {
        guard try journal.writtenUnder == PrivateDirectory.identity(root: root, fileSystem: fileSystem) else {
            throw untrusted("it was not written under this '.tenancy/' (committed to git, or copied?)")
        }
        try checkPaths(journal)
        let staging = try fileSystem.kind(of: stagingDirectory)
        guard staging == nil || staging == .directory else { throw untrusted("'\(stagingDirectory)' is not a directory") }
        for case .rename(let staged, let target, let sum) in journal.steps {
            let targetKind = try inspector.checkTarget(target)
            let source = stagingDirectory + "/" + staged
            let sourceKind = staging == nil ? nil : try fileSystem.kind(of: source)
            // Absent when renamed before a crash: then the target must hold its bytes.
            let bytes: [UInt8]? =
                if sourceKind == .file { try fileSystem.readFile(named: staged, inDirectory: stagingDirectory) }
                else if sourceKind == nil && targetKind == .file { try fileSystem.readFile(inspector.absolute(target)) }
                else { nil }
            guard let bytes, checksum(bytes) == sum else {
                let found = sourceKind == nil ? inspector.absolute(target) : source
                throw untrusted("'\(found)' is not a regular file that matches it")
            }
        }
    }

    /// Every file the journal writes or removes is a file of the layout (the only files
    /// the tool changes), and every directory it creates or removes holds one of them.
    private func checkPaths(_ journal: Journal) throws {
        var files: [String] = [], directories: [String] = []
        for step in journal.steps {
            switch step {
            case .rename(_, let path, _), .remove(let path): files.append(path)
            case .makeDirectory(let path), .removeDirectory(let path): directories.append(path)
            }
        }
        for file in files where !RegistryPath.isLayoutFile(file) {
            throw untrusted("'\(file)' is not a file of the registry layout")
        }
        let parents = Set(files.flatMap { RegistryPath.ancestors(of: $0).dropFirst() })
        if let stray = directories.first(where: { !parents.contains($0) }) {
            throw untrusted("directory '\(stray)' holds none of its files")
        }
    }

    private func untrusted(_ reason: String) -> FileSystemError {
        FileSystemError(
            path: journalPath,
            message: "refusing to complete the change in '\(journalPath)': \(reason); nothing was changed: inspect and remove '\(journalPath)'")
    }

    /// What `.tenancy/` holds beyond the lock and `.gitignore`, and the temporary files
    /// of `.gitignore`: those are written before the lock is held, so another process's
    /// may be there while a lock holder looks, and are not an unfinished change. Nor are
    /// the index of registry-wide facts (`FactIndex`) and the record of a clean tree
    /// (`CleanTree`), which no change reads.
    private static func leftovers(in directory: String, fileSystem: FileSystem) throws -> [String] {
        let ignoreTemporary = temporaryPath(for: ".gitignore").prefix { $0 != "-" }
        return try fileSystem.contents(ofDirectory: directory).filter {
            $0 != "lock" && $0 != ".gitignore" && !$0.hasPrefix(ignoreTemporary) && !FactIndex.isIndexFile($0)
                && !CleanTree.isRecordFile($0)
        }
    }
}

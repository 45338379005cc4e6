import Glibc

/// A registry on disk: the entry point for commands and applications.
///
/// Readers take the shared lock, so nobody reads a half-applied change; a change that a
/// crash interrupted is completed (or discarded) first, under the exclusive lock.
public struct Registry: Sendable {
    public let root: String
    /// Called with the number of files of an interrupted change that was just completed,
    /// so that a command can say so: a registry never changes silently.
    public var reportCompletedChange: @Sendable (_ files: Int) -> Void
    /// Where the registry's writes stop, for crash tests: after this many steps of the
    /// file system layer (`FileSystem`), the process is killed. Nil (no fault) unless the
    /// caller sets it: the library reads no environment variable.
    public var faultAfterSteps: Int?

    public init(
        root: String, faultAfterSteps: Int? = nil,
        reportCompletedChange: @escaping @Sendable (_ files: Int) -> Void = { _ in }
    ) {
        self.root = root
        self.faultAfterSteps = faultAfterSteps
        self.reportCompletedChange = reportCompletedChange
    }

    /// The file system layer every write of one command goes through.
    public func makeFileSystem() -> FileSystem {
        FileSystem(faultAfterSteps: faultAfterSteps, faultMode: .kill)
    }

    /// Loads and checks the registry under the shared lock: `tenancy validate`.
    public func validate() throws -> ValidationResult {
        try withLock(.shared) { try Validator.validate(DirectorySource(root: root)) }
    }

    /// The same, with `build` run on the snapshot while the rules check it
    /// (`Validator.validate(_:building:)`): for an export.
    public func validate<Product>(
        building build: (Snapshot) throws -> Product
    ) throws -> (result: ValidationResult, product: Result<Product, any Error>) {
        try withLock(.shared) { try Validator.validate(DirectorySource(root: root), building: build) }
    }

    /// Loads the registry under the shared lock (file rules only; see `validate`).
    public func snapshot() throws -> Snapshot {
        try withLock(.shared) { try SnapshotLoader.load(from: DirectorySource(root: root)) }
    }

    /// Loads only the files that answer one question (`ReadScope`) under the shared lock:
    /// it answers as `snapshot()` would, in a time that does not grow with the registry.
    public func snapshot(of scope: ReadScope) throws -> Snapshot {
        try withLock(.shared) { try scope.load(root: root) }
    }

    /// Every user, by handle, under the shared lock: `list users` (see `Listing`).
    public func forEachUser(_ body: (_ handle: Handle, User) throws -> Void) throws {
        try withLock(.shared) { try Listing.forEachUser(root: root, body) }
    }

    /// Every organization, by slug, with its number of members, under the shared lock:
    /// `list orgs` (see `Listing`).
    public func forEachOrg(_ body: (_ slug: Slug, Organization, _ members: Int) throws -> Void) throws {
        try withLock(.shared) { try Listing.forEachOrg(root: root, body) }
    }

    /// Writes the index of registry-wide facts into `.tenancy/`, best effort: only holding
    /// the shared lock (so no writer is changing `.tenancy/` meanwhile), and not when a
    /// change is unfinished or this user may not write (a read-only registry has none).
    func keep(_ found: FactIndex.Found, of snapshot: Snapshot) {
        writePrivately { FactIndex.write(found, of: snapshot, root: root, fileSystem: $0) }
    }

    /// Records a tree found without findings (`CleanTree`), as `keep(_:of:)` writes the index.
    package func keep(_ clean: CleanTree) {
        writePrivately { clean.write(root: root, fileSystem: $0) }
    }

    private func writePrivately(_ write: (FileSystem) -> Void) {
        let fileSystem = makeFileSystem()
        guard (try? requireDirectory()) != nil, (try? fileSystem.kind(of: root + "/tenancy.json")) == .file,
            let lock = try? RegistryLock(root: root, mode: .shared, fileSystem: fileSystem)
        else { return }
        defer { lock.unlock() }
        guard (try? Transaction.needsRecovery(root: root, fileSystem: fileSystem)) == false else { return }
        write(fileSystem)
    }

    /// Runs `body` holding the lock in `mode`, after completing any interrupted change.
    ///
    /// A reader who cannot create or open the lock (a read-only mount, no write
    /// permission) reads without it; if a change was interrupted, it cannot complete it
    /// and must not read the half-applied state, so it fails.
    public func withLock<T>(_ mode: RegistryLock.Mode, fileSystem: FileSystem? = nil, _ body: () throws -> T) throws -> T {
        let fileSystem = fileSystem ?? makeFileSystem()
        try requireDirectory()
        // Only a registry gets a `.tenancy/`: never `/`, or a mistyped --registry.
        guard try fileSystem.kind(of: root + "/tenancy.json") != nil else {
            throw SourceError.notARegistry(root: root)
        }
        if mode == .exclusive { return try withExclusiveLock(fileSystem, body) }
        if try Transaction.needsRecovery(root: root, fileSystem: fileSystem) {
            try completeForReader(fileSystem)
        }
        let lock = try sharedLockIfPossible(fileSystem)
        defer { lock?.unlock() }
        return try body()
    }

    /// Writes `tenancy.json` unless it exists, under the exclusive lock (taken first, in a
    /// directory that is not a registry yet), so that of several `tenancy init` at once
    /// exactly one creates the registry. False when it exists.
    public func create(policy: [UInt8], fileSystem: FileSystem? = nil) throws -> Bool {
        let fileSystem = fileSystem ?? makeFileSystem()
        try requireDirectory()
        return try withExclusiveLock(fileSystem) {
            guard try fileSystem.kind(of: root + "/tenancy.json") == nil else { return false }
            try Transaction(root: root, fileSystem: fileSystem).commit([.write(path: "tenancy.json", contents: policy)])
            return true
        }
    }

    private func withExclusiveLock<T>(_ fileSystem: FileSystem, _ body: () throws -> T) throws -> T {
        let lock = try RegistryLock(root: root, mode: .exclusive, fileSystem: fileSystem)
        defer { lock.unlock() }
        if case .rolledForward(let files) = try Transaction.recover(root: root, fileSystem: fileSystem) {
            reportCompletedChange(files)
        }
        return try body()
    }

    private func completeForReader(_ fileSystem: FileSystem) throws {
        do {
            try withExclusiveLock(fileSystem) {}
        } catch let error as FileSystemError where error.deniesWriting {
            throw FileSystemError(
                path: root,
                message: "\(PrivateDirectory.path(root)) holds an interrupted change that this user cannot complete (\(error.message)): a user who can write to the registry must run any tenancy command first")
        }
    }

    /// The shared lock; nil when this user may neither create nor open it.
    private func sharedLockIfPossible(_ fileSystem: FileSystem) throws -> RegistryLock? {
        do {
            return try RegistryLock(root: root, mode: .shared, fileSystem: fileSystem)
        } catch let error as FileSystemError where error.deniesWriting {
            return nil
        }
    }

    private func requireDirectory() throws {
        var info = stat()
        guard lstat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw SourceError.noRegistry(root: root, suggestingInit: true)
        }
    }
}

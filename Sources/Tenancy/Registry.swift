import Glibc

/// A registry on disk: the entry point for commands and applications.
///
/// Readers take the shared lock, so nobody reads a half-applied change; a change that a
/// crash interrupted is completed (or discarded) first, under the exclusive lock.
public struct Registry: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// Loads and checks the registry under the shared lock: `tenancy validate`.
    public func validate() throws -> ValidationResult {
        try withLock(.shared) { try Validator.validate(DirectorySource(root: root)) }
    }

    /// Loads the registry under the shared lock (file rules only; see `validate`).
    public func snapshot() throws -> Snapshot {
        try withLock(.shared) { try SnapshotLoader.load(from: DirectorySource(root: root)) }
    }

    /// Runs `body` holding the lock in `mode`, after completing any interrupted change.
    public func withLock<T>(_ mode: RegistryLock.Mode, fileSystem: FileSystem = .fromEnvironment(), _ body: () throws -> T) throws -> T {
        try requireDirectory()
        if mode == .shared, try Transaction.needsRecovery(root: root, fileSystem: fileSystem) {
            let lock = try RegistryLock(root: root, mode: .exclusive, fileSystem: fileSystem)
            _ = try Transaction.recover(root: root, fileSystem: fileSystem)
            lock.unlock()
        }
        let lock = try RegistryLock(root: root, mode: mode, fileSystem: fileSystem)
        defer { lock.unlock() }
        if mode == .exclusive { _ = try Transaction.recover(root: root, fileSystem: fileSystem) }
        return try body()
    }

    private func requireDirectory() throws {
        var info = stat()
        guard lstat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw SourceError("no registry at \(root) (use --registry PATH or TENANCY_REGISTRY, or run `tenancy init`)")
        }
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `tenancy hooks install`: points git at the repository's `hooks/` directory, where
/// `hooks/pre-commit` runs `tenancy validate --staged`.
public enum HooksInstaller {
    /// The value of `core.hooksPath`, relative to the top level of the work tree.
    public static let hooksPath = "hooks"

    /// What `install` did.
    public struct Installed: Sendable {
        public var topLevel: String
        /// Whether `hooks/pre-commit` was missing and has been written.
        public var wroteScript: Bool
        /// Whether `core.hooksPath` already was `hooks`.
        public var wasInstalled: Bool
    }

    /// `core.hooksPath` is set to something else: replacing it would silently turn off
    /// those hooks, so it takes `--force`.
    public struct Conflict: Error, Sendable, CustomStringConvertible {
        public var existing: String
        public var description: String {
            "core.hooksPath is already set to '\(existing)'; refusing to replace it (use --force)"
        }
    }

    /// Sets `core.hooksPath` in the repository holding `directory` and writes
    /// `hooks/pre-commit` there unless the repository has one already.
    public static func install(from directory: String, force: Bool) throws -> Installed {
        let git = Git(directory: directory)
        let topLevel = try git.topLevel()
        let existing = try git.configValue("core.hooksPath")
        let wasInstalled = existing.map(isHooksPath) ?? false
        if let existing, !wasInstalled, !force { throw Conflict(existing: existing) }
        let wroteScript = try writeScriptIfMissing(in: topLevel)
        if !wasInstalled { try git.setConfig("core.hooksPath", hooksPath) }
        return Installed(topLevel: topLevel, wroteScript: wroteScript, wasInstalled: wasInstalled)
    }

    private static func isHooksPath(_ value: String) -> Bool {
        ["hooks", "hooks/", "./hooks", "./hooks/"].contains(value)
    }

    private static func writeScriptIfMissing(in topLevel: String) throws -> Bool {
        let directory = topLevel + "/" + hooksPath
        let path = directory + "/pre-commit"
        guard !FileManager.default.fileExists(atPath: path) else { return false }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard FileManager.default.createFile(
            atPath: path, contents: Data(preCommitScript.utf8),
            attributes: [.posixPermissions: 0o755])
        else { throw SourceError("cannot write \(path)") }
        return true
    }

    /// The repository's `hooks/pre-commit`, kept equal to it by a test.
    public static let preCommitScript = """
        #!/bin/sh
        # Refuses a commit whose staged registry breaks a tenancy rule. Only what is staged is
        # checked, so unstaged edits neither hide nor cause errors. Installed by
        # `tenancy hooks install` (git config core.hooksPath hooks).
        # The registry is $TENANCY_REGISTRY, else ./registry (hooks run at the top level).
        if ! command -v tenancy >/dev/null 2>&1; then
            echo "pre-commit: tenancy is not on PATH." >&2
            echo "Build it with 'swift build -c release' and put .build/release/tenancy on PATH." >&2
            exit 1
        fi
        exec tenancy --registry "${TENANCY_REGISTRY:-registry}" validate --staged

        """
}

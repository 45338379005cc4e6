import TenancyCore
import Foundation

/// `tenancy hooks install` and `uninstall`: a `pre-commit` hook in the repository's own
/// hooks directory (`git rev-parse --git-path hooks`, usually `.git/hooks`) that runs the
/// `tenancy` on PATH. Never a tracked directory: git runs whatever hooks a checked-out
/// branch puts there, so a pull request could run its code on a reviewer's machine.
public enum HooksInstaller {
    /// The line that makes a hook ours: a re-install replaces it, `uninstall` removes it,
    /// and any other hook is left alone.
    public static let marker =
        "# tenancy pre-commit hook: written by `tenancy hooks install`, removed by `tenancy hooks uninstall`."

    /// The hook, for the registry at `registry` (relative to the top level, where git
    /// runs hooks). The repository's `hooks/pre-commit` is this for `registry`.
    public static func preCommitHook(registry: String) -> String {
        """
        #!/bin/sh
        \(marker)
        # Refuses a commit whose staged registry breaks a tenancy rule. Only what is staged is
        # checked, so unstaged edits neither hide nor cause errors. It runs the tenancy on PATH
        # and no file of the repository: installed in .git/hooks, which no branch can change.
        # The registry is $TENANCY_REGISTRY, else the one below (hooks run at the top level).
        registry=${TENANCY_REGISTRY:-\(shellQuoted(registry))}
        if ! command -v tenancy >/dev/null 2>&1; then
            echo "pre-commit: tenancy is not on PATH." >&2
            echo "Build it with 'swift build -c release' and put .build/release/tenancy on PATH." >&2
            exit 1
        fi
        exec tenancy --registry "$registry" validate --staged

        """
    }

    /// What `install` or `uninstall` did or found.
    public struct Outcome: Sendable {
        public enum Action: Sendable, Equatable {
            /// `updated`: ours, rewritten (another registry, or an older version);
            /// `replaced`: a foreign hook, with --force.
            case created, updated, replaced, unchanged, removed, absent
            /// Nothing written; the reason is a one-line message.
            case refused(String)
        }
        public var action: Action
        /// The hook's path: relative to the top level when inside it, else absolute.
        public var hook: String
        /// Whether `core.hooksPath` was `hooks`, as earlier versions set it, and was unset.
        public var unsetLegacyHooksPath: Bool
        /// The registry the hook checks, relative to the top level.
        public var registry: String
    }

    /// Writes our hook for the registry at `registryRoot` into its repository's hooks
    /// directory. A foreign hook, or a `core.hooksPath` inside the work tree, is refused
    /// unless `force`: the hook is replaced, the setting unset.
    public static func install(registryRoot: String, force: Bool, environment: GitEnvironment) throws -> Outcome {
        var place = try Place(registryRoot: registryRoot, verb: "install", environment: environment)
        if let hooksPath = try place.workTreeHooksPath() {
            guard force else {
                return place.outcome(.refused(
                    "core.hooksPath is '\(hooksPath)', inside the work tree, where any checked-out branch can add hooks for git to run; refusing to install there (unset it, or use --force)"))
            }
            try place.unsetWorkTreeHooksPath(hooksPath)
        }
        let hook = preCommitHook(registry: place.registry)
        let existing = try place.existingHook()
        if let existing, existing.isOurs, existing.text == hook { return place.outcome(.unchanged) }
        if let existing, !existing.isOurs, !force { return place.outcome(.refused(existing.refusal(place.hook))) }
        try place.write(hook)
        guard let existing else { return place.outcome(.created) }
        return place.outcome(existing.isOurs ? .updated : .replaced)
    }

    /// Removes our hook; a foreign one is left in place, and refused.
    public static func uninstall(registryRoot: String, environment: GitEnvironment) throws -> Outcome {
        let place = try Place(registryRoot: registryRoot, verb: "uninstall", environment: environment)
        guard let existing = try place.existingHook() else { return place.outcome(.absent) }
        guard existing.isOurs else {
            return place.outcome(.refused("\(place.hook) is not tenancy's hook; left it in place"))
        }
        try place.remove()
        return place.outcome(.removed)
    }

    /// `core.hooksPath` values `tenancy hooks install` set before it installed into
    /// `.git/hooks`: the tracked `hooks/` at the top level.
    private static let legacyHooksPaths: Set<String> = ["hooks", "hooks/", "./hooks", "./hooks/"]

    /// Where the hook goes: the repository, its hooks directory, the registry.
    private struct Place {
        let repository: Repository
        let registry: String
        var directory: String
        var unsetLegacy: Bool
        let fileSystem = FileSystem()

        /// Unsets a legacy `core.hooksPath` first, so the hooks directory is the one git
        /// uses from now on.
        init(registryRoot: String, verb: String, environment: GitEnvironment) throws {
            repository = try Repository(registryRoot: registryRoot, environment: environment)
            guard !repository.isBare else {
                throw SourceError.hookInBareRepository(verb: verb)
            }
            registry = repository.prefix.isEmpty ? "." : String(repository.prefix.dropLast())
            let local = try repository.git.configValue("core.hooksPath", local: true)
            unsetLegacy = local.map(legacyHooksPaths.contains) ?? false
            if unsetLegacy { try repository.git.unsetLocalConfig("core.hooksPath") }
            directory = try Place.hooksDirectory(repository)
        }

        /// `git rev-parse --git-path hooks`: the common directory's hooks in a linked
        /// worktree, `core.hooksPath` when set.
        static func hooksDirectory(_ repository: Repository) throws -> String {
            let path = String(decoding: try repository.git.output(["rev-parse", "--git-path", "hooks"]), as: UTF8.self)
                .trimmingCharacters(in: .newlines)
            let absolute = path.hasPrefix("/") ? path : repository.topLevel + "/" + path
            return URL(fileURLWithPath: absolute).standardizedFileURL.path
        }

        var hook: String {
            let path = directory + "/pre-commit"
            let top = repository.topLevel + "/"
            return path.hasPrefix(top) ? String(path.dropFirst(top.count)) : path
        }

        func outcome(_ action: Outcome.Action) -> Outcome {
            Outcome(action: action, hook: hook, unsetLegacyHooksPath: unsetLegacy, registry: registry)
        }

        /// The `core.hooksPath` value when it puts the hooks directory in the work tree
        /// (anywhere under the top level but `.git`, which git never checks out).
        func workTreeHooksPath() throws -> String? {
            let top = repository.topLevel + "/"
            guard directory.hasPrefix(top) || directory == repository.topLevel else { return nil }
            let relative = directory.dropFirst(top.count)
            guard relative != ".git", !relative.hasPrefix(".git/") else { return nil }
            return try repository.git.configValue("core.hooksPath") ?? directory
        }

        /// Unsets the local `core.hooksPath`; one set globally is the user's to remove.
        mutating func unsetWorkTreeHooksPath(_ hooksPath: String) throws {
            if try repository.git.configValue("core.hooksPath", local: true) != nil {
                try repository.git.unsetLocalConfig("core.hooksPath")
            }
            directory = try Place.hooksDirectory(repository)
            guard try workTreeHooksPath() == nil else {
                throw SourceError.hooksPathSetElsewhere(hooksPath)
            }
        }

        func existingHook() throws -> ExistingHook? {
            let path = directory + "/pre-commit"
            switch try fileSystem.kind(of: path) {
            case nil: return nil
            case .file: return ExistingHook(text: String(decoding: try fileSystem.readFile(path), as: UTF8.self))
            default: return ExistingHook(text: nil)  // a symlink (often into the work tree) or worse
            }
        }

        func write(_ hook: String) throws {
            if try fileSystem.kind(of: directory) == nil { try fileSystem.makeDirectory(directory) }
            try writeAtomically(directory + "/pre-commit", contents: Array(hook.utf8), mode: 0o755, fileSystem: fileSystem)
        }

        func remove() throws {
            try fileSystem.unlink(directory + "/pre-commit")
            try fileSystem.syncDirectory(directory)
        }
    }

    /// A `pre-commit` already in the hooks directory; `text` is nil when it is not a
    /// regular file.
    private struct ExistingHook {
        let text: String?

        var isOurs: Bool {
            text?.split(separator: "\n").contains { $0 == HooksInstaller.marker } ?? false
        }

        func refusal(_ hook: String) -> String {
            // The pre-commit framework's hook says where it comes from.
            if text?.contains("pre-commit.com") == true {
                return "\(hook) is the pre-commit framework's hook; refusing to replace it (add tenancy-validate to its configuration instead, or use --force)"
            }
            return "\(hook) is not tenancy's hook; refusing to replace it (use --force)"
        }
    }

    /// `text` as one shell word: as it is when only safe characters, else single-quoted.
    private static func shellQuoted(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._/-".unicodeScalars.contains($0)
        }
        if safe, !text.isEmpty { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

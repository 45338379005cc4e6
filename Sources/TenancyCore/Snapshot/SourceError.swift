import Glibc

/// A failure to read the source itself (not a rule violation): exit code 3. Its
/// description is the one-line message the command prints.
public enum SourceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Nothing at the registry root, or not a directory; `suggestingInit` adds that
    /// `tenancy init` makes one.
    case noRegistry(root: String, suggestingInit: Bool)
    /// The root is a directory without `tenancy.json`.
    case notARegistry(root: String)
    /// A system call failed on `path` (or on what it names, such as `git output`).
    case cannot(Operation, path: String, errno: Int32)

    /// No executable `git` in any directory of `PATH`.
    case gitNotFound
    /// Starting git failed, for `reason`.
    case gitNotStarted(reason: String)
    /// `git <command>` exited with an error: `reason` is the first line it wrote to
    /// standard error, or its exit status.
    case gitFailed(command: String, reason: String)
    case gitKilled(command: String, signal: Int32)
    /// The registry is in no git repository.
    case notAGitRepository(String)
    case unknownRevision(String)
    /// `path` is not a file of the registry in `place`: a revision, or `the index`.
    case notAFile(path: String, in: String)
    case unmergedPath(String)
    /// A bare repository has no index to read staged files from.
    case nothingStagedInBareRepository(String)
    /// The registry root is not a path inside the bare repository read.
    case outsideBareRepository(root: String, repository: String)
    /// A pre-commit hook cannot be installed or uninstalled (`verb`) in a bare repository.
    case hookInBareRepository(verb: String)
    /// `core.hooksPath` is set outside the repository's own configuration.
    case hooksPathSetElsewhere(String)

    /// Git printed something it never prints: a line of `ls-files` or `ls-tree`.
    case unexpectedGitOutput(String)
    /// Git's output stopped inside a line (`midLine`), or before the bytes it announced.
    case truncatedGitOutput(midLine: Bool)
    /// `git cat-file --batch` answered `header` for blob `id`.
    case unexpectedCatFileReply(id: String, header: String)
    /// The blob `id` did not end where `git cat-file --batch` said it would.
    case malformedCatFileReply(id: String)

    public enum Operation: String, Hashable, Sendable {
        case read, list, open
    }

    public var description: String {
        let registryHint = "use --registry PATH or TENANCY_REGISTRY"
        return switch self {
        case .noRegistry(let root, let suggestingInit):
            "no registry at \(root) (\(registryHint)\(suggestingInit ? ", or run `tenancy init`" : ""))"
        case .notARegistry(let root): "not a registry: \(root) has no tenancy.json (\(registryHint), or run `tenancy init`)"
        case .cannot(let operation, let path, let code): "cannot \(operation.rawValue) \(path): \(String(cString: strerror(code)))"
        case .gitNotFound: "git not found on PATH"
        case .gitNotStarted(let reason): "cannot run git: \(reason)"
        case .gitFailed(let command, let reason): "git \(command) failed: \(reason)"
        case .gitKilled(let command, let signal): "git \(command) was killed by signal \(signal)"
        case .notAGitRepository(let root): "not a git repository: \(root)"
        case .unknownRevision(let revision): "unknown revision or not a commit: \(revision)"
        case .notAFile(let path, let place): "not a file in \(place): \(path)"
        case .unmergedPath(let path): "unmerged path in the index: \(path)"
        case .nothingStagedInBareRepository(let repository):
            "nothing is staged in a bare repository \(repository) (it has no work tree; use --rev)"
        case .outsideBareRepository(let root, let repository):
            "\(root) is outside the bare repository \(repository); there the registry is its path in the tree, relative to the repository (e.g. --registry registry)"
        case .hookInBareRepository(let verb):
            "cannot \(verb) a pre-commit hook in a bare repository: nothing is committed there (use a pre-receive hook)"
        case .hooksPathSetElsewhere(let hooksPath):
            "core.hooksPath '\(hooksPath)' is set outside this repository's configuration; unset it there (git config --global --unset core.hooksPath)"
        case .unexpectedGitOutput(let line): "unexpected git output: \(line)"
        case .truncatedGitOutput(let midLine): midLine ? "git output ended in the middle of a line" : "git output ended early"
        case .unexpectedCatFileReply(let id, let header): "git cat-file: unexpected reply for \(id): \(header)"
        case .malformedCatFileReply(let id): "git cat-file: malformed reply for \(id)"
        }
    }
}

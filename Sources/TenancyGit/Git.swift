import TenancyCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What git runs with: the caller's environment variables and working directory. The
/// library reads neither from the process itself; the command line passes its own, and an
/// application chooses (`GitEnvironment.ofThisProcess` is the obvious choice).
public struct GitEnvironment: Sendable {
    public var variables: [String: String]
    /// Where relative paths in `variables` (`GIT_DIR=.git`, as hooks get it) start from.
    public var currentDirectory: String

    public init(variables: [String: String], currentDirectory: String) {
        self.variables = variables
        self.currentDirectory = currentDirectory
    }

    /// This process's environment and working directory.
    public static var ofThisProcess: GitEnvironment {
        GitEnvironment(
            variables: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath)
    }
}

/// Runs git in one directory (`git -C directory`): the only place in the package that
/// starts a process.
struct Git: Sendable {
    let directory: String
    let environment: GitEnvironment

    /// What one git command printed, and how it ended.
    struct Outcome<Value> {
        /// What `consume` made of standard output, or why it failed.
        var value: Result<Value, any Error>
        /// Whether git exited with a non-zero status, and which.
        var exitedWithError: Bool
        var status: Int32
        /// The first line git wrote to standard error, or "".
        var error: String
    }

    /// Runs git and returns its standard output; a non-zero exit is a `SourceError`.
    func output(_ arguments: [String], input: [UInt8] = []) throws -> [UInt8] {
        try stream(arguments, input: input) { try $0.readToEnd() }
    }

    /// Runs git, handing its standard output to `consume` as it arrives.
    func stream<Value>(
        _ arguments: [String], input: [UInt8] = [], consume: (ByteReader) throws -> Value
    ) throws -> Value {
        let outcome = try run(arguments, input: input, consume: consume)
        // A git failure explains any parse failure it caused, so it is reported first.
        guard !outcome.exitedWithError else {
            let reason = outcome.error.isEmpty ? "exit status \(outcome.status)" : outcome.error
            throw SourceError.gitFailed(command: arguments[0], reason: reason)
        }
        return try outcome.value.get()
    }

    /// Runs git without judging its exit status. `input` is written from another thread
    /// while this one reads standard output, and standard error is drained on a third, so
    /// no full pipe can block git or us.
    func run<Value>(
        _ arguments: [String], input: [UInt8] = [], consume: (ByteReader) throws -> Value
    ) throws -> Outcome<Value> {
        let executable = try Git.executable(searching: environment.variables["PATH"])
        let child = try Child.spawn(executable, ["-C", directory] + arguments, environment: Git.variables(for: environment))
        let writer = BackgroundTask { writeAll(input, to: child.input) }
        let errors = BackgroundTask { readAll(child.errors) }
        let value = Result { try consume(ByteReader(child.output)) }
        // If `consume` stopped early, closing our end makes a writing git fail instead of block.
        close(child.output)
        writer.join()
        let error = firstLine(errors.join())
        let (exited, status) = child.wait()
        if !exited, case .success = value {
            throw SourceError.gitKilled(command: arguments[0], signal: status)
        }
        // Killed after `consume` failed means killed by our early close: `value` says why.
        return Outcome(
            value: value, exitedWithError: exited && status != 0, status: status, error: error)
    }

    /// `git` from PATH, resolved here so a missing git gets a plain message.
    private static func executable(searching path: String?) throws -> String {
        let path = path ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/git"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw SourceError.gitNotFound
    }

    /// The environment git runs with. Variables a hook inherits (`GIT_INDEX_FILE` names
    /// the index being committed) are kept, made absolute because `-C` moves git elsewhere.
    static func variables(for inherited: GitEnvironment) -> [String: String] {
        var environment = inherited.variables
        let cwd = inherited.currentDirectory
        let paths = [
            "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY",
        ]
        for name in paths {
            if let value = environment[name], !value.isEmpty, !value.hasPrefix("/") {
                environment[name] = cwd + "/" + value
            }
        }
        environment["GIT_LITERAL_PATHSPECS"] = "1"  // a registry path is a path, not a glob
        environment["GIT_OPTIONAL_LOCKS"] = "0"  // reading must never write the index
        environment["LC_ALL"] = "C"  // messages we recognise, in one language
        return environment
    }
}

/// A registry root inside a git work tree, or a path inside the tree of a bare repository.
struct Repository: Sendable {
    /// Runs at the top level (in a bare repository, the repository itself), so paths in
    /// and out are relative to it.
    let git: Git
    let topLevel: String
    /// The registry root relative to the top level: "" or ending in "/".
    let prefix: String
    /// Whether there is no work tree: only commits can be read (`--rev`, `diff BASE HEAD`).
    let isBare: Bool

    /// Finds the repository holding `registryRoot`. A root missing from the work tree
    /// (a `--rev` of a commit that has it) is placed under its nearest existing ancestor.
    /// In a bare repository (a server's `pre-receive` hook) the root names a path in the
    /// tree by where it would be in the repository directory: `registry` run there is
    /// the tree's `registry/`.
    init(registryRoot: String, environment: GitEnvironment) throws {
        var directory = URL(fileURLWithPath: registryRoot).standardizedFileURL
        var missing: [String] = []
        while !isDirectory(directory.path), directory.path != "/" {
            missing.insert(directory.lastPathComponent, at: 0)
            directory.deleteLastPathComponent()
        }
        let found = Git(directory: directory.path, environment: environment)
        let outcome = try found.run(["rev-parse", "--show-toplevel", "--show-prefix"]) { try $0.readToEnd() }
        if outcome.exitedWithError, let repository = try found.bareRepository() {
            git = Git(directory: repository, environment: environment)
            topLevel = repository
            prefix = try bareTreePrefix(of: directory.path, missing, in: repository, registryRoot)
            isBare = true
            return
        }
        if outcome.exitedWithError, outcome.error.contains("not a git repository") {
            throw SourceError.notAGitRepository(registryRoot)
        }
        guard !outcome.exitedWithError else {
            throw SourceError.gitFailed(command: "rev-parse", reason: outcome.error)
        }
        let lines = String(decoding: try outcome.value.get(), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        topLevel = String(lines[0])
        git = Git(directory: topLevel, environment: environment)
        prefix = ([String(lines[1])] + missing.map { $0 + "/" }).joined()
        isBare = false
    }

    /// The pathspec selecting the registry: none when it is the whole repository.
    var pathspec: [String] { prefix.isEmpty ? [] : [prefix] }

    /// `path` (relative to the top level) relative to the registry root.
    func registryPath(_ path: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard path.starts(with: prefix.utf8) else { return nil }
        return path.dropFirst(prefix.utf8.count)
    }

    /// The commit `revision` names, as a full object id.
    func commit(_ revision: String) throws -> String {
        let outcome = try git.run(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"]
        ) { try $0.readToEnd() }
        guard !outcome.exitedWithError else {
            // --quiet silences only "no such commit"; anything else is git's to explain.
            if outcome.error.isEmpty {
                throw SourceError.unknownRevision(revision)
            }
            throw SourceError.gitFailed(command: "rev-parse", reason: outcome.error)
        }
        return String(decoding: try outcome.value.get(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// How git stores one entry, from the mode `ls-files -s` and `ls-tree` print.
func entryKind(mode: ArraySlice<UInt8>) -> SourceEntry.Kind {
    if mode.elementsEqual("100644".utf8) || mode.elementsEqual("100755".utf8) { return .file }
    if mode.elementsEqual("120000".utf8) { return .symlink }
    return .special  // 160000: a submodule (gitlink)
}

extension Git {
    /// Reads blobs through one `git cat-file --batch`, however many there are. A blob
    /// longer than `limit` keeps its first `limit` bytes; the rest is read and dropped.
    func blobs(_ ids: [String], limit: Int) throws -> [String: [UInt8]] {
        var seen = Set<String>()
        let unique = ids.filter { seen.insert($0).inserted }
        var blobs: [String: [UInt8]] = [:]
        try forEachBlob(unique, limit: limit) { index, blob in blobs[unique[index]] = blob }
        return blobs
    }

    /// Reads blobs through one `git cat-file --batch`, handing each to `body` (with its
    /// position in `ids`) as it arrives, so that none is kept longer than `body` keeps it.
    func forEachBlob(
        _ ids: some RandomAccessCollection<String>, limit: Int, _ body: (Int, consuming [UInt8]) throws -> Void
    ) throws {
        guard !ids.isEmpty else { return }
        var requests: [UInt8] = []
        for id in ids { requests += id.utf8 + [UInt8(ascii: "\n")] }
        try stream(["cat-file", "--batch"], input: requests) { reader in
            for (index, id) in ids.enumerated() { try body(index, try readBlob(id, from: reader, limit: limit)) }
        }
    }

    /// One `<oid> <type> <size>\n<content>\n` reply.
    private func readBlob(_ id: String, from reader: ByteReader, limit: Int) throws -> [UInt8] {
        let header = String(decoding: try reader.readLine() ?? [], as: UTF8.self)
        let fields = header.split(separator: " ")
        guard fields.count == 3, fields[0] == id, fields[1] == "blob", let size = Int(fields[2])
        else {
            throw SourceError.unexpectedCatFileReply(id: id, header: header)
        }
        let content = try reader.read(count: size, keeping: limit)
        guard try reader.readLine() == [] else {
            throw SourceError.malformedCatFileReply(id: id)
        }
        return content
    }
}

/// The tree path of `directory` + `missing` in bare repository `repository` (a real
/// path): "" or ending in "/". A root outside the repository names no path in its tree.
private func bareTreePrefix(
    of directory: String, _ missing: [String], in repository: String, _ registryRoot: String
) throws -> String {
    let path = ([realPath(directory)] + missing).joined(separator: "/")
    if path == repository { return "" }
    guard path.hasPrefix(repository + "/") else {
        throw SourceError.outsideBareRepository(root: registryRoot, repository: repository)
    }
    return String(path.dropFirst(repository.count + 1)) + "/"
}

/// `path` with every symlink resolved, as git reports its own directories.
private func realPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
}

private func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        && isDirectory.boolValue
}

extension Git {
    /// The repository's directory when it is bare, else nil (a work tree, or no repository).
    func bareRepository() throws -> String? {
        let outcome = try run(["rev-parse", "--is-bare-repository", "--absolute-git-dir"]) { try $0.readToEnd() }
        guard !outcome.exitedWithError else { return nil }
        let lines = text(try outcome.value.get()).split(separator: "\n")
        guard lines.count == 2, lines[0] == "true" else { return nil }
        return String(lines[1])
    }

    /// A configuration value as git resolves it (every scope, or only the repository's
    /// own with `local`), or nil when unset.
    func configValue(_ key: String, local: Bool = false) throws -> String? {
        let outcome = try run(["config"] + (local ? ["--local"] : []) + ["--get", key]) { try $0.readToEnd() }
        // `git config --get` exits 1, silently, for a key that is not set.
        if outcome.exitedWithError && outcome.status == 1 && outcome.error.isEmpty { return nil }
        guard !outcome.exitedWithError else { throw SourceError.gitFailed(command: "config", reason: outcome.error) }
        return text(try outcome.value.get())
    }

    /// Removes a value from the repository's own configuration (`--local`).
    func unsetLocalConfig(_ key: String) throws {
        _ = try output(["config", "--local", "--unset", key])
    }

    private func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Whether `directory` is the top level of a git work tree, where a registry shares its
/// root with the repository's own files (`tenancy init` then writes an `ignore` list);
/// false outside git, in a bare repository, or when git cannot tell.
public func isWorkTreeTopLevel(_ directory: String, environment: GitEnvironment) -> Bool {
    guard let repository = try? Repository(registryRoot: directory, environment: environment) else { return false }
    return !repository.isBare && repository.prefix.isEmpty
}

/// The registry root's path relative to the top level of its git repository: "" when
/// it is the top level, else ending in "/" (`registry/`), as git's `--show-prefix` gives
/// it. CODEOWNERS patterns start from the top level.
package func registryPathInRepository(_ registryRoot: String, environment: GitEnvironment) throws -> String {
    try Repository(registryRoot: registryRoot, environment: environment).prefix
}

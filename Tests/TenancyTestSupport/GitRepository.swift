import Foundation

/// A throwaway git repository in a `ScratchDirectory`, removed when the last copy of
/// this value goes away.
public struct TemporaryGitRepository: Sendable {
    /// The work tree.
    private let directory: ScratchDirectory
    /// The work tree's absolute path, symlinks resolved (as git reports it).
    public var path: String { directory.path }

    public init() throws {
        directory = try ScratchDirectory()
        try run("init", "-q", "-b", "main")
        try run("config", "user.name", "Tenancy Tests")
        try run("config", "user.email", "tests@tenancy.invalid")
        try run("config", "commit.gpgsign", "false")
    }

    /// The absolute path of `relative` in the work tree.
    public func url(_ relative: String) -> URL { directory.url(relative) }

    /// Writes a work tree file, creating its directories.
    public func write(_ relative: String, _ contents: String) throws { try directory.write(relative, contents) }

    /// Creates a symbolic link at `relative` pointing to `target`.
    public func symlink(_ relative: String, to target: String) throws { try directory.symlink(relative, to: target) }

    /// Removes a file or directory from the work tree (not from the index).
    public func remove(_ relative: String) throws { try directory.remove(relative) }

    public func stage(_ paths: String...) throws {
        try run(["add", "--"] + paths)
    }

    public func stageAll() throws {
        try run("add", "-A")
    }

    /// Commits what is staged and returns the new commit's id.
    @discardableResult
    public func commit(_ message: String) throws -> String {
        try run("commit", "-q", "--allow-empty", "-m", message)
        return try run("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git in the work tree and returns its standard output.
    @discardableResult
    public func run(_ arguments: String...) throws -> String {
        try run(arguments)
    }

    /// `environment` adds to (or overrides) the repository's environment, e.g. a `PATH`
    /// on which a hook finds `tenancy`.
    @discardableResult
    public func run(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", path] + arguments
        process.environment = Self.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Test commands print little; a large output would need a reader thread.
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitCommandError(
                arguments: arguments, message: String(decoding: stderr, as: UTF8.self))
        }
        return String(decoding: stdout, as: UTF8.self)
    }

    /// The caller's environment without anything pointing git at another repository (as
    /// when tests run from a hook) or at the user's configuration.
    private static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        return environment
    }()
}

public struct GitCommandError: Error, CustomStringConvertible {
    public var arguments: [String]
    public var message: String
    public var description: String { "git \(arguments.joined(separator: " ")): \(message)" }
}

import Foundation
import Glibc

/// A throwaway database of a real SQL engine: a script is loaded into it, and a query
/// answers rows of text fields (NULL as the empty text).
public protocol ThrowawayDatabase: AnyObject {
    /// `postgresql` or `sqlite`, as `tenancy export sql --dialect` names it.
    var dialect: String { get }
    /// Runs a script, stopping at its first error, which is thrown.
    func load(_ script: String) throws
    func query(_ sql: String) throws -> [[String]]
}

public struct SQLEngineError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// A program's run that must succeed: its output, or an error with the output.
private func succeed(_ arguments: [String], in directory: String) throws -> String {
    let result = try runProgram(arguments, in: directory, environment: ProcessInfo.processInfo.environment)
    guard result.status == 0 else {
        throw SQLEngineError(description: "\(arguments.prefix(3).joined(separator: " ")) exited \(result.status): \(result.output)")
    }
    return result.output
}

/// Rows of fields, as `sqlite3 -ascii` and `psql -F -R` print them with unit and record separators.
private func rows(_ output: String) -> [[String]] {
    output.split(separator: "\u{1E}", omittingEmptySubsequences: false)
        .map { String($0).trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
        .map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) }
}

/// SQLite through the `sqlite3` program, one database file in a scratch directory.
public final class SQLiteDatabase: ThrowawayDatabase {
    public let dialect = "sqlite"
    private let directory: ScratchDirectory
    private var file: String { directory.path + "/registry.db" }

    /// Why the tests of SQLite cannot run here, or nil when they can.
    public static let unavailable: String? =
        executableOnPath("sqlite3") == nil ? "sqlite3 is not installed (.ci/run installs it)" : nil

    public init() throws { directory = try ScratchDirectory() }

    public func load(_ script: String) throws {
        try directory.write("script.sql", script)
        let output = try succeed(["sqlite3", "-bail", "-batch", file, ".read \(directory.path)/script.sql"], in: directory.path)
        guard output.isEmpty else { throw SQLEngineError(description: "sqlite3: \(output)") }
    }

    public func query(_ sql: String) throws -> [[String]] {
        rows(try succeed(["sqlite3", "-batch", "-ascii", file, sql], in: directory.path))
    }
}

/// A PostgreSQL cluster of its own in a scratch directory, its server a child of this
/// process listening on a unix socket only, stopped when the value goes away. As root,
/// the server runs as the `postgres` user (PostgreSQL refuses root). Each `database()`
/// is a new database of the cluster.
///
/// The server is spawned and reaped here rather than with `pg_ctl start` or `Process`:
/// Foundation's `waitUntilExit` never returned for a `pg_ctl` that left a server behind,
/// and its `isRunning` said a running server had ended.
public final class PostgreSQLCluster {
    private let directory: ScratchDirectory
    private var server: pid_t = 0
    /// `setpriv` to the `postgres` user as root, else nothing.
    private let asServer: [String]
    private var count = 0

    /// The directory of `initdb` and `postgres` (Debian keeps them off `PATH`).
    static let binaryDirectory: String? = {
        // The directory of the program itself: a link on PATH may stand alone.
        if let initdb = executableOnPath("initdb") {
            return URL(fileURLWithPath: initdb).resolvingSymlinksInPath().deletingLastPathComponent().path
        }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.compactMap(Int.init).sorted().reversed().map { "/usr/lib/postgresql/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }()

    /// Why the tests of PostgreSQL cannot run here, or nil when they can.
    public static let unavailable: String? = {
        if binaryDirectory == nil || executableOnPath("psql") == nil {
            return "PostgreSQL is not installed (initdb, postgres and psql; .ci/run installs the postgresql package)"
        }
        if getuid() == 0 && (getpwnam("postgres") == nil || executableOnPath("setpriv") == nil) {
            return "running as root without a postgres user and setpriv to start the server as"
        }
        return nil
    }()

    public init() throws {
        directory = try ScratchDirectory()
        let binaries = Self.binaryDirectory!
        if getuid() == 0, let user = getpwnam("postgres") {
            guard chown(directory.path, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else {
                throw SQLEngineError(description: "cannot give \(directory.path) to postgres")
            }
            asServer = ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"]
        } else {
            asServer = []
        }
        _ = try succeed(
            asServer + ["\(binaries)/initdb", "-D", "\(directory.path)/data", "-A", "trust", "-U", "tenancy", "-E", "UTF8",
                "--locale=C", "--no-sync"], in: directory.path)
        server = try Self.spawn(
            asServer + ["\(binaries)/postgres", "-D", "\(directory.path)/data", "-c", "listen_addresses=", "-k", directory.path, "-F"],
            log: directory.path + "/server.log")
        try waitUntilReady(binaries)
    }

    /// Starts `/usr/bin/env arguments` with stdin from /dev/null and its output appended to `log`.
    private static func spawn(_ arguments: [String], log: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
        guard status == 0 else { throw SQLEngineError(description: "cannot start postgres: \(String(cString: strerror(status)))") }
        return pid
    }

    private func waitUntilReady(_ binaries: String) throws {
        var output = ""
        for _ in 0..<300 {
            let check = try runProgram(
                ["\(binaries)/pg_isready", "-q", "-h", directory.path, "-U", "tenancy"], in: directory.path,
                environment: ProcessInfo.processInfo.environment)
            if check.status == 0 { return }
            output = check.output
            usleep(100_000)
        }
        let log = (try? String(contentsOf: directory.url("server.log"), encoding: .utf8)) ?? ""
        throw SQLEngineError(description: "the PostgreSQL server did not start: \(output) \(log)")
    }

    /// A fast shutdown (SIGINT): the data is thrown away with the directory.
    deinit {
        guard server > 0 else { return }  // kill(0) would signal this whole process group
        kill(server, SIGINT)
        var status: Int32 = 0
        waitpid(server, &status, 0)
    }

    /// A new, empty database.
    public func database() throws -> PostgreSQLDatabase {
        count += 1
        let name = "registry\(count)"
        _ = try psql(["-d", "postgres", "-c", "CREATE DATABASE \(name)"])
        return PostgreSQLDatabase(cluster: self, name: name)
    }

    func psql(_ arguments: [String]) throws -> String {
        try succeed(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", directory.path, "-U", "tenancy"] + arguments, in: directory.path)
    }

    func write(_ name: String, _ script: String) throws -> String {
        try directory.write(name, script)
        return directory.path + "/" + name
    }
}

public final class PostgreSQLDatabase: ThrowawayDatabase {
    public let dialect = "postgresql"
    private let cluster: PostgreSQLCluster
    private let name: String

    init(cluster: PostgreSQLCluster, name: String) {
        self.cluster = cluster
        self.name = name
    }

    public func load(_ script: String) throws {
        let output = try cluster.psql(["-d", name, "-f", cluster.write("\(name).sql", script)])
        guard output.isEmpty else { throw SQLEngineError(description: "psql: \(output)") }
    }

    public func query(_ sql: String) throws -> [[String]] {
        rows(try cluster.psql(["-d", name, "-A", "-t", "-F", "\u{1F}", "-R", "\u{1E}", "-c", sql]))
    }
}

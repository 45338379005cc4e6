import Foundation

/// What one run of the `tenancy` binary did.
public struct TenancyRun: Sendable {
    /// The exit status, or the signal that ended the process (see `signalled`).
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// Whether a signal ended the process (a crash, say) instead of an exit.
    public var signalled = false
}

/// Runs the built `tenancy` binary and waits for it.
///
/// The environment is only `PATH`, the sanitizers' settings (`TSAN_OPTIONS`, ...) and
/// `env`, so the tests' own environment (a `TENANCY_REGISTRY`, `NO_COLOR`) cannot change
/// the outcome. Input and output go through
/// temporary files, so a large output cannot fill a pipe and block the child.
public func runTenancy(
    _ args: [String], cwd: URL? = nil, env: [String: String] = [:], stdin: String? = nil
) throws -> TenancyRun {
    try TenancyProcess(args, cwd: cwd, env: env, stdin: stdin).wait()
}

/// A started run of the `tenancy` binary (as `runTenancy` runs it), for tests that run
/// several at once or kill one.
public final class TenancyProcess {
    private let process = Process()
    /// Holds the output files.
    private let scratch: ScratchDirectory
    private let stdout: FileHandle
    private let stderr: FileHandle

    public var pid: Int32 { process.processIdentifier }

    /// `stdin`: what the process reads on its standard input (nothing when nil).
    public init(_ args: [String], cwd: URL? = nil, env: [String: String] = [:], stdin: String? = nil) throws {
        scratch = try ScratchDirectory()
        try scratch.write("stdout", [])
        try scratch.write("stderr", [])
        stdout = try FileHandle(forWritingTo: scratch.url("stdout"))
        stderr = try FileHandle(forWritingTo: scratch.url("stderr"))
        process.executableURL = try tenancyBinary()
        process.arguments = args
        process.currentDirectoryURL = cwd
        process.environment = baseEnvironment.merging(env) { $1 }
        if let stdin {
            try scratch.write("stdin", Array(stdin.utf8))
            process.standardInput = try FileHandle(forReadingFrom: scratch.url("stdin"))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
    }

    /// Waits for the process; a process killed by a signal has that signal as its status.
    public func wait() throws -> TenancyRun {
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()
        return TenancyRun(
            status: process.terminationStatus,
            stdout: try String(contentsOf: scratch.url("stdout"), encoding: .utf8),
            stderr: try String(contentsOf: scratch.url("stderr"), encoding: .utf8),
            signalled: process.terminationReason == .uncaughtSignal)
    }
}

/// `PATH`, and the settings `Tests/sanitize` gives the sanitizers, so a binary built with
/// one reports where the script looks and exits with a status no test expects.
private let baseEnvironment: [String: String] = {
    let inherited = ProcessInfo.processInfo.environment
    let sanitizers = inherited.filter { ["TSAN_OPTIONS", "ASAN_OPTIONS", "LSAN_OPTIONS"].contains($0.key) }
    return sanitizers.merging(["PATH": inherited["PATH"] ?? "/usr/bin:/bin"]) { $1 }
}()

public struct BinaryNotFound: Error, CustomStringConvertible {
    public var searched: [String]
    public var description: String {
        "no tenancy binary in \(searched.joined(separator: ", ")); run 'swift build' first"
    }
}

/// The `tenancy` binary next to the running test executable, in the build products
/// directory (`.build/debug`); `TENANCY_BINARY` overrides. A few parents are tried too,
/// for layouts where the test executable sits inside a bundle.
public func tenancyBinary() throws -> URL {
    if let path = ProcessInfo.processInfo.environment["TENANCY_BINARY"], !path.isEmpty {
        return URL(fileURLWithPath: path)
    }
    let testExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var directory = testExecutable.deletingLastPathComponent()
    var searched: [String] = []
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("tenancy")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
            !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: candidate.path)
        {
            return candidate
        }
        searched.append(directory.path)
        directory = directory.deletingLastPathComponent()
    }
    throw BinaryNotFound(searched: searched)
}

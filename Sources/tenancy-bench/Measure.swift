import Foundation
import Glibc
import TenancyCore
import TenancyCLI
import TenancyFixtures

/// The figures of one measurement, passed from a child process as `key=value` words.
struct Measurement {
    var seconds: Double
    var files: Int
    var peakKiB: Int = peakMemoryKiB()
    /// User plus system time of the whole process: unlike `seconds`, it barely depends on
    /// what else the machine is running.
    var cpuSeconds: Double = processCPUSeconds()
    var diagnostics: Int = 0

    var line: String {
        "seconds=\(seconds) files=\(files) peakKiB=\(peakKiB) "
            + "cpuSeconds=\(cpuSeconds) diagnostics=\(diagnostics)"
    }

    init(seconds: Double, files: Int, diagnostics: Int = 0) {
        self.seconds = seconds
        self.files = files
        self.diagnostics = diagnostics
    }

    init?(line: String) {
        var fields: [String: Double] = [:]
        for word in line.split(whereSeparator: \.isWhitespace) {
            let parts = word.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Double(parts[1]) { fields[String(parts[0])] = value }
        }
        guard let seconds = fields["seconds"], let files = fields["files"],
            let peak = fields["peakKiB"], let cpu = fields["cpuSeconds"], let diagnostics = fields["diagnostics"]
        else { return nil }
        self.init(seconds: seconds, files: Int(files), diagnostics: Int(diagnostics))
        peakKiB = Int(peak)
        cpuSeconds = cpu
    }
}

/// (a) The floor: walk the tree and read every file once, on one thread, with the same
/// walk and reads `validate` uses (each file opened relative to its open directory).
func measureRead(_ root: String) throws -> Measurement {
    let start = monotonicSeconds()
    let (files, bytes) = try DirectorySource(root: root).readEveryFile()
    precondition(bytes > 0, "empty registry")
    return Measurement(seconds: monotonicSeconds() - start, files: files)
}

/// (b) The whole of `tenancy validate`: walk, read, parse, file rules and state rules.
func measureValidate(_ root: String) throws -> Measurement {
    let start = monotonicSeconds()
    let result = try Validator.validate(DirectorySource(root: root))
    let seconds = monotonicSeconds() - start
    for diagnostic in result.diagnostics.prefix(5) { printError(diagnostic.formatted) }
    return Measurement(seconds: seconds, files: result.fileCount, diagnostics: result.diagnostics.count)
}

/// (e) The whole of `tenancy export cedar`: load the registry, build the schema, policies
/// and entities, write them (into a scratch directory, removed after).
func measureExport(_ root: String) throws -> Measurement {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("tenancy-bench-export-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: out) }
    let start = monotonicSeconds()
    let snapshot = try SnapshotLoader.load(from: DirectorySource(root: root))
    try FileSystem().writeExport(CedarExport(snapshot).files, to: out)
    return Measurement(seconds: monotonicSeconds() - start, files: snapshot.fileCount)
}

func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The process's peak resident set (ru_maxrss, KiB on Linux).
func peakMemoryKiB() -> Int {
    selfUsage().ru_maxrss
}

func processCPUSeconds() -> Double {
    let usage = selfUsage()
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

private func selfUsage() -> rusage {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage
}

func printError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

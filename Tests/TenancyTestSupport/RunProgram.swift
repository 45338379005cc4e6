import Foundation

/// `PATH` with the built `tenancy` first, as a developer who installed it has.
public func pathWithTenancy() throws -> String {
    let directory = try tenancyBinary().deletingLastPathComponent().path
    return directory + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
}

/// The program `name` on this process's `PATH`, or nil: tests of other programs (a shell,
/// groff, the pre-commit framework) are skipped where it is not installed.
public func executableOnPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").map { "\($0)/\(name)" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Runs a program found on `environment`'s `PATH` and returns its exit status and its
/// combined output.
public func runProgram(
    _ arguments: [String], in directory: String, environment: [String: String]
) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

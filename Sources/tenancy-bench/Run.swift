import Foundation
import TenancyCore
import TenancyCLI
import TenancyFixtures

/// `run`: measures (a), (b) and (e) in separate child processes, after one untimed read pass
/// so both find the page cache warm and neither pays for the other's cold reads.
let runCommand = Command<Void>(
    "run", abstract: "Measure reading every file once, validate and export cedar, each in its own process.",
    arguments: [registryOption, Run.repeats, Run.json]
) { arguments, _ in
    let registry = arguments[registryOption]
    let repeats = max(1, arguments[Run.repeats] ?? Run.defaultRepeats)
    _ = try child("measure-read", registry)
    var reads: [Measurement] = [], validations: [Measurement] = [], exports: [Measurement] = []
    for _ in 0..<repeats {
        reads.append(try child("measure-read", registry))
        validations.append(try child("measure-validate", registry))
        exports.append(try child("measure-export", registry))
    }
    let report = Report(
        registry: registry, repeats: repeats, read: reads.min { $0.seconds < $1.seconds }!,
        validate: validations.min { $0.seconds < $1.seconds }!, export: exports.min { $0.seconds < $1.seconds }!,
        readPeakKiB: reads.map(\.peakKiB).max()!, validatePeakKiB: validations.map(\.peakKiB).max()!,
        exportPeakKiB: exports.map(\.peakKiB).max()!)
    print(arguments[Run.json] ? report.json : report.text)
}

private enum Run {
    static let defaultRepeats = 3
    static let repeats = repeatOption(default: defaultRepeats)
    static let json = Flag("json", help: "Print the figures as one JSON object.")
}

/// Runs this executable with `mode` and reads the measurement it prints.
private func child(_ mode: String, _ registry: String) throws -> Measurement {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    process.arguments = [mode, "--registry", registry]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let measurement = Measurement(line: String(decoding: data, as: UTF8.self))
    else { throw BenchError("\(mode) failed (exit \(process.terminationStatus))") }
    return measurement
}

struct Report {
    var registry: String
    var repeats: Int
    var read: Measurement
    var validate: Measurement
    var export: Measurement
    var readPeakKiB: Int
    var validatePeakKiB: Int
    var exportPeakKiB: Int

    var ratio: Double { validate.seconds / read.seconds }

    var text: String {
        """
        registry:            \(registry) (\(read.files) files)
        cache:               warm (one untimed read pass first; each measurement in its own process)
        (a) read, 1 thread:  \(seconds(read.seconds)) s (CPU \(seconds(read.cpuSeconds)) s), best of \(repeats)
        (b) validate:        \(seconds(validate.seconds)) s on \(ProcessInfo.processInfo.activeProcessorCount) cores \
        (CPU \(seconds(validate.cpuSeconds)) s), \(validate.diagnostics) diagnostics, best of \(repeats)
        (c) ratio b/a:       \(String(format: "%.2f", ratio))
        (d) peak memory:     validate \(mebibytes(validatePeakKiB)) MiB, read \(mebibytes(readPeakKiB)) MiB
        (e) export cedar:    \(seconds(export.seconds)) s (CPU \(seconds(export.cpuSeconds)) s), \
        \(String(format: "%.2f", export.seconds / validate.seconds))× validate, peak memory \(mebibytes(exportPeakKiB)) MiB
        """
    }

    var json: String {
        let object = JSONValue.object([
            "registry": .string(registry), "files": number(read.files), "repeats": number(repeats),
            "cores": number(ProcessInfo.processInfo.activeProcessorCount), "cache": .string("warm"),
            "readSeconds": .number(seconds(read.seconds)),
            "validateSeconds": .number(seconds(validate.seconds)), "diagnostics": number(validate.diagnostics),
            "readCPUSeconds": .number(seconds(read.cpuSeconds)),
            "validateCPUSeconds": .number(seconds(validate.cpuSeconds)),
            "ratio": .number(String(format: "%.3f", ratio)),
            "readPeakKiB": number(readPeakKiB), "validatePeakKiB": number(validatePeakKiB),
            "exportSeconds": .number(seconds(export.seconds)), "exportCPUSeconds": .number(seconds(export.cpuSeconds)),
            "exportPeakKiB": number(exportPeakKiB),
        ])
        return String(decoding: CanonicalWriter.bytes(for: object).dropLast(), as: UTF8.self)
    }

    private func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
    private func mebibytes(_ kib: Int) -> String { String(format: "%.1f", Double(kib) / 1024) }
    private func number(_ value: Int) -> JSONValue { .int(value) }
}

import Glibc
import TenancyCore
import TenancyGit
import TenancyReview

/// What a running command may use besides its arguments: where the registry is, how to
/// print, the environment. Commands print only through it.
package struct Context: Sendable {
    /// The registry root as given (`--registry`, `TENANCY_REGISTRY`) or found
    /// (`RegistryLocation`), relative to `currentDirectory` unless absolute.
    var registry: String
    var format: OutputFormat
    var environment: [String: String]
    var currentDirectory: String
    var stdout: Writer
    var stderr: Writer
    /// Whether stdout may carry ANSI colour (a terminal, no `NO_COLOR`).
    var colour: Bool

    /// "Now" (`Timestamp.now`); a `SOURCE_DATE_EPOCH` that is not a time is a usage error.
    func now() throws -> Timestamp {
        guard let now = Timestamp.now(environment: environment) else {
            throw Failure(
                .usage,
                "SOURCE_DATE_EPOCH must be a whole number of seconds from 0 to \(Timestamp.latest.seconds) (\(Timestamp.latest))")
        }
        return now
    }

    /// Prints diagnostics in the chosen format, with paths under the registry as the user
    /// named it; throws `ExitCode.ruleViolations` when any is an error, so a command
    /// can end with it.
    func report(_ diagnostics: [Diagnostic], fileCount: Int? = nil) throws {
        let report = DiagnosticReport(diagnostics, root: printedRoot, fileCount: fileCount)
        stdout.write(report.rendered(as: format, colour: colour))
        if report.errorCount > 0 { throw ExitCode.ruleViolations }
    }
}

/// Writes text to a file descriptor unbuffered, so stdout and stderr stay in order.
struct Writer: Sendable {
    var descriptor: Int32

    static let standardOutput = Writer(descriptor: STDOUT_FILENO)
    static let standardError = Writer(descriptor: STDERR_FILENO)

    var isTerminal: Bool { isatty(descriptor) == 1 }

    /// One line that may quote files, paths or arguments: escaped (`TerminalText`), so it
    /// stays one line and no control character reaches the terminal.
    func writeLine(_ text: String) {
        write(TerminalText.escaped(text) + "\n")
    }

    /// Errors are ignored: there is nowhere left to report them (a closed pipe
    /// ends the process through SIGPIPE anyway).
    func write(_ text: String) {
        // The bytes of the string itself, not a copy: an export prints tens of megabytes.
        var text = text
        text.withUTF8(write)
    }

    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer(write)
    }

    private func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}

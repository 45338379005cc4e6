/// The process exit status (the README's exit codes). Thrown on its own, it ends the command silently,
/// e.g. after the diagnostics that explain it were printed.
struct ExitCode: Error, Hashable, Sendable {
    var rawValue: Int32

    static let success = ExitCode(rawValue: 0)
    /// Rule violations or a refused change.
    static let ruleViolations = ExitCode(rawValue: 1)
    static let usage = ExitCode(rawValue: 2)
    /// I/O, lock or git failure.
    static let ioFailure = ExitCode(rawValue: 3)

    /// The `kind` of a JSON error document (docs/JSON.md): `refused` (1), `usage` (2),
    /// `io` (3).
    var kind: String {
        switch self {
        case .ruleViolations: "refused"
        case .usage: "usage"
        default: "io"
        }
    }
}

/// A failure with a one-line message, printed as `tenancy: error: <message>`.
struct Failure: Error, Hashable, Sendable {
    var code: ExitCode
    var message: String

    init(_ code: ExitCode, _ message: String) {
        self.code = code
        self.message = message
    }
}

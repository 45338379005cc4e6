import Foundation
import TenancyCLI

/// `git`: times what a git workflow runs on a copy of a registry committed to a new
/// repository: `validate` (the reference), `validate --staged` with one staged change,
/// cold (nothing in `.tenancy/`), with the index of facts only, and warm (the tree before
/// the change recorded clean, as the hook's previous run leaves it), and `diff HEAD~1
/// HEAD` of that change, whole and from the base recorded clean, each a separate run of
/// the release `tenancy` binary, with its ratio to `validate`.
let gitCommand = Command<Void>(
    "git", abstract: "Time validate --staged (cold, warm) and diff HEAD~1 HEAD against validate.",
    arguments: [registryOption, GitBench.repeats]
) { arguments, _ in
    let repeats = max(1, arguments[GitBench.repeats] ?? GitBench.defaultRepeats)
    let work = try GitBench.repository(copying: arguments[registryOption])
    defer { try? FileManager.default.removeItem(atPath: work) }
    let registry = work + "/registry"
    let tenancy = ["--registry", registry]
    let (index, clean) = (registry + "/.tenancy/index", registry + "/.tenancy/clean")
    let validate = try best(repeats) { try timed(tenancy + ["validate"]) }
    // The tree before the change, recorded clean; kept aside to be put back before each warm run.
    _ = try timed(tenancy + ["validate", "--staged"])
    let before = try Data(contentsOf: URL(fileURLWithPath: clean))
    func restore(_ record: Data?) throws {
        try? FileManager.default.removeItem(atPath: clean)
        if let record { try record.write(to: URL(fileURLWithPath: clean)); chmod(clean, 0o600) }
    }
    // One change, staged: a member's role.
    _ = try timed(tenancy + ["member", "set", "team-00001", GitBench.member(of: "team-00001", in: registry), "--role", "admin"])
    try GitBench.git(work, "add", "-A")
    let cold = try best(repeats) {
        try? FileManager.default.removeItem(atPath: index)
        try restore(nil)
        return try timed(tenancy + ["validate", "--staged"])
    }
    let indexed = try best(repeats) {
        try restore(nil)
        return try timed(tenancy + ["validate", "--staged"])
    }
    let warm = try best(repeats) {
        try restore(before)
        return try timed(tenancy + ["validate", "--staged"])
    }
    try GitBench.git(work, "commit", "-q", "-m", "change")
    let diff = try best(repeats) {
        try restore(nil)
        return try timed(tenancy + ["diff", "HEAD~1", "HEAD"])
    }
    let warmDiff = try best(repeats) {
        try restore(before)
        return try timed(tenancy + ["diff", "HEAD~1", "HEAD"])
    }
    func line(_ name: String, _ seconds: Double) -> String {
        "\(name)\(String(format: "%.3f", seconds)) s  \(String(format: "%.2f", seconds / validate))× validate"
    }
    print("""
        registry:                        \(arguments[registryOption]) (best of \(repeats))
        \(line("validate:                        ", validate))
        \(line("validate --staged, cold:         ", cold))
        \(line("validate --staged, index only:   ", indexed))
        \(line("validate --staged, warm:         ", warm))
        \(line("diff HEAD~1 HEAD, whole:         ", diff))
        \(line("diff HEAD~1 HEAD, base clean:    ", warmDiff))
        """)
}

/// The least of `count` measurements.
private func best(_ count: Int, _ measure: () throws -> Double) throws -> Double {
    try (0..<count).map { _ in try measure() }.min()!
}

private enum GitBench {
    static let defaultRepeats = 3
    static let repeats = repeatOption(default: defaultRepeats)

    /// A new repository in the temporary directory holding a copy of `registry` at
    /// `registry/`, committed.
    static func repository(copying registry: String) throws -> String {
        let work = NSTemporaryDirectory() + "tenancy-bench-git-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: registry, toPath: work + "/registry")
        try git(work, "init", "-q")
        try git(work, "add", "-A")
        try git(work, "-c", "user.name=bench", "-c", "user.email=bench@tenancy.invalid", "commit", "-q", "-m", "registry")
        return work
    }

    /// The first member of `org` who is not an owner.
    static func member(of org: String, in registry: String) throws -> String {
        let directory = "\(registry)/orgs/\(org)/members"
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            if !text.contains("\"owner\"") { return String(name.dropLast(".json".count)) }
        }
        throw BenchError("no member but owners in \(org) (is it a generated registry?)")
    }

    static func git(_ directory: String, _ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@tenancy.invalid",
             "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@tenancy.invalid"]) { $1 }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("git \(arguments.joined(separator: " ")) failed") }
    }
}

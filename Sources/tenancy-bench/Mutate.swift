import Foundation
import TenancyCLI

/// `mutate`: times `tenancy member add` (and the `member remove` that undoes it) on a
/// generated registry, each a separate run of the release `tenancy` binary beside this
/// one, so the figure includes everything a user waits for: start, lock, load, check, write.
let mutateCommand = Command<Void>(
    "mutate", abstract: "Time tenancy member add and member remove on a registry.",
    arguments: [registryOption, Mutate.repeats]
) { arguments, _ in
    let registry = arguments[registryOption]
    let repeats = max(1, arguments[Mutate.repeats] ?? Mutate.defaultRepeats)
    let org = "team-00001"
    let user = try outsider(of: org, in: registry)
    var adds: [Double] = [], removes: [Double] = []
    for _ in 0..<repeats {
        adds.append(try timed(["--registry", registry, "member", "add", org, user, "--role", "member"]))
        removes.append(try timed(["--registry", registry, "member", "remove", org, user]))
    }
    print("""
        registry:       \(registry)
        member add:     \(String(format: "%.3f", adds.min()!)) s best of \(repeats) (\(org) \(user))
        member remove:  \(String(format: "%.3f", removes.min()!)) s best of \(repeats)
        """)
}

private enum Mutate {
    static let defaultRepeats = 5
    static let repeats = repeatOption(default: defaultRepeats)
}

/// A generated user who is not a member of `org`.
private func outsider(of org: String, in registry: String) throws -> String {
    for index in 1...999_999 {
        let handle = "user-" + String(format: "%06d", index)
        guard FileManager.default.fileExists(atPath: "\(registry)/users/\(handle).json") else { break }
        if !FileManager.default.fileExists(atPath: "\(registry)/orgs/\(org)/members/\(handle).json") { return handle }
    }
    throw BenchError("no user outside \(org) in \(registry) (is it a generated registry?)")
}

/// Wall seconds of one successful `tenancy` run (posix_spawn and waitpid: Foundation's
/// `Process.waitUntilExit` polls, which would round every figure up to ~50 ms).
func timed(_ arguments: [String]) throws -> Double {
    let tenancy = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("tenancy").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
    let argv = ([tenancy] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let start = monotonicSeconds()
    var pid = pid_t()
    guard posix_spawn(&pid, tenancy, &actions, nil, argv, environ) == 0 else {
        throw BenchError("cannot run \(tenancy)")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let seconds = monotonicSeconds() - start
    guard status == 0 else {
        throw BenchError("tenancy \(arguments.joined(separator: " ")) failed (status \(status))")
    }
    return seconds
}

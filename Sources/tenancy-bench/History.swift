import Foundation
import TenancyCLI
import TenancyFixtures

/// `history`: a git repository of a generated registry with `--commits` commits on top,
/// each changing one team member's role (member to admin and back), by seven authors an
/// hour apart; then `tenancy log` over all of them, and `log --org` of one organization,
/// each timed as `mutate` times its commands.
let historyCommand = Command<Void>(
    "history", abstract: "Time tenancy log over many commits of a generated registry in git.",
    arguments: [History.out, History.commits, History.users, History.orgs, History.repeats]
) { arguments, _ in
    let out = arguments[History.out]
    let commits = max(1, arguments[History.commits] ?? History.defaultCommits)
    let repeats = max(1, arguments[History.repeats] ?? History.defaultRepeats)
    let generator = RegistryGenerator(
        users: arguments[History.users] ?? History.defaultUsers, orgs: arguments[History.orgs] ?? History.defaultOrgs)
    let files = try generator.write(to: out + "/registry")
    try git(["init", "-q", "-b", "main"], in: out)
    try git(["add", "-A"], in: out)
    try git(["-c", "commit.gpgsign=false", "commit", "-q", "-m", "generated registry"], in: out)
    try git(["fast-import", "--quiet"], in: out, input: roleChanges(generator.files(), commits: commits))
    try git(["reset", "-q", "--hard", "main"], in: out)
    let registry = out + "/registry"
    var logs: [Double] = [], filtered: [Double] = []
    for _ in 0..<repeats {
        logs.append(try timed(["--registry", registry, "log"]))
        filtered.append(try timed(["--registry", registry, "log", "--org", "team-00001"]))
    }
    print("""
        registry:           \(registry) (\(files) files, \(commits) commits on top)
        log:                \(String(format: "%.3f", logs.min()!)) s best of \(repeats)
        log --org:          \(String(format: "%.3f", filtered.min()!)) s best of \(repeats) (team-00001)
        """)
}

/// `report`: times `tenancy report access` in each format on a registry.
let reportCommand = Command<Void>(
    "report", abstract: "Time tenancy report access on a registry.",
    arguments: [registryOption, History.repeats]
) { arguments, _ in
    let registry = arguments[registryOption]
    let repeats = max(1, arguments[History.repeats] ?? History.defaultRepeats)
    var lines = ["registry:           \(registry)"]
    for format in ["csv", "md", "json"] {
        var times: [Double] = []
        for _ in 0..<repeats { times.append(try timed(["--registry", registry, "report", "access", "--format", format])) }
        lines.append("report access \(format):".padding(toLength: 20, withPad: " ", startingAt: 0)
            + "\(String(format: "%.3f", times.min()!)) s best of \(repeats)")
    }
    print(lines.joined(separator: "\n"))
}

private enum History {
    static let defaultCommits = 1000, defaultRepeats = 3, defaultUsers = 500, defaultOrgs = 50
    static let out = Option<String>("out", value: "DIR", help: "An empty directory for the git repository.")
    static let commits = Option<Int?>(
        "commits", value: "N", help: "How many commits to make on top of the registry (default: \(defaultCommits)).")
    static let users = Option<Int?>("users", value: "N", help: "Users of the generated registry (default: \(defaultUsers)).")
    static let orgs = Option<Int?>("orgs", value: "M", help: "Team organizations of it (default: \(defaultOrgs)).")
    static let repeats = repeatOption(default: defaultRepeats)
}

/// A `git fast-import` stream of `commits` commits on `main`, each toggling one team
/// membership between member and admin, taken in turn.
private func roleChanges(_ files: [GeneratedFile], commits: Int) throws -> Data {
    var members = files.filter { $0.path.hasPrefix("orgs/team-") && $0.path.contains("/members/")
        && !$0.path.contains("/projects/") && String(decoding: $0.bytes, as: UTF8.self).contains(#""role": "member""#)
    }
    guard !members.isEmpty else { throw BenchError("the generated registry has no team member to promote") }
    var stream = Data()
    let start = 1_767_225_600  // 2026-01-01
    for index in 0..<commits {
        let slot = index % members.count
        let text = String(decoding: members[slot].bytes, as: UTF8.self)
        let changed = text.contains(#""role": "member""#)
            ? text.replacingOccurrences(of: #""role": "member""#, with: #""role": "admin""#)
            : text.replacingOccurrences(of: #""role": "admin""#, with: #""role": "member""#)
        members[slot].bytes = Array(changed.utf8)
        let author = index % 7, time = start + index * 3600
        let message = "change \(index + 1): \(members[slot].path)\n"
        stream.append(Data("""
            commit refs/heads/main
            author Author \(author) <author\(author)@example.com> \(time) +0000
            committer Bench <bench@example.com> \(time) +0000
            data \(message.utf8.count)
            \(message)\(index == 0 ? "from refs/heads/main^0\n" : "")M 100644 inline registry/\(members[slot].path)
            data \(members[slot].bytes.count)

            """.utf8))
        stream.append(contentsOf: members[slot].bytes)
        stream.append(Data("\n".utf8))
    }
    return stream
}

/// Runs git in `directory`, as the bench's author, failing on a non-zero exit.
private func git(_ arguments: [String], in directory: String, input: Data? = nil) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", directory] + arguments
    var environment = ProcessInfo.processInfo.environment
    for (name, value) in [("NAME", "Bench"), ("EMAIL", "bench@example.com")] {
        environment["GIT_AUTHOR_" + name] = value
        environment["GIT_COMMITTER_" + name] = value
    }
    process.environment = environment
    let stdin = Pipe()
    process.standardInput = stdin
    try process.run()
    // git reads the whole stream before it can exit: written before waiting.
    if let input { stdin.fileHandleForWriting.write(input) }
    try stdin.fileHandleForWriting.close()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw BenchError("git \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus))")
    }
}

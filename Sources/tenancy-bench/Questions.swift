import Foundation
import TenancyCLI

/// `questions`: times the commands that answer one question (`can`, `show`, `list`) and
/// the costs of issue 14's item 5 (`member remove`, the renames, `validate --rev`) on a
/// small and a large registry in one run, each a separate run of the `tenancy` binary
/// beside this one, with the ratio large/small and the large run's peak memory. A scoped
/// answer's ratio stays near 1; one whose answer grows with the registry (`list users`,
/// `list orgs`, `show user`) is marked so.
let questionsCommand = Command<Void>(
    "questions",
    abstract: "Time can, show, list, member remove, renames and validate --rev on a small and a large registry.",
    discussion: """
        Both registries must be made by generate. The renames are undone (the organization
        keeps the temporary slug among its previous slugs); validate --rev HEAD is timed only
        where the registry is in a git work tree with a commit (e.g. git init in its
        parent directory, then commit it).
        """,
    arguments: [Questions.small, Questions.large, Questions.repeats]
) { arguments, _ in
    let repeats = max(1, arguments[Questions.repeats] ?? Questions.defaultRepeats)
    let small = try QuestionSet(registry: arguments[Questions.small])
    let large = try QuestionSet(registry: arguments[Questions.large])
    print("command".padding(toLength: 34, withPad: " ", startingAt: 0) + "small s   large s   ratio   large peak MiB")
    for (index, question) in small.questions.enumerated() {
        let smallRun = try best(of: repeats, small.questions[index])
        let largeRun = try best(of: repeats, large.questions[index])
        print(String(
            format: "%@%7.3f   %7.3f   %5.2f   %6.1f%@",
            question.name.padding(toLength: 34, withPad: " ", startingAt: 0), smallRun.seconds, largeRun.seconds,
            largeRun.seconds / smallRun.seconds, Double(largeRun.peakKiB) / 1024,
            question.answerGrows ? "   (the answer grows)" : ""))
    }
}

private enum Questions {
    static let defaultRepeats = 5
    static let small = Option<String>("small", value: "DIR", help: "A small registry made by generate.")
    static let large = Option<String>("large", value: "DIR", help: "A large registry made by generate.")
    static let repeats = repeatOption(default: defaultRepeats)
}

/// One command to time: its runs (a rename and the rename back; only the first is timed).
private struct Question {
    var name: String
    var arguments: [String]
    var undo: [String]? = nil
    var answerGrows = false
}

/// The same questions about the same generated names, on one registry.
private struct QuestionSet {
    var questions: [Question]

    init(registry: String) throws {
        let org = "team-00001"
        let member = try plainMember(of: org, in: registry)
        let options = ["--registry", registry]
        questions = [
            Question(name: "can USER PERM ORG", arguments: options + ["can", member, "member:add", org]),
            Question(name: "can USER PERM ORG/PROJECT", arguments: options + ["can", member, "project:read", org + "/project-1"]),
            Question(name: "show user", arguments: options + ["show", "user", member], answerGrows: true),
            Question(name: "show org", arguments: options + ["show", "org", org]),
            Question(name: "show project", arguments: options + ["show", "project", org, "project-1"]),
            Question(name: "list members", arguments: options + ["list", "members", org]),
            Question(name: "list projects", arguments: options + ["list", "projects", org]),
            Question(name: "list invitations", arguments: options + ["list", "invitations", org]),
            Question(name: "list users", arguments: options + ["list", "users"], answerGrows: true),
            Question(name: "list orgs", arguments: options + ["list", "orgs"], answerGrows: true),
            Question(
                name: "member remove (then add back)", arguments: options + ["member", "remove", org, member],
                undo: options + ["member", "add", org, member, "--role", "member"]),
            Question(
                name: "org rename (then back)", arguments: options + ["org", "rename", org, "--to", "bench-renamed"],
                undo: options + ["org", "rename", "bench-renamed", "--to", org]),
            Question(
                name: "user rename (then back)", arguments: options + ["user", "rename", member, "bench-renamed"],
                undo: options + ["user", "rename", "bench-renamed", member]),
            Question(name: "validate", arguments: options + ["validate"]),
        ]
        if hasCommit(registry) {
            questions.append(Question(name: "validate --rev HEAD", arguments: options + ["validate", "--rev", "HEAD"]))
        }
    }
}

/// Whether `directory` is in a git work tree whose HEAD is a commit.
private func hasCommit(_ directory: String) -> Bool {
    let git = Process()
    git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    git.arguments = ["git", "-C", directory, "rev-parse", "--verify", "--quiet", "HEAD"]
    git.standardOutput = FileHandle.nullDevice
    git.standardError = FileHandle.nullDevice
    guard (try? git.run()) != nil else { return false }
    git.waitUntilExit()
    return git.terminationStatus == 0
}

/// The last plain member of `org` by name (an owner may not be removable).
private func plainMember(of org: String, in registry: String) throws -> String {
    let directory = "\(registry)/orgs/\(org)/members"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    let plain = names.filter { name in
        FileManager.default.contents(atPath: directory + "/" + name).map {
            String(decoding: $0, as: UTF8.self).contains("\"role\": \"member\"")
        } ?? false
    }
    guard let last = plain.filter({ $0.hasSuffix(".json") }).sorted().last else {
        throw BenchError("no plain member of \(org) in \(registry) (is it a generated registry?)")
    }
    return String(last.dropLast(".json".count))
}

/// The fastest of `repeats` runs of `question`, with the highest peak memory.
private func best(of repeats: Int, _ question: Question) throws -> TenancyRun {
    var runs: [TenancyRun] = []
    for _ in 0..<repeats {
        runs.append(try runTenancy(question.arguments, allowing: [0, 1]))
        if let undo = question.undo { _ = try runTenancy(undo, allowing: [0]) }
    }
    return TenancyRun(seconds: runs.map(\.seconds).min()!, peakKiB: runs.map(\.peakKiB).max()!)
}

struct TenancyRun {
    var seconds: Double
    var peakKiB: Int
}

/// Wall seconds and peak memory of one run of the `tenancy` binary beside this one, whose
/// exit status must be one of `allowing` (posix_spawn and wait4: Foundation's
/// `Process.waitUntilExit` polls, which would round every figure up to ~50 ms).
func runTenancy(_ arguments: [String], allowing statuses: Set<Int32> = [0]) throws -> TenancyRun {
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
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = monotonicSeconds() - start
    // WIFEXITED and WEXITSTATUS, which Swift does not import.
    guard status & 0x7f == 0, statuses.contains((status >> 8) & 0xff) else {
        throw BenchError("tenancy \(arguments.joined(separator: " ")) failed (status \(status))")
    }
    return TenancyRun(seconds: seconds, peakKiB: usage.ru_maxrss)
}

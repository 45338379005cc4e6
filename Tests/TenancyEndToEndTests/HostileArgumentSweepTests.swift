import Foundation
import Tenancy
import TenancyCLI
import TenancyFixtures
import TenancyTestSupport
import Testing

/// Every command, with hostile values for each of its arguments and options: whatever the
/// value, the process exits 0–3, is never ended by a signal, and prints no character that
/// is unsafe on a terminal (`TerminalText`) but the line feed.
///
/// The commands and their arguments come from the help the CLI generates from its
/// command specifications, so a new command or option is swept without touching this test.
@Suite(.slow) struct HostileArgumentSweepTests {
    /// One leaf command as its usage line describes it.
    struct Shape: Sendable, CustomStringConvertible {
        var words: [String]
        var positionals: [String]
        /// Name, value name, and whether it is required.
        var options: [(name: String, value: String, required: Bool)]

        var description: String { words.joined(separator: " ") }
    }

    static let hostileValues: [String] = [
        "",
        "9223372036854775807",
        "9223372036854775807d",
        "-1",
        String(repeating: "a", count: 10_000),
        "\u{1B}]0;pwned\u{07}\u{1B}[2J\t\r\n\u{7F}\u{85}\u{9B}x",
        "\u{01}\u{FF}\u{FFFD}\u{10FFFF}\u{1F}",
        "..",
        "/",
        "../../etc/passwd",
        "acme\u{202E}txt.exe\u{2028}",
        "e\u{301}\u{301}\u{301}\u{20DD}",
        String(repeating: #"{"a":"#, count: 64) + "1" + String(repeating: "}", count: 64),
        String(repeating: "[", count: 10_000),
    ]

    /// The empty value, and two more that rotate with the slot and the command: each
    /// command meets most values, and each kind of argument (`ORG`, `--as`) all of them
    /// across the commands, in some 600 runs instead of 3,000.
    static func values(forSlot slot: Int, ofCommand command: Int) -> [String] {
        let others = hostileValues.dropFirst()
        let start = command * 5 + slot * 2
        return [hostileValues[0]] + (start..<start + 2).map { others[others.startIndex + $0 % others.count] }
    }

    /// Values that let a command get past its other arguments, by value name (`ORG`) or,
    /// for options that name an acting user, by option name. Unknown names get `x`.
    static let validByValue: [String: String] = [
        "ORG": "acme", "USER": "bob", "PROJECT": "web", "HANDLE": "bob", "OLD": "bob", "NEW": "robert",
        "SLUG": "acme", "PERSONAL": "bob", "ID": RegistryFiles.invitationID, "EMAIL": "new@example.com",
        "PERMISSION": "member:add", "ORG[/PROJECT]": "acme/web", "BASE": "HEAD", "HEAD": "HEAD",
        "ROLE": "member", "NAME": "New Name", "URL": "https://example.com/logo.png", "JSON": #"{"plan": "pro"}"#,
        "DURATION": "7d", "DATE": "2026-11-01T00:00:00Z", "REV": "HEAD", "ASSIGNMENT": "billing", "PATH": "registry",
    ]
    static let validByOption: [String: String] = ["as": "alice", "inviter": "alice", "owner": "alice", "actor": "alice"]

    static func valid(option name: String, value: String) -> String {
        if let choices = value.split(separator: "|").first, value.contains("|") { return String(choices) }
        return validByOption[name] ?? validByValue[value] ?? "x"
    }

    /// The leaves of `tenancy --help`, each with its usage line, plus the global options.
    static func shapes() throws -> (leaves: [Shape], globals: [(name: String, value: String, required: Bool)]) {
        let root = try runTenancy(["--help"]).stdout
        let commands = section("COMMANDS", of: root).compactMap { line -> [String]? in
            let label = line.components(separatedBy: "  ").first ?? ""
            return label.hasPrefix("help") ? nil : label.split(separator: " ").map(String.init)
        }
        var globals: [(name: String, value: String, required: Bool)] = []
        let leaves = try commands.map { words in
            let help = try runTenancy(words + ["--help"]).stdout
            globals = section("GLOBAL OPTIONS", of: help).map { line in
                let parts = line.split(separator: " ").map(String.init)
                return (String(parts[0].dropFirst(2)), parts[1], false)
            }
            let usage = help.split(separator: "\n").first { $0.hasPrefix("USAGE: ") }!
            return shape(words, usage: usage.split(separator: " ").dropFirst(2 + words.count).map(String.init))
        }
        return (leaves, globals)
    }

    /// The lines of a help section (`COMMANDS:`), without wrapped continuations.
    static func section(_ title: String, of help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: Substring(title + ":")) else { return [] }
        return lines[(start + 1)...].prefix { !$0.isEmpty }
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .map { String($0.dropFirst(2)) }
    }

    /// `ORG [HEAD] --role ROLE [--assign ASSIGNMENT]... [--dry-run]`: flags are left out.
    static func shape(_ words: [String], usage tokens: [String]) -> Shape {
        var result = Shape(words: words, positionals: [], options: [])
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            let optional = token.hasPrefix("[")
            let bare = token.trimmingCharacters(in: CharacterSet(charactersIn: "[]."))
            if !bare.hasPrefix("--") {
                result.positionals.append(bare)
            } else if !(optional && token.hasSuffix("]")) {
                let value = tokens[index].trimmingCharacters(in: CharacterSet(charactersIn: "[]."))
                index += 1
                result.options.append((String(bare.dropFirst(2)), value, !optional))
            }
        }
        return result
    }

    /// The command line of `shape` with `hostile` as the value of its `slot`-th argument
    /// (positionals first, then options) and valid values elsewhere. Options are written
    /// `--name=value` and positionals after `--`, so a value starting with `-` stays a value.
    static func arguments(_ shape: Shape, slot: Int, hostile: String) -> [String] {
        var positionals = shape.positionals.map { validByValue[$0] ?? "x" }
        var options: [String] = []
        for (index, option) in shape.options.enumerated() {
            let slotIndex = shape.positionals.count + index
            if slotIndex == slot {
                options.append("--\(option.name)=\(hostile)")
            } else if option.required {
                options.append("--\(option.name)=\(valid(option: option.name, value: option.value))")
            }
        }
        if slot < positionals.count { positionals[slot] = hostile }
        return shape.words + options + ["--"] + positionals
    }

    /// What is wrong with one run, or nil.
    static func problem(with run: TenancyRun) -> String? {
        if run.signalled { return "ended by signal \(run.status)" }
        if !(0...3).contains(run.status) { return "exit status \(run.status)" }
        let output = run.stdout + run.stderr
        if let unsafe = output.unicodeScalars.first(where: { TerminalText.isUnsafe($0) && $0 != "\n" }) {
            return "printed U+\(String(unsafe.value, radix: 16, uppercase: true)) raw"
        }
        return nil
    }

    @Test func everyCommandSurvivesHostileValuesInEveryArgument() throws {
        let (leaves, globals) = try Self.shapes()
        #expect(leaves.count > 30, "found only \(leaves.map(\.description))")
        let repository = try TemporaryGitRepository()
        for index in leaves.indices {
            for (path, text) in RuleExamples.baseRegistry {
                try repository.write("\(index)/a/b/registry/\(path)", text)
            }
        }
        try repository.stageAll()
        try repository.commit("registries")

        let failures = Collected<String>()
        // A bounded pool: the runs mostly wait for their process, so a few more than the
        // cores keeps the machine busy without flooding it.
        let pool = OperationQueue()
        pool.maxConcurrentOperationCount = 4
        for (index, leaf) in leaves.enumerated() {
            pool.addOperation {
                // Each command works on its own registry, so the outcome of one run
                // cannot depend on the runs of another command.
                Self.sweep(leaf, globals: globals, index: index, cwd: repository.url("\(index)/a/b"), failures)
            }
        }
        pool.waitUntilAllOperationsAreFinished()
        let found = failures.items
        #expect(found.isEmpty, "\(found.count) failures:\n\(found.prefix(20).joined(separator: "\n"))")
    }
}

extension HostileArgumentSweepTests {
    /// Runs `leaf` once for each hostile value of each of its slots.
    static func sweep(
        _ leaf: Shape, globals: [(name: String, value: String, required: Bool)], index: Int, cwd: URL,
        _ failures: Collected<String>
    ) {
        var shape = leaf
        shape.options += globals
        for slot in 0..<(shape.positionals.count + shape.options.count) {
            // --registry with an absolute path would reach outside the scratch tree;
            // relative ones (`..`, `../../etc/passwd`) stay inside it.
            let isRegistry = slot >= shape.positionals.count
                && shape.options[slot - shape.positionals.count].name == "registry"
            for hostile in values(forSlot: slot, ofCommand: index) where !(isRegistry && hostile.hasPrefix("/")) {
                let arguments = arguments(shape, slot: slot, hostile: hostile)
                do {
                    let run = try runTenancy(arguments, cwd: cwd, env: ["SOURCE_DATE_EPOCH": MutationFixture.now])
                    if let problem = problem(with: run) {
                        let shown = arguments.map { "'" + TerminalText.escaped(String($0.prefix(80))) + "'" }.joined(separator: " ")
                        failures.append("\(shown): \(problem)\n\(run.stderr.prefix(2_000))")
                    }
                } catch {
                    failures.append("\(shape): \(error)")
                }
            }
        }
    }
}

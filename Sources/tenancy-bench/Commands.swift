import TenancyCore
import TenancyCLI
import TenancyFixtures

/// The commands of `tenancy-bench`, parsed and their help written by the parser of
/// `tenancy`. (Declared outside main.swift, whose globals are set in order as it runs.)
let benchCommand = Command<Void>(
    group: "tenancy-bench",
    abstract: "Generate synthetic registries and measure tenancy on them.",
    discussion: "EXIT STATUS: 0 ok, 2 usage error, 3 a measurement failed.",
    [
        generateCommand, runCommand, mutateCommand, questionsCommand, gitCommand, historyCommand, reportCommand,
        measureReadCommand, measureValidateCommand, measureExportCommand,
    ])

/// What a failed measurement says: exit 3.
struct BenchError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}

let generateCommand = Command<Void>(
    "generate", abstract: "Write a deterministic synthetic registry.",
    arguments: [Generate.users, Generate.orgs, Generate.out, Generate.seed]
) { arguments, _ in
    let generator = RegistryGenerator(
        users: arguments[Generate.users], orgs: arguments[Generate.orgs],
        seed: UInt64(arguments[Generate.seed] ?? 1))
    let out = arguments[Generate.out]
    let start = monotonicSeconds()
    let count = try generator.write(to: out)
    let seconds = monotonicSeconds() - start
    print("wrote \(count) files to \(out) in \(String(format: "%.1f", seconds)) s")
}

private enum Generate {
    static let users = Option<Int>("users", value: "N", help: "How many users, each with a personal organization.")
    static let orgs = Option<Int>("orgs", value: "M", help: "How many team organizations.")
    static let out = Option<String>("out", value: "DIR", help: "The directory to write the registry to.")
    static let seed = Option<Int?>("seed", value: "S", help: "The random seed (default: 1).")
}

/// The registry every measurement reads.
let registryOption = Option<String>("registry", value: "DIR", help: "A registry made by generate.")

/// `--repeat K`, whose value is read as `max(1, K)`.
func repeatOption(default count: Int) -> Option<Int?> {
    Option("repeat", value: "K", help: "Measure this many times, keeping the best (default: \(count)).")
}

let measureReadCommand = Command<Void>(
    "measure-read", abstract: "Measure (a) in this process, for run, which starts it.",
    arguments: [registryOption]
) { arguments, _ in
    print(try measureRead(arguments[registryOption]).line)
}

let measureValidateCommand = Command<Void>(
    "measure-validate", abstract: "Measure (b) in this process, for run, which starts it.",
    arguments: [registryOption]
) { arguments, _ in
    print(try measureValidate(arguments[registryOption]).line)
}

let measureExportCommand = Command<Void>(
    "measure-export", abstract: "Measure (e) in this process, for run, which starts it.",
    arguments: [registryOption]
) { arguments, _ in
    print(try measureExport(arguments[registryOption]).line)
}

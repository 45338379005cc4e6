import Foundation
import TenancyCore
import TenancyCLI
import TenancyFixtures

/// `tenancy-bench`: generates large registries and measures how fast `validate` reads
/// them, against the floor of reading every file once on one thread, and how long a
/// mutation takes on them.
let usage = """
    usage: tenancy-bench generate --users N --orgs M --out DIR [--seed S]
           tenancy-bench run --registry DIR [--repeat K] [--json]
           tenancy-bench mutate --registry DIR [--repeat K]

    """

func main(_ arguments: [String]) throws {
    guard let command = arguments.first else { throw BenchError.usage("no command") }
    let options = try Options(Array(arguments.dropFirst()), flags: ["json"])
    switch command {
    case "generate": try generate(options)
    case "run": try run(options)
    case "mutate": try mutate(options)
    // Run by `run` in child processes, so each measurement has its own peak memory.
    case "measure-read": print(try measureRead(options.required("registry")).line)
    case "measure-validate": print(try measureValidate(options.required("registry")).line)
    default: throw BenchError.usage("unknown command '\(command)'")
    }
}

func generate(_ options: Options) throws {
    let generator = RegistryGenerator(
        users: try options.integer("users"), orgs: try options.integer("orgs"),
        seed: UInt64(try options.integer("seed", default: 1)))
    let out = try options.required("out")
    let start = monotonicSeconds()
    let count = try generator.write(to: out)
    let seconds = monotonicSeconds() - start
    print("wrote \(count) files to \(out) in \(String(format: "%.1f", seconds)) s")
}

do {
    try main(Array(CommandLine.arguments.dropFirst()))
} catch BenchError.usage(let message) {
    FileHandle.standardError.write(Data("tenancy-bench: error: \(message)\n\(usage)".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("tenancy-bench: error: \(error)\n".utf8))
    exit(3)
}

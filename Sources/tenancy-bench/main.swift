import Foundation
import TenancyCLI

/// `tenancy-bench`: generates large registries and measures how fast `validate` reads
/// them, against the floor of reading every file once on one thread, and how long a
/// mutation takes on them.
let dispatcher = Dispatcher(root: benchCommand) { _, _, _ throws(UsageError) in }

do {
    switch try dispatcher.resolve(Array(CommandLine.arguments.dropFirst())) {
    case .print(let text):
        print(text, terminator: "")
    case .helpForMissingCommand(let text):
        FileHandle.standardError.write(Data(text.utf8))
        exit(2)
    case .run(let run, let arguments, let context):
        try run(arguments, context)
    }
} catch let usage as UsageError {
    printError(usage.description)
    exit(2)
} catch {
    printError("tenancy-bench: error: \(error)")
    exit(3)
}

import Foundation
import TenancyCore
import TenancyGit
import TenancyReview

/// Runs one command line and returns the exit status. Every error is caught here and
/// printed once, as one line on stderr, or under `--format json` as one JSON document on
/// stdout (docs/JSON.md, "Errors"): never a stack trace.
public func runCommandLine(_ arguments: [String], environment: [String: String]) -> Int32 {
    let dispatcher = Dispatcher.tenancy(
        environment: environment, currentDirectory: FileManager.default.currentDirectoryPath)
    do {
        switch try dispatcher.resolve(arguments) {
        case .print(let text):
            Writer.standardOutput.write(text)
            return ExitCode.success.rawValue
        case .helpForMissingCommand(let text):
            Writer.standardError.write(text)
            return ExitCode.usage.rawValue
        case .run(let run, let parsed, let context):
            return execute(run, parsed, context)
        }
    } catch {
        // No context yet: the format is read from the arguments as given.
        if requestsJSON(arguments) {
            Writer.standardOutput.write(OutputValue.document([("error", Context.error(error.message, code: .usage))]))
        } else {
            Writer.standardError.write(oneLine(error.description) + "\n")
        }
        return ExitCode.usage.rawValue
    }
}

/// Whether the last `--format` before `--` asks for JSON, for errors found before the
/// arguments are parsed.
private func requestsJSON(_ arguments: [String]) -> Bool {
    var json = false
    var previous = ""
    for argument in arguments.prefix(while: { $0 != "--" }) {
        if previous == "--format" { json = argument == "json" }
        if argument.hasPrefix("--format=") { json = argument == "--format=json" }
        previous = argument
    }
    return json
}

func execute(_ run: Command<Context>.Run, _ arguments: ParsedArguments, _ context: Context) -> Int32 {
    do {
        try run(arguments, context)
        return ExitCode.success.rawValue
    } catch let code as ExitCode {
        return code.rawValue
    } catch let diagnostic as Diagnostic {
        // Prints the diagnostic; what it throws is the exit code returned here.
        do { try context.refuse([diagnostic]) } catch {}
        return ExitCode.ruleViolations.rawValue
    } catch let failure as Failure {
        fail(failure.message, failure.code, context)
        return failure.code.rawValue
    } catch let usage as UsageError {
        if context.format == .json {
            context.printJSON([("error", Context.error(usage.message, code: .usage))])
        } else {
            context.stderr.write(oneLine(usage.description) + "\n")
        }
        return ExitCode.usage.rawValue
    } catch {
        // SourceError, and whatever Foundation or the system throws, is a failure to
        // read or write, not a verdict on the registry.
        fail(String(describing: error), .ioFailure, context)
        return ExitCode.ioFailure.rawValue
    }
}

private func fail(_ message: String, _ code: ExitCode, _ context: Context) {
    if context.format == .json {
        context.printJSON([("error", Context.error(message, code: code))])
    } else {
        context.stderr.write("tenancy: error: \(oneLine(message))\n")
    }
}

/// Messages stay on one line so that scripts and CI logs can grep them: the lines of a
/// message from git are joined, and whatever else it quotes (values, paths) is escaped
/// (`TerminalText`).
private func oneLine(_ message: String) -> String {
    TerminalText.escaped(message.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).joined(separator: " "))
}

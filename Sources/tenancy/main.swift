import Foundation
import TenancyCLI

exit(runCommandLine(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))

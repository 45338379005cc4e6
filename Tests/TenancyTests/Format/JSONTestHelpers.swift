import Foundation

@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview

/// Groups the suites of `Sources/Tenancy/Format`, so `swift test --filter Format` runs them,
/// and keeps their helpers out of the test module's global namespace.
enum FormatTests {
    /// The value with every position reset and members in key order, to compare content alone.
    static func stripped(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements):
            .array(elements.map { JSONNode(stripped($0.value)) })
        case .object(let members):
            .object(
                members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                    .map { JSONMember(key: $0.key, value: JSONNode(stripped($0.value.value))) })
        default:
            value
        }
    }

    static func parse(_ text: String) throws(JSONError) -> JSONNode {
        try JSONReader.parse(Array(text.utf8))
    }

    /// Runs python3's `json.dumps(v, indent=2, sort_keys=True, ensure_ascii=False) + "\n"` on
    /// every element of a JSON array, the reference our canonical form must match byte for byte.
    enum Python {
        static let isAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/env")
            && (try? run(Array("[]".utf8))) != nil

        static func canonicalForms(ofElementsOf array: [UInt8]) throws -> [[UInt8]] {
            let output = try run(array)
            guard case .array(let forms) = try JSONReader.parse(output).value else { return [] }
            return forms.map {
                guard case .string(let text) = $0.value else { return [] }
                return Array(text.utf8)
            }
        }

        /// Python answers with an ASCII-only array of the canonical texts, which our reader parses.
        private static let script = """
            import json, sys
            values = json.loads(sys.stdin.buffer.read().decode("utf-8"))
            forms = [json.dumps(v, indent=2, sort_keys=True, ensure_ascii=False) + "\\n" for v in values]
            sys.stdout.write(json.dumps(forms))
            """

        struct PythonFailed: Error {
            var status: Int32
        }

        private static func run(_ input: [UInt8]) throws -> [UInt8] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script]
            let stdin = Pipe(), stdout = Pipe()
            process.standardInput = stdin
            process.standardOutput = stdout
            try process.run()
            // Python reads all of stdin before writing, so writing first cannot deadlock.
            stdin.fileHandleForWriting.write(Data(input))
            try stdin.fileHandleForWriting.close()
            let output = stdout.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw PythonFailed(status: process.terminationStatus) }
            return Array(output)
        }
    }
}

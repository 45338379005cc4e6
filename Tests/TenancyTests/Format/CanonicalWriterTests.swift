import Foundation
import Testing

@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview

extension FormatTests {
    /// Random JSON values biased towards what is hard to write: escapes, non-ASCII, nesting.
    struct RandomJSON {
        var rng: SplitMix64

        /// Number literals Python writes back unchanged, so the values can be checked against it.
        static let numbers = ["0", "1", "-1", "42", "12345678901234567890", "1.5", "-0.25", "0.1", "1e+20", "-0.0"]
        static let characters: [String] = [
            "a", "Z", "0", " ", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\t", "\n", "\u{B}", "\u{C}",
            "\r", "\u{1F}", "\u{7F}", "é", "e\u{301}", "€", "\u{2028}", "\u{FEFF}", "\u{FFFD}", "\u{FFFF}",
            "😀", "\u{10FFFF}", "ａ",
        ]

        mutating func value(depth: Int = 0) -> JSONValue {
            switch Int.random(in: 0..<(depth < 4 ? 7 : 5), using: &rng) {
            case 0: .null
            case 1: .bool(Bool.random(using: &rng))
            case 2: .number(Self.numbers.randomElement(using: &rng)!)
            case 3, 4: .string(string())
            case 5: .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in JSONNode(value(depth: depth + 1)) })
            default: object(depth: depth)
            }
        }

        mutating func object(depth: Int) -> JSONValue {
            var seen = Set<[UInt8]>()
            var members: [JSONMember] = []
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                let key = string()
                guard seen.insert(Array(key.utf8)).inserted else { continue }
                members.append(JSONMember(key: key, value: JSONNode(value(depth: depth + 1))))
            }
            return .object(members)
        }

        mutating func string() -> String {
            (0..<Int.random(in: 0...6, using: &rng)).map { _ in Self.characters.randomElement(using: &rng)! }.joined()
        }
    }
}

extension FormatTests {
    struct CanonicalWriterMatchesPython {
        static let trickyInputs = [
            "null", "true", "[]", "{}", "[[], {}, [[]], {\"a\": {}}]", "\"\"", "0", "-0.0", "1e+20",
            "12345678901234567890",
            #""\u0000\u0001\b\t\n\u000b\f\r\u000e\u001f\u007f \" \\ / é 😀 \u2028 \ufeff""#,
            #"{"b": 1, "a": 2, "B": 3, "": 4, "é": 5, "z": 6, "😀": 7, "\ufffd": 8, "ａ": 9, "e\u0301": 10}"#,
            #"{"users": [{"handle": "alice", "name": "Ålice \"A\" Liddell", "tags": ["x/y", "tab\t"]}]}"#,
            #"[1, [2, [3, [4, {"deep": [5]}]]]]"#,
        ]

        @Test(.enabled(if: Python.isAvailable))
        func trickyValuesAreWrittenExactlyAsPythonWritesThem() throws {
            let array = "[" + Self.trickyInputs.joined(separator: ",") + "]"
            let expected = try Python.canonicalForms(ofElementsOf: Array(array.utf8))
            #expect(expected.count == Self.trickyInputs.count)
            for (input, python) in zip(Self.trickyInputs, expected) {
                let ours = CanonicalWriter.bytes(for: try parse(input))
                #expect(
                    String(decoding: ours, as: UTF8.self) == String(decoding: python, as: UTF8.self),
                    "input: \(input)")
                #expect(ours == python, "input: \(input)")
            }
        }

        @Test(.enabled(if: Python.isAvailable))
        func randomValuesAreWrittenExactlyAsPythonWritesThem() throws {
            var random = RandomJSON(rng: SplitMix64(seed: 7))
            let values = (0..<300).map { _ in random.value() }
            let array = JSONValue.array(values.map { JSONNode($0) })
            let expected = try Python.canonicalForms(ofElementsOf: CanonicalWriter.bytes(for: array))
            #expect(expected.count == values.count)
            for (value, python) in zip(values, expected) {
                #expect(CanonicalWriter.bytes(for: value) == python, "value: \(value)")
            }
        }
    }
}

extension FormatTests {
    struct CanonicalWriterRoundTrips {
        @Test(arguments: 0..<10)
        func randomValuesSurviveWritingAndReadingAndComeOutCanonical(seed: UInt64) throws {
            var random = RandomJSON(rng: SplitMix64(seed: seed))
            for _ in 0..<100 {
                let value = random.value()
                let bytes = CanonicalWriter.bytes(for: value)
                let node = try JSONReader.parse(bytes)
                #expect(stripped(node.value) == stripped(value))
                #expect(CanonicalWriter.isCanonical(bytes, node: node))
            }
        }

        @Test func aKnownDocumentIsWrittenInTheDocumentedLayout() throws {
            let node = try parse(#"{"role":"owner","assignments":["developer"],"meta":{},"user":"alice","n":[]}"#)
            let expected = """
                {
                  "assignments": [
                    "developer"
                  ],
                  "meta": {},
                  "n": [],
                  "role": "owner",
                  "user": "alice"
                }

                """
            #expect(String(decoding: CanonicalWriter.bytes(for: node), as: UTF8.self) == expected)
        }

        /// A value built in memory (say, metadata inside an organization) can nest deeper
        /// than the reader allows; the writer still indents it.
        @Test func aValueDeeperThanTheReaderAllowsIsStillWritten() {
            var value = JSONValue.number("1")
            for _ in 0..<100 { value = .array([JSONNode(value)]) }
            let text = String(decoding: CanonicalWriter.bytes(for: value), as: UTF8.self)
            #expect(text.split(separator: "\n").last == "]")
            #expect(text.contains("\n" + String(repeating: " ", count: 200) + "1\n"))
        }

        /// The exports write long arrays a group of elements at a time, on every core, and
        /// objects from members written apart: the bytes are those of the whole value.
        @Test(arguments: [0, 1, 255, 256, 257, 700])
        func arraysAndObjectsWrittenInPartsAreTheWholeValue(count: Int) {
            var random = RandomJSON(rng: SplitMix64(seed: UInt64(count)))
            let elements = (0..<count).map { _ in random.value(depth: 1) }
            #expect(CanonicalWriter.bytes(forArrayOf: elements) { $0 } == CanonicalWriter.bytes(for: .array(elements.map { JSONNode($0) })))
            let member = random.value(depth: 1)
            let whole = JSONValue.object([
                JSONMember(key: "z", value: JSONNode(.array(elements.map { JSONNode($0) }))),
                JSONMember(key: "a", value: JSONNode(member)),
            ])
            let parts = CanonicalWriter.bytes(forObjectWritten: [
                ("z", CanonicalWriter.written(arrayOf: elements, indent: 2) { $0 }),
                ("a", CanonicalWriter.written(member, indent: 2)),
            ])
            #expect(parts == CanonicalWriter.bytes(for: whole))
        }

        @Test func scalarsAtTheTopLevelEndWithOneNewline() {
            #expect(CanonicalWriter.bytes(for: .number("1.0e3")) == Array("1.0e3\n".utf8))
            #expect(CanonicalWriter.bytes(for: .string("a/é")) == Array("\"a/é\"\n".utf8))
        }
    }
}

extension FormatTests {
    struct CanonicalWriterRecognisesNonCanonicalFiles {
        static let canonical = "{\n  \"a\": \"é/x\",\n  \"b\": [\n    1,\n    \"\\u001f\"\n  ]\n}\n"

        static let variants: [String] = [
            canonical.replacingOccurrences(of: "\"a\": ", with: "\"a\":  "),  // extra space
            canonical.replacingOccurrences(of: "\"a\": ", with: "\"a\" : "),
            canonical.replacingOccurrences(of: "\"é/x\",", with: "\"é/x\", "),  // trailing space
            canonical.replacingOccurrences(of: "\n", with: "\r\n"),  // CRLF
            String(canonical.dropLast()),  // no final newline
            canonical + "\n",  // two final newlines
            canonical.replacingOccurrences(of: "é/x", with: "é\\/x"),  // escaped slash
            canonical.replacingOccurrences(of: "é/x", with: "\\u00e9/x"),  // escaped non-ASCII
            canonical.replacingOccurrences(of: "\\u001f", with: "\\u001F"),  // uppercase hex
            canonical.replacingOccurrences(of: "  ", with: "\t"),  // tab indent
            canonical.replacingOccurrences(of: "  ", with: "    "),  // four-space indent
            "{\"a\":\"é/x\",\"b\":[1,\"\\u001f\"]}\n",  // compact
            "{\n  \"b\": [\n    1,\n    \"\\u001f\"\n  ],\n  \"a\": \"é/x\"\n}\n",  // unsorted keys
            "{\n  \"a\": \"é/x\",\n  \"b\": [1, \"\\u001f\"]\n}\n",  // array on one line
        ]

        @Test func theReferenceIsCanonical() throws {
            let bytes = Array(Self.canonical.utf8)
            #expect(CanonicalWriter.isCanonical(bytes, node: try JSONReader.parse(bytes)))
        }

        @Test(arguments: variants)
        func aVariantWithTheSameValueIsNotCanonical(_ variant: String) throws {
            let bytes = Array(variant.utf8)
            let node = try JSONReader.parse(bytes)
            #expect(stripped(node.value) == stripped(try parse(Self.canonical).value))
            #expect(!CanonicalWriter.isCanonical(bytes, node: node))
        }

        @Test func aByteOrderMarkIsNotCanonical() throws {
            let bytes = Array(Self.canonical.utf8)
            #expect(!CanonicalWriter.isCanonical([0xEF, 0xBB, 0xBF] + bytes, node: try JSONReader.parse(bytes)))
        }

        @Test func emptyContainersSpreadOverLinesAreNotCanonical() throws {
            for text in ["[\n]\n", "{\n}\n", "[ ]\n"] {
                let bytes = Array(text.utf8)
                #expect(!CanonicalWriter.isCanonical(bytes, node: try JSONReader.parse(bytes)))
            }
        }
    }
}

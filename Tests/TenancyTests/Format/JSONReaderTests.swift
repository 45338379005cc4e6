import Testing

@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview

extension FormatTests {
    /// One input the reader must refuse, with the exact error it must give.
    struct Rejection: Sendable, CustomTestStringConvertible {
        var bytes: [UInt8]
        var line: Int
        var column: Int
        var message: String

        init(_ text: String, _ line: Int, _ column: Int, _ message: String) {
            self.init(bytes: Array(text.utf8), line, column, message)
        }

        init(bytes: [UInt8], _ line: Int, _ column: Int, _ message: String) {
            self.bytes = bytes
            self.line = line
            self.column = column
            self.message = message
        }

        var testDescription: String { "\(message) @\(line):\(column)" }
    }
}

/// `"` + the bytes + `"`: a string literal holding raw (possibly invalid) bytes.
private func quotedBytes(_ bytes: [UInt8]) -> [UInt8] {
    [0x22] + bytes + [0x22]
}

extension FormatTests {
    struct JSONReaderRejectsInvalidInput {
        static let syntax: [Rejection] = [
            Rejection("", 1, 1, "unexpected end of file"),
            Rejection("  \n ", 2, 2, "unexpected end of file"),
            Rejection("[1,]", 1, 3, "trailing comma"),
            Rejection("{\"a\": 1,\n}", 1, 8, "trailing comma"),
            Rejection("[1,}", 1, 4, "unexpected character '}'"),
            Rejection("{\"role\": 1, \"role\": 2}", 1, 13, "duplicate key \"role\""),
            Rejection("{\"a\": 1, \"\\u0061\": 2}", 1, 10, "duplicate key \"a\""),
            Rejection("[1] // note", 1, 5, "comments are not allowed"),
            Rejection("/* note */ []", 1, 1, "comments are not allowed"),
            Rejection("[NaN]", 1, 2, "NaN is not allowed"),
            Rejection("[Infinity]", 1, 2, "Infinity is not allowed"),
            Rejection("[-Infinity]", 1, 3, "Infinity is not allowed"),
            Rejection("[01]", 1, 3, "leading zeros are not allowed"),
            Rejection("-007", 1, 3, "leading zeros are not allowed"),
            Rejection("[1.]", 1, 4, "unexpected character ']'"),
            Rejection("[1e]", 1, 4, "unexpected character ']'"),
            Rejection("[.5]", 1, 2, "unexpected character '.'"),
            Rejection("[+1]", 1, 2, "unexpected character '+'"),
            Rejection("[-]", 1, 3, "unexpected character ']'"),
            Rejection("\"\\ud800\"", 1, 2, "lone surrogate in \\u escape"),
            Rejection("\"\\udc00\"", 1, 2, "lone surrogate in \\u escape"),
            Rejection("\"x\\ud800\\u0041\"", 1, 3, "lone surrogate in \\u escape"),
            Rejection("\"\\x\"", 1, 2, "invalid escape sequence"),
            Rejection("\"\\u12G4\"", 1, 6, "invalid \\u escape"),
            Rejection("\"a\tb\"", 1, 3, "control character in string must be escaped"),
            Rejection("\"a\nb\"", 1, 3, "control character in string must be escaped"),
            Rejection("{} x", 1, 4, "unexpected character 'x'"),
            Rejection("[1] [2]", 1, 5, "unexpected character '['"),
            Rejection("[1 2]", 1, 4, "unexpected character '2'"),
            Rejection("{a: 1}", 1, 2, "unexpected character 'a'"),
            Rejection("{\"a\" 1}", 1, 6, "unexpected character '1'"),
            Rejection("{\"a\": 1 \"b\": 2}", 1, 9, "unexpected character '\"'"),
            Rejection("[tru]", 1, 5, "unexpected character ']'"),
            Rejection("nul", 1, 4, "unexpected end of file"),
            Rejection("\"abc", 1, 5, "unexpected end of file"),
            Rejection("[1,\n  2", 2, 4, "unexpected end of file"),
            Rejection("[\u{1}]", 1, 2, "unexpected character U+0001"),
            Rejection("[é]", 1, 2, "unexpected character 'é'"),
            Rejection("\r\r[1, x]", 1, 7, "unexpected character 'x'"),
            Rejection("[1,\r\n x]", 2, 2, "unexpected character 'x'"),
            Rejection("[\"😀é\", x]", 1, 8, "unexpected character 'x'"),
        ]

        @Test(arguments: syntax)
        func syntaxErrorsAreReportedAtTheOffendingCharacter(_ rejection: Rejection) {
            expectRejection(rejection)
        }

        static let encoding: [Rejection] = [
            Rejection(bytes: [0xEF, 0xBB, 0xBF] + Array("{}".utf8), 1, 1, "byte order mark is not allowed"),
            Rejection(bytes: quotedBytes([0x61, 0xC3, 0x28]), 1, 3, "invalid UTF-8"),
            Rejection(bytes: quotedBytes([0xC0, 0x80]), 1, 2, "invalid UTF-8"),  // overlong NUL
            Rejection(bytes: quotedBytes([0xC1, 0xBF]), 1, 2, "invalid UTF-8"),  // overlong
            Rejection(bytes: quotedBytes([0xE0, 0x80, 0xAF]), 1, 2, "invalid UTF-8"),  // overlong '/'
            Rejection(bytes: quotedBytes([0xF0, 0x8F, 0xBF, 0xBF]), 1, 2, "invalid UTF-8"),  // overlong
            Rejection(bytes: quotedBytes([0xED, 0xA0, 0x80]), 1, 2, "invalid UTF-8"),  // U+D800
            Rejection(bytes: quotedBytes([0xF4, 0x90, 0x80, 0x80]), 1, 2, "invalid UTF-8"),  // > U+10FFFF
            Rejection(bytes: quotedBytes([0xF5, 0x80, 0x80, 0x80]), 1, 2, "invalid UTF-8"),
            Rejection(bytes: quotedBytes([0x80]), 1, 2, "invalid UTF-8"),  // lone continuation
            Rejection(bytes: quotedBytes([0xC3, 0xA9, 0xFF]), 1, 3, "invalid UTF-8"),  // after é
            Rejection(bytes: [0x22, 0xE2, 0x82], 1, 2, "invalid UTF-8"),  // truncated at end of file
            Rejection(bytes: Array("[1]".utf8) + [0xFF], 1, 4, "invalid UTF-8"),
            Rejection(bytes: Array("{\"k\": 1, \"".utf8) + [0xFE] + Array("\": 2}".utf8), 1, 11, "invalid UTF-8"),
        ]

        @Test(arguments: encoding)
        func encodingErrorsAreReportedAtTheOffendingByte(_ rejection: Rejection) {
            expectRejection(rejection)
        }

        @Test func aFileOverOneMebibyteIsRefusedAtTheStart() {
            let oversized = Array(repeating: UInt8(ascii: " "), count: Limits.maxFileSize) + [0x31]
            expectRejection(Rejection(bytes: oversized, 1, 1, "file is larger than 1 MiB"))
        }

        @Test func aFileOfExactlyOneMebibyteIsRead() throws {
            let padding = Array(repeating: UInt8(ascii: "a"), count: Limits.maxFileSize - 2)
            let node = try JSONReader.parse(quotedBytes(padding))
            #expect(node.value == .string(String(decoding: padding, as: UTF8.self)))
        }

        @Test func aHundredThousandOpenBracketsAreRefusedWithoutCrashing() {
            let text = String(repeating: "[", count: 100_000)
            expectRejection(Rejection(text, 1, 65, "nesting deeper than 64"))
        }

        @Test func aHundredThousandNestedObjectsAreRefusedWithoutCrashing() {
            let text = String(repeating: "{\"a\":", count: 100_000)
            expectRejection(Rejection(text, 1, 64 * 5 + 1, "nesting deeper than 64"))
        }

        @Test func sixtyFiveLevelsAreRefusedAtTheInnermostBracket() {
            let text = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
            expectRejection(Rejection(text, 1, 65, "nesting deeper than 64"))
        }

        @Test func sixtyFourLevelsAreAccepted() throws {
            let arrays = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
            let objects = String(repeating: "{\"a\": ", count: 63) + "[]" + String(repeating: "}", count: 63)
            _ = try parse(arrays)
            _ = try parse(objects)
        }

        @Test func aDuplicateKeyInALargeObjectIsFound() {
            let members = (0..<100).map { "\"k\($0)\": \($0)" } + ["\"k42\": 0"]
            let text = "{" + members.joined(separator: ",\n") + "}"
            expectRejection(Rejection(text, 101, 1, "duplicate key \"k42\""))
        }

        @Test func aDuplicateKeyMessageEscapesTheKey() {
            expectRejection(Rejection("{\"a\\n\\\"\": 1, \"a\\n\\\"\": 2}", 1, 14, #"duplicate key "a\n\"""#))
        }

        private func expectRejection(_ rejection: Rejection, sourceLocation: SourceLocation = #_sourceLocation) {
            do {
                let node = try JSONReader.parse(rejection.bytes)
                Issue.record("accepted, giving \(node.value)", sourceLocation: sourceLocation)
            } catch {
                #expect(error.message == rejection.message, sourceLocation: sourceLocation)
                #expect(
                    error.position == Position(line: rejection.line, column: rejection.column),
                    sourceLocation: sourceLocation)
            }
        }
    }
}

extension FormatTests {
    struct JSONReaderReadsValidInput {
        @Test func scalarsKeepTheirLiteralNumberText() throws {
            let node = try parse(" [0, -0, 1.0e3, 1E+2, -12.5e-07, true, false, null] ")
            #expect(
                stripped(node.value)
                    == .array(
                        [.number("0"), .number("-0"), .number("1.0e3"), .number("1E+2"), .number("-12.5e-07"),
                         .bool(true), .bool(false), .null].map { JSONNode($0) }))
            #expect(node.position == Position(line: 1, column: 2))
        }

        @Test func escapesAreDecoded() throws {
            let node = try parse(#""\"\\\/\b\f\n\r\t\u00e9\u00E9\ud83d\ude00\u0000 plain é""#)
            #expect(node.value == .string("\"\\/\u{8}\u{C}\n\r\té\u{E9}😀\u{0} plain é"))
        }

        @Test func keysThatDifferOnlyInNormalizationAreDistinct() throws {
            let node = try parse("{\"\u{E9}\": 1, \"e\u{301}\": 2}")
            guard case .object(let members) = node.value else { throw JSONError("not an object", at: .start) }
            #expect(members.count == 2)
        }

        @Test func membersKeepFileOrder() throws {
            let node = try parse(#"{"b": 1, "a": 2}"#)
            guard case .object(let members) = node.value else { throw JSONError("not an object", at: .start) }
            #expect(members.map(\.key) == ["b", "a"])
        }

        @Test func nestedPositionsCountScalarsAndLines() throws {
            let text = "{\n  \"é😀\": [\n    1,\n\t\"ü€\", true\r\n  ],\n  \"k\": {\"x\": null}\n}\n"
            let node = try parse(text)
            #expect(node.position == Position(line: 1, column: 1))
            guard case .object(let members) = node.value,
                case .array(let elements) = members[0].value.value,
                case .object(let inner) = members[1].value.value
            else { throw JSONError("unexpected shape", at: .start) }
            #expect(members[0].keyPosition == Position(line: 2, column: 3))
            #expect(members[0].value.position == Position(line: 2, column: 9))
            #expect(elements.map(\.position) == [
                Position(line: 3, column: 5), Position(line: 4, column: 2), Position(line: 4, column: 8),
            ])
            #expect(members[1].keyPosition == Position(line: 6, column: 3))
            #expect(inner[0].keyPosition == Position(line: 6, column: 9))
            #expect(inner[0].value.position == Position(line: 6, column: 14))
        }

        @Test func positionsAfterMultiByteCharactersOnOneLine() throws {
            let node = try parse(#"{"é😀": "ü", "k": [ "€", null ], "\u00e9": 1}"#)
            guard case .object(let members) = node.value,
                case .array(let elements) = members[1].value.value
            else { throw JSONError("unexpected shape", at: .start) }
            #expect(members.map(\.keyPosition.column) == [2, 13, 33])
            #expect(members.map(\.value.position.column) == [8, 18, 43])
            #expect(elements.map(\.position.column) == [20, 25])
        }

        @Test func theUnsafeBufferOverloadAgreesWithTheArrayOne() throws {
            let bytes = Array(#"{"a": [1, "x"]}"#.utf8)
            let viaBuffer = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONError) in
                try JSONReader.parse(buffer)
            }
            #expect(viaBuffer == (try JSONReader.parse(bytes)))
        }
    }
}

/// A value of what a command prints under `--format json` (docs/JSON.md): typed, built
/// from Swift values, and written by the one JSON writer of the project
/// (`CanonicalWriter`), so every document has the same spacing and key order.
///
/// Objects keep the order they are built in: text output shows their members in that
/// order, JSON sorts them by key.
public indirect enum OutputValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([OutputValue])
    case object([(key: String, value: OutputValue)])
    /// JSON as a file holds it (`export json`: every entity as the JSON of its file,
    /// numbers in `metadata` written as they are).
    case verbatim(JSONValue)

    /// The version of every document's shape, its top-level `version`: it changes when a
    /// key is removed or changes its type, not when one is added.
    public static let formatVersion = 1

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: OutputValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, OutputValue)...) {
        self = .object(elements.map { (key: $0, value: $1) })
    }

    /// A string, or `null` when there is none.
    public static func optional(_ text: String?) -> OutputValue { text.map(OutputValue.string) ?? .null }

    public static func strings(_ texts: [String]) -> OutputValue { .array(texts.map(OutputValue.string)) }

    /// A whole document: `members` and the format `version`, in canonical form, with the
    /// characters unsafe on a terminal escaped (`TerminalText.escapedJSON`).
    public static func document(_ members: [(key: String, value: OutputValue)]) -> String {
        let document = OutputValue.object([("version", .int(formatVersion))] + members)
        return TerminalText.escapedJSON(String(decoding: CanonicalWriter.bytes(for: document.json), as: UTF8.self))
    }

    /// The members of an object; empty for any other value.
    public var members: [(key: String, value: OutputValue)] {
        if case .object(let members) = self { members } else { [] }
    }

    var json: JSONValue {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .number(String(number))
        case .string(let text): .string(text)
        case .array(let elements): .array(elements.map { JSONNode($0.json) })
        case .object(let members): .object(members.map { JSONMember(key: $0.key, value: JSONNode($0.value.json)) })
        case .verbatim(let value): value
        }
    }
}

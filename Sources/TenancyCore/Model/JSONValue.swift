/// A JSON value as read from a file, every value knowing where it starts.
public struct JSONNode: Hashable, Sendable {
    public var value: JSONValue
    /// Line and column of the value's first character.
    public var position: Position

    public init(_ value: JSONValue, at position: Position = .start) {
        self.value = value
        self.position = position
    }
}

/// One `"key": value` pair of an object, in the order of the file.
public struct JSONMember: Hashable, Sendable {
    public var key: String
    public var keyPosition: Position
    public var value: JSONNode

    public init(key: String, keyPosition: Position = .start, value: JSONNode) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}

public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// The number's literal text, as written (RFC 8259 grammar, already checked).
    case number(String)
    case string(String)
    case array([JSONNode])
    /// Members in file order; the reader has already refused duplicate keys.
    case object([JSONMember])
}

extension JSONValue {
    /// How deep arrays and objects nest: 0 for a scalar, 1 for `{}` or `[1]`.
    var depth: Int {
        switch self {
        case .null, .bool, .number, .string: 0
        case .array(let elements): 1 + (elements.map(\.value.depth).max() ?? 0)
        case .object(let members): 1 + (members.map(\.value.value.depth).max() ?? 0)
        }
    }
}

/// Why a file is not strict JSON, and where.
public struct JSONError: Error, Hashable, Sendable {
    public var message: String
    public var position: Position

    public init(_ message: String, at position: Position) {
        self.message = message
        self.position = position
    }
}

/// Reads one JSON object into model values, reporting every missing, unknown or
/// mistyped key as a `schema` diagnostic at the value it is about.
///
/// Nested objects share the file's diagnostics and positions through `FileContext`,
/// and record positions under dotted key paths (`organizationRoles.1.name`).
final class FileContext {
    let path: String
    /// `schema` for entity files, `policy` for `tenancy.json`.
    let rule: RuleID
    var diagnostics: [Diagnostic] = []
    var positions: [KeyPosition] = []

    init(path: String, rule: RuleID) {
        self.path = path
        self.rule = rule
    }

    func error(_ message: String, at position: Position) {
        diagnostics.append(Diagnostic(path: path, at: position, rule: rule, message: message))
    }

    func record(_ key: String, at position: Position) {
        positions.append(KeyPosition(key: key, position: position))
    }

    func position(of key: String) -> Position? {
        positions.first { $0.key == key }?.position
    }

    var origin: Origin { Origin(path: path, positions: positions) }
    var failed: Bool { !diagnostics.isEmpty }
}

/// Reads an object with the keys of `Key`: each value is asked for by its case.
struct ObjectDecoder<Key: JSONKey> {
    let context: FileContext
    /// Prefix for positions and messages of nested objects ("limits.").
    let prefix: String
    let position: Position
    /// The allowed members, in file order: objects have a handful of keys, so looking one
    /// up from the front is cheaper than building a dictionary for each file.
    private let members: [JSONMember]

    /// Nil (with a diagnostic) when `node` is not an object; unknown keys are reported here.
    /// `allowed` (by default every key of `Key`) is sorted, as the keys of a canonical file
    /// are: each key is looked for after the last one found, so it is usually the first
    /// one compared.
    init?(_ node: JSONNode, context: FileContext, prefix: String = "", allowed: [String] = Key.names) {
        guard case .object(let list) = node.value else {
            context.error("\(ObjectDecoder.describe(prefix))expected an object, found \(node.value.typeName)", at: node.position)
            return nil
        }
        var positions: [KeyPosition] = []
        positions.reserveCapacity(list.count)
        var unknown: [Int] = []
        var next = 0
        for index in list.indices {
            let key = list[index].key
            if let found = allowed[next...].firstIndex(of: key) ?? allowed[..<next].firstIndex(of: key) {
                next = found + 1
                let path = prefix.isEmpty ? key : prefix + key
                positions.append(KeyPosition(key: path, position: list[index].value.position))
            } else {
                context.error("unknown key \"\(prefix)\(key)\"", at: list[index].keyPosition)
                unknown.append(index)
            }
        }
        if context.positions.isEmpty { context.positions = positions } else { context.positions += positions }
        self.context = context
        self.prefix = prefix
        self.position = node.position
        // Unknown keys are rare: usually the list is kept as it is, not copied.
        self.members = unknown.isEmpty ? list : list.indices.filter { !unknown.contains($0) }.map { list[$0] }
    }

    private static func describe(_ prefix: String) -> String {
        prefix.isEmpty ? "" : "\"\(prefix.dropLast())\": "
    }

    func has(_ key: Key) -> Bool { member(key.rawValue) != nil }

    private func member(_ key: String) -> JSONNode? {
        for index in members.indices where members[index].key == key { return members[index].value }
        return nil
    }

    /// The node of `key`, reporting it missing when `required`. JSON `null` counts as absent
    /// only for keys whose type allows it (see `nullableInt`).
    func node(_ key: Key, required: Bool) -> JSONNode? {
        guard let node = member(key.rawValue) else {
            if required { context.error("missing required key \"\(prefix)\(key.rawValue)\"", at: position) }
            return nil
        }
        return node
    }

    private func mistyped(_ key: String, _ node: JSONNode, expected: String) {
        context.error(
            "\"\(prefix)\(key)\" must be \(expected), found \(node.value.typeName)", at: node.position)
    }

    private func invalid(_ key: String, _ node: JSONNode, _ problem: String) {
        context.error("\"\(prefix)\(key)\" \(problem)", at: node.position)
    }

    func string(_ key: Key, required: Bool = true) -> String? {
        guard let node = node(key, required: required) else { return nil }
        guard case .string(let text) = node.value else {
            mistyped(key.rawValue, node, expected: "a string")
            return nil
        }
        return text
    }

    /// A display name (`DisplayName`): one non-empty line that prints as it reads.
    func text(_ key: Key, required: Bool = true) -> String? {
        check(key, required: required, DisplayName.problem(with:))
    }

    func name(_ key: Key, required: Bool = true) -> String? {
        check(key, required: required, Name.problem(with:))
    }

    func uuid(_ key: Key, required: Bool = true) -> String? {
        check(key, required: required) { UUIDString.isValid($0) ? nil : "must be a lowercase UUID" }
    }

    func email(_ key: Key, required: Bool = true) -> String? {
        check(key, required: required, Email.problem(with:))
    }

    func timestamp(_ key: Key, required: Bool = true) -> Timestamp? {
        guard let text = string(key, required: required) else { return nil }
        guard let timestamp = Timestamp(text) else {
            invalid(key.rawValue, node(key, required: false)!, "must be an RFC 3339 UTC timestamp like 2026-11-21T09:30:00Z")
            return nil
        }
        return timestamp
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: Key, _ type: E.Type, required: Bool = true) -> E?
    where E.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        guard let value = E(rawValue: text) else {
            let allowed = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            invalid(key.rawValue, node(key, required: false)!, "must be one of \(allowed), found \"\(text)\"")
            return nil
        }
        return value
    }

    /// A string value that must pass `problem` (which returns why it does not).
    func check(_ key: Key, required: Bool, _ problem: (String) -> String?) -> String? {
        guard let value = string(key, required: required) else { return nil }
        if let reason = problem(value) {
            invalid(key.rawValue, node(key, required: false)!, reason)
            return nil
        }
        return value
    }

    func bool(_ key: Key, required: Bool = true) -> Bool? {
        guard let node = node(key, required: required) else { return nil }
        guard case .bool(let value) = node.value else {
            mistyped(key.rawValue, node, expected: "true or false")
            return nil
        }
        return value
    }

    func int(_ key: Key, required: Bool = true, minimum: Int = 0, maximum: Int = .max) -> Int? {
        guard let node = node(key, required: required) else { return nil }
        return integer(key.rawValue, node, minimum: minimum, maximum: maximum)
    }

    /// A number from 0 to 1, in any JSON notation (`0.25`, `2.5e-1`).
    func fraction(_ key: Key) -> Double? {
        guard let node = node(key, required: false) else { return nil }
        guard case .number(let text) = node.value, let value = Double(text) else {
            mistyped(key.rawValue, node, expected: "a number")
            return nil
        }
        guard (0...1).contains(value) else {
            invalid(key.rawValue, node, "must be from 0 to 1")
            return nil
        }
        return value
    }

    /// An integer or `null` (no limit). Absent means the default, so the result is nested.
    func nullableInt(_ key: Key, minimum: Int = 0) -> Int?? {
        guard let node = node(key, required: false) else { return nil }
        if case .null = node.value { return .some(nil) }
        guard let value = integer(key.rawValue, node, minimum: minimum) else { return nil }
        return .some(value)
    }

    private func integer(_ key: String, _ node: JSONNode, minimum: Int, maximum: Int = .max) -> Int? {
        guard case .number(let text) = node.value, let value = Int(text) else {
            mistyped(key, node, expected: "a whole number")
            return nil
        }
        if value < minimum {
            invalid(key, node, "must be at least \(minimum)")
            return nil
        }
        if value > maximum {
            invalid(key, node, "must be at most \(maximum)")
            return nil
        }
        return value
    }

    /// An array of strings, each checked by `problem`, positions recorded as `key.N`.
    func strings(_ key: Key, required: Bool = true, _ problem: (String) -> String? = { _ in nil })
        -> [String]?
    {
        guard let items = array(key, required: required) else { return nil }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            let itemKey = "\(key.rawValue).\(index)"
            context.record(prefix + itemKey, at: item.position)
            guard case .string(let text) = item.value else {
                mistyped(itemKey, item, expected: "a string")
                continue
            }
            if let reason = problem(text) {
                invalid(itemKey, item, reason)
                continue
            }
            result.append(text)
        }
        return result
    }

    func array(_ key: Key, required: Bool = true) -> [JSONNode]? {
        guard let node = node(key, required: required) else { return nil }
        guard case .array(let items) = node.value else {
            mistyped(key.rawValue, node, expected: "an array")
            return nil
        }
        return items
    }

    /// A nested object with the keys of `Nested`.
    func object<Nested>(_ key: Key, _ nested: Nested.Type) -> ObjectDecoder<Nested>? {
        guard let node = node(key, required: false) else { return nil }
        return ObjectDecoder<Nested>(node, context: context, prefix: prefix + key.rawValue + ".")
    }

    /// Objects of an array, each with its own decoder (prefix `key.N.`) allowing `allowed`,
    /// by default every key of `Nested`.
    func objects<Nested>(
        _ key: Key, _ nested: Nested.Type, allowed: [String] = Nested.names
    ) -> [ObjectDecoder<Nested>]? {
        guard let items = array(key, required: false) else { return nil }
        return items.enumerated().compactMap { index, item in
            let itemPrefix = "\(prefix)\(key.rawValue).\(index)."
            return ObjectDecoder<Nested>(item, context: context, prefix: itemPrefix, allowed: allowed)
        }
    }
}

extension JSONValue {
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// The keys of one kind of JSON object of the registry, declared once as the cases of an
/// enum, in code point order (the order of a canonical file): the decoder allows exactly
/// these and reads each value by its case, the encoder writes each, and the rules point at
/// a value by its case. Adding a key to the format is adding a case.
public protocol JSONKey: RawRepresentable<String>, CaseIterable, Hashable, Sendable where AllCases == [Self] {
    /// The names of the cases in order, built once (`static let names = allNames`): the
    /// decoder's sorted list of allowed keys.
    static var names: [String] { get }
}

extension JSONKey {
    /// The names of the cases in order, for a conformance's `names`.
    public static var allNames: [String] { allCases.map(\.rawValue) }
}

/// A value written as one JSON object with the keys of `Key` (see `Format/Encoding.swift`).
public protocol KeyedJSON {
    associatedtype Key: JSONKey
    /// The value of `key`; nil leaves an optional key out.
    func value(of key: Key) -> JSONValue?
}

/// An entity file, or the policy: a keyed object that knows where its values were read.
public protocol KeyedEntity: KeyedJSON {
    var origin: Origin { get }
}

extension KeyedEntity {
    /// Where the value of `key` starts (of its element `item`, for an array), or 1:1 (the
    /// whole file) when it is absent.
    public func position(of key: Key, item: Int? = nil) -> Position {
        origin.position(of: item.map { "\(key.rawValue).\($0)" } ?? key.rawValue)
    }
}

/// One entry of a registry going through the file rules, and what they made of it: each
/// rule reads what the rules before it found and adds its own findings.
public struct CheckedFile: Sendable {
    /// The entry as the source lists it.
    public let entry: SourceEntry
    /// The entity path of an entry admitted as a file of the registry (a regular file at a
    /// path of the layout): only such an entry is read, counted and loaded.
    public internal(set) var path: EntityPath?
    /// The file's contents; nil when unread, or when it turned out not to be a regular file.
    var bytes: [UInt8]?
    /// False when the entry could not be read as a regular file.
    public internal(set) var readable = true
    /// The file's JSON, when it is strict JSON.
    var node: JSONNode?
    /// The file's value when it is valid JSON but not canonical, which `fmt` writes.
    public internal(set) var canonical: JSONValue?
    /// What the file holds, when it decodes.
    public internal(set) var entity: Entity?
    public internal(set) var diagnostics: [Diagnostic] = []

    init(_ entry: SourceEntry) {
        self.entry = entry
    }

    /// A finding about this file.
    mutating func emit(_ rule: RuleID, _ message: String, at position: Position = .start) {
        diagnostics.append(Diagnostic(path: entry.path, at: position, rule: rule, message: message))
    }
}

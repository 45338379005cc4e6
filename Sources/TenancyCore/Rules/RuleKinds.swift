/// A rule over a whole snapshot (uniqueness, references, owners, limits...).
public protocol StateRule: Rule {
    init()
    func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink)
}

/// A rule over each file of a registry, checked as the snapshot loads, on every core.
/// The file rules run in the order of `RuleRegistry.fileRules`, each reading what the
/// rules before it found (the layout rule the entity a path holds, the json rule the
/// file's JSON, the schema rule its entity) and adding its own findings; a rule whose
/// input an earlier rule could not make has nothing to say.
public protocol FileRule: Rule {
    /// Checks an entry by its path and kind, before it is read. Only an entry that some
    /// entry check admits as a file of the registry (`CheckedFile.path`) is read.
    static func check(entry file: inout CheckedFile)
    /// Checks the file once it is read.
    static func check(_ file: inout CheckedFile)
}

extension FileRule {
    /// Most rules are about contents only.
    public static func check(entry file: inout CheckedFile) {}
}

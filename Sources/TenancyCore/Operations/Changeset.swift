/// One planned change to one entity file.
public enum EntityChange: Hashable, Sendable {
    case put(EntityPath, JSONValue)
    case delete(EntityPath)

    public var path: EntityPath {
        switch self {
        case .put(let path, _), .delete(let path): path
        }
    }
}

/// What an operation plans: entity files to write and to remove. Operations only build
/// changesets; the mutation pipeline checks and writes them.
public struct Changeset: Hashable, Sendable {
    /// At most one change per path, in the order their paths were first planned.
    public private(set) var changes: [EntityChange] = []
    /// Where each path's change is in `changes`, so large renames stay linear.
    private var positions: [EntityPath: Int] = [:]

    public init(_ changes: [EntityChange] = []) {
        for change in changes { record(change) }
    }

    public var isEmpty: Bool { changes.isEmpty }

    public mutating func put(_ path: EntityPath, _ value: JSONValue) { record(.put(path, value)) }
    public mutating func put(_ entity: Entity, at path: EntityPath) { put(path, entity.json) }
    public mutating func delete(_ path: EntityPath) { record(.delete(path)) }

    /// A later change of the same path replaces the earlier one (a moved file that is
    /// then edited is written once).
    private mutating func record(_ change: EntityChange) {
        if let index = positions[change.path] {
            changes[index] = change
        } else {
            positions[change.path] = changes.count
            changes.append(change)
        }
    }

    /// The files to write, in canonical form, and to remove.
    public var fileChanges: [FileChange] {
        changes.map { change in
            switch change {
            case .put(let path, let value): .write(path: path.path, contents: CanonicalWriter.bytes(for: value))
            case .delete(let path): .remove(path: path.path)
            }
        }
    }

    /// What happens to each file, compared with the state it applies to: sorted by path,
    /// or in the order planned.
    public func summary(against base: Snapshot, sorted: Bool = true) -> [ChangeSummary] {
        let summary = changes.map { change in
            switch change {
            case .put(let path, _): ChangeSummary(base.present.contains(path) ? .changed : .created, path.path)
            case .delete(let path): ChangeSummary(.removed, path.path)
            }
        }
        return sorted ? summary.sorted { $0.path < $1.path } : summary
    }
}

/// One line of a mutation's output: `created orgs/acme/members/bob.json`.
public struct ChangeSummary: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case created, changed, removed
    }

    public var kind: Kind
    public var path: String

    public init(_ kind: Kind, _ path: String) {
        self.kind = kind
        self.path = path
    }

    public var description: String { "\(kind.rawValue) \(path)" }
}

extension Snapshot {
    /// The state after `changeset`. Written entities are decoded from their canonical
    /// bytes by the file rules, so the rules see exactly what will be on disk and point
    /// at positions in the files as they will be written.
    public func applying(_ changeset: Changeset) -> Snapshot {
        var next = self
        let touched = Set(changeset.changes.map(\.path.path))
        let completeness = LayoutRule.completeness(self)
        next.removeFileDiagnostics { touched.contains($0.path) || completeness.contains($0) }
        for change in changeset.changes {
            next.remove(change.path)
            if case .put(let path, let value) = change { next.write(value, at: path) }
        }
        next.addFileDiagnostics(LayoutRule.completeness(next))
        return next
    }

    private mutating func write(_ value: JSONValue, at path: EntityPath) {
        guard Layout.classify(path.path) == .entity(path) else {
            // An operation was given a name outside the grammar: the layout rule refuses it.
            addFileDiagnostics([Diagnostic(path: path.path, rule: LayoutRule.id, message: "not a valid registry path")])
            return
        }
        let file = RuleRegistry.check(SourceEntry(path: path.path, kind: .file)) { CanonicalWriter.bytes(for: value) }
        SnapshotLoader.absorb(file, into: &self)
    }
}

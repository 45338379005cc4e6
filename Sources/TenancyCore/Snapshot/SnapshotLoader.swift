import Foundation

/// Builds a `Snapshot` from a source, running the file rules (json, format, schema,
/// policy, key-mismatch, layout) on every file, in parallel.
public enum SnapshotLoader {
    public static func load(from source: any SnapshotSource) throws -> Snapshot {
        let assembly = Assembly()
        // Files are checked on every core as they are read, and added a group at a time:
        // one thread adds while the others go on reading, and each group takes the lock
        // once (taking it for every file made threads queue for it).
        try forEachEntry(of: source, inspect, collect: assembly.add)
        var snapshot = assembly.snapshot
        snapshot.fileDiagnostics.sort()  // files arrive in no particular order
        checkCompleteness(&snapshot)
        return snapshot
    }

    private static func forEachEntry(
        of source: any SnapshotSource,
        _ inspect: @escaping @Sendable (SourceEntry, () throws -> [UInt8]) throws -> Outcome,
        collect: @Sendable (consuming [Outcome]) -> Void
    ) throws {
        if let source = source as? any ParallelSource {
            return try source.forEachEntry(inspect, collect: collect)
        }
        try parallelForEach(groups(try source.entries())) { group in
            collect(try group.map { entry in try inspect(entry) { try source.contents(of: entry.path) } })
        }
    }

    /// What one entry contributes to the snapshot.
    private enum Outcome: Sendable {
        case ignored
        case layout(Diagnostic)
        case checked(FileCheck.Result)
    }

    /// The snapshot being built from several threads.
    private final class Assembly: @unchecked Sendable {
        private var building = Snapshot()  // guarded by `lock`
        private let lock = NSLock()

        func add(_ outcomes: consuming [Outcome]) {
            lock.withLock {
                // Popped, not iterated: each outcome is moved into the snapshot, not copied.
                while let outcome = outcomes.popLast() {
                    switch consume outcome {
                    case .ignored: break
                    case .layout(let diagnostic): building.fileDiagnostics.append(diagnostic)
                    case .checked(let result):
                        absorb(result, into: &building)
                        building.fileCount += 1
                    }
                }
            }
        }

        var snapshot: Snapshot { lock.withLock { building } }
    }

    private static func inspect(_ entry: SourceEntry, _ read: () throws -> [UInt8]) throws -> Outcome {
        switch Layout.classify(entry.path) {
        case .ignored: return .ignored
        case .stray(let reason): return .layout(Diagnostic(path: entry.path, rule: "layout", message: reason))
        case .entity(let path):
            if let problem = problem(with: entry.kind) {
                return .layout(Diagnostic(path: entry.path, rule: "layout", message: problem))
            }
            return .checked(FileCheck.check(path, file: entry.path, bytes: try readContents(read)))
        }
    }

    private static func problem(with kind: SourceEntry.Kind) -> String? {
        switch kind {
        case .file: nil
        case .symlink: "symbolic links are not allowed in the registry"
        case .special: "not a regular file"
        }
    }

    /// The file's bytes, or nil when it turned out not to be a regular file.
    private static func readContents(_ read: () throws -> [UInt8]) throws -> [UInt8]? {
        do {
            return try read()
        } catch ReadFailure.notRegular {
            return nil
        } catch ReadFailure.io(let error) {
            throw error
        }
    }

    static func absorb(_ result: consuming FileCheck.Result, into snapshot: inout Snapshot) {
        snapshot.fileDiagnostics += result.diagnostics
        if let fix = result.canonical { snapshot.canonicalFixes[result.path] = fix }
        if let entity = result.entity.take() {
            snapshot.insert(entity, at: result.path)
        } else if result.readable {
            snapshot.present.insert(result.path)
        }
    }

    /// A member, project or invitation file needs its organization's `org.json`, and a
    /// project member its `project.json`; the registry needs `tenancy.json`.
    static func checkCompleteness(_ snapshot: inout Snapshot) {
        snapshot.fileDiagnostics += completenessDiagnostics(snapshot)
    }

    static func completenessDiagnostics(_ snapshot: Snapshot) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if !snapshot.present.contains(.policy) {
            diagnostics.append(Diagnostic(
                path: "tenancy.json", rule: "layout", message: "the registry has no tenancy.json (run `tenancy init`)"))
        }
        var missing: Set<EntityPath> = []
        for path in snapshot.present {
            switch path {
            case .member(let org, _), .invitation(let org, _), .project(let org, _):
                if !snapshot.present.contains(.org(org)) { missing.insert(.org(org)) }
            case .projectMember(let org, let project, _):
                if !snapshot.present.contains(.org(org)) { missing.insert(.org(org)) }
                if !snapshot.present.contains(.project(org: org, project: project)) {
                    missing.insert(.project(org: org, project: project))
                }
            default: break
            }
        }
        for path in missing.sorted() {
            diagnostics.append(Diagnostic(
                path: path.path, rule: "layout", message: "missing \(path.path): the directory holds files but no \(path.path.split(separator: "/").last!)"))
        }
        return diagnostics
    }
}

/// The file rules applied to one file.
enum FileCheck {
    struct Result: Sendable {
        var path: EntityPath
        var file: String
        var entity: Entity?
        var diagnostics: [Diagnostic] = []
        /// The file's value when it is valid JSON but not canonical.
        var canonical: JSONValue?
        /// False when the entry could not be read as a regular file.
        var readable = true
    }

    static func check(_ path: EntityPath, file: String, bytes: [UInt8]?) -> Result {
        var result = Result(path: path, file: file)
        guard let bytes else {
            result.readable = false
            result.diagnostics.append(Diagnostic(path: file, rule: "layout", message: "not a regular file"))
            return result
        }
        let node: JSONNode
        do {
            node = try JSONReader.parse(bytes)
        } catch {
            result.diagnostics.append(Diagnostic(path: file, at: error.position, rule: "json", message: error.message))
            return result
        }
        if !CanonicalWriter.isCanonical(bytes, node: node) {
            let canonical = CanonicalWriter.bytes(for: node)
            result.canonical = node.value
            result.diagnostics.append(Diagnostic(
                path: file, at: firstDifference(bytes, canonical), rule: "format",
                message: "not in canonical form (run `tenancy fmt`)"))
        }
        let context = FileContext(path: file, rule: path == .policy ? "policy" : "schema")
        result.entity = decode(node, path, context)
        result.diagnostics += context.diagnostics
        if let entity = result.entity, let mismatch = keyMismatch(entity, path) {
            result.diagnostics.append(mismatch)
        }
        return result
    }

    static func decode(_ node: JSONNode, _ path: EntityPath, _ c: FileContext) -> Entity? {
        switch path {
        case .policy: PolicyDecoding.policy(node, c).map(Entity.policy)
        case .user: EntityDecoding.user(node, c).map(Entity.user)
        case .org: EntityDecoding.organization(node, c).map(Entity.org)
        case .member(let org, _): EntityDecoding.membership(node, c, org: org).map(Entity.member)
        case .project(let org, _): EntityDecoding.project(node, c, org: org).map(Entity.project)
        case .projectMember(let org, let project, _):
            EntityDecoding.projectMembership(node, c, org: org, project: project).map(Entity.projectMember)
        case .invitation(let org, _): EntityDecoding.invitation(node, c, org: org).map(Entity.invitation)
        }
    }

    /// The key a file repeats (`handle`, `slug`, `user`, `id`) must equal its path component.
    static func keyMismatch(_ entity: Entity, _ path: EntityPath) -> Diagnostic? {
        let (key, value, expected, origin): (String, String, String, Origin)
        switch (entity, path) {
        case (.user(let u), .user(let h)): (key, value, expected, origin) = ("handle", u.handle, h, u.origin)
        case (.org(let o), .org(let s)): (key, value, expected, origin) = ("slug", o.slug, s, o.origin)
        case (.member(let m), .member(_, let h)): (key, value, expected, origin) = ("user", m.user, h, m.origin)
        case (.project(let p), .project(_, let s)): (key, value, expected, origin) = ("slug", p.slug, s, p.origin)
        case (.projectMember(let m), .projectMember(_, _, let h)):
            (key, value, expected, origin) = ("user", m.user, h, m.origin)
        case (.invitation(let i), .invitation(_, let id)): (key, value, expected, origin) = ("id", i.id, id, i.origin)
        default: return nil
        }
        guard value != expected else { return nil }
        return Diagnostic(
            path: origin.path, at: origin.position(of: key), rule: "key-mismatch",
            message: "\"\(key)\" is \"\(value)\" but the file's path says \"\(expected)\"")
    }

    /// Line and column (in Unicode scalars) of the first byte where `a` and `b` differ.
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Position {
        var line = 1, column = 1, index = 0
        while index < min(a.count, b.count) && a[index] == b[index] {
            if a[index] == 0x0A {
                line += 1
                column = 1
            } else if a[index] & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return Position(line: line, column: column)
    }
}

extension Snapshot {
    /// The state after some files changed (`nil`: the file is gone), each checked by the
    /// file rules as the loader checks it: how `tenancy log` steps from one commit's
    /// registry to its parent's, reading only the files the commit changed. A path that
    /// names no entity holds no access, so it is skipped.
    package func replacingFiles(_ files: [(path: String, bytes: [UInt8]?)]) -> Snapshot {
        var next = self
        let touched = Set(files.map(\.path))
        next.removeFileDiagnostics { touched.contains($0.path) }
        for (path, bytes) in files {
            guard case .entity(let entityPath) = Layout.classify(path) else { continue }
            next.remove(entityPath)
            guard let bytes else { continue }
            SnapshotLoader.absorb(RuleRegistry.check(SourceEntry(path: path, kind: .file)) { bytes }, into: &next)
        }
        return next
    }
}

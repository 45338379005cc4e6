import Testing
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview

/// Every entry of a source, sorted by path, as `path kind` lines.
func listing(_ source: some SnapshotSource) throws -> [String] {
    try source.entries().map { "\($0.path) \($0.kind)" }.sorted()
}

/// A file's contents as text.
func text(_ source: some SnapshotSource, _ path: String) throws -> String {
    String(decoding: try source.contents(of: path), as: UTF8.self)
}

/// The `SourceError` `body` throws, or nil (an error of another type fails the test).
func sourceError(_ body: () throws -> Void) -> SourceError? {
    do {
        try body()
        return nil
    } catch let error as SourceError {
        return error
    } catch {
        Issue.record("unexpected error: \(error)")
        return nil
    }
}

/// A file's contents as loading reads it (on several threads, from the work tree or from
/// git), as text.
func loadedText(_ source: IndexSource, _ path: String) throws -> String {
    let found = Collected<String>()
    try source.forEachEntry(
        { entry, read in entry.path == path ? String(decoding: try read(), as: UTF8.self) : "" },
        collect: found.append)
    return found.items.joined()
}

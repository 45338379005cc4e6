import Testing
@testable import TenancyCore
@testable import TenancyFixtures
import TenancyTestSupport

/// The exports write their long lists on every core, a group at a time, without building
/// the whole document: the bytes are those of the whole value the library hands out.
struct ExportDocumentTests {
    static func snapshot() throws -> Snapshot {
        let tree = try TemporaryRegistry()
        _ = try RegistryGenerator(users: 300, orgs: 12, seed: 21).write(to: tree.registry)
        return try SnapshotLoader.load(from: tree.source)
    }

    @Test func cedarEntitiesFileIsTheEntitiesValue() throws {
        let export = CedarExport(try Self.snapshot())
        let written = try #require(export.files.first { $0.name == CedarExport.entitiesFile })
        #expect(written.bytes == CanonicalWriter.bytes(for: export.entities))
    }

    @Test func jsonDocumentIsExportJSONWithItsVersion() throws {
        let snapshot = try Self.snapshot()
        let document = OutputValue.document(snapshot.exportJSON.map { ($0, .verbatim($1)) })
        #expect(TerminalText.escapedJSON(snapshot.exportJSONDocument) == Array(document.utf8))
    }
}

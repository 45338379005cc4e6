import Testing
@testable import TenancyCore
@testable import TenancyFixtures
import TenancyTestSupport

/// What a loaded registry holds per file, which bounds `validate`'s memory.
struct SnapshotMemoryTests {
    /// Canonical files of one kind have the same key positions: the loaded entities share
    /// one copy of them (a copy per file was a quarter of a loaded registry), and each
    /// still says where its keys are.
    @Test func equalKeyPositionsAreHeldOnce() throws {
        let tree = try TemporaryRegistry()
        _ = try RegistryGenerator(users: 40, orgs: 2, seed: 1).write(to: tree.registry)
        let snapshot = try SnapshotLoader.load(from: tree.source)
        let memberships = Array(snapshot.everyMembership)
        let copies = Set(memberships.map { $0.origin.positions.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } })
        #expect(memberships.count > 60)
        #expect(copies.count <= 8, "\(copies.count) copies for \(memberships.count) memberships")
        #expect(memberships.allSatisfy { $0.position(of: .user) == Position(line: 4, column: 11) })
    }
}

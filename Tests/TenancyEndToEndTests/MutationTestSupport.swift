import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// A scratch copy of `RuleExamples.baseRegistry` and the checks every mutation test makes:
/// a change prints its files and leaves a valid registry; a refusal exits 1 and writes
/// nothing; no temporary file is left behind.
final class MutationFixture: Sendable {
    let tree: TemporaryRegistry
    /// 2026-11-23T00:00:00Z: after the base registry's entities, before its invitation expires.
    static let now = "1795392000"

    init(_ overlay: [String: String?] = [:]) throws {
        var files = RuleExamples.baseRegistry
        for (path, text) in overlay { files[path] = text }
        tree = try TemporaryRegistry(files)
    }

    func run(_ args: [String], now: String = MutationFixture.now) throws -> TenancyRun {
        try runTenancy(args, cwd: URL(fileURLWithPath: tree.path), env: ["SOURCE_DATE_EPOCH": now])
    }

    /// Runs a mutation that must succeed, print `lines` and leave a valid registry.
    @discardableResult
    func change(_ args: String..., prints lines: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> TenancyRun {
        let result = try run(args)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        if let lines { #expect(result.stdout == lines.map { $0 + "\n" }.joined(), sourceLocation: sourceLocation) }
        expectValid(sourceLocation: sourceLocation)
        return result
    }

    /// Runs a mutation that must be refused with exit 1, writing nothing; returns its output.
    @discardableResult
    func refuse(_ args: String..., saying text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> TenancyRun {
        let before = tree.tree()
        let result = try run(args)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        #expect((result.stdout + result.stderr).contains(text), "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        #expect(tree.tree() == before, "the registry changed", sourceLocation: sourceLocation)
        expectNoLeftovers(sourceLocation: sourceLocation)
        return result
    }

    func expectValid(sourceLocation: SourceLocation = #_sourceLocation) {
        let check = try? run(["validate"])
        #expect(check?.status == 0, "\(check?.stdout ?? "")", sourceLocation: sourceLocation)
        expectNoLeftovers(sourceLocation: sourceLocation)
    }

    func expectNoLeftovers(sourceLocation: SourceLocation = #_sourceLocation) {
        let leftovers = tree.privateEntries()
        #expect(leftovers.isEmpty || leftovers == [".gitignore", "lock"], "\(leftovers)", sourceLocation: sourceLocation)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: tree.registry + "/" + path) }

    func text(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: tree.registry + "/" + path) ?? Data(), as: UTF8.self)
    }

    func write(_ path: String, _ text: String) throws { try tree.write(path, text) }
}

/// Refusals that only the state rules make (owner-remains, slug-unique, ...) are tested
/// once those rules are registered; until then the pipeline has nothing to refuse with.
let stateRulesRegistered = !RuleRegistry.stateRules.isEmpty

let invitationID = "6bce7ab8-ac7e-4d3e-9abb-8fcfcfcf8b76"

import Foundation
import TenancyTestSupport
import Testing

/// A registry made from nothing with `tenancy init --preset NAME`, driven only through the
/// binary as a person at a terminal would: every step must succeed or be refused with
/// exit 1, writing nothing.
final class PresetScenario: Sendable {
    let tree: TemporaryRegistry

    init(_ preset: String) throws {
        tree = try TemporaryRegistry()
        let result = try run(["init", "--preset", preset])
        #expect(result.status == 0, "\(result.stderr)")
    }

    func run(_ args: [String]) throws -> TenancyRun {
        try runTenancy(args, cwd: URL(fileURLWithPath: tree.path), env: ["SOURCE_DATE_EPOCH": MutationFixture.now])
    }

    /// Runs a command that must exit 0 and leave a valid registry.
    @discardableResult
    func ok(_ args: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> TenancyRun {
        let result = try run(args)
        #expect(result.status == 0, "\(args): \(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        let check = try run(["validate"])
        #expect(check.status == 0, "after \(args): \(check.stdout)", sourceLocation: sourceLocation)
        return result
    }

    /// Runs a command that must exit 1 saying `text`, leaving every file as it was.
    func refuse(_ args: String..., saying text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = tree.tree()
        let result = try run(args)
        #expect(result.status == 1, "\(args): \(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        #expect((result.stdout + result.stderr).contains(text), "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        #expect(tree.tree() == before, "\(args) changed the registry", sourceLocation: sourceLocation)
    }

    /// `user add HANDLE --email HANDLE@example.com` for each handle.
    func users(_ handles: String...) throws {
        for handle in handles { try ok("user", "add", handle, "--email", "\(handle)@example.com") }
    }

    /// The id of the pending invitation to `email` in `org`.
    func invitation(_ org: String, to email: String) throws -> String {
        let directory = tree.registry + "/orgs/\(org)/invitations"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        let name = try #require(names.first { text("orgs/\(org)/invitations/\($0)").contains("\"email\": \"\(email)\"") })
        return String(name.dropLast(".json".count))
    }

    /// `invite` by `inviter` as themselves, then `invitation accept` by the invitee.
    func inviteAndAccept(_ org: String, _ user: String, role: String, by inviter: String) throws {
        try ok("invite", org, "\(user)@example.com", "--role", role, "--inviter", inviter, "--as", inviter)
        let id = try invitation(org, to: "\(user)@example.com")
        try ok("invitation", "accept", org, id, "--user", user, "--as", user)
    }

    func text(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: tree.registry + "/" + path) ?? Data(), as: UTF8.self)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: tree.registry + "/" + path) }

    /// Replaces `old` by `new` in `tenancy.json`, both canonical JSON text.
    func editPolicy(_ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let policy = text("tenancy.json")
        #expect(policy.contains(old), "tenancy.json has no \(old)", sourceLocation: sourceLocation)
        try tree.write("tenancy.json", policy.replacingOccurrences(of: old, with: new))
    }

    /// `tenancy can` answers yes (exit 0) or no (exit 1).
    func can(_ user: String, _ permission: String, _ place: String) throws -> Bool {
        try run(["can", user, permission, place]).status == 0
    }
}

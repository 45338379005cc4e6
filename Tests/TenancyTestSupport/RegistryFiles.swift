import Tenancy

/// Canonical entity files for test registries built on `RuleExamples.baseRegistry`
/// (users alice and bob with personal orgs; team org acme: alice owner, bob member;
/// project web with bob; one pending invitation).
public enum RegistryFiles {
    public static let base = RuleExamples.baseRegistry
    public static let acmeID = "4fac5e96-8a5c-4b1c-9e99-6dadadad6f54"
    public static let invitationID = "6bce7ab8-ac7e-4d3e-9abb-8fcfcfcf8b76"
    public static let invitationPath = "orgs/acme/invitations/\(invitationID).json"

    /// The base registry with `overlay` applied: a nil value removes the file.
    public static func registry(_ overlay: [String: String?]) -> [String: String] {
        var files = base
        for (path, contents) in overlay { files[path] = contents }
        return files
    }

    public static func user(_ handle: String, id: String, siteAdmin: Bool = false) -> String {
        """
        {
          "createdAt": "2026-11-21T09:30:00Z",
          "email": "\(handle)@example.com",
          "handle": "\(handle)",
          "id": "\(id)",
          "name": "\(handle)"\(siteAdmin ? ",\n  \"siteAdmin\": true" : "")
        }

        """
    }

    public static func member(_ handle: String, _ role: String, createdAt: String = "2026-11-21T09:30:00Z") -> String {
        """
        {
          "createdAt": "\(createdAt)",
          "role": "\(role)",
          "user": "\(handle)"
        }

        """
    }

    public static func org(
        _ slug: String, id: String, kind: String = "team", personalOf: String? = nil,
        previousSlugs: [String] = []
    ) -> String {
        let personal = personalOf.map { "  \"personalOf\": \"\($0)\",\n" } ?? ""
        let previous = previousSlugs.isEmpty ? "" : "  \"previousSlugs\": [\n" + previousSlugs.map { "    \"\($0)\"" }.joined(separator: ",\n") + "\n  ],\n"
        return """
            {
              "createdAt": "2026-11-21T09:30:00Z",
              "id": "\(id)",
              "kind": "\(kind)",
              "name": "\(slug)",
            \(personal)\(previous)  "slug": "\(slug)"
            }

            """
    }

    public static func invitation(status: String, acceptedBy: String? = nil) -> String {
        let accepted = acceptedBy.map { "  \"acceptedBy\": \"\($0)\",\n" } ?? ""
        let responded = status == "pending" ? "" : "  \"respondedAt\": \"2026-11-22T09:30:00Z\",\n"
        return """
            {
            \(accepted)  "createdAt": "2026-11-21T09:30:00Z",
              "email": "carol@example.com",
              "expiresAt": "2026-11-28T09:30:00Z",
              "id": "\(invitationID)",
              "inviter": "alice",
            \(responded)  "role": "member",
              "status": "\(status)"
            }

            """
    }
}

extension TemporaryGitRepository {
    /// Replaces the work tree's `registry/` with `files` (paths relative to it).
    public func writeRegistry(_ files: [String: String]) throws {
        try? remove("registry")
        for (path, contents) in files { try write("registry/" + path, contents) }
    }

    /// Writes `files` as the registry, stages everything and commits; returns the commit.
    @discardableResult
    public func commitRegistry(_ files: [String: String], _ message: String = "registry") throws -> String {
        try writeRegistry(files)
        try stageAll()
        return try commit(message)
    }
}

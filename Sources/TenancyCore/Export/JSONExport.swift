extension Snapshot {
    /// The whole registry as one JSON document (docs/EXPORT.md): the policy, the users, and
    /// the organizations, each with its members, projects (with their members) and
    /// invitations. Every entity is the JSON of its file; the lists are sorted by name. These
    /// are the members of the document; `tenancy export json` adds its `version` (docs/JSON.md).
    public var exportJSON: KeyValuePairs<String, JSONValue> {
        [
            "format": .int(1),
            "organizations": .array(orgSlugs.compactMap { orgs[$0] }.map { JSONNode(exportJSON(of: $0)) }),
            "policy": policy.json,
            "users": .array(userHandles.compactMap { users[$0] }.map { JSONNode($0.json) }),
        ]
    }

    /// The document `tenancy export json` prints: `exportJSON` and `version`, as
    /// `CanonicalWriter` writes it, the lists written on every core without building them whole.
    package var exportJSONDocument: [UInt8] {
        let orgs = orgSlugs.compactMap { self.orgs[$0] }, users = userHandles.compactMap { self.users[$0] }
        return CanonicalWriter.bytes(forObjectWritten: [
            ("format", CanonicalWriter.written(.int(1), indent: 2)),
            ("organizations", CanonicalWriter.written(arrayOf: orgs, indent: 2) { exportJSON(of: $0) }),
            ("policy", CanonicalWriter.written(policy.json, indent: 2)),
            ("users", CanonicalWriter.written(arrayOf: users, indent: 2) { $0.json }),
            ("version", CanonicalWriter.written(.int(OutputValue.formatVersion), indent: 2)),
        ])
    }

    /// An organization's file with `members`, `projects` and `invitations` added.
    private func exportJSON(of org: Organization) -> JSONValue {
        let projects = projects(in: org.slug).map { project in
            let members = projectMemberships(in: ProjectKey(org: org.slug, project: project.slug))
            return JSONNode(project.json.adding(["members": .array(members.map { JSONNode($0.json) })]))
        }
        return org.json.adding([
            "invitations": .array(invitations(in: org.slug).map { JSONNode($0.json) }),
            "members": .array(memberships(in: org.slug).map { JSONNode($0.json) }),
            "projects": .array(projects),
        ])
    }
}

extension JSONValue {
    /// This object with `pairs` added (keys its file never has).
    fileprivate func adding(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members + pairs.map { JSONMember(key: $0.key, value: JSONNode($0.value)) })
    }
}

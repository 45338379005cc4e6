/// Model values back to JSON, for the files the tool writes (always canonical).
extension JSONValue {
    /// An object from key-value pairs; `nil` values (absent optional keys) are left out.
    static func object(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(pairs.compactMap { key, value in
            value.map { JSONMember(key: key, value: JSONNode($0)) }
        })
    }

    static func strings(_ items: [String]) -> JSONValue { .array(items.map { JSONNode(.string($0)) }) }
    static func int(_ value: Int) -> JSONValue { .number(String(value)) }
    static func nullableInt(_ value: Int?) -> JSONValue { value.map(int) ?? .null }
    static func timestamp(_ value: Timestamp) -> JSONValue { .string(value.description) }
}

extension Policy {
    /// The whole policy with every key spelled out, as `tenancy init` writes it.
    public var json: JSONValue {
        .object([
            "assignments": .array(assignments.map { a in
                JSONNode(.object(["name": .string(a.name), "permissions": .strings(a.permissions), "required": a.required ? .bool(true) : nil]))
            }),
            "format": .int(format),
            "invitations": .object([
                "expiresAfterDays": .int(invitations.expiresAfterDays),
                "maxPendingPerOrganization": .nullableInt(invitations.maxPendingPerOrganization),
            ]),
            "limits": .object([
                "membersPerOrganization": .nullableInt(limits.membersPerOrganization),
                "minOwnersPerOrganization": .int(limits.minOwnersPerOrganization),
                "organizationsPerUser": .nullableInt(limits.organizationsPerUser),
            ]),
            "organizationRoles": Self.roles(organizationRoles),
            "personalOrganizations": .object([
                "allowMembers": .bool(personalOrganizations.allowMembers),
                "convertible": .bool(personalOrganizations.convertible),
                "deletable": .bool(personalOrganizations.deletable),
                "required": .bool(personalOrganizations.required),
            ]),
            "projectRoles": Self.roles(projectRoles),
            "reservedSlugs": .strings(reservedSlugs),
            "tests": .array(tests.map { t in
                JSONNode(.object([
                    "can": .strings(t.can), "cannot": .strings(t.cannot), "org": .string(t.org),
                    "project": t.project.map(JSONValue.string), "user": .string(t.user),
                ]))
            }),
            "usersMayCreateOrganizations": .bool(usersMayCreateOrganizations),
        ])
    }

    private static func roles(_ roles: [Role]) -> JSONValue {
        .array(roles.map { r in
            JSONNode(.object(["name": .string(r.name), "owner": r.owner ? .bool(true) : nil, "permissions": .strings(r.permissions)]))
        })
    }
}

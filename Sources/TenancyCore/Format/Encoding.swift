/// Model values back to JSON, for the files the tool writes (always canonical).
extension JSONValue {
    /// An object from key-value pairs; `nil` values (absent optional keys) are left out.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(pairs.compactMap { key, value in
            value.map { JSONMember(key: key, value: JSONNode($0)) }
        })
    }

    static func strings(_ items: [String]) -> JSONValue { .array(items.map { JSONNode(.string($0)) }) }
    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }
    static func nullableInt(_ value: Int?) -> JSONValue { value.map(int) ?? .null }
    public static func timestamp(_ value: Timestamp) -> JSONValue { .string(value.description) }
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

extension User {
    public var json: JSONValue {
        .object([
            "createdAt": .timestamp(createdAt), "email": .string(email), "handle": .string(handle),
            "id": .string(id), "name": .string(name), "siteAdmin": siteAdmin.map(JSONValue.bool),
        ])
    }
}

extension Organization {
    public var json: JSONValue {
        .object([
            "createdAt": .timestamp(createdAt), "id": .string(id), "kind": .string(kind.rawValue),
            "logo": logo.map(JSONValue.string), "metadata": metadata, "name": .string(name),
            "personalOf": personalOf.map(JSONValue.string),
            "previousSlugs": previousSlugs.isEmpty ? nil : .strings(previousSlugs), "slug": .string(slug),
        ])
    }
}

extension Membership {
    public var json: JSONValue {
        .object([
            "assignments": assignments.isEmpty ? nil : .strings(assignments), "createdAt": .timestamp(createdAt),
            "role": .string(role), "updatedAt": updatedAt.map(JSONValue.timestamp), "user": .string(user),
        ])
    }
}

extension Project {
    public var json: JSONValue {
        .object(["createdAt": .timestamp(createdAt), "id": .string(id), "name": .string(name), "slug": .string(slug)])
    }
}

extension ProjectMembership {
    public var json: JSONValue {
        .object([
            "createdAt": .timestamp(createdAt), "role": .string(role),
            "updatedAt": updatedAt.map(JSONValue.timestamp), "user": .string(user),
        ])
    }
}

extension Invitation {
    public var json: JSONValue {
        .object([
            "acceptedBy": acceptedBy.map(JSONValue.string), "createdAt": .timestamp(createdAt),
            "email": .string(email), "expiresAt": .timestamp(expiresAt), "id": .string(id),
            "inviter": .string(inviter), "project": project.map(JSONValue.string),
            "projectRole": projectRole.map(JSONValue.string), "respondedAt": respondedAt.map(JSONValue.timestamp),
            "role": .string(role), "status": .string(status.rawValue),
        ])
    }
}

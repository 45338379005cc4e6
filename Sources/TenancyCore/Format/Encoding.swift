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
    static func objects(_ items: [some KeyedJSON]) -> JSONValue { .array(items.map { JSONNode($0.json) }) }
}

extension KeyedJSON {
    /// The object with the value of every key of `Key` that has one.
    public var json: JSONValue {
        .object(Key.allCases.compactMap { key in
            value(of: key).map { JSONMember(key: key.rawValue, value: JSONNode($0)) }
        })
    }
}

/// The policy: every key spelled out, as `tenancy init` writes it.
extension Policy {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        case .assignments: .objects(assignments)
        case .format: .int(format)
        case .ignore: .strings(ignore)
        case .invitations: invitations.json
        case .limits: limits.json
        case .organizationRoles: .objects(organizationRoles)
        case .personalOrganizations: personalOrganizations.json
        case .projectRoles: .objects(projectRoles)
        case .reservedSlugs: .strings(reservedSlugs.map(\.rawValue))
        case .review: review.json
        case .tests: .objects(tests)
        case .usersMayCreateOrganizations: .bool(usersMayCreateOrganizations)
        }
    }
}

extension Policy.Role {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        case .name: .string(name.rawValue)
        case .owner: owner ? .bool(true) : nil
        case .permissions: .strings(permissions)
        }
    }
}

extension Policy.Assignment {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        case .name: .string(name)
        case .permissions: .strings(permissions)
        case .required: required ? .bool(true) : nil
        }
    }
}

extension Policy.Invitations {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        case .expiresAfterDays: .int(expiresAfterDays)
        case .maxPendingPerOrganization: .nullableInt(maxPendingPerOrganization)
        }
    }
}

extension Policy.Limits {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        case .membersPerOrganization: .nullableInt(membersPerOrganization)
        case .minOwnersPerOrganization: .int(minOwnersPerOrganization)
        case .organizationsPerUser: .nullableInt(organizationsPerUser)
        }
    }
}

extension Policy.Review {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        case .approvalPermission: .string(approvalPermission.rawValue)
        case .massRemoval: massRemoval?.json ?? .null
        }
    }
}

extension Policy.MassRemoval {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        // Swift writes a Double in the shortest form that reads back as it: 0.25.
        case .maxFraction: .number(String(maxFraction))
        case .minRemoved: .int(minRemoved)
        }
    }
}

extension Policy.PersonalOrganizations {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        case .allowMembers: .bool(allowMembers)
        case .convertible: .bool(convertible)
        case .deletable: .bool(deletable)
        case .required: .bool(required)
        }
    }
}

extension Policy.AccessTest {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        case .can: .strings(can)
        case .cannot: .strings(cannot)
        case .org: .string(org.rawValue)
        case .project: project.map { .string($0.rawValue) }
        case .user: .string(user.rawValue)
        }
    }
}

extension User {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        case .createdAt: .timestamp(createdAt)
        case .email: .string(email)
        case .handle: .string(handle.rawValue)
        case .id: .string(id)
        case .logins: logins.isEmpty ? nil : .object(logins.sorted { $0.key < $1.key }.map { JSONMember(key: $0.key.rawValue, value: JSONNode(.string($0.value))) })
        case .name: .string(name)
        case .siteAdmin: siteAdmin.map(JSONValue.bool)
        }
    }
}

extension Organization {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        case .createdAt: .timestamp(createdAt)
        case .id: .string(id)
        case .kind: .string(kind.rawValue)
        case .logo: logo.map(JSONValue.string)
        case .metadata: metadata
        case .name: .string(name)
        case .personalOf: personalOf.map { .string($0.rawValue) }
        case .previousSlugs: previousSlugs.isEmpty ? nil : .strings(previousSlugs.map(\.rawValue))
        case .slug: .string(slug.rawValue)
        }
    }
}

extension Membership {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        case .assignments: assignments.isEmpty ? nil : .strings(assignments)
        case .createdAt: .timestamp(createdAt)
        case .role: .string(role.rawValue)
        case .updatedAt: updatedAt.map(JSONValue.timestamp)
        case .user: .string(user.rawValue)
        }
    }
}

extension Project {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        case .createdAt: .timestamp(createdAt)
        case .id: .string(id)
        case .name: .string(name)
        case .slug: .string(slug.rawValue)
        }
    }
}

extension ProjectMembership {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        case .createdAt: .timestamp(createdAt)
        case .role: .string(role.rawValue)
        case .updatedAt: updatedAt.map(JSONValue.timestamp)
        case .user: .string(user.rawValue)
        }
    }
}

extension Invitation {
    public func value(of key: Key) -> JSONValue? {
        switch key {
        case .acceptedBy: acceptedBy.map { .string($0.rawValue) }
        case .createdAt: .timestamp(createdAt)
        case .email: .string(email)
        case .expiresAt: .timestamp(expiresAt)
        case .id: .string(id)
        case .inviter: .string(inviter.rawValue)
        case .project: project.map { .string($0.rawValue) }
        case .projectRole: projectRole.map { .string($0.rawValue) }
        case .respondedAt: respondedAt.map(JSONValue.timestamp)
        case .role: .string(role.rawValue)
        case .status: .string(status.rawValue)
        }
    }
}

/// `tenancy.cedarschema.json`: the entity types and actions of namespace `Tenancy`, in
/// Cedar's JSON schema format. The records of role and assignment holders have one
/// attribute per role or assignment the policy defines, so the validator checks every
/// name a policy reads.
struct CedarSchema {
    let policy: Policy
    let actions: CedarActions

    var json: JSONValue {
        .members([
            (CedarExport.namespace, .object(["actions": actionTypes, "entityTypes": entityTypes]))
        ])
    }

    private var entityTypes: JSONValue {
        let user = Self.record([
            ("id", Self.string), ("handle", Self.string), ("name", Self.string), ("email", Self.string),
            ("siteAdmin", .object(["type": .string("Boolean")])),
        ])
        let organization = Self.record([
            ("id", Self.string), ("slug", Self.string), ("name", Self.string), ("kind", Self.string),
            ("roles", Self.holders(policy.organizationRoles.map(\.name.rawValue))),
            ("assignments", Self.holders(policy.assignments.map(\.name))),
        ])
        let project = Self.record([
            ("id", Self.string), ("slug", Self.string), ("name", Self.string),
            ("organization", .object(["name": .string("Organization"), "type": .string("Entity")])),
            ("roles", Self.holders(policy.projectRoles.map(\.name.rawValue))),
        ])
        return .object([
            "Organization": .object(["shape": organization]),
            "Project": .object(["memberOfTypes": .strings(["Organization"]), "shape": project]),
            "User": .object(["shape": user]),
        ])
    }

    /// Every permission applies to a user on an organization or a project.
    private var actionTypes: JSONValue {
        let appliesTo: JSONValue = .object([
            "principalTypes": .strings(["User"]), "resourceTypes": .strings(["Organization", "Project"]),
        ])
        return .members(actions.groups.map { group in
            let memberOf = JSONValue.array(group.memberOf.map { JSONNode(.object(["id": .string($0)])) })
            return (group.action, .object(["appliesTo": appliesTo, "memberOf": memberOf]))
        })
    }

    private static let string: JSONValue = .object(["type": .string("String")])

    private static func record(_ attributes: [(String, JSONValue)]) -> JSONValue {
        .object(["attributes": .members(attributes), "type": .string("Record")])
    }

    /// A record with, for each name, the set of users who hold it.
    private static func holders(_ names: [String]) -> JSONValue {
        let users: JSONValue = .object([
            "element": .object(["name": .string("User"), "type": .string("Entity")]), "type": .string("Set"),
        ])
        return record(names.map { ($0, users) })
    }
}

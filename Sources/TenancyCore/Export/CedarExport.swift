/// The registry as Cedar (docs/EXPORT.md): a schema, policies derived from the policy of
/// `tenancy.json`, and the entities, so that a Cedar engine decides every question
/// `tenancy can` answers, and answers it the same way.
///
/// A request is principal `Tenancy::User::"<handle>"`, action
/// `Tenancy::Action::"<permission>"`, resource `Tenancy::Organization::"<slug>"` or
/// `Tenancy::Project::"<org>/<project>"`, with an empty context. Who holds a role is data
/// (each organization and project lists the users of each role and assignment), what a
/// role grants is policy (one `permit` per role or assignment), and a `resource:*`
/// wildcard is an action group holding every permission it matches.
public struct CedarExport: Sendable {
    public static let namespace = "Tenancy"
    public static let schemaFile = "tenancy.cedarschema.json"
    public static let policiesFile = "policies.cedar"
    public static let entitiesFile = "entities.json"

    /// The JSON schema format.
    public let schema: JSONValue
    /// Cedar policy text.
    public let policies: String
    /// The three files, by name, as they are written.
    public let files: [(name: String, bytes: [UInt8])]
    private let entityList: CedarEntities

    /// Builds the files, the entities on every core (most of the export's time).
    public init(_ snapshot: Snapshot) {
        let actions = CedarActions(snapshot.policy)
        schema = CedarSchema(policy: snapshot.policy, actions: actions).json
        policies = CedarPolicies(snapshot.policy).text
        entityList = CedarEntities(snapshot: snapshot, actions: actions)
        files = [
            (Self.schemaFile, CanonicalWriter.bytes(for: schema)),
            (Self.policiesFile, Array(policies.utf8)),
            (Self.entitiesFile, entityList.bytes),
        ]
    }

    /// The entities file: every user, organization, project and action. Built when
    /// asked for: `files` holds it written.
    public var entities: JSONValue { entityList.json }

    /// `Tenancy::User`, the name of an entity type in the entities file.
    static func qualified(_ type: String) -> String { "\(namespace)::\(type)" }
}

/// The actions: every permission the tool or the policy names, each a member of the
/// `resource:*` wildcards that match it (so that `action in Tenancy::Action::"member:*"`
/// holds for `member:add`, as the pattern `member:*` grants it). `*` is no group: a role
/// that grants it is a policy on every action.
struct CedarActions: Sendable {
    /// Each permission, sorted, with the wildcards it is a member of.
    let groups: [(action: String, memberOf: [String])]

    init(_ policy: Policy) {
        let permissions = policy.namedPermissions
        let wildcards = permissions.filter { $0 != .all && $0.rawValue.hasSuffix(":*") }
        groups = permissions.map { permission in
            (permission.rawValue, wildcards.filter { $0 != permission && $0.matches(permission) }.map(\.rawValue))
        }
    }
}

/// Helpers for the JSON of the schema and the entities.
extension JSONValue {
    /// An object whose keys are data (role names), in the order given.
    static func members(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(pairs.map { JSONMember(key: $0.0, value: JSONNode($0.1)) })
    }

    /// A reference to an entity in an attribute of another.
    static func entity(_ type: String, _ id: String) -> JSONValue {
        .object(["__entity": .uid(type, id)])
    }

    /// An entity's uid: `{"type": "Tenancy::User", "id": "alice"}`.
    static func uid(_ type: String, _ id: String) -> JSONValue {
        .object(["id": .string(id), "type": .string(CedarExport.qualified(type))])
    }
}

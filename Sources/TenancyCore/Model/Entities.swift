/// Where an entity was read from, and where each of its values starts, so a rule can
/// point a diagnostic at the value it is about.
public struct Origin: Hashable, Sendable {
    /// Path relative to the registry root.
    public var path: String
    /// Value positions by key path (`"role"`, `"assignments.1"`, `"metadata"`) in file
    /// order: a handful per entity, so a list searched from the front costs less to build
    /// and to look in than a dictionary, of which the registry would hold hundreds of thousands.
    var positions: [KeyPosition]

    public init(path: String) {
        self.init(path: path, positions: [])
    }

    init(path: String, positions: [KeyPosition]) {
        self.path = path
        self.positions = positions
    }

    /// The position of `key`'s value, or 1:1 when the key is absent.
    public func position(of key: String) -> Position {
        positions.first { $0.key == key }?.position ?? .start
    }
}

/// Where the value of one key path starts.
struct KeyPosition: Hashable, Sendable {
    var key: String
    var position: Position
}

public struct User: Hashable, Sendable, KeyedEntity {
    /// The keys of `users/<handle>.json`.
    public enum Key: String, JSONKey {
        case createdAt, email, handle, id, logins, name, siteAdmin
        public static let names = allNames
    }

    public var handle: Handle
    public var id: String
    public var email: String
    public var name: String
    public var createdAt: Timestamp
    public var siteAdmin: Bool?
    /// The user's account on each forge they are known by (`login-unique`: one user per
    /// login and forge).
    public var logins: [Forge: String] = [:]
    public var origin: Origin

    /// Whether `login` is this user's account on `forge` (compared as the forge does,
    /// without regard to case).
    public func hasLogin(_ login: String, on forge: Forge) -> Bool {
        logins[forge].map { Forge.sameLogin($0, login) } ?? false
    }
}

public struct Organization: Hashable, Sendable, KeyedEntity {
    /// The keys of `orgs/<slug>/org.json`.
    public enum Key: String, JSONKey {
        case createdAt, id, kind, logo, metadata, name, personalOf, previousSlugs, slug
        public static let names = allNames
    }

    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case team, personal
    }

    public var slug: Slug
    public var id: String
    public var name: String
    public var kind: Kind
    public var createdAt: Timestamp
    public var personalOf: Handle?
    public var previousSlugs: [Slug]
    public var logo: String?
    public var metadata: JSONValue?
    public var origin: Origin
}

/// A user's membership of an organization: `orgs/<org>/members/<handle>.json`.
public struct Membership: Hashable, Sendable, KeyedEntity {
    /// The keys of a membership file.
    public enum Key: String, JSONKey {
        case assignments, createdAt, role, updatedAt, user
        public static let names = allNames
    }

    public var org: Slug
    public var user: Handle
    /// What the file says, any text: the `role-defined` rule judges it.
    public var role: RoleName
    public var assignments: [String]
    public var createdAt: Timestamp
    public var updatedAt: Timestamp?
    public var origin: Origin
}

public struct Project: Hashable, Sendable, KeyedEntity {
    /// The keys of `orgs/<org>/projects/<slug>/project.json`.
    public enum Key: String, JSONKey {
        case createdAt, id, name, slug
        public static let names = allNames
    }

    public var org: Slug
    public var slug: Slug
    public var id: String
    public var name: String
    public var createdAt: Timestamp
    public var origin: Origin
}

/// `orgs/<org>/projects/<project>/members/<handle>.json`.
public struct ProjectMembership: Hashable, Sendable, KeyedEntity {
    /// The keys of a project membership file.
    public enum Key: String, JSONKey {
        case createdAt, role, updatedAt, user
        public static let names = allNames
    }

    public var org: Slug
    public var project: Slug
    public var user: Handle
    /// What the file says, any text: the `role-defined` rule judges it.
    public var role: RoleName
    public var createdAt: Timestamp
    public var updatedAt: Timestamp?
    public var origin: Origin
}

public struct Invitation: Hashable, Sendable, KeyedEntity {
    /// The keys of `orgs/<org>/invitations/<id>.json`.
    public enum Key: String, JSONKey {
        case acceptedBy, createdAt, email, expiresAt, id, inviter, project, projectRole, respondedAt, role,
            status
        public static let names = allNames
    }

    public enum Status: String, Hashable, Sendable, CaseIterable {
        case pending, accepted, declined, revoked
    }

    public var org: Slug
    public var id: String
    public var email: String
    /// What the file says, any text, as `projectRole`: the `role-defined` rule judges both.
    public var role: RoleName
    public var inviter: Handle
    public var status: Status
    public var createdAt: Timestamp
    public var expiresAt: Timestamp
    public var project: Slug?
    public var projectRole: RoleName?
    public var respondedAt: Timestamp?
    public var acceptedBy: Handle?
    public var origin: Origin

    /// Pending and past `expiresAt`: derived, never stored.
    public func isExpired(at now: Timestamp) -> Bool {
        status == .pending && expiresAt <= now
    }
}

extension Array<KeyPosition> {
    /// Replaces this array by an equal one of `shared`, or adds it there, so that equal
    /// positions are held once (see `SnapshotLoader`).
    mutating func share(in shared: inout Set<[KeyPosition]>) {
        let (inserted, member) = shared.insert(self)
        if !inserted { self = member }
    }
}

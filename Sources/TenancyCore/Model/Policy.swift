/// `tenancy.json`: roles, permissions, limits (docs/FORMAT.md). Every key but `format` is
/// optional; `Policy.default` holds the defaults.
public struct Policy: Hashable, Sendable, KeyedEntity {
    /// The keys of `tenancy.json`.
    public enum Key: String, JSONKey {
        case assignments, format, ignore, invitations, limits, organizationRoles, personalOrganizations,
            projectRoles, reservedSlugs, review, tests, usersMayCreateOrganizations
        public static let names = allNames
    }

    public struct Role: Hashable, Sendable, KeyedJSON {
        /// The keys of a role; `owner` is for organization roles only.
        public enum Key: String, JSONKey {
            case name, owner, permissions
            public static let names = allNames
        }

        public var name: RoleName
        public var owner: Bool
        public var permissions: [String]

        public init(name: RoleName, owner: Bool = false, permissions: [String]) {
            self.name = name
            self.owner = owner
            self.permissions = permissions
        }
    }

    public struct Assignment: Hashable, Sendable, KeyedJSON {
        /// The keys of an assignment.
        public enum Key: String, JSONKey {
            case name, permissions, required
            public static let names = allNames
        }

        public var name: String
        public var permissions: [String]
        public var required: Bool

        public init(name: String, permissions: [String], required: Bool = false) {
            self.name = name
            self.permissions = permissions
            self.required = required
        }
    }

    public struct Invitations: Hashable, Sendable, KeyedJSON {
        /// The keys of `invitations`.
        public enum Key: String, JSONKey {
            case expiresAfterDays, maxPendingPerOrganization
            public static let names = allNames
        }

        public var expiresAfterDays: Int = 7
        public var maxPendingPerOrganization: Int? = 100
        /// The longest an invitation may stay pending, in days: ten years keeps every
        /// expiry a four-digit year and far from any overflow.
        public static let longestDays: Int64 = 3650
    }

    public struct Limits: Hashable, Sendable, KeyedJSON {
        /// The keys of `limits`.
        public enum Key: String, JSONKey {
            case membersPerOrganization, minOwnersPerOrganization, organizationsPerUser
            public static let names = allNames
        }

        public var membersPerOrganization: Int?
        public var minOwnersPerOrganization: Int = 1
        public var organizationsPerUser: Int?
    }

    public struct PersonalOrganizations: Hashable, Sendable, KeyedJSON {
        /// The keys of `personalOrganizations`.
        public enum Key: String, JSONKey {
            case allowMembers, convertible, deletable, required
            public static let names = allNames
        }

        public var allowMembers = false
        public var convertible = true
        public var required = true
        /// Whether a personal organization may be deleted on its own (not with its user).
        public var deletable = true
    }

    /// How changes are reviewed: who approves them (`tenancy codeowners`) and what counts
    /// as a mass removal (`tenancy diff`).
    public struct Review: Hashable, Sendable, KeyedJSON {
        /// The keys of `review`.
        public enum Key: String, JSONKey {
            case approvalPermission, massRemoval
            public static let names = allNames
        }

        /// The permission a member needs in an organization to own its directory in
        /// CODEOWNERS, and so to approve changes to it.
        public var approvalPermission = Permission(unchecked: "member:update")
        /// nil: no change is a mass removal.
        public var massRemoval: MassRemoval? = MassRemoval()
    }

    /// A change is a mass removal when it removes more than `maxFraction` of an
    /// organization's members and at least `minRemoved` of them: removing 1 of 3 is a
    /// small team's everyday change, removing 30 of 100 is more often a bad merge.
    public struct MassRemoval: Hashable, Sendable, KeyedJSON {
        /// The keys of `review.massRemoval`.
        public enum Key: String, JSONKey {
            case maxFraction, minRemoved
            public static let names = allNames
        }

        public var maxFraction = 0.25
        public var minRemoved = 3

        public init(maxFraction: Double = 0.25, minRemoved: Int = 3) {
            self.maxFraction = maxFraction
            self.minRemoved = minRemoved
        }

        /// Whether removing `removed` of `before` members is a mass removal.
        public func isMassRemoval(removed: Int, of before: Int) -> Bool {
            removed >= minRemoved && Double(removed) > Double(before) * maxFraction
        }
    }

    /// An access assertion checked by `validate` (the `access-test` rule).
    public struct AccessTest: Hashable, Sendable, KeyedJSON {
        /// The keys of an access test.
        public enum Key: String, JSONKey {
            case can, cannot, org, project, user
            public static let names = allNames
        }

        public var user: Handle
        public var org: Slug
        public var project: Slug?
        public var can: [String]
        public var cannot: [String]
        /// Position of the test in `tenancy.json`.
        public var position: Position
    }

    public var format = 1
    public var assignments: [Assignment] = []
    /// Root-level entries that are not part of the registry (`IgnoredEntries`).
    public var ignore: [String] = []
    public var invitations = Invitations()
    public var limits = Limits()
    /// Highest first: the order is the rank.
    public var organizationRoles: [Role] = Policy.defaultOrganizationRoles
    public var personalOrganizations = PersonalOrganizations()
    public var projectRoles: [Role] = Policy.defaultProjectRoles
    public var reservedSlugs: [Slug] = ["admin", "api", "new", "settings"].map(Slug.init(unchecked:))
    public var review = Review()
    public var tests: [AccessTest] = []
    public var usersMayCreateOrganizations = true
    public var origin = Origin(path: "tenancy.json")

    public init() {}

    public static let `default` = Policy()

    static let defaultOrganizationRoles: [Role] = [
        Role(name: RoleName(unchecked: "owner"), owner: true, permissions: ["*"]),
        Role(
            name: RoleName(unchecked: "admin"),
            permissions: [
                "org:read", "org:update", "member:add", "member:remove", "member:update",
                "invitation:create", "invitation:revoke", "project:create", "project:read",
                "project:update", "project:delete", "project:members",
            ]),
        Role(name: RoleName(unchecked: "member"), permissions: ["org:read", "project:read"]),
        Role(name: RoleName(unchecked: "guest"), permissions: []),
    ]

    static let defaultProjectRoles: [Role] = [
        Role(name: RoleName(unchecked: "admin"), permissions: ["project:read", "project:update", "project:members"]),
        Role(name: RoleName(unchecked: "member"), permissions: ["project:read"]),
    ]

    public func organizationRole(_ name: RoleName) -> Role? {
        organizationRoles.first { $0.name == name }
    }

    public func projectRole(_ name: RoleName) -> Role? {
        projectRoles.first { $0.name == name }
    }

    public func assignment(_ name: String) -> Assignment? {
        assignments.first { $0.name == name }
    }

    /// 0 is the highest rank; nil for an unknown role.
    public func rank(ofOrganizationRole name: RoleName) -> Int? {
        organizationRoles.firstIndex { $0.name == name }
    }

    public func isOwnerRole(_ name: RoleName) -> Bool {
        organizationRole(name)?.owner ?? false
    }

    public var requiredAssignments: [String] {
        assignments.filter(\.required).map(\.name)
    }
}

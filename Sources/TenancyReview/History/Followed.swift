import TenancyCore

/// An organization or a user named as it is called now, followed back through history by
/// its id, so that its changes before a rename are still its changes.
public struct Followed: Sendable {
    public enum Kind: Sendable {
        case organization, user
    }

    public let kind: Kind
    /// The slug or handle given, as text: one follower for both kinds.
    public let name: String
    /// Its id, from the newest snapshot that has an entity of that name; nil until then.
    public private(set) var id: String?

    /// `id` when known (from the registry as it is now), else learnt from history.
    public init(_ kind: Kind, _ name: String, id: String? = nil) {
        self.kind = kind
        self.name = name
        self.id = id
    }

    /// The names it has in `base` and `head` (one, or two when this step renamed it).
    public mutating func names(base: Snapshot, head: Snapshot) -> Set<String> {
        Set([head, base].compactMap { name(in: $0) })
    }

    /// Its name in `snapshot`, or nil when the snapshot does not have it. Until its id is
    /// known, the first snapshot (newest first) with an entity of that name gives it.
    public mutating func name(in snapshot: Snapshot) -> String? {
        if id == nil { id = self.id(named: name, in: snapshot) }
        return id.flatMap { name(of: $0, in: snapshot) }
    }

    private func id(named name: String, in snapshot: Snapshot) -> String? {
        switch kind {
        case .organization: snapshot.orgs[Slug(unchecked: name)]?.id
        case .user: snapshot.users[Handle(unchecked: name)]?.id
        }
    }

    /// The name of the entity with `id`: the given name when it still fits, else a search.
    private func name(of id: String, in snapshot: Snapshot) -> String? {
        if self.id(named: name, in: snapshot) == id { return name }
        switch kind {
        case .organization: return snapshot.orgs.first { $0.value.id == id }?.key.rawValue
        case .user: return snapshot.users.first { $0.value.id == id }?.key.rawValue
        }
    }
}

extension AccessChange {
    /// The user the change is about (`fields.user`: the head handle, the invitee who
    /// accepted), or nil.
    public var user: Handle? { fields.user }
}

/// What `tenancy log --org O --user H` keeps: the changes in that organization, about
/// that user, or both; each followed across renames.
public struct AccessFilter: Sendable {
    public var org: Followed?
    public var user: Followed?

    public init(org: String?, user: String?) {
        self.org = org.map { Followed(.organization, $0) }
        self.user = user.map { Followed(.user, $0) }
    }

    /// The changes of one step that concern what is followed (nothing before either is found).
    public mutating func changes(_ changes: [AccessChange], base: Snapshot, head: Snapshot) -> [AccessChange] {
        let orgs = org?.names(base: base, head: head)
        let users = user?.names(base: base, head: head)
        return changes.filter { matches($0.org?.rawValue, orgs) && matches($0.user?.rawValue, users) }
    }

    /// Whether `name` is one of `names`; anything matches no names given.
    private func matches(_ name: String?, _ names: Set<String>?) -> Bool {
        guard let names else { return true }
        return name.map(names.contains) ?? false
    }
}

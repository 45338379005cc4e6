import TenancyCore

/// Which entity of the head snapshot each entity of the base snapshot became.
///
/// Users, organizations and projects are matched by id, so a moved directory with the
/// same id is a rename, not a delete and a create. An entity whose id is in neither
/// side's other snapshot keeps its path key: a file whose id changed in place is the
/// same entity with a broken id (a `transition` violation), not a removal and an addition.
struct Matching {
    /// base handle -> head handle
    var users: [Handle: Handle] = [:]
    /// base slug -> head slug
    var orgs: [Slug: Slug] = [:]
    /// base (org, project) -> head project slug, within the matched organization
    var projects: [Snapshot.ProjectKey: Slug] = [:]
    /// Whether a user's handle changed, which changes how memberships match.
    let renamesUsers: Bool

    init(base: Snapshot, head: Snapshot) {
        users = Matching.match(base.users, head.users, id: \.id)
        renamesUsers = users.contains { $0.key != $0.value }
        orgs = Matching.match(base.orgs, head.orgs, id: \.id)
        for (baseOrg, headOrg) in orgs {
            let matched = Matching.match(
                base.projects[baseOrg] ?? [:], head.projects[headOrg] ?? [:], id: \.id)
            for (baseProject, headProject) in matched {
                projects[Snapshot.ProjectKey(org: baseOrg, project: baseProject)] = headProject
            }
        }
    }

    /// The head handle of a base user (unchanged when the user is gone).
    func user(_ handle: Handle) -> Handle { users[handle] ?? handle }

    /// Pairs base keys with head keys: by id first, then by path key for what is left.
    static func match<Key: Hashable & Comparable, Entity>(
        _ base: [Key: Entity], _ head: [Key: Entity], id: (Entity) -> String
    ) -> [Key: Key] {
        // When ids repeat (an `id-unique` error), the same path key first, then the
        // smallest: the answer must not depend on the order of a dictionary.
        var headKeyByID: [String: Key] = [:]
        for key in head.keys.sorted().reversed() { headKeyByID[id(head[key]!)] = key }
        var pairs: [Key: Key] = [:]
        for (key, entity) in base {
            if let same = head[key], id(same) == id(entity) {
                pairs[key] = key
            } else if let headKey = headKeyByID[id(entity)] {
                pairs[key] = headKey
            }
        }
        let taken = Set(pairs.values)
        for key in base.keys where pairs[key] == nil && head[key] != nil && !taken.contains(key) {
            pairs[key] = key
        }
        return pairs
    }
}

/// Helpers shared by the state rules.
extension DiagnosticSink {
    /// A diagnostic at the value of `key` in the entity's file (at its element `item`, for
    /// an array), or at 1:1 (whole file) when `key` is nil or absent.
    mutating func emit<E: KeyedEntity>(_ rule: RuleID, _ message: String, at entity: E, _ key: E.Key? = nil, item: Int? = nil) {
        emit(rule, message, path: entity.origin.path, at: key.map { entity.position(of: $0, item: item) } ?? .start)
    }
}

/// The items whose key an earlier item already has, each with the first holder of that
/// key, "earlier" meaning `precedes`; in no particular order (diagnostics are sorted on
/// output). Only the holders of a repeated key are sorted: with no repeats, as in a
/// valid registry, it costs one set insertion per item.
func repeated<Items: Collection, Key: Hashable>(
    _ items: Items, key: (Items.Element) -> Key, by precedes: (Items.Element, Items.Element) -> Bool
) -> [(item: Items.Element, first: Items.Element)] {
    var seen = Set<Key>(minimumCapacity: items.count)
    var repeats = Set<Key>()
    for item in items where !seen.insert(key(item)).inserted { repeats.insert(key(item)) }
    guard !repeats.isEmpty else { return [] }
    var holders: [Key: [Items.Element]] = [:]
    for item in items where repeats.contains(key(item)) { holders[key(item), default: []].append(item) }
    return holders.values.flatMap { holders in
        let ordered = holders.sorted(by: precedes)
        return ordered.dropFirst().map { (item: $0, first: ordered[0]) }
    }
}

/// `"owner", "admin"`.
func quotedList(_ names: [String]) -> String {
    names.map { "\"\($0)\"" }.joined(separator: ", ")
}

extension Snapshot {
    /// False when `tenancy.json` is missing or did not decode. The defaults then stand in
    /// for the policy, so the rules that read roles, assignments or limits stay silent
    /// rather than report every member against a policy the registry does not have.
    var policyDecoded: Bool {
        present.contains(.policy)
            && !fileDiagnostics.contains { $0.path == EntityPath.policy.path && $0.rule != FormatRule.id }
    }

    /// Organizations with a member file that exists but did not decode: whom it names and
    /// which role it holds are unknown, so owner checks there would only guess.
    func orgsWithUndecodedMembers() -> Set<Slug> {
        var orgs: Set<Slug> = []
        for case .member(let org, let user) in present where members[org]?.keys.contains(user) != true {
            orgs.insert(org)
        }
        return orgs
    }

    /// Whether some `org.json` exists but did not decode (it may be anyone's personal org).
    var hasUndecodedOrg: Bool {
        present.contains { path in
            if case .org(let slug) = path { !orgs.keys.contains(slug) } else { false }
        }
    }
}

extension Policy {
    var ownerRoleNames: Set<RoleName> { Set(organizationRoles.filter(\.owner).map(\.name)) }
}

/// Every user or organization of a directory registry, in order, a window of files at a
/// time (`list users`, `list orgs`): what a whole load would say of each, without holding
/// the whole registry in memory. Each window is loaded like the whole registry (the same
/// file rules; a file that breaks one is no row), so the rows are those of the whole
/// snapshot (`ReadScopeTests`).
package enum Listing {
    /// Files per window: a few dozen groups, so every core has work.
    package static let window = 4096

    /// Every user as `(handle, user)`, by handle (the file name, as `Snapshot.userHandles`).
    package static func forEachUser(root: String, window: Int = window, _ body: (Handle, User) throws -> Void) throws {
        let directory = DirectorySource(root: root)
        // Sorted by the name a user file would have, computed once per entry.
        let entries = try directory.entries(below: "users")
            .map { (key: String($0.path.dropFirst("users/".count).dropLast(".json".count)), entry: $0) }
            .sorted { $0.key < $1.key }
            .map(\.entry)
        for window in groups(entries, of: window) {
            let snapshot = try SnapshotLoader.load(from: ListedSource(Array(window), directory))
            for handle in snapshot.userHandles { try body(handle, snapshot.users[handle]!) }
        }
    }

    /// Every organization as `(slug, organization, number of members)`, by slug (the
    /// directory name, as `Snapshot.orgSlugs`); only `org.json` and `members/` are read.
    package static func forEachOrg(
        root: String, window: Int = window, _ body: (Slug, Organization, Int) throws -> Void
    ) throws {
        let directory = DirectorySource(root: root)
        let slugs = try directory.directories(in: "orgs").filter { Name.problem(with: $0) == nil }.sorted()
        // An organization has a few dozen members at most: a window of them is a few thousand files.
        for window in groups(slugs, of: max(1, window / 32)) {
            let snapshot = try SnapshotLoader.load(from: OrgMembersSource(directory: directory, slugs: Array(window)))
            for slug in snapshot.orgSlugs {
                try body(slug, snapshot.orgs[slug]!, snapshot.members[slug]?.count ?? 0)
            }
        }
    }
}

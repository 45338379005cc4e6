import Glibc

/// A git tree that this very `tenancy` found without a single finding (error or warning),
/// kept in `.tenancy/clean` with the registry-wide facts a change checked against it
/// needs (`Facts`): how many files it has, and what must stay unique across the registry.
///
/// A tree id names every byte of the tree, so the record cannot go stale; but it is a
/// claim, not something a reader can check cheaply, so it is believed only when it was
/// written under this very `.tenancy/` (`PrivateDirectory.identity`, as the index), by
/// this very executable (its device, inode, size and modification time: another build
/// may have other rules), owned by this user and writable by nobody else, and its
/// checksum holds. Anything else reads and checks everything, as without it.
package struct CleanTree: Sendable, Equatable {
    /// The full id of the clean tree (the repository's, not the registry's subtree). A
    /// staged tree was never written by git before it is committed: until then it is
    /// `base` with `overrides`.
    package var tree: String
    /// A tree the repository has, which the clean tree is with `overrides`.
    package var base: String
    /// The registry's paths whose entries differ between `base` and `tree`.
    package var overrides: [Override]
    package var fileCount: Int
    package var facts: Facts

    /// An entry of the clean tree where `base` has another or none.
    package struct Override: Sendable, Equatable {
        /// Relative to the repository's top level.
        package var path: String
        /// `000000` where the clean tree has no entry.
        package var mode: String
        package var id: String

        package init(path: String, mode: String, id: String) { (self.path, self.mode, self.id) = (path, mode, id) }
    }

    /// What the rules keep unique across the registry, as the clean tree has it: a new or
    /// changed user, organization, project or invitation is checked against these
    /// instead of against every file (ids per entity type, users' emails as `email-unique`
    /// compares them and logins as `login-unique` does, organizations' slugs with their
    /// previous slugs).
    package struct Facts: Sendable, Equatable {
        package var userIDs: Set<String> = []
        package var emails: Set<String> = []
        package var logins: Set<String> = []
        package var orgIDs: Set<String> = []
        package var orgNames: Set<String> = []
        package var projectIDs: Set<String> = []
        package var invitationIDs: Set<String> = []

        package init() {}

        package init(_ snapshot: Snapshot) {
            // From the snapshot's tables, not a lookup per path: a registry has 355,000.
            for (handle, user) in snapshot.users { insert(.user(user), at: .user(handle)) }
            for (slug, org) in snapshot.orgs { insert(.org(org), at: .org(slug)) }
            projectIDs = Set(snapshot.everyProject.map(\.id))
            invitationIDs = Set(snapshot.everyInvitation.map(\.id))
        }

        package mutating func insert(_ entity: Entity, at path: EntityPath) {
            for (set, value) in Self.values(of: entity, at: path) { self[keyPath: set].insert(value) }
        }

        package mutating func remove(_ entity: Entity, at path: EntityPath) {
            for (set, value) in Self.values(of: entity, at: path) { self[keyPath: set].remove(value) }
        }

        /// Whether `entity` at `path` holds nothing these facts hold.
        package func admit(_ entity: Entity, at path: EntityPath) -> Bool {
            Self.values(of: entity, at: path).allSatisfy { set, value in !self[keyPath: set].contains(value) }
        }

        /// What `entity` holds that must be unique, with the set each belongs to. An
        /// organization's slug counts as its file says it and as its key (`slug-unique`
        /// compares the first; a key-mismatch is its own error).
        private static func values(of entity: Entity, at path: EntityPath) -> [(WritableKeyPath<Facts, Set<String>>, String)] {
            switch (entity, path) {
            case (.user(let user), _):
                [(\.userIDs, user.id), (\.emails, Email.normalized(user.email))]
                    + user.logins.map { (\.logins, "\($0.key.rawValue):\(Forge.comparable($0.value))") }
            case (.org(let org), .org(let key)):
                [(\.orgIDs, org.id)] + ([key, org.slug] + org.previousSlugs).map { (\.orgNames, $0.rawValue) }
            case (.project(let project), _): [(\.projectIDs, project.id)]
            case (.invitation(let invitation), _): [(\.invitationIDs, invitation.id)]
            default: []
            }
        }

        var sets: [Set<String>] { [userIDs, emails, logins, orgIDs, orgNames, projectIDs, invitationIDs] }

        init(sets: [Set<String>]) throws {
            guard sets.count == 7 else { throw FactReader.Corrupt() }
            (userIDs, emails, logins, orgIDs) = (sets[0], sets[1], sets[2], sets[3])
            (orgNames, projectIDs, invitationIDs) = (sets[4], sets[5], sets[6])
        }
    }

    package init(tree: String, base: String? = nil, overrides: [Override] = [], fileCount: Int, facts: Facts) {
        (self.tree, self.base, self.overrides) = (tree, base ?? tree, overrides)
        (self.fileCount, self.facts) = (fileCount, facts)
    }

    /// The record of `tree`, whose registry is `snapshot` (loaded whole, without findings).
    package init(tree: String, base: String? = nil, overrides: [Override] = [], snapshot: Snapshot) {
        self.init(tree: tree, base: base, overrides: overrides, fileCount: snapshot.fileCount, facts: Facts(snapshot))
    }

    static let name = "clean"
    static let header = "tenancy-clean 1\n"

    /// The record kept for the registry at `root`, or nil (missing, foreign, stale, corrupt).
    package static func read(root: String, fileSystem: FileSystem = FileSystem()) -> CleanTree? {
        let directory = PrivateDirectory.path(root)
        guard PrivateDirectory.isOurs(directory, fileSystem), PrivateDirectory.isOurs(directory + "/" + name, fileSystem),
            let prefix = try? prefix(root: root, fileSystem: fileSystem),
            let bytes = try? fileSystem.readFile(named: name, inDirectory: directory)
        else { return nil }
        var reader = FactReader(bytes)
        guard reader.expect(prefix), reader.checksumHolds() else { return nil }
        return try? CleanTree(
            tree: reader.string(), base: reader.string(),
            overrides: FactReader.collect(reader.count()) { try Override(path: reader.string(), mode: reader.string(), id: reader.string()) },
            fileCount: reader.int(), facts: Facts(sets: FactReader.collect(reader.count()) { Set(try reader.strings()) }))
    }

    /// Keeps this record (the caller holds the registry's lock; see `Registry.keep`).
    func write(root: String, fileSystem: FileSystem) {
        guard let prefix = try? Self.prefix(root: root, fileSystem: fileSystem) else { return }
        var body = FactWriter()
        body.string(tree)
        body.string(base)
        body.number(overrides.count)
        for override in overrides {
            body.string(override.path)
            body.string(override.mode)
            body.string(override.id)
        }
        body.number(fileCount)
        body.number(facts.sets.count)
        for set in facts.sets { body.strings(Array(set)) }  // in any order: read back as sets
        var writer = FactWriter()
        writer.raw(prefix)
        writer.number(indexChecksum(body.bytes[...]))
        writer.raw(body.bytes)
        let path = PrivateDirectory.path(root) + "/" + Self.name
        try? writeAtomically(path, contents: writer.bytes, mode: 0o600, fileSystem: fileSystem)
    }

    /// The header, the `.tenancy/` it belongs to and the executable that wrote it.
    private static func prefix(root: String, fileSystem: FileSystem) throws -> [UInt8]? {
        var executable = stat()
        guard let identity = try PrivateDirectory.identity(root: root, fileSystem: fileSystem),
            stat("/proc/self/exe", &executable) == 0
        else { return nil }
        let built = "\(executable.st_dev):\(executable.st_ino):\(executable.st_size):"
            + "\(executable.st_mtim.tv_sec).\(executable.st_mtim.tv_nsec)"
        return Array((header + identity + "\n" + built + "\n").utf8)
    }

    /// Whether `name` in `.tenancy/` is the record or one being written.
    static func isRecordFile(_ name: String) -> Bool {
        name == Self.name || name.hasPrefix(".\(Self.name).tmp-")
    }
}

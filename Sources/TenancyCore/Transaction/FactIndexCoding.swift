/// The index's encoding: after its header, a count of groups, then per group its checksum
/// (`indexChecksum`), its length and its bytes: a count, then per file its path, identity
/// and entity. Numbers are decimal and end with `;`, strings are their length (a number)
/// and their bytes. Groups are written and read on every core; within one, a path is the
/// length it shares with the previous one and the rest, and an entity's key positions are
/// a number: 0 followed by a list the group has not held before (which it then holds), or
/// which of the lists it holds (from 1). Decoding checks every length and count against
/// what is left, so a corrupt file fails to decode (and is not used) instead of trapping or
/// allocating wildly.
struct FactWriter {
    var bytes: [UInt8] = []
    /// The key position lists of this group, each with its number.
    private var positionLists: [[KeyPosition]: Int] = [:]
    private var previousPositions: (list: [KeyPosition], number: Int)?
    /// The previous file's path in this group.
    private var previousPath = ""

    init() {}

    mutating func raw(_ data: [UInt8]) { bytes += data }

    /// Digits appended one by one: a `String` per number made writing cost as much as reading.
    mutating func number(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude, divisor: UInt64 = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        }
        bytes.append(UInt8(ascii: ";"))
    }

    mutating func number(_ value: Int) { number(Int64(value)) }

    mutating func string(_ value: String) {
        number(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optional(_ value: String?) {
        number(value == nil ? 0 : 1)
        if let value { string(value) }
    }

    mutating func strings(_ values: [String]) {
        number(values.count)
        for value in values { string(value) }
    }

    mutating func time(_ value: Timestamp) { number(value.seconds) }

    mutating func time(_ value: Timestamp?) {
        number(value == nil ? 0 : 1)
        if let value { time(value) }
    }

    mutating func position(_ value: Position) {
        number(value.line)
        number(value.column)
    }

    /// Files of one kind share their key positions: each list is written once per group.
    mutating func origin(_ origin: Origin) {
        // Consecutive files mostly share one list, stored once (`SnapshotLoader`): found without hashing it.
        if let previous = previousPositions, previous.list == origin.positions { return number(previous.number) }
        if let number = positionLists[origin.positions] {
            previousPositions = (origin.positions, number)
            return self.number(number)
        }
        previousPositions = (origin.positions, positionLists.count + 1)
        positionLists[origin.positions] = positionLists.count + 1
        number(0)
        number(origin.positions.count)
        for position in origin.positions {
            string(position.key)
            self.position(position.position)
        }
    }

    /// Paths come grouped by directory: each is written as what it shares with the previous one and the rest.
    mutating func path(_ path: String) {
        var shared = 0
        var previous = previousPath.utf8.makeIterator(), next = path.utf8.makeIterator()
        while let a = previous.next(), let b = next.next(), a == b { shared += 1 }
        number(shared)
        number(path.utf8.count - shared)
        bytes.append(contentsOf: path.utf8.dropFirst(shared))
        previousPath = path
    }

    mutating func node(_ node: JSONNode) {
        position(node.position)
        switch node.value {
        case .null: number(0)
        case .bool(let value): number(value ? 2 : 1)
        case .number(let text): number(3); string(text)
        case .string(let text): number(4); string(text)
        case .array(let items):
            number(5); number(items.count)
            for item in items { self.node(item) }
        case .object(let members):
            number(6); number(members.count)
            for member in members {
                string(member.key)
                position(member.keyPosition)
                self.node(member.value)
            }
        }
    }

    /// The index of `groups` in chunks, as it is written: their count, then each group's
    /// checksum and length, and its bytes (not copied into one array: there are tens of megabytes).
    static func chunks(_ groups: [FactIndex.Group]) -> [[UInt8]] {
        var count = FactWriter()
        count.number(groups.count)
        return [count.bytes] + groups.flatMap { group in
            var head = FactWriter()
            head.number(group.checksum)
            head.number(group.bytes.count)
            return [head.bytes, group.bytes]
        }
    }

    /// The groups of the index of `clean`, straight from the snapshot (no index is built
    /// to be written), encoded on every core.
    static func encode(_ clean: [FactIndex.CleanFile], of snapshot: Snapshot, filesPerGroup: Int = 4096) -> [FactIndex.Group] {
        parallelMap(groups(clean, of: filesPerGroup)) { files in
            let facts = files.compactMap { file in snapshot.entity(at: file.path).map { (file, $0) } }
            var group = FactWriter(files: facts.count)
            for (file, entity) in facts { group.add(entity, path: file.path.path, identity: file.identity) }
            return group.group
        }
    }

    /// A group of `count` files, each then given to `add`.
    init(files count: Int) {
        bytes.reserveCapacity(count * 128)
        number(count)
    }

    /// A file of the group: its path (relative to the registry root), identity and entity.
    mutating func add(_ entity: Entity, path: String, identity: String) {
        self.path(path)
        string(identity)
        self.entity(entity)
    }

    /// The group, sealed.
    var group: FactIndex.Group { FactIndex.Group(checksum: indexChecksum(bytes[...]), bytes: bytes) }

    mutating func entity(_ entity: Entity) {
        switch entity {
        case .policy: preconditionFailure("the policy is always read")
        case .user(let u):
            number(1); string(u.handle.rawValue); string(u.id); string(u.email); string(u.name); time(u.createdAt)
            number(u.siteAdmin.map { $0 ? 2 : 1 } ?? 0)
            number(u.logins.count)
            for (forge, login) in u.logins.sorted(by: { $0.key < $1.key }) { string(forge.rawValue); string(login) }
            origin(u.origin)
        case .org(let o):
            number(2); string(o.slug.rawValue); string(o.id); string(o.name); string(o.kind.rawValue); time(o.createdAt)
            optional(o.personalOf?.rawValue); strings(o.previousSlugs.map(\.rawValue)); optional(o.logo)
            number(o.metadata == nil ? 0 : 1)
            if let metadata = o.metadata { node(JSONNode(metadata)) }
            origin(o.origin)
        case .member(let m):
            number(3); string(m.org.rawValue); string(m.user.rawValue); string(m.role.rawValue); strings(m.assignments); time(m.createdAt)
            time(m.updatedAt); origin(m.origin)
        case .project(let p):
            number(4); string(p.org.rawValue); string(p.slug.rawValue); string(p.id); string(p.name); time(p.createdAt); origin(p.origin)
        case .projectMember(let m):
            number(5); string(m.org.rawValue); string(m.project.rawValue); string(m.user.rawValue); string(m.role.rawValue); time(m.createdAt)
            time(m.updatedAt); origin(m.origin)
        case .invitation(let i):
            number(6); string(i.org.rawValue); string(i.id); string(i.email); string(i.role.rawValue); string(i.inviter.rawValue)
            string(i.status.rawValue); time(i.createdAt); time(i.expiresAt); optional(i.project?.rawValue)
            optional(i.projectRole?.rawValue); time(i.respondedAt); optional(i.acceptedBy?.rawValue); origin(i.origin)
        }
    }
}

struct FactReader {
    struct Corrupt: Error {}

    let bytes: ArraySlice<UInt8>
    var offset: Int
    /// The key position lists of this group, by their number less one: the entities that
    /// name one share it, as the loader makes the files it reads share theirs.
    private var positionLists: [[KeyPosition]] = []
    /// The previous file's path in this group.
    private var previousPath: [UInt8] = []

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    init(_ bytes: [UInt8]) { self.init(bytes[...]) }

    /// Whether the bytes start with `prefix`, which is then skipped.
    mutating func expect(_ prefix: [UInt8]) -> Bool {
        guard bytes[offset...].starts(with: prefix) else { return false }
        offset += prefix.count
        return true
    }

    mutating func number() throws -> Int64 {
        var value: Int64 = 0, negative = false, digits = 0
        while offset < bytes.endIndex {
            let byte = bytes[offset]
            offset += 1
            if byte == UInt8(ascii: ";") {
                guard digits > 0 else { throw Corrupt() }
                return negative ? -value : value
            }
            if byte == UInt8(ascii: "-"), digits == 0, !negative { negative = true; continue }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 18 else { throw Corrupt() }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            digits += 1
        }
        throw Corrupt()
    }

    /// Whether the checksum that comes next is that of the rest.
    mutating func checksumHolds() -> Bool {
        guard let expected = try? number() else { return false }
        return expected == indexChecksum(bytes[offset...])
    }

    /// `count` items, read one at a time: a count is bounded only by the bytes left, so
    /// nothing is reserved for it up front (`map` would reserve count × the item's size,
    /// which a forged count makes far more than the file).
    static func collect<Item>(_ count: Int, _ item: () throws -> Item) rethrows -> [Item] {
        var items: [Item] = []
        for _ in 0..<count { items.append(try item()) }
        return items
    }

    /// A count of items still to read, each taking at least one byte.
    mutating func count() throws -> Int {
        let value = try number()
        guard value >= 0, value <= bytes.endIndex - offset else { throw Corrupt() }
        return Int(value)
    }

    mutating func int() throws -> Int {
        let value = try number()
        guard value >= 0, value <= Int32.max else { throw Corrupt() }
        return Int(value)
    }

    mutating func string() throws -> String {
        let length = try count()
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }

    mutating func optional() throws -> String? {
        try flag() ? try string() : nil
    }

    mutating func flag() throws -> Bool {
        switch try number() {
        case 0: false
        case 1: true
        default: throw Corrupt()
        }
    }

    mutating func strings() throws -> [String] {
        try Self.collect(count()) { try string() }
    }

    mutating func time() throws -> Timestamp { Timestamp(seconds: try number()) }

    mutating func optionalTime() throws -> Timestamp? {
        try flag() ? try time() : nil
    }

    mutating func position() throws -> Position { Position(line: try int(), column: try int()) }

    mutating func origin(_ path: String) throws -> Origin {
        let number = try int()
        if number > 0 {
            guard number <= positionLists.count else { throw Corrupt() }
            return Origin(path: path, positions: positionLists[number - 1])
        }
        let positions = try Self.collect(count()) { KeyPosition(key: try string(), position: try position()) }
        positionLists.append(positions)
        return Origin(path: path, positions: positions)
    }

    mutating func path() throws -> String {
        let shared = try int()
        guard shared <= previousPath.count else { throw Corrupt() }
        let length = try count()
        previousPath.removeSubrange(shared...)
        previousPath += bytes[offset..<offset + length]
        offset += length
        return String(decoding: previousPath, as: UTF8.self)
    }

    /// The whole index: its groups, each checked against its checksum and decoded on every core.
    mutating func index() throws -> FactIndex {
        let groups = try Self.collect(count()) { try group() }
        guard offset == bytes.endIndex else { throw Corrupt() }
        var parts = try parallelMap(groups) { group in
            guard indexChecksum(group.bytes) == group.checksum else { throw Corrupt() }
            var reader = FactReader(group.bytes)
            return try reader.facts()
        }
        var facts: [String: FactIndex.Fact] = [:]
        facts.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        // Popped, not iterated: each fact is moved into the dictionary, not copied.
        for index in parts.indices {
            while let (path, fact) = parts[index].popLast() { facts[path] = fact }
        }
        return FactIndex(facts: facts)
    }

    /// The checksum and bytes of the next group.
    private mutating func group() throws -> (checksum: Int64, bytes: ArraySlice<UInt8>) {
        let checksum = try number()
        let length = try count()
        defer { offset += length }
        return (checksum, bytes[offset..<offset + length])
    }

    /// The files of one group, by path.
    mutating func facts() throws -> [(path: String, fact: FactIndex.Fact)] {
        let facts = try Self.collect(count()) {
            let path = try path()
            let identity = try string()
            return (path, FactIndex.Fact(identity: identity, entity: try entity(path)))
        }
        guard offset == bytes.endIndex else { throw Corrupt() }
        return facts
    }

    /// Nesting no deeper than a file's metadata may (`Limits`, less the level of `org.json`
    /// it sits in); deeper is corrupt. Stricter than need be costs a read, never an answer.
    mutating func node(depth: Int = 0) throws -> JSONNode {
        guard depth < Limits.maxDepth - 1 else { throw Corrupt() }
        let position = try position()
        let value: JSONValue =
            switch try number() {
            case 0: .null
            case 1: .bool(false)
            case 2: .bool(true)
            case 3: .number(try string())
            case 4: .string(try string())
            case 5: .array(try Self.collect(count()) { try node(depth: depth + 1) })
            case 6:
                .object(try Self.collect(count()) {
                    JSONMember(key: try string(), keyPosition: try self.position(), value: try node(depth: depth + 1))
                })
            default: throw Corrupt()
            }
        return JSONNode(value, at: position)
    }

    mutating func entity(_ path: String) throws -> Entity {
        switch try number() {
        case 1:
            let (handle, id, email, name, createdAt) = (try string(), try string(), try string(), try string(), try time())
            let siteAdmin: Bool? =
                switch try number() {
                case 0: nil
                case 1: false
                case 2: true
                default: throw Corrupt()
                }
            var logins: [Forge: String] = [:]
            for _ in 0..<(try count()) {
                guard let forge = Forge(rawValue: try string()) else { throw Corrupt() }
                logins[forge] = try string()
            }
            return .user(User(
                handle: Handle(unchecked: handle), id: id, email: email, name: name, createdAt: createdAt, siteAdmin: siteAdmin,
                logins: logins, origin: try origin(path)))
        case 2:
            let (slug, id, name) = (try string(), try string(), try string())
            guard let kind = Organization.Kind(rawValue: try string()) else { throw Corrupt() }
            let createdAt = try time()
            let personalOf = try optional().map(Handle.init(unchecked:))
            let previousSlugs = try strings().map(Slug.init(unchecked:))
            let logo = try optional()
            let metadata = try flag() ? try node().value : nil
            return .org(Organization(
                slug: Slug(unchecked: slug), id: id, name: name, kind: kind, createdAt: createdAt, personalOf: personalOf,
                previousSlugs: previousSlugs, logo: logo, metadata: metadata, origin: try origin(path)))
        case 3:
            let (org, user, role, assignments) = (try string(), try string(), try string(), try strings())
            let (createdAt, updatedAt) = (try time(), try optionalTime())
            return .member(Membership(
                org: Slug(unchecked: org), user: Handle(unchecked: user), role: RoleName(unchecked: role), assignments: assignments, createdAt: createdAt, updatedAt: updatedAt,
                origin: try origin(path)))
        case 4:
            let (org, slug, id, name, createdAt) = (try string(), try string(), try string(), try string(), try time())
            return .project(Project(org: Slug(unchecked: org), slug: Slug(unchecked: slug), id: id, name: name, createdAt: createdAt, origin: try origin(path)))
        case 5:
            let (org, project, user, role) = (try string(), try string(), try string(), try string())
            let (createdAt, updatedAt) = (try time(), try optionalTime())
            return .projectMember(ProjectMembership(
                org: Slug(unchecked: org), project: Slug(unchecked: project), user: Handle(unchecked: user), role: RoleName(unchecked: role), createdAt: createdAt, updatedAt: updatedAt,
                origin: try origin(path)))
        case 6:
            return .invitation(try invitation(path))
        default:
            throw Corrupt()
        }
    }

    private mutating func invitation(_ path: String) throws -> Invitation {
        let (org, id, email, role, inviter) = (try string(), try string(), try string(), try string(), try string())
        guard let status = Invitation.Status(rawValue: try string()) else { throw Corrupt() }
        let (createdAt, expiresAt) = (try time(), try time())
        let (project, projectRole, respondedAt) = (try optional(), try optional(), try optionalTime())
        let acceptedBy = try optional().map(Handle.init(unchecked:))
        return Invitation(
            org: Slug(unchecked: org), id: id, email: email, role: RoleName(unchecked: role), inviter: Handle(unchecked: inviter), status: status,
            createdAt: createdAt, expiresAt: expiresAt, project: project.map(Slug.init(unchecked:)), projectRole: projectRole.map(RoleName.init(unchecked:)),
            respondedAt: respondedAt, acceptedBy: acceptedBy, origin: try origin(path))
    }
}

/// A checksum that notices a flipped byte or a torn write (not a forger: see `FactIndex`),
/// eight bytes at a time, as a number of at most 18 digits (what `FactReader.number` reads).
package func indexChecksum(_ bytes: ArraySlice<UInt8>) -> Int64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x100_0000_01b3
            hash ^= hash >> 29
            offset += 8
        }
        while offset < raw.count {
            hash = (hash ^ UInt64(raw[offset])) &* 0x100_0000_01b3
            offset += 1
        }
    }
    return Int64(hash % 1_000_000_000_000_000_000)
}

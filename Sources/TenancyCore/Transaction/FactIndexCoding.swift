/// The index's encoding: after its header, a count, then per file its path, identity and
/// entity; numbers are decimal and end with `;`, strings are their length (a number) and
/// their bytes. Decoding checks every length and count against what is left, so a corrupt
/// file fails to decode (and is not used) instead of trapping or allocating wildly.
struct FactWriter {
    var bytes: [UInt8] = []

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

    mutating func origin(_ origin: Origin) {
        number(origin.positions.count)
        for position in origin.positions {
            string(position.key)
            self.position(position.position)
        }
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

    /// Straight from the snapshot: no index is built to be written. `checksummed`: preceded
    /// by the checksum of what follows (`indexChecksum`), as a number.
    mutating func index(_ clean: [FactIndex.CleanFile], of snapshot: Snapshot, checksummed: Bool = false) {
        let facts = clean.compactMap { file in snapshot.entity(at: file.path).map { (file, $0) } }
        var body = FactWriter()
        body.bytes.reserveCapacity(facts.count * 160)
        body.number(facts.count)
        for (file, entity) in facts {
            body.string(file.path.path)
            body.string(file.identity)
            body.entity(entity)
        }
        if checksummed { number(indexChecksum(body.bytes[...])) }
        bytes += body.bytes
    }

    mutating func entity(_ entity: Entity) {
        switch entity {
        case .policy: preconditionFailure("the policy is always read")
        case .user(let u):
            number(1); string(u.handle.rawValue); string(u.id); string(u.email); string(u.name); time(u.createdAt)
            number(u.siteAdmin.map { $0 ? 2 : 1 } ?? 0); origin(u.origin)
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

    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether the bytes start with `prefix`, which is then skipped.
    mutating func expect(_ prefix: [UInt8]) -> Bool {
        guard bytes.starts(with: prefix) else { return false }
        offset = prefix.count
        return true
    }

    mutating func number() throws -> Int64 {
        var value: Int64 = 0, negative = false, digits = 0
        while offset < bytes.count {
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

    /// A count of items still to read, each taking at least one byte.
    mutating func count() throws -> Int {
        let value = try number()
        guard value >= 0, value <= bytes.count - offset else { throw Corrupt() }
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
        try (0..<count()).map { _ in try string() }
    }

    mutating func time() throws -> Timestamp { Timestamp(seconds: try number()) }

    mutating func optionalTime() throws -> Timestamp? {
        try flag() ? try time() : nil
    }

    mutating func position() throws -> Position { Position(line: try int(), column: try int()) }

    mutating func origin(_ path: String) throws -> Origin {
        let positions = try (0..<count()).map { _ in KeyPosition(key: try string(), position: try position()) }
        return Origin(path: path, positions: positions)
    }

    /// Nesting as deep as a file may (`Limits`); deeper is corrupt.
    mutating func node(depth: Int = 0) throws -> JSONNode {
        guard depth <= Limits.maxDepth else { throw Corrupt() }
        let position = try position()
        let value: JSONValue =
            switch try number() {
            case 0: .null
            case 1: .bool(false)
            case 2: .bool(true)
            case 3: .number(try string())
            case 4: .string(try string())
            case 5: .array(try (0..<count()).map { _ in try node(depth: depth + 1) })
            case 6:
                .object(try (0..<count()).map { _ in
                    JSONMember(key: try string(), keyPosition: try self.position(), value: try node(depth: depth + 1))
                })
            default: throw Corrupt()
            }
        return JSONNode(value, at: position)
    }

    mutating func index() throws -> FactIndex {
        var index = FactIndex()
        for _ in 0..<(try count()) {
            let path = try string()
            let identity = try string()
            index.add(try entity(path), at: path, identity: identity)
        }
        guard offset == bytes.count else { throw Corrupt() }
        return index
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
            return .user(User(
                handle: Handle(unchecked: handle), id: id, email: email, name: name, createdAt: createdAt, siteAdmin: siteAdmin,
                origin: try origin(path)))
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
func indexChecksum(_ bytes: ArraySlice<UInt8>) -> Int64 {
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

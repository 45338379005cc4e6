import TenancyCore
import Foundation
import Glibc

/// One file of a generated registry: its path relative to the root, and its bytes.
public struct GeneratedFile: Hashable, Sendable {
    public var path: String
    public var bytes: [UInt8]
}

/// Builds a valid registry of any size, for benchmarks and tests. The same
/// options give the same bytes: every random choice comes from a generator seeded by
/// `seed` and the entity's index, so files can be built in any order, on any thread.
///
/// Every user has a personal organization; each team organization has about 20
/// members (1-2 owners, 2-3 admins), 3 projects of about 5 members and 2 pending
/// invitations to people outside the organization.
public struct RegistryGenerator: Sendable {
    public let users: Int
    public let orgs: Int
    public let seed: UInt64

    public init(users: Int, orgs: Int, seed: UInt64 = 1) {
        precondition(users >= 1 && orgs >= 0)
        self.users = users
        self.orgs = orgs
        self.seed = seed
    }

    /// Fixed, so the output does not depend on the clock.
    static let baseTime = Timestamp("2026-01-01T00:00:00Z")!

    /// Unit 0 is the policy, units 1...users one user each, the rest one team org each.
    var unitCount: Int { 1 + users + orgs }

    /// Every file, in a fixed order.
    public func files() -> [GeneratedFile] {
        (0..<unitCount).flatMap(files(ofUnit:))
    }

    /// Writes every file under `root` (which must not exist or be empty) in parallel and
    /// returns how many. Plain writes, not the transaction layer: this is a fixture.
    public func write(to root: String) throws -> Int {
        try prepareEmptyDirectory(root)
        let counts = try parallelMap(Array(0..<unitCount)) { unit in
            let files = files(ofUnit: unit)
            try writeFiles(files, under: root)
            return files.count
        }
        return counts.reduce(0, +)
    }

    func files(ofUnit unit: Int) -> [GeneratedFile] {
        if unit == 0 { return [file("tenancy.json", ["format": .number("1")])] }
        if unit <= users { return userFiles(unit) }
        return teamFiles(unit - users)
    }

    // MARK: Users

    private func userFiles(_ index: Int) -> [GeneratedFile] {
        var random = SplitMix64(seed: seed, stream: 1, index: index)
        let handle = Self.handle(index)
        let created = userCreated(index)
        let user = file("users/\(handle).json", [
            "createdAt": time(created), "email": .string("\(handle)@example.com"), "handle": .string(handle),
            "id": .string(random.uuid()), "name": .string("User \(Self.digits(index, 6))"),
        ])
        let org = file("orgs/\(handle)/org.json", [
            "createdAt": time(created), "id": .string(random.uuid()), "kind": .string("personal"),
            "name": .string("User \(Self.digits(index, 6))"), "personalOf": .string(handle), "slug": .string(handle),
        ])
        let owner = file("orgs/\(handle)/members/\(handle).json", [
            "createdAt": time(created), "role": .string("owner"), "user": .string(handle),
        ])
        return [user, org, owner]
    }

    static func handle(_ index: Int) -> String { "user-" + digits(index, 6) }

    private func userCreated(_ index: Int) -> Timestamp {
        Timestamp(seconds: Self.baseTime.seconds + Int64(index) * 60)
    }

    // MARK: Team organizations

    private func teamFiles(_ index: Int) -> [GeneratedFile] {
        var random = SplitMix64(seed: seed, stream: 2, index: index)
        let slug = "team-" + Self.digits(index, 5)
        let created = Timestamp(seconds: userCreated(users).seconds + Int64(index) * 60)
        let members = random.distinct(min(users, 18 + random.below(5)), below: users).map { $0 + 1 }
        let owners = 1 + random.below(2), admins = 2 + random.below(2)
        var files = [file("orgs/\(slug)/org.json", [
            "createdAt": time(created), "id": .string(random.uuid()), "kind": .string("team"),
            "name": .string("Team \(Self.digits(index, 5))"), "slug": .string(slug),
        ])]
        for (rank, user) in members.enumerated() {
            let role = rank < owners ? "owner" : rank < owners + admins ? "admin" : "member"
            files.append(memberFile("orgs/\(slug)/members", user, role, after: created))
        }
        for number in 1...3 {
            files += projectFiles(slug, number, members, created, &random)
        }
        let inviter = Self.handle(members[0])
        for number in 1...2 {
            files.append(invitationFile(slug, number, inviter: inviter, created, &random))
        }
        return files
    }

    private func projectFiles(
        _ org: String, _ number: Int, _ members: [Int], _ orgCreated: Timestamp, _ random: inout SplitMix64
    ) -> [GeneratedFile] {
        let slug = "project-\(number)"
        let directory = "orgs/\(org)/projects/\(slug)"
        let created = orgCreated.adding(days: number)
        var files = [file("\(directory)/project.json", [
            "createdAt": time(created), "id": .string(random.uuid()), "name": .string("Project \(number)"),
            "slug": .string(slug),
        ])]
        let chosen = random.distinct(min(members.count, 4 + random.below(3)), below: members.count)
        for (rank, position) in chosen.enumerated() {
            let role = rank == 0 ? "admin" : "member"
            files.append(memberFile("\(directory)/members", members[position], role, after: created))
        }
        return files
    }

    private func memberFile(_ directory: String, _ user: Int, _ role: String, after created: Timestamp)
        -> GeneratedFile
    {
        let handle = Self.handle(user)
        let joined = Timestamp(seconds: max(created.seconds, userCreated(user).seconds) + 3600)
        return file("\(directory)/\(handle).json", [
            "createdAt": time(joined), "role": .string(role), "user": .string(handle),
        ])
    }

    /// Addressed to people who are not users, so never to a member.
    private func invitationFile(
        _ org: String, _ number: Int, inviter: String, _ orgCreated: Timestamp, _ random: inout SplitMix64
    ) -> GeneratedFile {
        let id = random.uuid()
        let created = orgCreated.adding(days: 10 + number)
        return file("orgs/\(org)/invitations/\(id).json", [
            "createdAt": time(created), "email": .string("guest-\(number)@\(org).example.org"),
            "expiresAt": time(created.adding(days: 7)), "id": .string(id), "inviter": .string(inviter),
            "role": .string("member"), "status": .string("pending"),
        ])
    }

    // MARK: Helpers

    private func file(_ path: String, _ members: KeyValuePairs<String, JSONValue?>) -> GeneratedFile {
        GeneratedFile(path: path, bytes: CanonicalWriter.bytes(for: .object(members)))
    }

    private func time(_ timestamp: Timestamp) -> JSONValue { .timestamp(timestamp) }

    static func digits(_ value: Int, _ width: Int, radix: Int = 10) -> String {
        let text = String(value, radix: radix)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

// MARK: Writing

private func prepareEmptyDirectory(_ root: String) throws {
    let manager = FileManager.default
    if let existing = try? manager.contentsOfDirectory(atPath: root), !existing.isEmpty {
        throw FileSystemError(path: root, message: "\(root) is not empty")
    }
    try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
}

private func writeFiles(_ files: [GeneratedFile], under root: String) throws {
    var created: Set<String> = []
    for file in files {
        let parent = file.path.split(separator: "/").dropLast()
        for depth in 0..<parent.count {
            let directory = parent.prefix(depth + 1).joined(separator: "/")
            if created.insert(directory).inserted {
                guard mkdir(root + "/" + directory, 0o755) == 0 || errno == EEXIST else {
                    throw writeFailure("create", "\(root)/\(directory)")
                }
            }
        }
        try writeFile(root + "/" + file.path, file.bytes)
    }
}

private func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw writeFailure("write", path) }
    defer { close(fd) }
    var written = 0
    while written < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { throw writeFailure("write", path) }
        written += n
    }
}

/// `cannot OPERATION PATH: REASON`, the reason from `errno`.
private func writeFailure(_ operation: String, _ path: String) -> FileSystemError {
    let code = errno
    return FileSystemError(path: path, code: code, message: "cannot \(operation) \(path): \(String(cString: strerror(code)))")
}

// MARK: Randomness

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast and good enough for fixtures, and the
/// one seeded generator of the tests, so that a failing random sequence can be replayed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// An independent stream per (stream, index): the seeds are mixed, not offset, so
    /// neighbouring indices do not yield shifted copies of one sequence.
    public init(seed: UInt64, stream: UInt64, index: Int) {
        state = Self.mix(Self.mix(seed ^ Self.mix(stream)) ^ UInt64(index))
    }

    /// The plain sequence of `seed`.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound`; the modulo bias is negligible for fixture sizes.
    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// `count` distinct values in `0..<bound`, in the order drawn.
    mutating func distinct(_ count: Int, below bound: Int) -> [Int] {
        var chosen: [Int] = []
        var seen: Set<Int> = []
        while chosen.count < count {
            let value = below(bound)
            if seen.insert(value).inserted { chosen.append(value) }
        }
        return chosen
    }

    /// A lowercase version 4 UUID.
    mutating func uuid() -> String {
        let high = next(), low = next()
        var bytes = withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { Array($0) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { RegistryGenerator.digits(Int($0), 2, radix: 16) }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]]
            .map { $0.joined() }.joined(separator: "-")
    }
}

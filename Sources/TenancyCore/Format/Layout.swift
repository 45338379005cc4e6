import Glibc

/// What a path under the registry root is (docs/FORMAT.md): the closed layout of format 1.
public enum EntityPath: Hashable, Sendable, Comparable {
    case policy
    case user(Handle)
    case org(Slug)
    case member(org: Slug, user: Handle)
    case project(org: Slug, project: Slug)
    case projectMember(org: Slug, project: Slug, user: Handle)
    case invitation(org: Slug, id: String)

    /// The path relative to the registry root; names must already be valid.
    public var path: String {
        switch self {
        case .policy: "tenancy.json"
        case .user(let handle): "users/\(handle).json"
        case .org(let org): "orgs/\(org)/org.json"
        case .member(let org, let user): "orgs/\(org)/members/\(user).json"
        case .project(let org, let project): "orgs/\(org)/projects/\(project)/project.json"
        case .projectMember(let org, let project, let user):
            "orgs/\(org)/projects/\(project)/members/\(user).json"
        case .invitation(let org, let id): "orgs/\(org)/invitations/\(id).json"
        }
    }

    public static func < (a: EntityPath, b: EntityPath) -> Bool { a.path < b.path }
}

public enum Layout {
    public enum Classification: Hashable, Sendable {
        case entity(EntityPath)
        /// Allowed but not part of the registry: the root `.gitignore`.
        case ignored
        /// Not allowed: the reason names what is wrong.
        case stray(String)
    }

    /// Classifies a `/`-separated path relative to the registry root. Names are checked
    /// against the grammar before they are used in any path.
    public static func classify(_ path: String) -> Classification {
        if path == ".gitignore" { return .ignored }
        // Over the path's bytes, not its Characters: this runs on every path of the
        // registry, and only the names in it become Strings.
        return withUTF8(path) { bytes in classify(components(bytes)) ?? .stray(strayReason(path)) }
    }

    private typealias Part = Slice<UnsafeBufferPointer<UInt8>>

    /// The `/`-separated components, in one allocation (`split` grows its array).
    private static func components(_ bytes: UnsafeBufferPointer<UInt8>) -> [Part] {
        var parts: [Part] = []
        parts.reserveCapacity(8)
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "/") {
            parts.append(bytes[start..<index])
            start = index + 1
        }
        parts.append(bytes[start...])
        return parts
    }

    /// Nil when the path is not even shaped like an entry of the layout.
    private static func classify(_ parts: [Part]) -> Classification? {
        let first = parts[0]
        // A working tree's `.tenancy/` is never listed (`DirectorySource` skips it): a
        // path under it comes from git, where a replayed journal could change anything.
        if equal(first, ".tenancy") { return .stray("the tool's scratch directory must never be committed") }
        switch parts.count {
        case 1 where equal(first, "tenancy.json"): return .entity(.policy)
        case 2 where equal(first, "users"):
            return named(parts[1], as: "handle") { .user(Handle(unchecked: $0)) }
        case 3 where equal(first, "orgs") && equal(parts[2], "org.json"):
            return slug(text(parts[1]), "organization slug") { .entity(.org($0)) }
        case 4 where equal(first, "orgs"):
            return slug(text(parts[1]), "organization slug") { org in orgFile(org, parts[2], parts[3]) }
        case 5...6 where equal(first, "orgs") && equal(parts[2], "projects"):
            return slug(text(parts[1]), "organization slug") { org in
                slug(text(parts[3]), "project slug") { project in projectFile(org, project, parts[4...]) }
            }
        default: return nil
        }
    }

    private static func orgFile(_ org: Slug, _ folder: Part, _ file: Part) -> Classification {
        if equal(folder, "members") { return named(file, as: "handle") { .member(org: org, user: Handle(unchecked: $0)) } }
        guard equal(folder, "invitations") else { return .stray("unexpected entry in an organization") }
        guard let id = stem(file), UUIDString.isValid(id) else {
            return .stray("an invitation file must be named <lowercase-uuid>.json")
        }
        return .entity(.invitation(org: org, id: id))
    }

    private static func projectFile(_ org: Slug, _ project: Slug, _ rest: ArraySlice<Part>) -> Classification {
        if rest.count == 1 && equal(rest.first!, "project.json") {
            return .entity(.project(org: org, project: project))
        }
        if rest.count == 2 && equal(rest.first!, "members") {
            return named(rest.last!, as: "handle") { .projectMember(org: org, project: project, user: Handle(unchecked: $0)) }
        }
        return .stray("unexpected entry in a project")
    }

    /// `<name>.json` with a valid name (so `make` may take it as a checked `Handle`).
    private static func named(_ file: Part, as what: String, _ make: (String) -> EntityPath) -> Classification {
        guard let name = stem(file) else { return .stray("expected a .json file") }
        return checked(name, what) { .entity(make($0)) }
    }

    /// The name before `.json`, or nil when the file does not end in `.json`.
    private static func stem(_ file: Part) -> String? {
        guard file.count >= 5, equal(file.suffix(5), ".json") else { return nil }
        return text(file.dropLast(5))
    }

    private static func text(_ part: Part) -> String { String(decoding: part, as: UTF8.self) }

    private static func equal(_ part: Part, _ literal: StaticString) -> Bool {
        part.count == literal.utf8CodeUnitCount
            && memcmp(part.base.baseAddress! + part.startIndex, literal.utf8Start, part.count) == 0
    }

    private static func checked(_ name: String, _ what: String, _ next: (String) -> Classification) -> Classification {
        if let problem = Name.problem(with: name) {
            return .stray("\(what) '\(name)' \(problem)")
        }
        return next(name)
    }

    /// A slug in the path, checked.
    private static func slug(_ name: String, _ what: String, _ next: (Slug) -> Classification) -> Classification {
        checked(name, what) { next(Slug(unchecked: $0)) }
    }

    private static func strayReason(_ path: String) -> String {
        let top = path.prefix { $0 != "/" }
        guard top == "users" || top == "orgs" else {
            return "unexpected entry; the registry root holds only tenancy.json, users/ and orgs/, "
                + "and what the policy's \"ignore\" list names (see docs/FORMAT.md)"
        }
        return "unexpected entry; the registry holds only tenancy.json, users/ and orgs/ (see the layout in the README)"
    }
}

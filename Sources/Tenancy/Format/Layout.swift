/// What a path under the registry root is (SPEC §1): the closed layout of format 1.
public enum EntityPath: Hashable, Sendable, Comparable {
    case policy
    case user(String)
    case org(String)
    case member(org: String, user: String)
    case project(org: String, project: String)
    case projectMember(org: String, project: String, user: String)
    case invitation(org: String, id: String)

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
        /// Allowed but not part of the registry: the root `.gitignore` and `.tenancy/`.
        case ignored
        /// Not allowed: the reason names what is wrong.
        case stray(String)
    }

    /// Classifies a `/`-separated path relative to the registry root. Names are checked
    /// against the grammar before they are used in any path.
    public static func classify(_ path: String) -> Classification {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.first == ".tenancy" || path == ".gitignore" { return .ignored }
        switch parts.count {
        case 1 where path == "tenancy.json": return .entity(.policy)
        case 2 where parts[0] == "users":
            return named(parts[1], as: "handle") { .user($0) }
        case 3 where parts[0] == "orgs" && parts[2] == "org.json":
            return checked(parts[1], "organization slug") { .entity(.org($0)) }
        case 4 where parts[0] == "orgs":
            return checked(parts[1], "organization slug") { org in orgFile(org, parts[2], parts[3]) }
        case 5...6 where parts[0] == "orgs" && parts[2] == "projects":
            return checked(parts[1], "organization slug") { org in
                checked(parts[3], "project slug") { project in projectFile(org, project, Array(parts[4...])) }
            }
        default: break
        }
        return .stray(strayReason(path))
    }

    private static func orgFile(_ org: String, _ folder: String, _ file: String) -> Classification {
        switch folder {
        case "members": return named(file, as: "handle") { .member(org: org, user: $0) }
        case "invitations":
            guard file.hasSuffix(".json"), UUIDString.isValid(String(file.dropLast(5))) else {
                return .stray("an invitation file must be named <lowercase-uuid>.json")
            }
            return .entity(.invitation(org: org, id: String(file.dropLast(5))))
        default: return .stray("unexpected entry in an organization")
        }
    }

    private static func projectFile(_ org: String, _ project: String, _ rest: [String]) -> Classification {
        if rest == ["project.json"] { return .entity(.project(org: org, project: project)) }
        if rest.count == 2 && rest[0] == "members" {
            return named(rest[1], as: "handle") { .projectMember(org: org, project: project, user: $0) }
        }
        return .stray("unexpected entry in a project")
    }

    /// `<name>.json` with a valid name.
    private static func named(_ file: String, as what: String, _ make: (String) -> EntityPath) -> Classification {
        guard file.hasSuffix(".json") else { return .stray("expected a .json file") }
        return checked(String(file.dropLast(5)), what) { .entity(make($0)) }
    }

    private static func checked(_ name: String, _ what: String, _ next: (String) -> Classification) -> Classification {
        if let problem = Name.problem(with: name) {
            return .stray("\(what) '\(name)' \(problem)")
        }
        return next(name)
    }

    private static func strayReason(_ path: String) -> String {
        "unexpected entry; the registry holds only tenancy.json, users/ and orgs/ (see the layout in the README)"
    }
}

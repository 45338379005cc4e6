/// Ids are unique per entity type across the registry: users, organizations, projects
/// and invitations.
///
/// An id outlives renames: applications store it, and the transition rules recognize a
/// moved directory with the same id as a rename. Two entities with one id would make
/// both ambiguous.
///
/// Failing: a project `www` that copies the id of project `web`. Passing: a project
/// `www` with an id of its own.
public struct IDUniqueRule: StateRule {
    public static let id: RuleID = "id-unique"
    public static let summary = "ids unique per entity type across the registry"
    public static let examples = RuleExamples(
        passing: [["orgs/acme/projects/www/project.json": """
            {
              "createdAt": "2026-11-21T09:30:00Z",
              "id": "8de09cda-ce9a-4f5a-9cdd-aebebebeae98",
              "name": "Marketing site",
              "slug": "www"
            }

            """]],
        failing: [["orgs/acme/projects/www/project.json": """
            {
              "createdAt": "2026-11-21T09:30:00Z",
              "id": ↓"5abd6fa7-9b6d-4c2d-8faa-7ebebebe7a65",
              "name": "Marketing site",
              "slug": "www"
            }

            """]])

    public init() {}

    /// An entity named for messages, with its id and file.
    private struct Identified {
        var name: String
        var id: String
        var origin: Origin
    }

    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        let users = snapshot.users.sorted { $0.key < $1.key }.map { key, user in
            Identified(name: #"user "\#(key)""#, id: user.id, origin: user.origin)
        }
        let orgs = snapshot.orgs.sorted { $0.key < $1.key }.map { key, org in
            Identified(name: #"organization "\#(key)""#, id: org.id, origin: org.origin)
        }
        let projects = snapshot.allProjects().map {
            Identified(name: #"project "\#($0.org)/\#($0.slug)""#, id: $0.id, origin: $0.origin)
        }
        let invitations = snapshot.allInvitations().map {
            Identified(name: #"an invitation of organization "\#($0.org)""#, id: $0.id, origin: $0.origin)
        }
        for entities in [users, orgs, projects, invitations] {
            for (item, first) in repeated(entities, key: \.id) {
                sink.emit(Self.id, #"\#(item.name) has id "\#(item.id)", already the id of \#(first.name)"#, at: item.origin, "id")
            }
        }
    }
}

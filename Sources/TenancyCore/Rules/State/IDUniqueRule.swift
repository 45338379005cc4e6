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
    public static let id = RuleID(Self.self)
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

    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        // Named by key and ordered by path, as the files are: the path is unique where the
        // key may not be (a copied project directory keeps its slug), so the later file is
        // the one reported, whatever order the files were loaded in.
        report(snapshot.users, { $0.key }, { $0.value.id }, { $0.value }, .id, { #"user "\#($0.key)""# }, &sink)
        report(
            snapshot.orgs, { $0.key }, { $0.value.id }, { $0.value }, .id, { #"organization "\#($0.key)""# },
            &sink)
        report(
            snapshot.everyProject, \.origin.path, \.id, { $0 }, .id,
            { #"project "\#($0.org)/\#($0.slug)""# }, &sink)
        report(
            snapshot.everyInvitation, \.origin.path, \.id, { $0 }, .id,
            { #"an invitation of organization "\#($0.org)""# }, &sink)
    }

    /// Reports every entity whose id an entity earlier in `order` already has; `name` is
    /// built only for a diagnostic.
    private func report<Entities: Collection, Order: Comparable, E: KeyedEntity>(
        _ entities: Entities, _ order: (Entities.Element) -> Order, _ id: (Entities.Element) -> String,
        _ entity: (Entities.Element) -> E, _ idKey: E.Key, _ name: (Entities.Element) -> String,
        _ sink: inout DiagnosticSink
    ) {
        // Each named with its file: a copied directory keeps the key it was copied with.
        func named(_ element: Entities.Element) -> String { "\(name(element)) at \(entity(element).origin.path)" }
        for (item, first) in repeated(entities, key: id, by: { order($0) < order($1) }) {
            sink.emit(
                Self.id, #"\#(named(item)) has id "\#(id(item))", already the id of \#(named(first))"#,
                at: entity(item), idKey)
        }
    }
}

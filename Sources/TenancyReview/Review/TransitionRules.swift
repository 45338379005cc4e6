import TenancyCore

/// The transition rules, which hold between a base and a head snapshot
/// (`tenancy diff`, and every mutation). All findings carry the one rule id
/// `transition`; the message says which rule broke:
///
/// - ids never change: a file at the same path (or an entity matched by id) keeps its
///   `id`, since applications and old URLs refer to it;
/// - `createdAt` never changes;
/// - a `team` organization never becomes `personal` (conversion is one way);
/// - an invitation leaves `pending` at most once and never returns: once answered
///   (accepted, declined, revoked) its status stays.
///
/// A rename keeps the id: a moved directory with the same id is the same entity.
public enum TransitionRules {
    public static let id: RuleID = "transition"

    public static func check(base: Snapshot, head: Snapshot) -> [Diagnostic] {
        check(base: base, head: head, matching: Matching(base: base, head: head))
    }

    static func check(base: Snapshot, head: Snapshot, matching: Matching) -> [Diagnostic] {
        var sink = DiagnosticSink()
        for (was, now) in matching.users.compactMap({ pair(base.users[$0], head.users[$1]) }) {
            keep(was.id, now.id, "id", now.origin, &sink)
            keep(was.createdAt, now.createdAt, "createdAt", now.origin, &sink)
        }
        for (baseSlug, headSlug) in matching.orgs {
            guard let (was, now) = pair(base.orgs[baseSlug], head.orgs[headSlug]) else { continue }
            keep(was.id, now.id, "id", now.origin, &sink)
            keep(was.createdAt, now.createdAt, "createdAt", now.origin, &sink)
            if was.kind == .team && now.kind == .personal {
                sink.emit(
                    id, "a team organization never becomes personal", path: now.origin.path,
                    at: now.origin.position(of: "kind"))
            }
            checkChildren(base, head, matching, baseSlug, headSlug, &sink)
        }
        return sink.sorted
    }

    /// Members, projects, project members and invitations of one matched organization.
    private static func checkChildren(
        _ base: Snapshot, _ head: Snapshot, _ matching: Matching, _ baseSlug: String,
        _ headSlug: String, _ sink: inout DiagnosticSink
    ) {
        for member in base.memberships(of: baseSlug) {
            guard let now = head.members[headSlug]?[matching.user(member.user)] else { continue }
            keep(member.createdAt, now.createdAt, "createdAt", now.origin, &sink)
        }
        for (baseProject, was) in base.projects[baseSlug] ?? [:] {
            let key = Snapshot.ProjectKey(org: baseSlug, project: baseProject)
            guard let headProject = matching.projects[key],
                let now = head.projects[headSlug]?[headProject]
            else { continue }
            keep(was.id, now.id, "id", now.origin, &sink)
            keep(was.createdAt, now.createdAt, "createdAt", now.origin, &sink)
            let headKey = Snapshot.ProjectKey(org: headSlug, project: headProject)
            for member in (base.projectMembers[key] ?? [:]).values {
                guard let now = head.projectMembers[headKey]?[matching.user(member.user)] else { continue }
                keep(member.createdAt, now.createdAt, "createdAt", now.origin, &sink)
            }
        }
        for (invitationID, was) in base.invitations[baseSlug] ?? [:] {
            guard let now = head.invitations[headSlug]?[invitationID] else { continue }
            keep(was.createdAt, now.createdAt, "createdAt", now.origin, &sink)
            if was.status != .pending && now.status != was.status {
                sink.emit(
                    id,
                    "the invitation was \(was.status.rawValue) and cannot become \(now.status.rawValue): an invitation leaves pending at most once",
                    path: now.origin.path, at: now.origin.position(of: "status"))
            }
        }
    }

    private static func keep<Value: Equatable & CustomStringConvertible>(
        _ was: Value, _ now: Value, _ key: String, _ origin: Origin, _ sink: inout DiagnosticSink
    ) {
        guard was != now else { return }
        sink.emit(
            id, "\"\(key)\" changed from \"\(was)\" to \"\(now)\": \(key) never changes",
            path: origin.path, at: origin.position(of: key))
    }

    private static func pair<Entity>(_ was: Entity?, _ now: Entity?) -> (Entity, Entity)? {
        guard let was, let now else { return nil }
        return (was, now)
    }
}

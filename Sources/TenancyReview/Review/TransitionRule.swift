import TenancyCore

/// The transition rules, which hold between a base and a head snapshot (`tenancy diff`).
/// All findings carry the one rule id `transition`; the message says which rule broke:
///
/// - ids never change: a file at the same path (or an entity matched by id) keeps its
///   `id`, since applications and old URLs refer to it;
/// - `createdAt` never changes;
/// - a `team` organization never becomes `personal` (conversion is one way);
/// - an invitation leaves `pending` at most once and never returns: once answered
///   (accepted, declined, revoked) its status stays.
///
/// A rename keeps the id: a moved directory with the same id is the same entity.
///
/// Failing: bob's `createdAt` moved a day; a revoked invitation pending again. Passing:
/// bob's name changed.
public struct TransitionRule: ChangeRule {
    public static let id = RuleID(Self.self)
    public static let summary = "ids and `createdAt` never change; a team organization never becomes personal; an invitation leaves `pending` at most once"
    public static let examples = RuleExamples(
        passing: [.change(base: [:], head: ["users/bob.json": RuleExamples.user("bob", "Robert Builder", bobID)], actor: nil)],
        failing: [
            .change(base: [:], head: ["users/bob.json": RuleExamples.object([
                "createdAt": #"↓"2026-11-22T09:30:00Z""#, "email": #""bob@example.com""#, "handle": #""bob""#,
                "id": "\"\(bobID)\"", "name": #""Bob Builder""#,
            ])], actor: nil),
            .change(
                base: [RuleExamples.invitationPath(): RuleExamples.invitation([
                    "respondedAt": #""2026-11-22T09:30:00Z""#, "status": #""revoked""#,
                ])],
                head: [RuleExamples.invitationPath(): RuleExamples.invitation(["status": #"↓"pending""#])], actor: nil),
            .change(base: [:], head: ["orgs/acme/org.json": RuleExamples.object([
                "createdAt": #""2026-11-21T09:30:00Z""#, "id": #"↓"99999999-8a5c-4b1c-9e99-6dadadad6f54""#,
                "kind": #""team""#, "name": #""Acme Inc.""#, "slug": #""acme""#,
            ])], actor: nil),
        ])

    /// The id of the base registry's bob.
    static let bobID = "1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21"

    public static func check(_ change: ReviewedChange, into sink: inout DiagnosticSink) {
        let (base, head, matching) = (change.base, change.head, change.diff.matching)
        for (was, now) in matching.users.compactMap({ pair(base.users[$0], head.users[$1]) }) {
            keep(.id, \.id, was, now, &sink)
            keep(.createdAt, \.createdAt, was, now, &sink)
        }
        for (baseSlug, headSlug) in matching.orgs {
            guard let (was, now) = pair(base.orgs[baseSlug], head.orgs[headSlug]) else { continue }
            keep(.id, \.id, was, now, &sink)
            keep(.createdAt, \.createdAt, was, now, &sink)
            if was.kind == .team && now.kind == .personal {
                sink.emit(
                    id, "a team organization never becomes personal", path: now.origin.path,
                    at: now.position(of: .kind))
            }
            checkChildren(base, head, matching, baseSlug, headSlug, &sink)
        }
    }

    /// Members, projects, project members and invitations of one matched organization.
    private static func checkChildren(
        _ base: Snapshot, _ head: Snapshot, _ matching: Matching, _ baseSlug: Slug,
        _ headSlug: Slug, _ sink: inout DiagnosticSink
    ) {
        for member in base.memberships(in: baseSlug) {
            guard let now = head.members[headSlug]?[matching.user(member.user)] else { continue }
            keep(.createdAt, \.createdAt, member, now, &sink)
        }
        for (baseProject, was) in base.projects[baseSlug] ?? [:] {
            let key = Snapshot.ProjectKey(org: baseSlug, project: baseProject)
            guard let headProject = matching.projects[key],
                let now = head.projects[headSlug]?[headProject]
            else { continue }
            keep(.id, \.id, was, now, &sink)
            keep(.createdAt, \.createdAt, was, now, &sink)
            let headKey = Snapshot.ProjectKey(org: headSlug, project: headProject)
            for member in (base.projectMembers[key] ?? [:]).values {
                guard let now = head.projectMembers[headKey]?[matching.user(member.user)] else { continue }
                keep(.createdAt, \.createdAt, member, now, &sink)
            }
        }
        for (invitationID, was) in base.invitations[baseSlug] ?? [:] {
            guard let now = head.invitations[headSlug]?[invitationID] else { continue }
            keep(.createdAt, \.createdAt, was, now, &sink)
            if was.status != .pending && now.status != was.status {
                sink.emit(
                    id,
                    "the invitation was \(was.status.rawValue) and cannot become \(now.status.rawValue): an invitation leaves pending at most once",
                    path: now.origin.path, at: now.position(of: .status))
            }
        }
    }

    /// The value of `key` (read with `value`) must be the same in `was` and `now`.
    private static func keep<E: KeyedEntity, Value: Equatable & CustomStringConvertible>(
        _ key: E.Key, _ value: KeyPath<E, Value>, _ was: E, _ now: E, _ sink: inout DiagnosticSink
    ) {
        let (before, after) = (was[keyPath: value], now[keyPath: value])
        guard before != after else { return }
        sink.emit(
            id, "\"\(key.rawValue)\" changed from \"\(before)\" to \"\(after)\": \(key.rawValue) never changes",
            path: now.origin.path, at: now.position(of: key))
    }

    private static func pair<Entity>(_ was: Entity?, _ now: Entity?) -> (Entity, Entity)? {
        guard let was, let now else { return nil }
        return (was, now)
    }
}

/// Organization slugs are unique, also against every organization's `previousSlugs` and
/// the policy's `reservedSlugs`; project slugs are unique within their organization.
///
/// A slug is a tenant's URL. An old slug stays taken after a rename, so nobody can claim
/// another tenant's old URLs and receive its links and bookmarks; reserved slugs keep the
/// application's own routes (`/admin`, `/api`) free.
///
/// Failing: an organization `api` while the policy reserves `api`, or an organization
/// `acme` while `gamma` lists `acme` in its `previousSlugs`. Passing: an organization
/// `beta` with `"previousSlugs": ["alpha"]` and no organization `alpha`.
///
/// Two organizations (or two projects of one organization) with the same `slug` value
/// cannot come from disk without also breaking `key-mismatch`, as each directory name is
/// unique; the rule still checks the values, for snapshots built in memory.
public struct SlugUniqueRule: StateRule {
    public static let id = RuleID(Self.self)
    public static let summary =
        "organization slugs unique, also against every org's `previousSlugs` and the reserved list; project slugs unique within their org"
    public static let examples = RuleExamples(
        passing: [[
            "orgs/beta/org.json": """
                {
                  "createdAt": "2026-11-21T09:30:00Z",
                  "id": "7cdf8bc9-bd8f-4e4f-8bcc-9dadadad9c87",
                  "kind": "team",
                  "name": "Beta",
                  "previousSlugs": [
                    "alpha"
                  ],
                  "slug": "beta"
                }

                """,
            "orgs/beta/members/alice.json": RuleExamples.member("alice", "owner"),
        ]],
        failing: [
            [
                "orgs/api/org.json": """
                    {
                      "createdAt": "2026-11-21T09:30:00Z",
                      "id": "7cdf8bc9-bd8f-4e4f-8bcc-9dadadad9c87",
                      "kind": "team",
                      "name": "API",
                      "slug": ↓"api"
                    }

                    """,
                "orgs/api/members/alice.json": RuleExamples.member("alice", "owner"),
            ],
            [
                "orgs/gamma/org.json": """
                    {
                      "createdAt": "2026-11-21T09:30:00Z",
                      "id": "7cdf8bc9-bd8f-4e4f-8bcc-9dadadad9c87",
                      "kind": "team",
                      "name": "Gamma",
                      "previousSlugs": [
                        "acme"
                      ],
                      "slug": "gamma"
                    }

                    """,
                "orgs/gamma/members/alice.json": RuleExamples.member("alice", "owner"),
                "orgs/acme/org.json": """
                    {
                      "createdAt": "2026-11-21T09:30:00Z",
                      "id": "4fac5e96-8a5c-4b1c-9e99-6dadadad6f54",
                      "kind": "team",
                      "name": "Acme Inc.",
                      "slug": ↓"acme"
                    }

                    """,
            ],
        ])

    public init() {}

    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        let previous = previousSlugs(snapshot, &sink)
        checkOrganizationSlugs(snapshot, previous, &sink)
        checkProjectSlugs(snapshot, &sink)
    }

    /// Where a previous slug is listed: the organization (by path key) and the index.
    private struct Listing {
        var org: Slug
        var index: Int
    }

    /// Every previous slug with where it is first listed; reports the repeated ones.
    private func previousSlugs(_ snapshot: Snapshot, _ sink: inout DiagnosticSink) -> [Slug: Listing] {
        var listings: [Slug: Listing] = [:]
        // In path order, for "first"; few organizations have been renamed.
        let renamed = snapshot.orgs.filter { !$0.value.previousSlugs.isEmpty }.sorted { $0.key < $1.key }
        for (key, org) in renamed {
            for (index, slug) in org.previousSlugs.enumerated() {
                guard let first = listings[slug] else {
                    listings[slug] = Listing(org: key, index: index)
                    continue
                }
                let message = first.org == key
                    ? #"previous slug "\#(slug)" is listed twice by organization "\#(key)""#
                    : #"previous slug "\#(slug)" of organization "\#(key)" is already a previous slug of organization "\#(first.org)""#
                sink.emit(Self.id, message, at: org, .previousSlugs, item: index)
            }
        }
        return listings
    }

    /// Previous slugs count as taken before current ones: an organization that takes
    /// another's old slug is the one reported, in its own (usually new) file.
    private func checkOrganizationSlugs(
        _ snapshot: Snapshot, _ previous: [Slug: Listing], _ sink: inout DiagnosticSink
    ) {
        let reserved = snapshot.policyDecoded ? Set(snapshot.policy.reservedSlugs) : []
        let clashes = repeated(snapshot.orgs, key: { $0.value.slug }, by: { $0.key < $1.key })
        for ((key, org), (holder, _)) in clashes {
            sink.emit(Self.id, #"organizations "\#(holder)" and "\#(key)" both have slug "\#(org.slug)""#, at: org, .slug)
        }
        let seconds = Set(clashes.map(\.item.key))
        for (key, org) in snapshot.orgs where !seconds.contains(key) {
            if reserved.contains(org.slug) {
                sink.emit(Self.id, #"organization slug "\#(org.slug)" is reserved by the policy ("reservedSlugs")"#, at: org, .slug)
            } else if let listing = previous[org.slug], listing.org == key {
                sink.emit(Self.id, #"organization "\#(key)" lists its current slug "\#(org.slug)" in "previousSlugs""#, at: org, .previousSlugs, item: listing.index)
            } else if let listing = previous[org.slug] {
                sink.emit(Self.id, #"organization slug "\#(org.slug)" was a slug of organization "\#(listing.org)" before a rename and stays taken"#, at: org, .slug)
            }
        }
    }

    private func checkProjectSlugs(_ snapshot: Snapshot, _ sink: inout DiagnosticSink) {
        for (org, byKey) in snapshot.projects where byKey.contains(where: { $0.key != $0.value.slug }) {
            // Project directories are named for their slug: only a mismatch can repeat one.
            for (item, first) in repeated(byKey, key: { $0.value.slug }, by: { $0.key < $1.key }) {
                sink.emit(
                    Self.id, #"projects "\#(first.key)" and "\#(item.key)" of organization "\#(org)" both have slug "\#(item.value.slug)""#,
                    at: item.value, .slug)
            }
        }
    }
}

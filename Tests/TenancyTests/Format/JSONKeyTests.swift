import Testing

@testable import TenancyCore

/// Each object's keys are declared once, as a `Key` enum: the decoder's allowed list,
/// its lookups, the encoder and the rules' positions all come from it.
struct JSONKeyTests {
    static let keyLists: [(String, [String])] = [
        ("User", User.Key.names), ("Organization", Organization.Key.names),
        ("Membership", Membership.Key.names), ("Project", Project.Key.names),
        ("ProjectMembership", ProjectMembership.Key.names), ("Invitation", Invitation.Key.names),
        ("Policy", Policy.Key.names), ("Policy.Role", Policy.Role.Key.names),
        ("Policy.Assignment", Policy.Assignment.Key.names), ("Policy.Invitations", Policy.Invitations.Key.names),
        ("Policy.Limits", Policy.Limits.Key.names),
        ("Policy.PersonalOrganizations", Policy.PersonalOrganizations.Key.names),
        ("Policy.AccessTest", Policy.AccessTest.Key.names),
    ]

    /// The decoder looks for each key after the last one found: declared in the order of a
    /// canonical file, a valid file's keys are each found at the first comparison.
    @Test func everyKeyListIsInCodePointOrder() {
        for (type, names) in Self.keyLists {
            #expect(names == names.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }, "\(type)")
        }
    }

    static let at = Timestamp("2026-11-21T09:30:00Z")!
    static let id = "1c7f2b63-5d2f-4e8f-8b66-3a7a1a7a3c21"

    /// An entity with every optional value set is written with every key of its `Key`.
    @Test func theEncoderWritesEveryKeyOfAFullEntity() {
        let origin = Origin(path: "")
        let entities: [(any KeyedJSON, [String])] = [
            (User(handle: "bob", id: Self.id, email: "b@x.io", name: "Bob", createdAt: Self.at, siteAdmin: true,
                logins: [.github: "bob"], origin: origin),
             User.Key.names),
            (Organization(
                slug: "bob", id: Self.id, name: "Bob", kind: .personal, createdAt: Self.at, personalOf: "bob",
                previousSlugs: ["old"], logo: "https://x.io/l.png", metadata: .object([]), origin: origin),
             Organization.Key.names),
            (Membership(
                org: "acme", user: "bob", role: "member", assignments: ["a"], createdAt: Self.at, updatedAt: Self.at,
                origin: origin),
             Membership.Key.names),
            (Project(org: "acme", slug: "web", id: Self.id, name: "Web", createdAt: Self.at, origin: origin),
             Project.Key.names),
            (ProjectMembership(
                org: "acme", project: "web", user: "bob", role: "member", createdAt: Self.at, updatedAt: Self.at,
                origin: origin),
             ProjectMembership.Key.names),
            (Invitation(
                org: "acme", id: Self.id, email: "b@x.io", role: "member", inviter: "alice", status: .accepted,
                createdAt: Self.at, expiresAt: Self.at, project: "web", projectRole: "member", respondedAt: Self.at,
                acceptedBy: "bob", origin: origin),
             Invitation.Key.names),
            (Policy(), Policy.Key.names), (Policy().invitations, Policy.Invitations.Key.names),
            (Policy().limits, Policy.Limits.Key.names),
            (Policy().personalOrganizations, Policy.PersonalOrganizations.Key.names),
            (Policy().review, Policy.Review.Key.names), (Policy.MassRemoval(), Policy.MassRemoval.Key.names),
            (Policy.Role(name: "owner", owner: true, permissions: ["*"]), Policy.Role.Key.names),
            (Policy.Assignment(name: "a", permissions: [], required: true), Policy.Assignment.Key.names),
            (Policy.AccessTest(user: "bob", org: "acme", project: "web", can: [], cannot: [], position: .start),
             Policy.AccessTest.Key.names),
        ]
        for (entity, names) in entities {
            guard case .object(let members) = entity.json else { Issue.record("not an object"); continue }
            #expect(members.map(\.key) == names, "\(type(of: entity))")
        }
    }
}

import Foundation
import Testing
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview
import TenancyTestSupport

/// A mutation checks only the part of the registry its arguments name (`Scope`); these
/// tests prove, with random operations on generated registries that already hold some
/// errors, that it answers exactly as the check of the whole registry: the same files
/// written, or the same diagnostics, denial or error.
@Suite struct ScopedCheckTests {
    static let now = Timestamp("2026-06-01T00:00:00Z")!

    @Test(.slow) func scopedCheckAnswersAsTheWholeRegistryCheck() throws {
        var tally: [String: Int] = [:]
        for seed: UInt64 in 1...3 { try compareRandomChanges(seed: seed, steps: 70, &tally) }
        // Not vacuous: every kind of answer came up, and most changes were checked scoped.
        #expect(tally["accepted", default: 0] >= 40, "\(tally)")
        #expect(tally["refused", default: 0] >= 6, "\(tally)")
        #expect(tally["denied", default: 0] >= 6, "\(tally)")
        #expect(tally["failed", default: 0] >= 20, "\(tally)")
        #expect(tally["scoped", default: 0] >= tally["accepted", default: 0] * 3 / 4, "\(tally)")
        #expect(tally["unwritable"] == nil, "\(tally)")
    }

    /// A directory replaced by a symlink to it hides what is in it from the whole load
    /// (a `layout` error); the scoped load must not see through it either.
    @Test(.slow, arguments: ["users", "orgs/team-00001/members"])
    func scopedCheckFollowsNoSymlinkTheWholeLoadDoesNot(directory: String) throws {
        var tally: [String: Int] = [:]
        try compareRandomChanges(seed: 4, steps: 40, &tally) { tree in
            let outside = tree.path + "/outside"
            try FileManager.default.moveItem(atPath: tree.registry + "/" + directory, toPath: outside)
            try tree.symlink(directory, to: outside)
        }
        #expect(tally["scoped", default: 0] >= 10, "\(tally)")
    }

    /// Prepares `steps` random changes both ways on a generated registry (with `alter`
    /// applied), applying each accepted one, and counts the kinds of answers.
    func compareRandomChanges(
        seed: UInt64, steps: Int, _ tally: inout [String: Int], alter: (TemporaryRegistry) throws -> Void = { _ in }
    ) throws {
        let tree = try TemporaryRegistry()
        _ = try RegistryGenerator(users: 24, orgs: 5, seed: seed).write(to: tree.registry)
        try Self.addKnownProblems(tree)
        try alter(tree)
        let registry = Registry(root: tree.registry)
        var random = SplitMix64(seed: seed, stream: 99, index: 0)
        for _ in 0..<steps {
            let whole = try SnapshotLoader.load(from: DirectorySource(root: tree.registry))
            let operation = RandomOperation(&random, whole)
            let scoped = Self.outcome(of: operation, in: registry, whole: whole, scoped: true)
            let full = Self.outcome(of: operation, in: registry, whole: whole, scoped: false)
            #expect(scoped.answer == full.answer, "seed \(seed): \(operation.name)")
            tally[full.answer.kind, default: 0] += 1
            if scoped.usedScope { tally["scoped", default: 0] += 1 }
            if case .accepted = full.answer {
                do {
                    _ = try Mutation(registry: registry, now: Self.now, actor: operation.actor).run(operation.plan)
                } catch is FileSystemError {
                    tally["unwritable", default: 0] += 1  // behind a symlinked directory: refused
                }
            }
        }
    }

    /// A change that reaches beyond its scope (an email that must be unique among all
    /// users, a slug that must be unique among all organizations) is checked against the
    /// whole registry instead, whatever scope the caller gave.
    @Test func changesBeyondTheirScopeAreCheckedAgainstTheWholeRegistry() throws {
        let tree = try TemporaryRegistry()
        _ = try RegistryGenerator(users: 6, orgs: 2, seed: 1).write(to: tree.registry)
        let registry = Registry(root: tree.registry)
        let mutation = Mutation(registry: registry, now: Self.now, dryRun: true)
        let duplicateEmail = #expect(throws: MutationRefused.self) {
            try registry.withLock(.exclusive) {
                try mutation.prepare(scope: Scope(users: ["user-000001"])) { s, _ in
                    try UserOperations.set(s, handle: "user-000001", name: nil, email: "user-000002@example.com")
                }
            }
        }
        #expect(duplicateEmail?.diagnostics.map(\.rule) == [EmailUniqueRule.id])
        let rename = try registry.withLock(.exclusive) {
            try mutation.prepare(scope: Scope(orgs: ["team-00001"])) { s, _ in
                try OrgOperations.rename(s, slug: "team-00001", to: "renamed")
            }
        }
        #expect(rename.scope == nil)
        let setName = try registry.withLock(.exclusive) {
            try mutation.prepare(scope: Scope(orgs: ["team-00001"])) { s, _ in
                try OrgOperations.set(s, slug: "team-00001", name: "New", logo: nil, metadata: nil)
            }
        }
        #expect(setName.scope?.orgs == ["team-00001"])
        let whole = try SnapshotLoader.load(from: DirectorySource(root: tree.registry))
        #expect(setName.base.fileCount < whole.fileCount / 2)
    }

    /// Memberships counted for `organizationsPerUser` outside the scope are those the
    /// whole load sees: not through a symlinked organization directory.
    @Test func membershipsBehindASymlinkAreNotCounted() throws {
        let tree = try TemporaryRegistry()
        _ = try RegistryGenerator(users: 30, orgs: 1, seed: 1).write(to: tree.registry)
        let whole = try SnapshotLoader.load(from: DirectorySource(root: tree.registry))
        let user = whole.userHandles.first { whole.members["team-00001"]?[$0] == nil }!
        let held = whole.present.count { if case .member(_, user) = $0 { true } else { false } }
        try tree.write("tenancy.json", Array("{\n  \"format\": 1,\n  \"limits\": {\n    \"organizationsPerUser\": \(held + 1)\n  }\n}\n".utf8))
        try tree.write("../elsewhere/members/\(user).json", Array(Self.member(user.rawValue, "member").utf8))
        try FileManager.default.createSymbolicLink(atPath: tree.registry + "/orgs/elsewhere", withDestinationPath: tree.path + "/elsewhere")
        let operation: Mutation.Plan = { s, now in
            try MemberOperations.add(s, now: now, org: "team-00001", user: user, role: "member", assignments: [])
        }
        let registry = Registry(root: tree.registry)
        let scope = Scope(orgs: ["team-00001"], countingMembershipsOf: [user])
        let mutation = Mutation(registry: registry, now: Self.now, dryRun: true)
        let scoped = try registry.withLock(.exclusive) { try mutation.prepare(scope: scope, operation) }
        let full = try registry.withLock(.exclusive) { try mutation.prepare(scope: nil, operation) }
        #expect(scoped.scope != nil)
        #expect(scoped.changeset == full.changeset)
    }

    /// A policy with limits the random changes reach and access tests they can break, and
    /// errors already present, which must neither block unrelated changes nor hide new ones.
    static func addKnownProblems(_ tree: TemporaryRegistry) throws {
        try tree.write("tenancy.json", Array(policy.utf8))
        try tree.write("orgs/team-00003/members/ghost.json", Array(member("ghost", "member").utf8))
        try tree.write("orgs/team-00004/members/user-000007.json", Array(member("user-000007", "boss").utf8))
        try FileManager.default.removeItem(atPath: tree.registry + "/orgs/user-000005")
    }

    static let policy = """
        {
          "format": 1,
          "invitations": {
            "maxPendingPerOrganization": 3
          },
          "limits": {
            "membersPerOrganization": 21,
            "organizationsPerUser": 5
          },
          "tests": [
            {
              "can": [
                "org:read"
              ],
              "org": "team-00001",
              "user": "user-000001"
            },
            {
              "cannot": [
                "member:add"
              ],
              "org": "team-00002",
              "user": "user-000002"
            }
          ]
        }

        """

    static func member(_ user: String, _ role: String) -> String {
        "{\n  \"assignments\": [],\n  \"createdAt\": \"2026-01-02T00:00:00Z\",\n  \"role\": \"\(role)\",\n  \"user\": \"\(user)\"\n}\n"
    }

    /// What a change comes to, with the ids it creates numbered in order of appearance
    /// (each preparation draws new random ones).
    enum Answer: Equatable {
        case accepted([String])
        case refused([String])
        case denied([String])
        case failed(String)

        var kind: String {
            switch self {
            case .accepted: "accepted"
            case .refused: "refused"
            case .denied: "denied"
            case .failed: "failed"
            }
        }
    }

    static func outcome(
        of operation: RandomOperation, in registry: Registry, whole: Snapshot, scoped: Bool
    ) -> (answer: Answer, usedScope: Bool) {
        let mutation = Mutation(registry: registry, now: now, dryRun: true, actor: operation.actor)
        var ids = NewIDs(known: whole)
        do {
            let prepared = try registry.withLock(.exclusive) {
                try mutation.prepare(scope: scoped ? operation.scope : nil, operation.plan)
            }
            let lines = prepared.changeset.fileChanges.map { change in
                switch change {
                case .write(let path, let bytes): ids.numbered("write \(path)\n" + String(decoding: bytes, as: UTF8.self))
                case .remove(let path): ids.numbered("remove \(path)")
                }
            }
            return (.accepted(lines), prepared.scope != nil)
        } catch let refused as MutationRefused {
            return (.refused(refused.diagnostics.map { ids.numbered($0.formatted) }), false)
        } catch let denied as MutationDenied {
            return (.denied(denied.denials.map { ids.numbered($0.message) }), false)
        } catch {
            return (.failed("\(error)"), false)
        }
    }

    /// Replaces ids the registry does not hold by `<new-N>`.
    struct NewIDs {
        let known: Set<String>
        var assigned: [String: String] = [:]

        init(known whole: Snapshot) {
            known = Set(whole.users.values.map(\.id) + whole.orgs.values.map(\.id)
                + whole.everyProject.map(\.id) + whole.everyInvitation.map(\.id))
        }

        mutating func numbered(_ text: String) -> String {
            var result = text
            let uuid = try! Regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
            for match in text.matches(of: uuid).reversed() {
                let id = String(text[match.range])
                guard !known.contains(id) else { continue }
                if assigned[id] == nil { assigned[id] = "<new-\(assigned.count)>" }
                result.replaceSubrange(match.range, with: assigned[id]!)
            }
            return result
        }
    }
}

/// One random mutation with the scope its command declares (as in `Sources/tenancy/Commands`).
struct RandomOperation {
    var name: String
    var scope: Scope?
    var actor: Handle?
    var plan: Mutation.Plan

    init(_ random: inout SplitMix64, _ s: Snapshot) {
        var pick = Picker(random: random, snapshot: s)
        let org = pick.org()
        let user = pick.user(in: org)
        (name, scope, plan) = Self.operation(pick.below(17), org: org, user: user, &pick)
        actor = pick.below(4) == 0 ? pick.user(in: org) : nil
        if let actor { name += " --as \(actor)" }
        random = pick.random
    }

    private static func operation(
        _ kind: Int, org: Slug, user: Handle, _ pick: inout Picker
    ) -> (String, Scope?, Mutation.Plan) {
        let inOrg = Scope(orgs: [org], users: [user])
        switch kind {
        case 0:
            let (user, role) = (pick.anyUser(), pick.orgRole())
            return ("member add \(org) \(user) \(role)", Scope(orgs: [org], countingMembershipsOf: [user]), { s, now in
                try MemberOperations.add(s, now: now, org: org, user: user, role: role, assignments: [])
            })
        case 1:
            let role = pick.orgRole()
            return ("member set \(org) \(user) \(role)", inOrg, { s, now in
                try MemberOperations.set(s, now: now, org: org, user: user, role: role, assignments: nil)
            })
        case 2:
            return ("member remove \(org) \(user)", inOrg, { s, _ in try MemberOperations.remove(s, org: org, user: user) })
        case 3, 4:
            return ("org set \(org)", Scope(orgs: [org]), { s, _ in
                try OrgOperations.set(s, slug: org, name: "Renamed", logo: nil, metadata: nil)
            })
        case 4 where pick.below(4) == 0:  // rarely, or the team organizations soon run out
            return ("org delete \(org)", Scope(orgs: [org]), { s, _ in try OrgOperations.delete(s, slug: org) })
        case 5:
            let from = pick.below(2) == 0 ? pick.user(in: org) : nil
            let scope = Scope(orgs: [org], users: from.map { [$0] } ?? [], countingMembershipsOf: [user])
            return ("org transfer \(org) --to \(user) --from \(from?.rawValue ?? "-")", scope, { s, now in
                try OrgOperations.transfer(s, now: now, org: org, to: user, from: from)
            })
        case 6:
            let slug = pick.one(["web", "api", "admin", "new-thing", "Bad Slug"].map(Slug.init(unchecked:)))
            return ("project create \(org) \(slug)", Scope(orgs: [org]), { s, now in
                try ProjectOperations.create(s, now: now, org: org, slug: slug, name: "A project")
            })
        case 7:
            let project = pick.project(in: org)
            return ("project delete \(org) \(project)", Scope(orgs: [org]), { s, _ in
                try ProjectOperations.delete(s, org: org, slug: project)
            })
        case 8:
            let (project, new) = (pick.project(in: org), pick.one(["web", "renamed", "new"] as [Slug]))
            return ("project rename \(org) \(project) \(new)", Scope(orgs: [org]), { s, _ in
                try ProjectOperations.rename(s, org: org, slug: project, to: new)
            })
        case 9, 10, 11:
            return projectMemberOperation(kind, org: org, user: user, inOrg, &pick)
        case 12:
            return inviteOperation(org: org, inviter: user, &pick)
        case 13:
            let id = pick.invitation(in: org)
            let accepting = pick.below(2) == 0 ? pick.invitee(of: id, in: org) ?? user : user
            let scope = Scope(orgs: [org], countingMembershipsOf: [accepting])
            return ("invitation accept \(org) \(id) --user \(accepting)", scope, { s, now in
                try InvitationOperations.accept(s, now: now, org: org, id: id, user: accepting)
            })
        case 14:
            let id = pick.invitation(in: org)
            return ("invitation decline \(org) \(id)", Scope(orgs: [org]), { s, now in
                try InvitationOperations.decline(s, now: now, org: org, id: id)
            })
        case 15:
            let id = pick.invitation(in: org)
            return ("invitation revoke \(org) \(id)", Scope(orgs: [org]), { s, now in
                try InvitationOperations.revoke(s, now: now, org: org, id: id)
            })
        default:
            return ("user set \(user) --name", Scope(users: [user]), { s, _ in
                try UserOperations.set(s, handle: user, name: "New Name", email: nil)
            })
        }
    }

    private static func projectMemberOperation(
        _ kind: Int, org: Slug, user: Handle, _ scope: Scope, _ pick: inout Picker
    ) -> (String, Scope?, Mutation.Plan) {
        let project = pick.project(in: org)
        let role: RoleName = pick.one(["admin", "member", "owner"])
        switch kind {
        case 9:
            return ("project member add \(org) \(project) \(user) \(role)", scope, { s, now in
                try ProjectOperations.addMember(s, now: now, org: org, project: project, user: user, role: role)
            })
        case 10:
            return ("project member set \(org) \(project) \(user) \(role)", scope, { s, now in
                try ProjectOperations.setMember(s, now: now, org: org, project: project, user: user, role: role)
            })
        default:
            return ("project member remove \(org) \(project) \(user)", scope, { s, _ in
                try ProjectOperations.removeMember(s, org: org, project: project, user: user)
            })
        }
    }

    private static func inviteOperation(org: Slug, inviter: Handle, _ pick: inout Picker) -> (String, Scope?, Mutation.Plan) {
        var request = InvitationOperations.Invite(org: org, email: pick.email(in: org), role: pick.orgRole(), inviter: inviter)
        if pick.below(3) == 0 {
            request.project = pick.project(in: org)
            request.projectRole = "member"
        }
        request.resend = pick.below(4) == 0
        let invite = request
        return ("invite \(org) \(request.email) --inviter \(inviter)", Scope(orgs: [org], users: [inviter]), { s, now in
            try InvitationOperations.invite(s, now: now, invite)
        })
    }
}

/// Random names, mostly of what exists, sometimes of what does not.
struct Picker {
    var random: SplitMix64
    let snapshot: Snapshot

    mutating func below(_ bound: Int) -> Int { random.below(bound) }
    mutating func one<Choice>(_ choices: [Choice]) -> Choice { choices[below(choices.count)] }

    mutating func org() -> Slug {
        let teams = snapshot.orgSlugs.filter { $0.rawValue.hasPrefix("team-") }
        return below(10) == 0 || teams.isEmpty ? one(snapshot.orgSlugs + ["nowhere"]) : one(teams)
    }

    mutating func user(in org: Slug) -> Handle {
        let members = snapshot.memberships(in: org).map(\.user)
        if below(3) > 0, !members.isEmpty { return one(members) }
        return anyUser()
    }

    mutating func anyUser() -> Handle { one(snapshot.userHandles + ["ghost"]) }

    mutating func orgRole() -> RoleName { one(["owner", "admin", "member", "member", "guest", "boss"]) }

    mutating func project(in org: Slug) -> Slug {
        one((snapshot.projects[org].map { Array($0.keys.sorted()) } ?? []) + ["missing"])
    }

    mutating func invitation(in org: Slug) -> String {
        one(snapshot.invitations(in: org).map(\.id) + ["00000000-0000-4000-8000-000000000000"])
    }

    /// The user the invitation is addressed to, when there is one.
    func invitee(of id: String, in org: Slug) -> Handle? {
        guard let email = snapshot.invitations[org]?[id]?.email else { return nil }
        return snapshot.users.values.first { $0.email == email }?.handle
    }

    mutating func email(in org: Slug) -> String {
        switch below(3) {
        case 0: "\(one(snapshot.userHandles))@example.com"
        case 1: one(snapshot.invitations(in: org).map(\.email) + ["someone@example.org"])
        default: "new-\(below(1000))@example.org"
        }
    }
}

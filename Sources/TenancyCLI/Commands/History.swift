import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy log`: the keys of the arguments it declares and reads, then the command.
enum LogCommand {
    static let range = Positional<String?>(
        "REV-RANGE", help: "A revision, for its whole history, or a range such as main..topic (default: HEAD).")
    static let org = Option<String?>(
        "org", value: "ORG", help: "Only the changes in this organization, followed across renames.", completion: .org)
    static let user = Option<String?>(
        "user", value: "USER", help: "Only the changes about this user, followed across renames.", completion: .user)

    static let command = Command<Context>(
        "log", abstract: "Show the access changes commit by commit, newest first.",
        discussion: """
            Reads the commits of REV-RANGE that changed the registry, following first
            parents (a merge is one step, against the branch it was merged into), and
            prints for each the commit, its author, date and subject, then its access
            changes as diff prints them. --org and --user name an organization and a user
            as they are called at the newest commit that has them, and follow them back
            across renames by id. Commits without access changes (or none that --org and
            --user keep) are left out.
            """,
        arguments: [range, org, user]
    ) { arguments, context in
        try context.requireFormat([.text, .json], for: "log")
        let range = arguments[Self.range] ?? "HEAD"
        // Each older registry is rebuilt from the newer along one line of first parents:
        // a range with two tips would silently lose one side's commits.
        guard !range.contains("...") else {
            throw Failure(.usage, "'\(range)' has two tips; give each side as its own range (A..B, then B..A)")
        }
        var filter = AccessFilter(org: arguments[Self.org], user: arguments[Self.user])
        var commits: [CommitChanges] = []
        var walked = false
        try context.history(range).walk { step in
            walked = true
            let changes = filter.changes(AccessDiff(base: step.base, head: step.head).changes, base: step.base, head: step.head)
            if !changes.isEmpty { commits.append(CommitChanges(step.commit, changes)) }
            return true
        }
        // A range that changed nothing has no registry to look a name up in: no changes, not an error.
        for followed in [filter.org, filter.user].compactMap(\.self) where walked && followed.id == nil {
            let kind = followed.kind == .organization ? "organization" : "user"
            throw Failure(.usage, "no \(kind) '\(followed.name)' in the registry's history in \(range)")
        }
        if commits.isEmpty && context.format == .text { return context.stdout.write("no access changes\n") }
        context.stdout.write(HistoryReport(commits: commits).rendered(asJSON: context.format == .json, root: context.printedRoot))
    }
}

/// `tenancy why`: the keys of the arguments it declares and reads, then the command.
enum WhyCommand {
    static let permission = Positional<Permission>("PERMISSION", help: "A permission, e.g. member:add or billing:manage.")
    static let place = Positional<String>(
        "ORG[/PROJECT]", help: "The organization, or one of its projects.", completion: .org)

    static let command = Command<Context>(
        "why", abstract: "Say what grants a user a permission, and which commit introduced it.",
        discussion: """
            Answers as can does (yes or no, and the role, assignment, project role or site
            admin flag that grants it; exit 0 for yes, 1 for no, 2 for an unknown name or
            permission), then, for each grant, the newest commit in HEAD's first-parent
            history whose registry has it and whose parent's has not (a membership, a role
            change, an assignment, a project role, a site admin flag, or a policy change),
            with that commit's changes for the user there. The user, organization and
            project are followed across renames by id. A grant no commit has yet is from
            the working tree's uncommitted changes.
            """,
        arguments: [Shared.user, permission, place]
    ) { arguments, context in
        try context.requireFormat([.text, .json], for: "why")
        let user = arguments[Shared.user], (org, project) = AccessQuestion.split(arguments[Self.place])
        // Only the files the answer needs, as `can` reads them; the history has the rest.
        let snapshot = try context.readSnapshot(.access(user: user, org: org, project: project))
        let question = try AccessQuestion(
            user: user, permission: arguments[Self.permission], org: org, project: project, in: snapshot, context: context)
        let decision = question.decision(in: snapshot)
        var origins: [(grant: AccessDecision.Source, commit: CommitChanges)] = []
        if decision.allowed {
            var search = GrantSearch(
                user: question.user, org: question.org, project: question.project, permission: question.permission,
                now: snapshot, grants: decision.grantedBy)
            try context.history("HEAD").walk { step in
                let found = search.introduced(base: step.base, head: step.head)
                if !found.isEmpty {
                    let changes = search.relevant(
                        AccessDiff(base: step.base, head: step.head).changes, base: step.base, head: step.head)
                    origins += found.map { ($0, CommitChanges(step.commit, changes)) }
                }
                return !search.pending.isEmpty
            }
        }
        context.stdout.write(WhyReport(decision: decision, origins: origins, root: context.printedRoot).rendered(asJSON: context.format == .json))
        if !decision.allowed { throw ExitCode.ruleViolations }
    }
}

/// What `why` prints: the decision, then where each grant came from.
private struct WhyReport {
    var decision: AccessDecision
    var origins: [(grant: AccessDecision.Source, commit: CommitChanges)]
    /// The registry as printed paths start with it.
    var root: String

    /// `yes: granted by organization role admin`, then per grant
    /// `organization role admin: commit 3c5c9c0… (date, Author <email>) subject` and its
    /// changes, indented; or `…: not committed (the working tree's changes)`.
    func rendered(asJSON: Bool) -> String {
        if asJSON { return json }
        var lines = ["\(decision.allowed ? "yes" : "no"): \(decision.reason)"]
        for grant in decision.grantedBy {
            guard let commit = origins.first(where: { $0.grant == grant })?.commit else {
                lines.append("\(grant): not committed (the working tree's changes)")
                continue
            }
            lines.append("\(grant): commit \(commit.commit) (\(commit.date), \(commit.author) <\(commit.email)>) \(commit.subject)")
            lines += commit.changesText.split(separator: "\n").map { "  " + $0 }
        }
        return lines.map(TerminalText.escaped).joined(separator: "\n") + "\n"
    }

    /// `{"version", "allowed", "grantedBy", "introducedBy": [{"grant", "commit": {…} or
    /// null}], "reason"}`: `commit` is null, not left out, for a grant no commit has.
    var json: String {
        let introducedBy = decision.grantedBy.map { grant -> OutputValue in
            let commit = origins.first { $0.grant == grant }?.commit
            return ["grant": .string(grant.description), "commit": commit?.json(root: root) ?? .null]
        }
        return OutputValue.document([
            ("allowed", .bool(decision.allowed)), ("grantedBy", .strings(decision.grantedBy.map(\.description))),
            ("introducedBy", .array(introducedBy)), ("reason", .string(decision.reason)),
        ])
    }
}

extension CommitChanges {
    init(_ commit: RegistryCommit, _ changes: [AccessChange]) {
        self.init(
            commit: commit.id, date: commit.date, author: commit.author, email: commit.email, subject: commit.subject,
            changes: changes)
    }
}

extension Context {
    /// The history of the registry in `range` (`RegistryHistory`).
    func history(_ range: String) -> RegistryHistory {
        RegistryHistory(registryRoot: registryRoot, range: range, environment: git)
    }

    /// Refuses a `--format` the command cannot print (exit 2).
    func requireFormat(_ formats: [OutputFormat], for command: String) throws {
        guard !formats.contains(format) else { return }
        throw Failure(
            .usage, "\(command) prints --format \(formats.map(\.rawValue).joined(separator: ", ")), not \(format.rawValue)")
    }
}

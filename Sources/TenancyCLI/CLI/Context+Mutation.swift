import TenancyCore
import TenancyGit
import TenancyReview

extension Context {
    /// Runs a mutation through the one pipeline and prints what happened to each file
    /// (`printChanges`). A refused change prints the diagnostics of the rules it would
    /// break and exits 1; an impossible one, a one-line error.
    func mutate(_ arguments: ParsedArguments, scope: Scope? = nil, _ plan: Mutation.Plan) throws {
        let dryRun = arguments[Shared.dryRun]
        let mutation = Mutation(registry: openRegistry, now: try now(), dryRun: dryRun, actor: arguments[Shared.actor])
        let summary: [ChangeSummary]
        do {
            summary = try mutation.run(scope: scope, plan)
        } catch let refused as MutationRefused {
            try refuse(
                refused.diagnostics,
                message: "\(Self.describe(refused.changes)) would break the rules reported; nothing was written")
        } catch let denied as MutationDenied {
            // The first denial is the change asked for; later ones are its consequences.
            throw Failure(.ruleViolations, denied.denials[0].message)
        } catch let error as OperationError {
            throw Failure(.ruleViolations, Suggestion.message(for: error, root: registryRoot))
        }
        printChanges(summary, dryRun: dryRun)
        // JSON says both in the document.
        guard format != .json else { return }
        if summary.isEmpty { stderr.write("nothing to change\n") }
        if dryRun { stderr.write("dry run: nothing was written\n") }
    }
}

extension Context {
    /// What a refused change would have done, the change asked for first:
    /// `removing orgs/acme/members/bill.json (and 1 more file)`.
    static func describe(_ changes: [ChangeSummary]) -> String {
        guard let first = changes.first else { return "the change" }
        let verb = switch first.kind {
        case .created: "creating"
        case .changed: "changing"
        case .removed: "removing"
        }
        let more = changes.count - 1
        return "\(verb) \(first.path)" + (more > 0 ? " (and \(more) more file\(more == 1 ? "" : "s"))" : "")
    }
}

/// The scope of a change inside the organization `ORG` that names the users of the
/// arguments `users` (see `Scope`).
func orgScope(_ arguments: ParsedArguments, users: [Positional<Handle>] = []) -> Scope {
    Scope(orgs: [arguments[Shared.org]], users: users.map { arguments[$0] })
}

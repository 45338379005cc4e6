import TenancyCore
import TenancyGit
import TenancyReview

/// Arguments that many commands share, worded once.
enum Shared {
    static let org = Positional<String>("ORG", help: "The organization's slug.", completion: .org)
    static let user = Positional<String>("USER", help: "The user's handle.", completion: .user)
    static let project = Positional<String>("PROJECT", help: "The project's slug, within ORG.", completion: .project)
    static let invitationID = Positional<String>(
        "ID", help: "The invitation's id (a lowercase UUID).", completion: .invitation)
    static let logo = Option<String?>("logo", value: "URL", help: "An https URL of the organization's logo.")
    /// Every mutation: who is making the change (see "Authorization of changes" in the README).
    static let actor = Option<String?>(
        "as", value: "USER", help: "Authorize the change as this user (needs the permission it takes).",
        completion: .user)
    /// Every mutation: plan and print, write nothing.
    static let dryRun = Flag("dry-run", help: "Print the planned file changes; write nothing.")
}

/// A login on a forge as an argument gives it: `github=alice` (`user set --login`) or
/// `github:alice` (`diff --actor-login`). The parser checks it (`ValueFormat.forgeLogin`).
struct ForgeLogin: Hashable, Sendable {
    var forge: Forge
    var login: String

    /// `text` split at the first `separator`; nil when it is not a forge and a login.
    init?(_ text: String, separator: Character) {
        guard let at = text.firstIndex(of: separator), let forge = Forge(rawValue: String(text[..<at])) else { return nil }
        let login = String(text[text.index(after: at)...])
        guard forge.problem(with: login) == nil else { return nil }
        (self.forge, self.login) = (forge, login)
    }

    /// Why `text` is no forge and login, or nil.
    static func problem(with text: String, separator: Character) -> String? {
        let forges = Forge.allCases.map(\.rawValue).joined(separator: ", ")
        guard let at = text.firstIndex(of: separator), let forge = Forge(rawValue: String(text[..<at])) else {
            return "must be FORGE\(separator)LOGIN with a forge among \(forges)"
        }
        return forge.problem(with: String(text[text.index(after: at)...])).map { "has a login that \($0)" }
    }
}

/// Options worded once, each required or not as its type says.
extension Option where Value == String {
    static func name(of entity: String) -> Self {
        Self("name", help: "The \(entity)'s display name.", format: .displayName)
    }

    static var email: Self {
        Self("email", help: "The user's email address.", format: .email)
    }

    static func renamedTo(_ what: String) -> Self {
        Self("to", value: "NEW", help: "The new \(what).")
    }
}

extension Option where Value == String? {
    static func name(of entity: String) -> Self {
        Self("name", help: "The \(entity)'s display name.", format: .displayName)
    }

    static var email: Self {
        Self("email", help: "The user's email address.", format: .email)
    }
}

extension Command where Context == TenancyCLI.Context {
    /// A leaf command that changes the registry: it also accepts `--as USER` and
    /// `--dry-run`, which `Context.mutate` reads.
    init(
        mutation name: String, abstract: String, discussion: String = "", arguments: [any ArgumentKey] = [],
        exclusive: [[any ArgumentKey]] = [], together: [[any ArgumentKey]] = [], run: @escaping Run
    ) {
        self.init(
            name, abstract: abstract, discussion: discussion, arguments: arguments + [Shared.actor, Shared.dryRun],
            exclusive: exclusive, together: together, run: run)
    }
}

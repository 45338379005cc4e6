import TenancyCore
import TenancyGit
import TenancyReview

/// Arguments that many commands share, worded once.
enum Shared {
    /// The user a command acts for (`--user`, `--inviter`): `--as` fills it in when it is left out.
    static func actingUser(_ arguments: ParsedArguments, _ option: Option<Handle?>) -> Handle {
        guard let user = arguments[option] ?? arguments[actor] else {
            preconditionFailure("the parser requires --\(option.spec.name) or --as")
        }
        return user
    }

    static let org = Positional<Slug>("ORG", help: "The organization's slug.", completion: .org)
    static let user = Positional<Handle>("USER", help: "The user's handle.", completion: .user)
    static let project = Positional<Slug>("PROJECT", help: "The project's slug, within ORG.", completion: .project)
    static let invitationID = Positional<String>(
        "ID", help: "The invitation's id (a lowercase UUID), or a unique prefix of it (4 characters or more).",
        completion: .invitation)
    static let logo = Option<String?>(
        "logo", value: "URL", help: "An https URL of the organization's logo (\"\" for none).", format: .logo)
    /// Every mutation: who is making the change (see "Authorization of changes" in the README).
    static let actor = Option<Handle?>(
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
}

extension Option where Value: ArgumentValue {
    static func renamedTo(_ what: String) -> Self {
        Self("to", value: "NEW", help: "The new \(what).", format: .name)
    }
}

extension Positional where Value: ArgumentValue {
    /// A new handle or slug, checked as an argument.
    static func newName(_ name: String, help: String) -> Self {
        Self(name, help: help, format: .name)
    }
}

/// How renames take their new name: `org rename OLD NEW`, and `--to NEW` as before.
enum Rename {
    static let new = Positional<Slug?>("NEW", help: "The new slug.", format: .name)
    static let to = Option<Slug?>("to", value: "NEW", help: "The new slug (instead of NEW).", format: .name)

    /// The rename's arguments after the current name, given either way but not both.
    static let arguments: [any ArgumentKey] = [new, to]
    static let exclusive: [[any ArgumentKey]] = [[new, to]]
    static let oneOf: [[any ArgumentKey]] = [[new, to]]

    /// The new name; the parser has required one of the two.
    static func newName(_ arguments: ParsedArguments) -> Slug {
        guard let name = arguments[new] ?? arguments[to] else { preconditionFailure("the parser requires NEW or --to") }
        return name
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
        exclusive: [[any ArgumentKey]] = [], together: [[any ArgumentKey]] = [], oneOf: [[any ArgumentKey]] = [],
        run: @escaping Run
    ) {
        self.init(
            name, abstract: abstract, discussion: discussion, arguments: arguments + [Shared.actor, Shared.dryRun],
            exclusive: exclusive, together: together, oneOf: oneOf, run: run)
    }
}

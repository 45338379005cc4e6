import TenancyCore
import TenancyGit
import TenancyReview

/// Arguments that many commands share, worded once.
extension PositionalSpec {
    static let org = PositionalSpec("ORG", help: "The organization's slug.")
    static let user = PositionalSpec("USER", help: "The user's handle.")
    static let project = PositionalSpec("PROJECT", help: "The project's slug, within ORG.")
    static let invitationID = PositionalSpec("ID", help: "The invitation's id (a lowercase UUID).")
}

extension OptionSpec {
    static func name(of entity: String, required: Bool = false) -> OptionSpec {
        OptionSpec("name", help: "The \(entity)'s display name.", required: required, format: .displayName)
    }

    static func email(required: Bool = false) -> OptionSpec {
        OptionSpec("email", help: "The user's email address.", required: required, format: .email)
    }

    static func renamedTo(_ what: String) -> OptionSpec {
        OptionSpec("to", value: "NEW", help: "The new \(what).", required: true)
    }

    static let logo = OptionSpec("logo", value: "URL", help: "An https URL of the organization's logo.")
}

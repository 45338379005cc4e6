import TenancyCore

/// "did you mean …?" for a name the registry does not hold, from the registry's own names
/// (its directory listings, as shell completion reads them: no file is loaded, so it costs
/// the same on any registry) within two edits of the name given.
enum Suggestion {
    /// The message of an operation's error, with a suggestion when it names something
    /// unknown of which the registry holds a near spelling.
    static func message(for error: OperationError, root: String) -> String {
        guard let guess = guess(for: error, root: root) else { return error.description }
        return "\(error.description); did you mean '\(guess)'?"
    }

    /// `; did you mean 'alice'?` when the registry holds a name of `kind` (of `org`, for
    /// projects and invitations) near `name`, else nothing: for the commands that read.
    static func hint(_ name: String, _ kind: Completion, org: String? = nil, root: String) -> String {
        closestMatch(to: name, among: registryNames(kind, org: org, root: root)).map { "; did you mean '\($0)'?" } ?? ""
    }

    private static func guess(for error: OperationError, root: String) -> String? {
        switch error {
        case .noUser(let handle), .noActor(let handle):
            closestMatch(to: handle, among: registryNames(.user, org: nil, root: root))
        case .noOrganization(let slug):
            closestMatch(to: slug, among: registryNames(.org, org: nil, root: root))
        case .noProject(let slug, let org):
            closestMatch(to: slug, among: registryNames(.project, org: org, root: root))
        case .noInvitation(let id, let org):
            closestMatch(to: id, among: registryNames(.invitation, org: org, root: root))
        case .noOrganizationRole(let role, let roles), .noProjectRole(let role, let roles):
            closestMatch(to: role, among: roles)
        default: nil
        }
    }
}

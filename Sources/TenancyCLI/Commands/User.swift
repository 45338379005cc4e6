import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy user …`: the keys of the arguments the commands declare and read, then the commands.
enum UserCommands {
    static let newHandle = Positional<Handle>.newName("HANDLE", help: "The new user's handle.")
    static let handle = Positional<Handle>("HANDLE", help: "The user's handle.", completion: .user)
    static let old = Positional<Handle>("OLD", help: "The current handle.", completion: .user)
    static let new = Positional<Handle>.newName("NEW", help: "The new handle.")
    static let email = Option<String>.email
    static let newEmail = Option<String?>.email
    static let name = Option<String?>.name(of: "user")
    static let login = Option<[String]>(
        "login", value: "FORGE=LOGIN", help: "Set the user's login on a forge (github, gitlab, gitea); repeatable.",
        format: .forgeLogin(separator: "="))
    static let noLogin = Option<[Forge]>(
        "no-login", value: "FORGE", help: "Remove the user's login on a forge; repeatable.")
    static let personalOrg = Option<Slug?>(
        "personal-org", value: "SLUG", help: "The personal organization's slug (default: the handle).", format: .name)
    static let siteAdmin = Flag("site-admin", help: "Make the user a site admin.")
    static let noSiteAdmin = Flag("no-site-admin", help: "Make the user no longer a site admin.")

    static let group = Command<Context>(
        group: "user", abstract: "Add, rename, change or remove users.",
        [
            Command(
                mutation: "add", abstract: "Add a user, with their personal organization.",
                arguments: [newHandle, email, name, personalOrg]
            ) { arguments, context in
                try context.mutate(arguments) { snapshot, now in
                    try UserOperations.add(
                        snapshot, now: now, handle: arguments[Self.newHandle], email: arguments[Self.email],
                        name: arguments[Self.name], personalOrg: arguments[Self.personalOrg])
                }
            },
            Command(
                mutation: "rename", abstract: "Change a user's handle everywhere it is used.",
                arguments: [old, new]
            ) { arguments, context in
                try context.mutate(arguments) { snapshot, now in
                    try UserOperations.rename(snapshot, from: arguments[Self.old], to: arguments[Self.new])
                }
            },
            Command(
                mutation: "remove", abstract: "Remove a user with their memberships and personal organization.",
                arguments: [handle]
            ) { arguments, context in
                try context.mutate(arguments) { snapshot, now in
                    try UserOperations.remove(snapshot, handle: arguments[Self.handle])
                }
            },
            Command(
                mutation: "set", abstract: "Change a user's name, email or forge logins, or whether they are a site admin.",
                discussion: """
                    With --as, users may change their own name, but only a site admin may change an
                    email or a login (invitations are addressed to emails, pull requests are
                    authorized and CODEOWNERS written by logins, and the registry can verify
                    neither) or make someone a site admin.
                    """,
                arguments: [handle, name, newEmail, login, noLogin, siteAdmin, noSiteAdmin],
                exclusive: [[siteAdmin, noSiteAdmin]], oneOf: [[name, newEmail, login, noLogin, siteAdmin, noSiteAdmin]]
            ) { arguments, context in
                let handle = arguments[Self.handle], email = arguments[Self.newEmail]
                let logins = try Self.logins(arguments[Self.login], removing: arguments[Self.noLogin])
                // A new email or login must be unique among all users: only a name change is local.
                let scope = email == nil && logins.isEmpty ? Scope(users: [handle]) : nil
                let siteAdmin: Bool? = arguments[Self.siteAdmin] ? true : arguments[Self.noSiteAdmin] ? false : nil
                try context.mutate(arguments, scope: scope) { snapshot, now in
                    try UserOperations.set(
                        snapshot, handle: handle, name: arguments[Self.name], email: email, siteAdmin: siteAdmin,
                        logins: logins)
                }
            },
        ])

    /// The logins `--login` sets (a login) and `--no-login` removes (nil), by forge; a
    /// forge given twice is a usage error.
    private static func logins(_ set: [String], removing removed: [Forge]) throws -> [Forge: String?] {
        var logins: [Forge: String?] = [:]
        let given = set.map { ForgeLogin($0, separator: "=")! } // the parser has checked them
        for (forge, login) in given.map({ ($0.forge, Optional($0.login)) }) + removed.map({ ($0, nil) }) {
            guard logins.updateValue(login, forKey: forge) == nil else {
                throw Failure(.usage, "--login and --no-login name \(forge) more than once")
            }
        }
        return logins
    }
}

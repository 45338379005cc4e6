import Tenancy

let memberCommand = Command(
    group: "member", abstract: "Add, change or remove members of an organization.",
    [
        Command(
            "add", abstract: "Add a user to an organization with a role.",
            positionals: [.org, .user],
            options: [roleOption(required: true), assignOption], mutation: true),
        Command(
            "set", abstract: "Change a member's role or assignments.",
            discussion: "Given assignments replace the member's assignments.",
            positionals: [.org, .user],
            options: [roleOption(required: false), assignOption], mutation: true),
        Command(
            "remove", abstract: "Remove a member and their project memberships.",
            discussion: "Refused if it would leave the organization without an owner.",
            positionals: [.org, .user], mutation: true),
        Command(
            "leave", abstract: "Leave an organization (as that user).",
            discussion: "Refused if it would leave the organization without an owner.",
            positionals: [.org, .user], mutation: true),
    ])

private func roleOption(required: Bool) -> OptionSpec {
    OptionSpec("role", help: "An organization role of the policy.", required: required)
}

private let assignOption = OptionSpec(
    "assign", value: "ASSIGNMENT", help: "A permission bundle of the policy.", repeatable: true)

import Tenancy

let canCommand = Command(
    "can", abstract: "Answer whether a user has a permission, and which role grants it.",
    discussion: "Prints yes or no with the reason; exits 0 for yes and 1 for no.",
    positionals: [
        .user,
        PositionalSpec("PERMISSION", help: "A permission, e.g. member:add or billing:manage."),
        PositionalSpec("ORG[/PROJECT]", help: "The organization, or one of its projects."),
    ])

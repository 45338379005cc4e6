import Tenancy

let diffCommand = Command(
    "diff", abstract: "Show the access changes between two revisions, authorized.",
    discussion: """
        Compares the registry at BASE with HEAD (the working tree when HEAD is omitted)
        and prints who gained or lost which role where, invitations sent or answered,
        and organizations and projects created, renamed or deleted.
        """,
    positionals: [
        PositionalSpec("BASE", help: "The git revision to compare from."),
        PositionalSpec("HEAD", help: "The git revision to compare to.", optional: true),
    ],
    options: [OptionSpec("actor", value: "USER", help: "Check that this user may make the change.")],
    flags: [
        FlagSpec(
            "allow-mass-removal",
            help: "Allow removing more than a quarter of an organization's members at once.")
    ])

import Tenancy

let initCommand = Command(
    "init", abstract: "Create an empty registry with a policy.",
    discussion: """
        Writes tenancy.json from a preset that reproduces a known access model:
        default (owner/admin/member/guest), packet, daytona or logfire.
        """,
    options: [
        OptionSpec(
            "preset", help: "The policy to start from (default: default).",
            choices: ["default", "packet", "daytona", "logfire"])
    ],
    flags: [.dryRun])

import TenancyCore
import TenancyGit
import TenancyReview

/// The whole command tree, in the order of the README's command table; the root's options are global.
let rootCommand = Command(
    group: "tenancy",
    abstract: "A file-based, git-friendly registry of organizations, users and memberships.",
    discussion: """
        Every entity is one small JSON file under the registry directory; the tool refuses
        any state that breaks a rule and writes every change atomically.

        EXIT STATUS: 0 ok, 1 rule violations or refused change, 2 usage error,
        3 I/O, lock or git failure.
        """,
    options: [
        OptionSpec(
            "registry", value: "PATH",
            help: "The registry root (default: $TENANCY_REGISTRY, else ./registry)."),
        OptionSpec(
            "format", help: "How to print diagnostics (default: text).",
            choices: OutputFormat.allCases.map(\.rawValue)),
    ],
    flags: [FlagSpec("version", help: "Print the version and exit.")],
    [
        initCommand, validateCommand, fmtCommand, diffCommand, canCommand, showCommand,
        listCommand, userCommand, orgCommand, memberCommand, projectCommand, inviteCommand,
        invitationCommand, hooksCommand,
    ])

/// What tenancy's help and manual page say beyond the command specs: how the registry is
/// found, the exit statuses, the environment. `docs/tenancy.1` is `tenancy help --man`.
enum Manual {
    static let description = """
        Every entity is one small JSON file under the registry directory; the tool refuses
        any state that breaks a rule and writes every change atomically.

        The registry is --registry PATH, else $TENANCY_REGISTRY, else found as git finds
        .git: the nearest directory at or above the current one that has tenancy.json, or
        a registry/ that has one. init creates ./registry unless told otherwise.
        """

    /// The exit statuses, the one list of them.
    static let exitStatuses: [(code: ExitCode, meaning: String)] = [
        (.success, "ok"),
        (.ruleViolations, "rule violations or refused change"),
        (.usage, "usage error"),
        (.ioFailure, "I/O, lock or git failure"),
    ]

    /// `EXIT STATUS: 0 ok, 1 …`, for the root's help.
    static var exitStatusSummary: String {
        "EXIT STATUS: " + exitStatuses.map { "\($0.code.rawValue) \($0.meaning)" }.joined(separator: ", ") + "."
    }

    static let page = ManPage(
        source: "tenancy \(version)", description: description,
        sections: [
            ManPage.Section("Exit status", items: exitStatuses.map { (String($0.code.rawValue), $0.meaning + ".") }),
            ManPage.Section(
                "Environment",
                items: [
                    ("TENANCY_REGISTRY", "The registry root when --registry is not given."),
                    (
                        "SOURCE_DATE_EPOCH",
                        "The time taken as now, in whole seconds since 1970-01-01T00:00:00Z, for reproducible runs."
                    ),
                    ("NO_COLOR", "When set and not empty, no colour, even on a terminal."),
                ]),
            ManPage.Section("See also", text: "git(1)"),
        ])
}

import TenancyCore

/// Help text generated from a `CommandSpec`, laid out like swift-argument-parser's.
package enum Help {
    /// One entry of a command list: `member add` and its abstract.
    package struct Entry: Hashable, Sendable {
        package var name: String
        package var abstract: String

        package init(_ name: String, abstract: String) {
            self.name = name
            self.abstract = abstract
        }
    }

    /// The full help of a command. A group lists its `subcommands`; a command inherits
    /// the `globalOptions` of the root, which may be given before or after it.
    package static func text(
        for spec: CommandSpec, commandPath: String, subcommands: [Entry] = [],
        globalOptions: [OptionSpec] = []
    ) -> String {
        var sections = ["OVERVIEW: \(spec.abstract)"]
        if !spec.discussion.isEmpty { sections.append(spec.discussion) }
        sections.append("USAGE: " + usage(for: spec, commandPath: commandPath, isGroup: !subcommands.isEmpty))
        if !spec.positionals.isEmpty {
            sections.append(section("ARGUMENTS", spec.positionals.map { ($0.name, $0.help) }))
        }
        let help = ("-h, --help", "Show help information.")
        sections.append(section("OPTIONS", spec.options.map(row) + spec.flags.map(row) + [help]))
        if !globalOptions.isEmpty {
            sections.append(section("GLOBAL OPTIONS", globalOptions.map(row)))
        }
        if !subcommands.isEmpty {
            sections.append(section("COMMANDS", subcommands.map { ($0.name, $0.abstract) }))
            sections.append("See '\(commandPath) help COMMAND' for help on a command.")
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// `tenancy member add ORG USER --role ROLE [--assign ASSIGNMENT]... [--dry-run]`;
    /// a group's options come before its `COMMAND`, as in `tenancy [--registry PATH] COMMAND`.
    package static func usage(for spec: CommandSpec, commandPath: String, isGroup: Bool) -> String {
        let positionals = spec.positionals.map { $0.isOptional ? "[\($0.name)]" : $0.name }
        let options = spec.options.map { option in
            let text = option.isRequired ? option.usage : "[\(option.usage)]"
            return option.isRepeatable ? text + "..." : text
        }
        let flags = spec.flags.map { "[--\($0.name)]" }
        let words = isGroup ? options + flags + ["COMMAND"] : positionals + options + flags
        return ([commandPath] + words).joined(separator: " ")
    }

    private static func row(_ option: OptionSpec) -> (String, String) {
        var notes: [String] = []
        if option.isRequired { notes.append("required") }
        if option.isRepeatable { notes.append("repeatable") }
        let suffix = notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))"
        return (option.usage, option.help + suffix)
    }

    private static func row(_ flag: FlagSpec) -> (String, String) { ("--\(flag.name)", flag.help) }

    /// Labels in a column, their help beside them, or on the next line when too long.
    private static func section(_ title: String, _ rows: [(label: String, help: String)]) -> String {
        let column = 26
        let lines = rows.map { row in
            let label = "  " + row.label
            if label.count < column - 1 {
                return label + String(repeating: " ", count: column - label.count) + row.help
            }
            return label + "\n" + String(repeating: " ", count: column) + row.help
        }
        return ([title + ":"] + lines).joined(separator: "\n")
    }
}

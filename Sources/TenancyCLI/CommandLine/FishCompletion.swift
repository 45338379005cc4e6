/// The fish completion script of a command tree (`tenancy completion fish`): the walk of
/// `BashCompletion` in fish, printing candidates with their descriptions for one
/// `complete -a` (file names are never offered but for a directory option).
enum FishCompletion {
    static func script(_ table: CompletionTable) -> String {
        let f = "_" + table.functionPrefix
        let globals = table.entries[0].valueOptions.map { fishQuoted("--" + $0.name) }.joined(separator: " ")
        return """
            # fish completion for \(table.program), generated from its command specifications by
            # '\(table.program) completion fish'. Registry names come from '\(table.program) \(table.namesCommand)'.

            function \(f)_complete
                set -l words (commandline -opc)
                set -l cur (commandline -ct)
                set -l program $words[1]
                set -e words[1]
                set -l command ''
                set -l pending ''
                set -l ended ''
                set -l helping ''
                set -l prefix ''
                set -l positionals
                set -l global_arguments
                set -l globals \(globals)
                set -l subcommands
                set -l options
                set -l described
                set -l arguments 0
                for word in $words
                    \(f)_command "$command"
                    if test -n "$pending"
                        contains -- $pending $globals; and set -a global_arguments $pending $word
                        set pending ''
                    else if test -z "$ended"; and test "x$word" = x--
                        set ended 1
                    else if test -z "$ended"; and string match -qr -- '^--.+=' "$word"
                        contains -- (string split -m1 = -- "$word")[1] $globals; and set -a global_arguments $word
                    else if test -z "$ended"; and string match -q -- '-*' "$word"
                        contains -- $word $options; and set pending $word
                    else if test -z "$command" -a -z "$helping"; and test "x$word" = xhelp
                        set helping 1
                    else if contains -- $word (string replace -r '\\t.*' '' -- $subcommands)
                        set command (string trim -- "$command $word")
                    else
                        set -a positionals $word
                    end
                end
                \(f)_command "$command"
                if test -z "$pending" -a -z "$ended"; and string match -qr -- '^--.+=' "$cur"
                    set -l name (string split -m1 = -- "$cur")[1]
                    if contains -- $name $options
                        set pending $name
                        set prefix $name=
                        set cur (string split -m1 = -- "$cur")[2]
                    end
                end
                if test -n "$pending"
                    \(f)_value "$command:$pending" | string replace -r -- '^' "$prefix"
                else if test -n "$helping"; or begin; set -q subcommands[1]; and not string match -q -- '-*' "$cur"; end
                    printf '%s\\n' $subcommands
                else if test -z "$ended"; and begin; string match -q -- '-*' "$cur"; or test (count $positionals) -ge $arguments; end
                    printf '%s\\n' $described
                else
                    \(f)_value "$command:"(count $positionals)
                end
            end

            # What each command takes: subcommands and options (with their descriptions), the
            # options with a value, positionals. Sets the variables of the caller (-S).
            function \(f)_command -S
                set subcommands
                set options
                set described \(described(CompletionTable.help))
                set arguments 0
                switch $argv[1]
            \(commandArms(table))
                end
            end

            # What the value of "COMMAND:--option" or "COMMAND:INDEX" (a positional) completes to.
            function \(f)_value -S
                switch $argv[1]
            \(valueArms(table))
                end
            end

            function \(f)_names -S
                command $program $global_arguments \(table.namesCommand) $argv 2>/dev/null
            end

            complete -c \(table.program) -f -a '(\(f)_complete)'

            """
    }

    private static func commandArms(_ table: CompletionTable) -> String {
        table.entries.map { entry in
            var lines = ["        case \(fishQuoted(entry.path))"]
            if !entry.subcommands.isEmpty {
                let subcommands = entry.subcommands.map { fishQuoted($0.name) + "\\t" + fishQuoted($0.abstract) }
                lines.append("            set subcommands \(subcommands.joined(separator: " "))")
            }
            if !entry.valueOptions.isEmpty {
                lines.append("            set options \(entry.valueOptions.map { fishQuoted("--" + $0.name) }.joined(separator: " "))")
            }
            let described =
                entry.valueOptions.map { fishQuoted("--" + $0.name) + "\\t" + fishQuoted($0.help) }
                + entry.flags.map(described)
            if described.count > 1 { lines.append("            set described \(described.joined(separator: " "))") }
            if entry.positionalCount > 0 { lines.append("            set arguments \(entry.positionalCount)") }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    private static func described(_ flag: FlagSpec) -> String { fishQuoted("--" + flag.name) + "\\t" + fishQuoted(flag.help) }

    /// One case per action, listing every "COMMAND:ARGUMENT" it serves; the global options'
    /// cases last, for any command.
    private static func valueArms(_ table: CompletionTable) -> String {
        let f = "_" + table.functionPrefix
        let cases = table.valueCases { action($0, prefix: f) }
        let own = cases.own.map { "        case \($0.keys.map(fishQuoted).joined(separator: " "))\n            \($0.action)" }
        let global = cases.global.map { "        case \(fishQuoted("*:" + $0.argument))\n            \($0.action)" }
        return (own + global).joined(separator: "\n")
    }

    /// Positionals count from 1 in fish.
    private static func action(_ value: CompletionValue, prefix f: String) -> String {
        switch value {
        case .words(let words): "printf '%s\\n' \(words.map(fishQuoted).joined(separator: " "))"
        case .names(let kind, nil): "\(f)_names \(kind)"
        case .names(let kind, let org?): "\(f)_names \(kind) $positionals[\(org + 1)]"
        case .directories: "__fish_complete_directories \"$cur\""
        }
    }

    /// `text` in single quotes for fish, where a backslash escapes `'` and itself.
    private static func fishQuoted(_ text: String) -> String {
        "'" + text.map { $0 == "'" || $0 == "\\" ? "\\" + String($0) : String($0) }.joined() + "'"
    }
}

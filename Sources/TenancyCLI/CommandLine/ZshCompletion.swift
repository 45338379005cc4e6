/// The zsh completion script of a command tree (`tenancy completion zsh`): the walk of
/// `BashCompletion` in zsh, offering subcommands and options with their descriptions.
/// Installed in a directory of `fpath` as `_tenancy` it is autoloaded; sourced, it
/// registers itself with `compdef`.
enum ZshCompletion {
    static func script(_ table: CompletionTable) -> String {
        let f = table.functionPrefix
        let globals = table.entries[0].valueOptions.map { singleQuoted("--" + $0.name) }.joined(separator: " ")
        return """
            #compdef \(table.program)
            # zsh completion for \(table.program), generated from its command specifications by
            # '\(table.program) completion zsh'. Registry names come from '\(table.program) \(table.namesCommand)'.

            \(f)() {
                emulate -L zsh
                local cur=${words[CURRENT]} command= pending= ended= helping= word
                local -a subcommands takes_value described positionals global_arguments globals=(\(globals))
                local -i i arguments
                for ((i = 2; i < CURRENT; i++)); do
                    word=${words[i]}
                    \(f)_command "$command"
                    if [[ -n $pending ]]; then
                        (( ${globals[(Ie)$pending]} )) && global_arguments+=("$pending" "$word")
                        pending=
                    elif [[ -z $ended && $word == -- ]]; then
                        ended=1
                    elif [[ -z $ended && $word == --?*=* ]]; then
                        (( ${globals[(Ie)${word%%=*}]} )) && global_arguments+=("$word")
                    elif [[ -z $ended && $word == -* ]]; then
                        (( ${takes_value[(Ie)$word]} )) && pending=$word
                    elif [[ -z $command && -z $helping && $word == help ]]; then
                        helping=1
                    elif (( ${subcommands[(I)${(b)word}:*]} )); then
                        command=${command:+$command }$word
                    else
                        positionals+=("$word")
                    fi
                done
                \(f)_command "$command"
                if [[ -z $pending && -z $ended && $cur == --?*=* ]] && (( ${takes_value[(Ie)${cur%%=*}]} )); then
                    pending=${cur%%=*}
                    compset -P '*='
                fi
                if [[ -n $pending ]]; then
                    \(f)_value "$command:$pending"
                elif [[ -n $helping || ( $#subcommands -gt 0 && $cur != -* ) ]]; then
                    _describe -t commands command subcommands
                elif [[ -z $ended && ( $cur == -* || $#positionals -ge $arguments ) ]]; then
                    _describe -t options option described
                else
                    \(f)_value "$command:$#positionals"
                fi
            }

            # What each command takes: subcommands and options (with their descriptions), the
            # options with a value, positionals. (Not "options": zsh's list of its own.)
            \(f)_command() {
                subcommands=() takes_value=() described=(\(singleQuoted(described(CompletionTable.help)))) arguments=0
                case $1 in
            \(commandArms(table))
                esac
            }

            # What the value of "COMMAND:--option" or "COMMAND:INDEX" (a positional) completes to.
            \(f)_value() {
                case $1 in
            \(valueArms(table))
                esac
            }

            \(f)_names() {
                local -a names
                names=(${(f)"$("${words[1]}" "${global_arguments[@]}" \(table.namesCommand) "$@" 2>/dev/null)"})
                compadd -a names
            }

            if [[ ${funcstack[1]} == \(f) ]]; then
                \(f) "$@"
            else
                compdef \(f) \(table.program)
            fi

            """
    }

    private static func commandArms(_ table: CompletionTable) -> String {
        table.entries.map { entry in
            var lines = ["    (\(singleQuoted(entry.path)))"]
            if !entry.subcommands.isEmpty {
                lines.append("        subcommands=(\(entry.subcommands.map { singleQuoted($0.name + ":" + $0.abstract) }.joined(separator: " ")))")
            }
            if !entry.valueOptions.isEmpty {
                lines.append("        takes_value=(\(entry.valueOptions.map { singleQuoted("--" + $0.name) }.joined(separator: " ")))")
            }
            let described = entry.valueOptions.map { "--\($0.name):\($0.help)" } + entry.flags.map(described)
            if described.count > 1 {
                lines.append("        described=(\(described.map(singleQuoted).joined(separator: " ")))")
            }
            if entry.positionalCount > 0 { lines.append("        arguments=\(entry.positionalCount)") }
            return (lines + ["        ;;"]).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    private static func described(_ flag: FlagSpec) -> String { "--\(flag.name):\(flag.help)" }

    /// One arm per action, listing every "COMMAND:ARGUMENT" it serves; the global options'
    /// arms last, for any command.
    private static func valueArms(_ table: CompletionTable) -> String {
        let cases = table.valueCases { action($0, prefix: table.functionPrefix) }
        let own = cases.own.map { "    (\($0.keys.map(singleQuoted).joined(separator: "|"))) \($0.action) ;;" }
        let global = cases.global.map { "    (*\(singleQuoted(":" + $0.argument))) \($0.action) ;;" }
        return (own + global).joined(separator: "\n")
    }

    /// Positionals count from 1 in zsh.
    private static func action(_ value: CompletionValue, prefix f: String) -> String {
        switch value {
        case .words(let words): "compadd -- \(words.map(singleQuoted).joined(separator: " "))"
        case .names(let kind, nil): "\(f)_names \(kind)"
        case .names(let kind, let org?): "\(f)_names \(kind) \"${positionals[\(org + 1)]}\""
        case .directories: "_files -/"
        }
    }
}

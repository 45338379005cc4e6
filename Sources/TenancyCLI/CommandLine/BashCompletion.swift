/// The bash completion script of a command tree (`tenancy completion bash`).
///
/// One function walks the words before the cursor as the dispatcher does (global options,
/// command words, the leaf's options and positionals) and completes the current one: a
/// subcommand, an option, or an argument's value. What each command accepts is a table
/// generated from the specs (`CompletionTable`); registry names come from the hidden
/// completion command, run with the global options given on the line (`--registry`).
enum BashCompletion {
    static func script(_ table: CompletionTable) -> String {
        let f = table.functionPrefix
        let globals = table.entries[0].valueOptions.map { "--" + $0.name }.joined(separator: " ")
        return """
            # bash completion for \(table.program), generated from its command specifications by
            # '\(table.program) completion bash'. Registry names come from '\(table.program) \(table.namesCommand)'.

            \(f)() {
                local cur=${COMP_WORDS[COMP_CWORD]} command= pending= ended= helping= word i
                local subcommands options flags arguments globals=\(singleQuoted(globals))
                local -a positionals=() global_arguments=()
                for ((i = 1; i < COMP_CWORD; i++)); do
                    word=${COMP_WORDS[i]}
                    \(f)_command "$command"
                    if [[ -n $pending ]]; then
                        # bash splits --name=value at the '=' (COMP_WORDBREAKS).
                        [[ $word == = ]] && continue
                        [[ " $globals " == *" $pending "* ]] && global_arguments+=("$pending" "$word")
                        pending=
                    elif [[ -z $ended && $word == -- ]]; then
                        ended=1
                    elif [[ -z $ended && $word == --?*=* ]]; then
                        [[ " $globals " == *" ${word%%=*} "* ]] && global_arguments+=("$word")
                    elif [[ -z $ended && $word == -* ]]; then
                        [[ " $options " == *" $word "* ]] && pending=$word
                    elif [[ -z $command && -z $helping && $word == help ]]; then
                        helping=1
                    elif [[ " $subcommands " == *" $word "* ]]; then
                        command=${command:+$command }$word
                    else
                        positionals+=("$word")
                    fi
                done
                \(f)_command "$command"
                [[ -n $pending && $cur == = ]] && cur=
                if [[ -n $pending ]]; then
                    \(f)_value "$command:$pending"
                elif [[ -n $helping || ( -n $subcommands && $cur != -* ) ]]; then
                    \(f)_words "$subcommands"
                elif [[ -z $ended && ( $cur == -* || ${#positionals[@]} -ge $arguments ) ]]; then
                    \(f)_words "$options $flags"
                else
                    \(f)_value "$command:${#positionals[@]}"
                fi
            }

            # What each command takes: subcommands, options with a value, flags, positionals.
            \(f)_command() {
                subcommands= options= flags=--help arguments=0
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

            \(f)_words() {
                mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
            }

            # Names are checked by the command (slugs, handles, ids), so compgen cannot expand them.
            \(f)_names() {
                local names
                names=$("${COMP_WORDS[0]}" "${global_arguments[@]}" \(table.namesCommand) "$@" 2>/dev/null)
                mapfile -t COMPREPLY < <(compgen -W "$names" -- "$cur")
            }

            \(f)_directories() {
                compopt -o filenames 2>/dev/null
                mapfile -t COMPREPLY < <(compgen -d -- "$cur")
            }

            complete -F \(f) \(table.program)

            """
    }

    private static func commandArms(_ table: CompletionTable) -> String {
        table.entries.map { entry in
            var assignments: [String] = []
            if !entry.subcommands.isEmpty { assignments.append("subcommands=" + words(entry.subcommands.map(\.name))) }
            if !entry.valueOptions.isEmpty { assignments.append("options=" + words(entry.valueOptions.map { "--" + $0.name })) }
            assignments.append("flags=" + words(entry.flags.map { "--" + $0.name }))
            if entry.positionalCount > 0 { assignments.append("arguments=\(entry.positionalCount)") }
            return "    \(singleQuoted(entry.path))) \(assignments.joined(separator: " ")) ;;"
        }.joined(separator: "\n")
    }

    /// One arm per action, listing every "COMMAND:ARGUMENT" it serves; the global options'
    /// arms last, for any command.
    private static func valueArms(_ table: CompletionTable) -> String {
        let cases = table.valueCases { action($0, prefix: table.functionPrefix) }
        let own = cases.own.map { "    \($0.keys.map(singleQuoted).joined(separator: "|"))) \($0.action) ;;" }
        let global = cases.global.map { "    *\(singleQuoted(":" + $0.argument))) \($0.action) ;;" }
        return (own + global).joined(separator: "\n")
    }

    private static func action(_ value: CompletionValue, prefix f: String) -> String {
        switch value {
        case .words(let words): "\(f)_words \(self.words(words))"
        case .names(let kind, nil): "\(f)_names \(kind)"
        case .names(let kind, let org?): "\(f)_names \(kind) \"${positionals[\(org)]}\""
        case .directories: "\(f)_directories"
        }
    }

    private static func words(_ words: [String]) -> String {
        singleQuoted(words.joined(separator: " "))
    }
}

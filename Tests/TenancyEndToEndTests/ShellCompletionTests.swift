import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// `tenancy completion bash|zsh|fish` and the hidden `tenancy __complete`: each script
/// parses in its shell, and completes in a real one, with names read from the registry
/// the command line would use. A shell that is not installed is skipped (`.ci/run`
/// installs them).
struct ShellCompletionTests {
    /// The base registry with an invitation, at `registry/` in a scratch directory.
    private let tree: TemporaryRegistry
    private let scripts: ScratchDirectory

    init() throws {
        var files = RegistryFiles.base
        files[RegistryFiles.invitationPath] = RegistryFiles.invitation(status: "pending")
        tree = try TemporaryRegistry(files)
        scripts = try ScratchDirectory()
        for shell in ["bash", "zsh", "fish"] {
            let run = try runTenancy(["completion", shell])
            #expect(run.status == 0, "\(run.stderr)")
            try scripts.write(shell, run.stdout)
        }
    }

    @Test(.enabled(if: executableOnPath("bash") != nil, "bash is not installed"))
    func bashParsesTheScript() throws {
        let check = try runProgram(["bash", "-n", scripts.url("bash").path], in: tree.path, environment: try shellEnvironment())
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output == "")
    }

    @Test(.enabled(if: executableOnPath("zsh") != nil, "zsh is not installed"))
    func zshParsesTheScript() throws {
        let check = try runProgram(["zsh", "-n", scripts.url("zsh").path], in: tree.path, environment: try shellEnvironment())
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output == "")
    }

    @Test(.enabled(if: executableOnPath("fish") != nil, "fish is not installed"))
    func fishParsesTheScript() throws {
        let check = try runProgram(["fish", "-n", scripts.url("fish").path], in: tree.path, environment: try shellEnvironment())
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output == "")
    }

    @Test(.enabled(if: executableOnPath("bash") != nil, "bash is not installed"))
    func bashCompletesCommandsOptionsAndChoices() throws {
        #expect(try bash(["tenancy", "mem"]) == ["member"])
        #expect(try bash(["tenancy", "member", ""]) == ["add", "set", "remove", "leave"])
        #expect(try bash(["tenancy", "help", "project", "m"]) == ["member"])
        #expect(try bash(["tenancy", "member", "add", "acme", "bob", "--r"]) == ["--role", "--registry"])
        #expect(try bash(["tenancy", "--format", ""]) == ["text", "json", "github", "csv", "md"])
        #expect(try bash(["tenancy", "validate", "--format", "=", "j"]) == ["json"])
        #expect(try bash(["tenancy", "list", "invitations", "acme", "--status", "p"]) == ["pending"])
        #expect(try bash(["tenancy", "completion", ""]) == ["bash", "zsh", "fish"])
        #expect(try bash(["tenancy", "__"]) == [], "the hidden command is offered")
    }

    @Test(.enabled(if: executableOnPath("bash") != nil, "bash is not installed"))
    func bashCompletesNamesFromTheRegistry() throws {
        #expect(try bash(["tenancy", "member", "add", ""]) == ["acme", "alice", "bob"])
        #expect(try bash(["tenancy", "member", "add", "acme", ""]) == ["alice", "bob"])
        #expect(try bash(["tenancy", "member", "add", "acme", "bob", "--as", "a"]) == ["alice"])
        #expect(try bash(["tenancy", "project", "delete", "acme", ""]) == ["web"])
        #expect(try bash(["tenancy", "invite", "acme", "x@example.com", "--project", ""]) == ["web"])
        #expect(try bash(["tenancy", "invitation", "revoke", "acme", ""]) == [RegistryFiles.invitationID])
        // From inside the registry, which is found as git finds .git.
        #expect(try bash(["tenancy", "show", "org", ""], in: tree.registry + "/orgs/acme") == ["acme", "alice", "bob"])
    }

    @Test(.enabled(if: executableOnPath("bash") != nil, "bash is not installed"))
    func bashAsksTheRegistryTheCommandLineNames() throws {
        let other = try TemporaryRegistry(["tenancy.json": RegistryFiles.base["tenancy.json"]!, "orgs/globex/org.json": ""])
        #expect(try bash(["tenancy", "--registry", other.registry, "member", "add", ""]) == ["globex"])
        // bash splits --registry=PATH at the '=' (COMP_WORDBREAKS).
        #expect(try bash(["tenancy", "member", "add", "--registry", "=", other.registry, ""]) == ["globex"])
        #expect(try bash(["tenancy", "--registry", "/nonexistent", "member", "add", ""]) == [])
    }

    @Test(.enabled(if: executableOnPath("fish") != nil, "fish is not installed"))
    func fishCompletesCommandsAndNames() throws {
        #expect(try fish("tenancy mem") == ["member\tAdd, change or remove members of an organization."])
        #expect(try fish("tenancy member add ") == ["acme", "alice", "bob"])
        #expect(try fish("tenancy project delete acme ") == ["web"])
        #expect(try fish("tenancy --format=j") == ["--format=json"])
    }

    /// zsh completes only inside its line editor, so the completion system's functions are
    /// replaced by ones that print what they are offered: this runs the script's walk of
    /// the words and its calls for names, not zsh's matching.
    @Test(.enabled(if: executableOnPath("zsh") != nil, "zsh is not installed"))
    func zshOffersCommandsAndNames() throws {
        #expect(try zsh(["tenancy", "member", ""]) == ["add", "set", "remove", "leave"])
        #expect(try zsh(["tenancy", "member", "add", ""]) == ["acme", "alice", "bob"])
        #expect(try zsh(["tenancy", "project", "delete", "acme", ""]) == ["web"])
        #expect(try zsh(["tenancy", "--format", ""]) == ["text", "json", "github", "csv", "md"])
    }

    @Test func completeListsNamesFromDirectoryListingsOnly() throws {
        try tree.write("orgs/$(touch pwned)/org.json", "{}")
        try tree.write("users/Not-A-Handle.json", "{}")
        try tree.write("orgs/acme/invitations/not-an-id.json", "{}")
        #expect(try names(["orgs"]) == "acme\nalice\nbob\n")
        #expect(try names(["users"]) == "alice\nbob\n")
        #expect(try names(["projects", "acme"]) == "web\n")
        #expect(try names(["invitations", "acme"]) == RegistryFiles.invitationID + "\n")
        #expect(try names(["projects", "../acme"]) == "")
        #expect(try names(["projects"]) == "")
        // Without a registry, or with an unreadable one, nothing: a shell would print an error mid-line.
        let empty = try ScratchDirectory()
        let run = try runTenancy(["__complete", "orgs"], cwd: URL(fileURLWithPath: empty.path))
        #expect(run.status == 0 && run.stdout == "" && run.stderr == "")
    }

    @Test func theCompletionCommandIsListedAndItsHelperIsNot() throws {
        let help = try runTenancy(["--help"])
        #expect(help.stdout.contains("\n  completion "))
        #expect(!help.stdout.contains("__complete"))
        let typo = try runTenancy(["__completee"])
        #expect(typo.stderr == "tenancy: error: unknown command '__completee' (see 'tenancy --help')\n")
        let bad = try runTenancy(["completion", "tcsh"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("invalid value 'tcsh' for SHELL: expected one of bash, zsh, fish"))
    }

    // MARK: Driving the shells

    private func names(_ arguments: [String]) throws -> String {
        let run = try runTenancy(["__complete"] + arguments, cwd: URL(fileURLWithPath: tree.path))
        #expect(run.status == 0 && run.stderr == "", "\(run.stderr)")
        return run.stdout
    }

    /// What bash completes for the last of `words` (the word under the cursor, at its end):
    /// the script sourced, COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT set as bash
    /// sets them on TAB, then the function `complete -p tenancy` names, and COMPREPLY.
    private func bash(_ words: [String], in directory: String? = nil) throws -> [String] {
        let driver = #"""
            source "$1"; shift
            function=$(complete -p tenancy) && function=${function#*-F } && function=${function%% *} || exit 1
            COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
            "$function" tenancy "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
            printf '%s\n' "${COMPREPLY[@]}"
            """#
        return try lines(of: ["bash", "--norc", "--noprofile", "-c", driver, "bash", scripts.url("bash").path] + words, in: directory)
    }

    /// What fish offers for `line` (`complete -C`), with each candidate's description.
    private func fish(_ line: String) throws -> [String] {
        let driver = #"source $argv[1]; complete -C $argv[2]"#
        return try lines(of: ["fish", "--no-config", "-c", driver, scripts.url("fish").path, line], in: nil)
    }

    private func zsh(_ words: [String]) throws -> [String] {
        let driver = #"""
            compdef() { }
            _describe() { print -rl -- ${${(P)4}%%:*} }
            compadd() { if [[ $1 == -a ]]; then print -rl -- ${(P)2}; else shift; print -rl -- "$@"; fi }
            compset() { return 1 }
            source $1; shift
            words=("$@"); CURRENT=$#
            _tenancy
            """#
        return try lines(of: ["zsh", "-f", "-c", driver, "zsh", scripts.url("zsh").path] + words, in: nil)
    }

    private func lines(of command: [String], in directory: String?) throws -> [String] {
        let run = try runProgram(command, in: directory ?? tree.path, environment: try shellEnvironment())
        #expect(run.status == 0, "\(run.output)")
        return run.output.split(separator: "\n").map(String.init)
    }

    /// The built tenancy on PATH, and nothing of the user's shell configuration.
    private func shellEnvironment() throws -> [String: String] {
        ["PATH": try pathWithTenancy(), "HOME": scripts.path]
    }
}

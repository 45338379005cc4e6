import Foundation
import Testing
import TenancyTestSupport

struct CommandLineTests {
    /// The version is written once, in Version.swift; the changelog's newest heading,
    /// which a release tag `vX.Y.Z` is made from, must be it.
    @Test func versionPrintsTheVersionOfTheChangelogsNewestRelease() throws {
        let changelog = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        // "Unreleased" collects what the next release will hold.
        let newest = try #require(changelog.split(separator: "\n").first { $0.hasPrefix("## ") && $0 != "## Unreleased" })
            .dropFirst(3)
        let run = try runTenancy(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "tenancy \(newest)\n")
        #expect(run.stderr == "")
    }

    @Test func helpListsEveryCommandOnStdout() throws {
        let run = try runTenancy(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("OVERVIEW: "))
        for command in ["validate", "member add", "project member remove", "invitation prune", "hooks install"] {
            #expect(run.stdout.contains("\n  \(command) "), "missing \(command)")
        }
        #expect(try runTenancy(["help"]).stdout == run.stdout)
    }

    @Test func noArgumentsPrintsTheHelpOnStderrAndFails() throws {
        let run = try runTenancy([])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("COMMANDS:"))
    }

    @Test func aCommandsHelpShowsItsArgumentsAndOptions() throws {
        for arguments in [["member", "add", "--help"], ["help", "member", "add"], ["member", "add", "x", "--bogus", "-h"]] {
            let run = try runTenancy(arguments)
            #expect(run.status == 0)
            #expect(run.stdout.contains("USAGE: tenancy member add ORG USER --role ROLE [--assign ASSIGNMENT]... [--as USER] [--dry-run]"))
            #expect(run.stdout.contains("  --dry-run "))
            #expect(run.stdout.contains("GLOBAL OPTIONS:"))
        }
    }

    @Test func anUnknownCommandFailsWithOneLineOnStderr() throws {
        let run = try runTenancy(["membr", "add"])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr == "tenancy: error: unknown command 'membr'; did you mean 'member'? (see 'tenancy --help')\n")
    }

    @Test func aBadOptionFailsBeforeAnyWork() throws {
        let run = try runTenancy(["member", "add", "acme", "bob", "--rol", "admin"])
        #expect(run.status == 2)
        #expect(run.stderr == "tenancy member add: error: unknown option '--rol'; did you mean '--role'? (see 'tenancy member add --help')\n")
    }

    @Test func aBadGlobalOptionValueIsAUsageErrorBeforeOrAfterTheCommand() throws {
        for arguments in [["--format", "yaml", "validate"], ["validate", "--format=yaml"]] {
            let run = try runTenancy(arguments)
            #expect(run.status == 2)
            #expect(run.stderr.contains("invalid value 'yaml' for '--format': expected one of text, json, github"))
        }
    }

    @Test func aGroupWithoutItsSubcommandListsThem() throws {
        let run = try runTenancy(["project", "member"])
        #expect(run.status == 2)
        #expect(run.stderr == "tenancy project member: error: missing command: expected one of add, set, remove (see 'tenancy project member --help')\n")
    }
}

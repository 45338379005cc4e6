import Testing
import Tenancy
import TenancyCLI
import TenancyFixtures

/// A spec like `tenancy member add`, with one of each kind of argument.
private let memberAdd = CommandSpec(
    "add", abstract: "Add a user to an organization with a role.",
    positionals: [
        PositionalSpec("ORG", help: "The organization."),
        PositionalSpec("USER", help: "The user."),
        PositionalSpec("NOTE", help: "A note.", optional: true),
    ],
    options: [
        OptionSpec("role", help: "The role.", required: true),
        OptionSpec("assign", value: "ASSIGNMENT", help: "A bundle.", repeatable: true),
        OptionSpec("format", help: "Output.", choices: ["text", "json"]),
        OptionSpec("project", help: "A project."),
        OptionSpec("project-role", value: "ROLE", help: "Its role."),
        OptionSpec("rev", help: "A revision."),
    ],
    flags: [FlagSpec("dry-run", help: "Write nothing."), FlagSpec("staged", help: "The index.")],
    exclusive: [["staged", "rev"]],
    together: [["project", "project-role"]])

private let parser = ArgumentParser(spec: memberAdd, commandPath: "tenancy member add")

/// The message of the usage error that parsing `arguments` throws, if any.
private func usageMessage(_ arguments: [String]) -> String? {
    do {
        _ = try parser.parse(arguments)
        return nil
    } catch {
        return error.message
    }
}

struct ArgumentParserTests {
    @Test func positionalsOptionsAndFlagsAreFoundByTheirDeclaredNames() throws {
        let parsed = try parser.parse(["acme", "bob", "--role", "admin", "--dry-run"])
        #expect(parsed.required("ORG") == "acme")
        #expect(parsed.required("USER") == "bob")
        #expect(parsed.value("NOTE") == nil)
        #expect(parsed.required("role") == "admin")
        #expect(parsed.flag("dry-run"))
        #expect(!parsed.flag("staged"))
    }

    @Test func anOptionValueMayFollowAnEqualsSign() throws {
        let parsed = try parser.parse(["acme", "bob", "--role=admin", "--project=web", "--project-role="])
        #expect(parsed.value("role") == "admin")
        #expect(parsed.value("project") == "web")
        #expect(parsed.value("project-role") == "")
    }

    @Test func aRepeatableOptionKeepsEveryValueInOrder() throws {
        let parsed = try parser.parse(["acme", "bob", "--role", "a", "--assign", "x", "--assign=y"])
        #expect(parsed.values("assign") == ["x", "y"])
    }

    @Test func optionsMayComeBetweenPositionals() throws {
        let parsed = try parser.parse(["--role", "admin", "acme", "--dry-run", "bob", "note"])
        #expect(parsed.required("USER") == "bob")
        #expect(parsed.value("NOTE") == "note")
    }

    @Test func doubleDashEndsOptionsSoAPositionalMayStartWithADash() throws {
        let parsed = try parser.parse(["--role", "admin", "--", "acme", "--bob"])
        #expect(parsed.required("USER") == "--bob")
    }

    @Test func aLoneDashIsAPositional() throws {
        let parsed = try parser.parse(["-", "bob", "--role", "admin"])
        #expect(parsed.required("ORG") == "-")
    }

    @Test func helpIsRequestedAnywhereBeforeDoubleDash() {
        #expect(ArgumentParser.requestsHelp(["acme", "--rol", "-h"]))
        #expect(ArgumentParser.requestsHelp(["--help"]))
        #expect(!ArgumentParser.requestsHelp(["acme", "--", "--help"]))
        #expect(!ArgumentParser.requestsHelp(["--role=--help"]))
    }

    @Test func anUnknownOptionIsNamedWithTheClosestKnownOne() {
        #expect(
            usageMessage(["acme", "bob", "--rol", "admin"])
                == "unknown option '--rol'; did you mean '--role'?")
        #expect(usageMessage(["acme", "bob", "--frobnicate"]) == "unknown option '--frobnicate'")
        #expect(usageMessage(["acme", "bob", "-x"]) == "unknown option '-x'")
    }

    @Test func anOptionWithoutItsValueIsAUsageError() {
        #expect(usageMessage(["acme", "bob", "--role"]) == "missing value for '--role ROLE'")
        #expect(
            usageMessage(["acme", "bob", "--role", "--dry-run"]) == "missing value for '--role ROLE'")
    }

    @Test func aFlagGivenAValueIsAUsageError() {
        #expect(
            usageMessage(["acme", "bob", "--role", "a", "--dry-run=yes"])
                == "flag '--dry-run' takes no value")
    }

    @Test func aMissingRequiredPositionalIsNamed() {
        #expect(usageMessage(["acme", "--role", "admin"]) == "missing argument USER")
    }

    @Test func anExtraPositionalIsNamed() {
        #expect(
            usageMessage(["acme", "bob", "note", "extra", "--role", "a"])
                == "unexpected argument 'extra'")
    }

    @Test func aMissingRequiredOptionIsNamedWithItsValue() {
        #expect(usageMessage(["acme", "bob"]) == "missing option '--role ROLE'")
    }

    @Test func aValueOutsideTheChoicesListsThem() {
        #expect(
            usageMessage(["acme", "bob", "--role", "a", "--format", "yaml"])
                == "invalid value 'yaml' for '--format': expected one of text, json")
    }

    @Test func aSingleValueOptionGivenTwiceIsAUsageError() {
        #expect(
            usageMessage(["acme", "bob", "--role", "a", "--role", "b"])
                == "option '--role' may be given only once")
    }

    @Test func exclusiveOptionsCannotBeCombined() {
        #expect(
            usageMessage(["acme", "bob", "--role", "a", "--staged", "--rev", "HEAD"])
                == "'--staged' and '--rev' cannot be used together")
    }

    @Test func optionsThatBelongTogetherAreNotGivenAlone() {
        #expect(
            usageMessage(["acme", "bob", "--role", "a", "--project", "web"])
                == "'--project' requires '--project-role'")
    }

    @Test func aUsageErrorIsOneLinePointingToTheCommandsHelp() throws {
        let error = UsageError("unknown option '--rol'", commandPath: "tenancy member add")
        #expect(
            error.description
                == "tenancy member add: error: unknown option '--rol' (see 'tenancy member add --help')")
    }

    @Test func parsePrefixStopsAtTheFirstPositional() throws {
        let root = ArgumentParser(
            spec: CommandSpec(
                "tenancy", abstract: "", options: [OptionSpec("registry", value: "PATH", help: "")]),
            commandPath: "tenancy")
        let (globals, rest) = try root.parsePrefix(["--registry", "r", "member", "--registry", "s"])
        #expect(globals.value("registry") == "r")
        #expect(rest == ["member", "--registry", "s"])
    }

    @Test func closestMatchAllowsTwoEditsOrAUniquePrefix() {
        #expect(closestMatch(to: "membr", among: ["member", "validate"]) == "member")
        #expect(closestMatch(to: "--dry", among: ["--dry-run", "--as"]) == "--dry-run")
        #expect(closestMatch(to: "zzz", among: ["member", "validate"]) == nil)
    }
}

/// Values with a format are checked as they are parsed, so a bad one is a usage error
/// naming its argument before any work is done.
struct ArgumentFormatTests {
    private let parser = ArgumentParser(
        spec: CommandSpec(
            "add", abstract: "Add a user.",
            positionals: [PositionalSpec("EMAIL", help: "An email.", format: .email)],
            options: [
                OptionSpec("name", help: "A name.", format: .displayName),
                OptionSpec("metadata", value: "JSON", help: "Metadata.", format: .metadata),
            ]),
        commandPath: "tenancy user add")

    private func message(_ arguments: [String]) -> String? {
        do {
            _ = try parser.parse(arguments)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func goodValuesPass() {
        #expect(message([" Bob@Example.com ", "--name", "Bob Builder", "--metadata", #"{"plan": "pro"}"#]) == nil)
    }

    @Test func badValuesAreUsageErrorsNamingTheArgument() {
        #expect(message(["bob\u{1B}[2J@example.com"]) == "EMAIL may not contain control characters, whitespace or bidi controls")
        #expect(message(["bob@example"]) == "EMAIL is not an email address")
        #expect(message(["b@x.io", "--name", "Bob\u{202E}"]) == "--name may not contain control characters, line separators or bidi controls")
        #expect(message(["b@x.io", "--name="]) == "--name must not be empty")
        #expect(message(["b@x.io", "--metadata", "[]"]) == "--metadata must be a JSON object")
        let deep = String(repeating: "{\"a\":", count: 64) + "1" + String(repeating: "}", count: 64)
        #expect(message(["b@x.io", "--metadata", deep]) == "--metadata may be nested at most 63 deep")
    }
}

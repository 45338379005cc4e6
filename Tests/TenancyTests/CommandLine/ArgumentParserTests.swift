import Testing
import Tenancy
import TenancyCLI
import TenancyFixtures

/// The keys of a command like `tenancy member add`, one of each kind of argument.
private enum MemberAdd {
    static let org = Positional<String>("ORG", help: "The organization.")
    static let user = Positional<String>("USER", help: "The user.")
    static let note = Positional<String?>("NOTE", help: "A note.")
    static let role = Option<String>("role", help: "The role.")
    static let assign = Option<[String]>("assign", value: "ASSIGNMENT", help: "A bundle.")
    static let format = Option<String?>("format", help: "Output.", choices: ["text", "json"])
    static let project = Option<String?>("project", help: "A project.")
    static let projectRole = Option<String?>("project-role", value: "ROLE", help: "Its role.")
    static let rev = Option<String?>("rev", help: "A revision.")
    static let dryRun = Flag("dry-run", help: "Write nothing.")
    static let staged = Flag("staged", help: "The index.")

    static let spec = CommandSpec(
        "add", abstract: "Add a user to an organization with a role.",
        arguments: [org, user, note, role, assign, format, project, projectRole, rev, dryRun, staged],
        exclusive: [[staged, rev]], together: [[project, projectRole]])
}

private let parser = ArgumentParser(spec: MemberAdd.spec, commandPath: "tenancy member add")

/// The message of the usage error that parsing `arguments` throws, if any.
private func usageMessage(_ arguments: [String], parser: ArgumentParser = parser) -> String? {
    do {
        _ = try parser.parse(arguments)
        return nil
    } catch {
        return error.message
    }
}

struct ArgumentParserTests {
    @Test func eachArgumentIsReadByItsKeyAsTheTypeItDeclares() throws {
        let parsed = try parser.parse(["acme", "bob", "--role", "admin", "--dry-run"])
        let org: String = parsed[MemberAdd.org]
        let note: String? = parsed[MemberAdd.note]
        let assignments: [String] = parsed[MemberAdd.assign]
        #expect(org == "acme")
        #expect(parsed[MemberAdd.user] == "bob")
        #expect(note == nil)
        #expect(parsed[MemberAdd.role] == "admin")
        #expect(assignments == [])
        #expect(parsed[MemberAdd.dryRun])
        #expect(!parsed[MemberAdd.staged])
    }

    @Test func theTypeOfAKeyDecidesWhetherItMustBeGivenAndHowOften() {
        #expect(MemberAdd.role.spec.isRequired && !MemberAdd.role.spec.isRepeatable)
        #expect(!MemberAdd.rev.spec.isRequired && !MemberAdd.rev.spec.isRepeatable)
        #expect(!MemberAdd.assign.spec.isRequired && MemberAdd.assign.spec.isRepeatable)
        #expect(!MemberAdd.org.spec.isOptional && MemberAdd.note.spec.isOptional)
    }

    @Test func anOptionValueMayFollowAnEqualsSign() throws {
        let parsed = try parser.parse(["acme", "bob", "--role=admin", "--project=web", "--project-role="])
        #expect(parsed[MemberAdd.role] == "admin")
        #expect(parsed[MemberAdd.project] == "web")
        #expect(parsed[MemberAdd.projectRole] == "")
    }

    @Test func aRepeatableOptionKeepsEveryValueInOrder() throws {
        let parsed = try parser.parse(["acme", "bob", "--role", "a", "--assign", "x", "--assign=y"])
        #expect(parsed[MemberAdd.assign] == ["x", "y"])
    }

    @Test func optionsMayComeBetweenPositionals() throws {
        let parsed = try parser.parse(["--role", "admin", "acme", "--dry-run", "bob", "note"])
        #expect(parsed[MemberAdd.user] == "bob")
        #expect(parsed[MemberAdd.note] == "note")
    }

    @Test func doubleDashEndsOptionsSoAPositionalMayStartWithADash() throws {
        let parsed = try parser.parse(["--role", "admin", "--", "acme", "--bob"])
        #expect(parsed[MemberAdd.user] == "--bob")
    }

    @Test func aLoneDashIsAPositional() throws {
        let parsed = try parser.parse(["-", "bob", "--role", "admin"])
        #expect(parsed[MemberAdd.org] == "-")
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

    /// Everything missing at once, so that a command line is fixed in one go; of
    /// alternatives, one is asked for with the others in parentheses.
    @Test func everyMissingArgumentIsNamedInOneMessage() {
        #expect(usageMessage([]) == "missing arguments ORG, USER and option '--role ROLE'")
        let new = Positional<String?>("NEW", help: "The new slug.")
        let to = Option<String?>("to", value: "NEW", help: "The new slug.")
        let actor = Option<String?>("as", value: "USER", help: "Act as.")
        let user = Option<String?>("user", value: "USER", help: "The user.")
        let spec = CommandSpec(
            "rename", abstract: "Rename.", arguments: [MemberAdd.org, new, to, user, actor],
            exclusive: [[new, to]], oneOf: [[new, to], [user, actor]])
        let rename = ArgumentParser(spec: spec, commandPath: "tenancy rename")
        #expect(usageMessage([], parser: rename) == "missing arguments ORG, NEW (or '--to NEW') and option '--user USER' (or '--as USER')")
        #expect(usageMessage(["acme", "--to", "b", "--as", "bob"], parser: rename) == nil)
        #expect(usageMessage(["acme", "a", "--to", "b", "--user", "bob"], parser: rename) == "NEW and '--to' cannot be used together")
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
        let registry = Option<String?>("registry", value: "PATH", help: "")
        let root = ArgumentParser(
            spec: CommandSpec("tenancy", abstract: "", arguments: [registry]), commandPath: "tenancy")
        let (globals, rest) = try root.parsePrefix(["--registry", "r", "member", "--registry", "s"])
        #expect(globals[registry] == "r")
        #expect(rest == ["member", "--registry", "s"])
    }

    @Test func closestMatchAllowsTwoEditsOrAUniquePrefix() {
        #expect(closestMatch(to: "membr", among: ["member", "validate"]) == "member")
        #expect(closestMatch(to: "--dry", among: ["--dry-run", "--as"]) == "--dry-run")
        #expect(closestMatch(to: "zzz", among: ["member", "validate"]) == nil)
    }

    /// A key is the only way to read an argument, so reading one the command does not
    /// declare is a mistake in the program, stopped at once.
    @Test func readingAKeyTheCommandDoesNotDeclareStops() async {
        await #expect(processExitsWith: .failure) {
            let declared = Option<String?>("role", help: "The role.")
            let other = Option<String?>("rol", help: "The role.")
            let spec = CommandSpec("add", abstract: "", arguments: [declared])
            let parsed = try ArgumentParser(spec: spec, commandPath: "tenancy add").parse([])
            _ = parsed[other]
        }
    }
}

/// Values are checked as they are parsed, so a bad one is a usage error naming its
/// argument before any work is done, and a run reads it as its type.
struct ArgumentFormatTests {
    private enum UserAdd {
        static let email = Positional<String>("EMAIL", help: "An email.", format: .email)
        static let name = Option<String?>("name", help: "A name.", format: .displayName)
        static let metadata = Option<String?>("metadata", value: "JSON", help: "Metadata.", format: .metadata)
        static let count = Option<Int?>("count", value: "N", help: "A count.")
        static let format = Option<OutputFormat?>("format", help: "Output.")
        static let parser = ArgumentParser(
            spec: CommandSpec("add", abstract: "Add a user.", arguments: [email, name, metadata, count, format]),
            commandPath: "tenancy user add")
    }

    private func message(_ arguments: [String]) -> String? {
        usageMessage(arguments, parser: UserAdd.parser)
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

    @Test func aNumberIsAWholeNumberReadAsAnInt() throws {
        #expect(message(["b@x.io", "--count", "three"]) == "--count must be a whole number")
        #expect(message(["b@x.io", "--count=-1"]) == "--count must be a whole number")
        let parsed = try UserAdd.parser.parse(["b@x.io", "--count", "3"])
        #expect(parsed[UserAdd.count] == 3)
    }

    @Test func anEnumeratedTypeOffersItsCasesAndIsReadAsOne() throws {
        #expect(UserAdd.format.spec.choices == ["text", "json", "github", "csv", "md"])
        #expect(message(["b@x.io", "--format", "yaml"]) == "invalid value 'yaml' for '--format': expected one of text, json, github, csv, md")
        let parsed = try UserAdd.parser.parse(["b@x.io", "--format", "json"])
        #expect(parsed[UserAdd.format] == .json)
    }
}

import Foundation
import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy can`: the keys of the arguments it declares and reads, then the command.
enum CanCommand {
    // Optional so that `--batch` may go without them; without it, each must be given.
    static let user = Positional<Handle?>("USER", help: "The user's handle. USER, PERMISSION and ORG[/PROJECT] are given unless --batch is.", completion: .user)
    static let permission = Positional<Permission?>("PERMISSION", help: "A permission, e.g. member:add or billing:manage.")
    static let place = Positional<String?>(
        "ORG[/PROJECT]", help: "The organization, or one of its projects.", completion: .org)
    static let batch = Flag("batch", help: "Answer the questions of the JSON lines on stdin, one JSON line each.")

    static let command = Command<Context>(
        "can", abstract: "Answer whether a user has a permission, and which role grants it.",
        discussion: """
            Prints yes or no with the reason; exits 0 for yes and 1 for no. A user,
            organization or project the registry does not hold, or a permission neither the
            tool nor the policy defines (a typo such as org:raed), is a usage error: exit 2.

            With --batch, reads one question per line on stdin, {"user": "bob",
            "permission": "member:add", "org": "acme"} with an optional "project", and
            prints one line per question: {"allowed": ..., "grantedBy": [...], "reason":
            ...}, or {"error": ...} for a question with no answer. Exits 0 when every
            question was answered, yes or no, and 2 otherwise.
            """,
        arguments: [user, permission, place, batch]
    ) { arguments, context in
        let given = (arguments[user], arguments[permission], arguments[place])
        if arguments[batch] {
            guard given == (nil, nil, nil) else {
                throw UsageError("--batch reads its questions from stdin, not from arguments", commandPath: "tenancy can")
            }
            return try answerBatch(context)
        }
        guard let user = given.0, let permission = given.1, let place = given.2 else {
            let missing = given.0 == nil ? "USER" : given.1 == nil ? "PERMISSION" : "ORG[/PROJECT]"
            throw UsageError("missing argument \(missing)", commandPath: "tenancy can")
        }
        let (org, project) = AccessQuestion.split(place)
        let snapshot = try context.readSnapshot(.access(user: user, org: org, project: project))
        let question = try AccessQuestion(
            user: user, permission: permission, org: org, project: project, in: snapshot, context: context)
        let decision = question.decision(in: snapshot)
        if context.format == .json {
            context.printJSON([
                ("user", .string(user.rawValue)), ("permission", .string(permission.rawValue)), ("org", .string(org.rawValue)),
                ("project", .optional(project?.rawValue)), ("allowed", .bool(decision.allowed)),
                ("grantedBy", .strings(decision.grantedBy.map(\.description))), ("reason", .string(decision.reason)),
            ])
        } else {
            context.stdout.writeLine("\(decision.allowed ? "yes" : "no"): \(decision.reason)")
        }
        if !decision.allowed { throw ExitCode.ruleViolations }
    }

    /// `--batch`: the registry is read once for every question, so a program can ask
    /// thousands (the export tests compare every answer with Cedar's).
    private static func answerBatch(_ context: Context) throws {
        let snapshot = try context.readRegistry()
        let input = FileHandle.standardInput.readDataToEndOfFile()
        var unanswered = false
        // A blank line (spaces, tabs, a `\r` of a CRLF line end) asks nothing.
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        for line in input.split(separator: UInt8(ascii: "\n")) where !line.allSatisfy(blank) {
            let answer: JSONValue
            do {
                let (user, permission, org, project) = try batchQuestion(Array(line))
                let question = try AccessQuestion(
                    user: user, permission: permission, org: org, project: project, in: snapshot, context: context)
                answer = json(question.decision(in: snapshot))
            } catch let failure as Failure {
                unanswered = true
                answer = .object(["error": .string(failure.message)])
            }
            context.stdout.write(oneLine(answer))
        }
        if unanswered { throw ExitCode.usage }
    }

    /// The question of one line: an object of strings `user`, `permission`, `org` and an
    /// optional `project`.
    private static func batchQuestion(_ line: [UInt8]) throws -> (Handle, Permission, Slug, Slug?) {
        let node: JSONNode
        do {
            node = try JSONReader.parse(line)
        } catch {
            throw Failure(.usage, "a question must be a JSON object on one line: \(error.message)")
        }
        guard case .object(let members) = node.value else {
            throw Failure(.usage, "a question must be a JSON object on one line")
        }
        var fields: [String: String] = [:]
        for member in members {
            guard ["user", "permission", "org", "project"].contains(member.key), case .string(let text) = member.value.value
            else { throw Failure(.usage, "a question has the strings user, permission, org and, optionally, project") }
            fields[member.key] = text
        }
        guard let user = fields["user"], let text = fields["permission"], let org = fields["org"] else {
            throw Failure(.usage, "a question needs user, permission and org")
        }
        guard let permission = Permission(text) else { throw Failure(.usage, "'\(text)' is no permission") }
        // The names as asked: AccessQuestion looks for them.
        return (Handle(unchecked: user), permission, Slug(unchecked: org), fields["project"].map(Slug.init(unchecked:)))
    }

    private static func json(_ decision: AccessDecision) -> JSONValue {
        .object([
            "allowed": .bool(decision.allowed),
            "grantedBy": .array(decision.grantedBy.map { JSONNode(.string($0.description)) }),
            "reason": .string(decision.reason),
        ])
    }

    /// Canonical JSON on one line: a string holds no raw newline, so the writer's line
    /// breaks and indentation are all there is to take out.
    private static func oneLine(_ value: JSONValue) -> String {
        let text = String(decoding: CanonicalWriter.bytes(for: value), as: UTF8.self)
        return TerminalText.escapedJSON(
            text.split(separator: "\n").map { $0.drop { $0 == " " } }.joined(separator: " ")) + "\n"
    }
}

import Foundation
import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy codeowners`: the keys of the arguments it declares and reads, then the command.
enum CodeOwnersCommand {
    static let forge = Option<Forge?>("forge", help: "Whose logins to name (default: github).")
    static let write = Option<String?>(
        "write", value: "FILE", help: "Update the block in FILE, keeping the rest of it.")
    static let check = Option<String?>(
        "check", value: "FILE", help: "Exit 1 when FILE's block is not the registry's.")

    static let command = Command<Context>(
        "codeowners", abstract: "Print who must approve changes to each organization, as CODEOWNERS.",
        discussion: """
            Prints a CODEOWNERS block between marker comments: each organization's directory
            belongs to the logins of its members who hold the policy's
            review.approvalPermission (member:update by default), a personal organization's
            to its owner, and tenancy.json, users/ and orgs/ (new organizations, and those
            whose approvers have no login) to the site admins. Paths start at the top level
            of the git repository. Users to be named without a login on the forge are left
            out, and listed on stderr. --write FILE replaces the block in FILE (or appends
            it, or creates FILE), keeping the rest; --check FILE exits 1 when it is stale.
            """,
        arguments: [forge, write, check], exclusive: [[write, check]]
    ) { arguments, context in
        let snapshot = try context.readRegistry()
        // A file that did not load (a broken policy, a member file) would silently change who approves.
        let broken = snapshot.fileDiagnostics.filter { $0.severity == .error && $0.rule != FormatRule.id }.count
        guard broken == 0 else {
            throw Failure(.ruleViolations, "the registry has \(broken) error\(broken == 1 ? "" : "s") in its files (see `tenancy validate`); refusing to write CODEOWNERS from it")
        }
        let prefix = try registryPathInRepository(context.registryRoot, environment: context.git)
        // Patterns are written as they are: only these characters mean themselves in all three forges' syntax.
        guard prefix.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || "0123456789._-/".unicodeScalars.contains($0)) }) else {
            throw Failure(.ruleViolations, "the registry's path in the repository, '\(prefix)', holds characters CODEOWNERS patterns cannot hold plainly")
        }
        let forge = arguments[Self.forge] ?? .github
        let owners = CodeOwners(snapshot, forge: forge, prefix: prefix)
        if !owners.withoutLogin.isEmpty && context.format != .json {
            context.stderr.writeLine("tenancy: warning: no \(forge) login for \(owners.withoutLogin.joined(separator: ", ")): left out of CODEOWNERS")
        }
        let file = arguments[Self.write] ?? arguments[Self.check]
        let action: String
        if let file = arguments[Self.write] {
            action = try context.update(file, with: owners) ? "updated" : "unchanged"
        } else if let file = arguments[Self.check] {
            try context.check(file, against: owners)
            action = "checked"
        } else {
            action = "printed"
        }
        guard context.format != .json else {
            return context.printJSON([
                ("action", .string(action)), ("block", .string(owners.block)), ("file", .optional(file)),
                ("withoutLogin", .strings(owners.withoutLogin)),
            ])
        }
        switch action {
        case "printed": context.stdout.write(owners.block)
        case "updated": context.stdout.writeLine("updated \(file!)")
        case "unchanged": context.stdout.writeLine("\(file!) is up to date")
        default: break
        }
    }
}

extension Context {
    /// Writes `owners`' block into `file` (relative to the current directory), atomically;
    /// false when the file already holds it.
    fileprivate func update(_ file: String, with owners: CodeOwners) throws -> Bool {
        let old = try read(file) ?? ""
        guard let new = owners.spliced(into: old) else { throw Self.markersFailure(file) }
        guard new != old else { return false }
        do {
            try writeAtomically(
                RegistryLocation.absolute(file, in: currentDirectory), contents: Array(new.utf8), fileSystem: FileSystem())
        } catch {
            throw Failure(.ioFailure, "cannot write \(file): \(error)")
        }
        return true
    }

    /// Exit 1 unless `file` holds `owners`' block.
    fileprivate func check(_ file: String, against owners: CodeOwners) throws {
        let old = try read(file) ?? ""
        guard let new = owners.spliced(into: old) else { throw Self.markersFailure(file) }
        guard new == old else {
            throw Failure(.ruleViolations, "\(file) is stale: its CODEOWNERS block is not the registry's (run `tenancy codeowners --write \(file)`)")
        }
    }

    /// The file's text; nil when it does not exist.
    private func read(_ file: String) throws -> String? {
        let path = RegistryLocation.absolute(file, in: currentDirectory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(.ioFailure, "cannot read \(file)") }
        guard let text = String(data: data, encoding: .utf8) else { throw Failure(.ruleViolations, "\(file) is not UTF-8 text") }
        return text
    }

    private static func markersFailure(_ file: String) -> Failure {
        Failure(.ruleViolations, "\(file) does not hold one '\(CodeOwners.begin)' line followed by one '\(CodeOwners.end)' line; fix its markers by hand")
    }
}

import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy export …`: the registry in the formats of the engines that enforce access
/// (docs/EXPORT.md).
enum ExportCommands {
    static let out = Option<String>(
        "out", value: "DIR", help: "A new or empty directory, or one an earlier export wrote, to write the files into.",
        completion: .directory)

    static let group = Command<Context>(
        group: "export", abstract: "Export the registry for the engines that enforce access.",
        [cedar, json, ExportSQLCommand.sql])

    static let cedar = Command<Context>(
        "cedar", abstract: "Write the registry as a Cedar schema, policies and entities.",
        discussion: """
            Writes tenancy.cedarschema.json, policies.cedar and entities.json into DIR. A
            request is principal Tenancy::User::"<handle>", action
            Tenancy::Action::"<permission>" and resource Tenancy::Organization::"<slug>" or
            Tenancy::Project::"<org>/<project>", with an empty context: Cedar then decides as
            tenancy can does. DIR is created when missing; a directory that holds other
            files is refused (exit 2). Each file replaces the one before whole.
            """,
        arguments: [out]
    ) { arguments, context in
        // An empty path would name the current directory, which is not what anyone meant.
        guard !arguments[out].isEmpty else { throw UsageError("--out needs a path", commandPath: "tenancy export cedar") }
        let export = try context.validExport(at: nil, building: CedarExport.init)
        let directory = RegistryLocation.absolute(arguments[out], in: context.currentDirectory)
        do {
            try FileSystem().writeExport(export.files, to: directory)
        } catch let refused as ExportDirectoryError {
            throw Failure(.usage, refused.description)
        }
        let written = export.files.map { arguments[out] + "/" + $0.name }
        guard context.format != .json else { return context.printJSON([("written", .strings(written))]) }
        for path in written { context.stdout.writeLine("wrote \(path)") }
    }

    static let json = Command<Context>(
        "json", abstract: "Print the whole registry as one JSON document.",
        discussion: """
            The policy, the users, and the organizations with their members, projects and
            invitations: each entity as the JSON of its file, sorted by name.
            """
    ) { _, context in
        // Written as `printJSON` writes a document, without building it whole.
        context.stdout.write(TerminalText.escapedJSON(try context.validExport(at: nil) { $0.exportJSONDocument }))
    }
}

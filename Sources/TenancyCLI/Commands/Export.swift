import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy export …`: the registry in the formats of the engines that enforce access
/// (docs/EXPORT.md).
enum ExportCommands {
    static let out = Option<String>(
        "out", value: "DIR", help: "The directory to write the files into (created when missing).",
        completion: .directory)

    static let group = Command<Context>(
        group: "export", abstract: "Export the registry for the engines that enforce access.",
        [cedar, json])

    static let cedar = Command<Context>(
        "cedar", abstract: "Write the registry as a Cedar schema, policies and entities.",
        discussion: """
            Writes tenancy.cedarschema.json, policies.cedar and entities.json into DIR. A
            request is principal Tenancy::User::"<handle>", action
            Tenancy::Action::"<permission>" and resource Tenancy::Organization::"<slug>" or
            Tenancy::Project::"<org>/<project>", with an empty context: Cedar then decides as
            tenancy can does. Each file replaces the one before whole.
            """,
        arguments: [out]
    ) { arguments, context in
        let export = CedarExport(try context.readSnapshot())
        let directory = RegistryLocation.absolute(arguments[out], in: context.currentDirectory)
        try FileSystem().writeExport(export.files, to: directory)
    }

    static let json = Command<Context>(
        "json", abstract: "Print the whole registry as one JSON document.",
        discussion: """
            The policy, the users, and the organizations with their members, projects and
            invitations: each entity as the JSON of its file, sorted by name.
            """
    ) { _, context in
        context.printJSON(try context.readSnapshot().exportJSON)
    }
}

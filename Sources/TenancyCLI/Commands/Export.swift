import TenancyCore

/// `tenancy export …`: the registry in the formats of the engines that enforce access.
enum ExportCommands {
    static let group = Command<Context>(
        group: "export", abstract: "Export the registry for the engines that enforce access.",
        [ExportSQLCommand.sql])
}

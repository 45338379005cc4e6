/// Why an export will not write where it was asked to: the directory is no directory, or
/// holds files that are not an export's (writing there could overwrite another tool's).
public struct ExportDirectoryError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension FileSystem {
    /// Writes `files` into `directory`, created when missing (its parent must exist), or
    /// holding nothing but an earlier export of the same files. Each file is written beside
    /// its name and renamed over it, so a reader (a Cedar agent polling the directory) sees
    /// the old file or the new one, never half of one.
    package func writeExport(_ files: [(name: String, bytes: [UInt8])], to directory: String) throws {
        switch try kind(of: directory) {
        case nil: try makeDirectory(directory)
        case .directory, .symlink:
            let ours = Set(files.map(\.name) + files.map { "." + $0.name + ".tmp" })
            if let other = try contents(ofDirectory: directory).sorted().first(where: { !ours.contains($0) }) {
                throw ExportDirectoryError(
                    description: "'\(directory)' holds '\(other)', which is no file of this export: give a new or empty directory")
            }
        case .file, .other:
            throw ExportDirectoryError(description: "cannot write the export into '\(directory)': not a directory")
        }
        for file in files { try replaceFile(named: file.name, in: directory, with: file.bytes) }
        try syncDirectory(directory)
    }

    /// Writes `contents` beside the file `name` of `directory` (as `.NAME.tmp`) and renames
    /// it over the file, so a reader sees the old file or the new one, never half of one.
    /// The caller syncs the directory.
    package func replaceFile(named name: String, in directory: String, with contents: [UInt8]) throws {
        let path = directory + "/" + name, beside = directory + "/." + name + ".tmp"
        // Left by a write that was killed: it is ours to replace.
        if try kind(of: beside) != nil { try unlink(beside) }
        try createFile(beside, contents: contents)
        try rename(beside, to: path)
    }
}

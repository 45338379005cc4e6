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
        let temporary = { (name: String) in "." + name + ".tmp" }
        switch try kind(of: directory) {
        case nil: try makeDirectory(directory)
        case .directory, .symlink:
            let ours = Set(files.map(\.name) + files.map { temporary($0.name) })
            if let other = try contents(ofDirectory: directory).sorted().first(where: { !ours.contains($0) }) {
                throw ExportDirectoryError(
                    description: "'\(directory)' holds '\(other)', which is no file of this export: give a new or empty directory")
            }
        case .file, .other:
            throw ExportDirectoryError(description: "cannot write the export into '\(directory)': not a directory")
        }
        for file in files {
            let path = directory + "/" + file.name, beside = directory + "/" + temporary(file.name)
            // Left by an export that was killed: it is ours to replace.
            if try kind(of: beside) != nil { try unlink(beside) }
            try createFile(beside, contents: file.bytes)
            try rename(beside, to: path)
        }
        try syncDirectory(directory)
    }
}

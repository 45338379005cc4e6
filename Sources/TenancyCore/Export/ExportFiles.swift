/// Why an export will not write where it was asked to: the directory is no directory, or
/// holds files that are not an export's (writing there could overwrite another tool's).
public struct ExportDirectoryError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension FileSystem {
    /// Writes `files` into `directory`, created when missing (its parent must exist), or
    /// holding nothing but an earlier export of the same files (and the temporary files of
    /// one that was killed). Each file is written beside its name and renamed over it
    /// (`writeAtomically`), so a reader (a Cedar agent polling the directory) sees the old
    /// file or the new one, never half of one. A symlink is refused: the files would be
    /// written where it points.
    package func writeExport(_ files: [(name: String, bytes: [UInt8])], to directory: String) throws {
        switch try kind(of: directory) {
        case nil: try makeDirectory(directory)
        case .directory:
            let names = Set(files.map(\.name))
            let other = try contents(ofDirectory: directory).sorted().first { name in
                !names.contains(name) && !names.contains { name.hasPrefix(".\($0).tmp-") }
            }
            if let other {
                throw ExportDirectoryError(
                    description: "'\(directory)' holds '\(other)', which is no file of this export: give a new or empty directory")
            }
        case .symlink:
            throw ExportDirectoryError(description: "cannot write the export into '\(directory)': a symbolic link")
        case .file, .other:
            throw ExportDirectoryError(description: "cannot write the export into '\(directory)': not a directory")
        }
        for file in files {
            try writeAtomically(directory + "/" + file.name, contents: file.bytes, fileSystem: self)
        }
    }
}

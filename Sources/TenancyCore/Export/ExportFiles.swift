extension FileSystem {
    /// Writes `files` into `directory`, created when missing (its parent must exist). Each
    /// file is written beside its name and renamed over it, so a reader (a Cedar agent
    /// polling the directory) sees the old file or the new one, never half of one.
    package func writeExport(_ files: [(name: String, bytes: [UInt8])], to directory: String) throws {
        switch try kind(of: directory) {
        case nil: try makeDirectory(directory)
        case .directory, .symlink: break
        case .file, .other:
            throw FileSystemError(path: directory, message: "cannot write the export into '\(directory)': not a directory")
        }
        for file in files {
            let path = directory + "/" + file.name, temporary = directory + "/." + file.name + ".tmp"
            // Left by an export that was killed: it is ours to replace.
            if try kind(of: temporary) != nil { try unlink(temporary) }
            try createFile(temporary, contents: file.bytes)
            try rename(temporary, to: path)
        }
        try syncDirectory(directory)
    }
}

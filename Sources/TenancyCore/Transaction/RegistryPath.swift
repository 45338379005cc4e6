/// Paths of registry files: relative to the root, `/`-separated.
enum RegistryPath {
    /// The tool's private directory, which no registry change may touch.
    static let privateDirectory = ".tenancy"

    /// The components of `path`, or an error when it could name something outside the
    /// registry or inside `.tenancy/`: absolute, empty components, `.` or `..`, or control
    /// characters (which would also break the journal's line format).
    static func components(of path: String) throws -> [Substring] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let unsafe = path.isEmpty || parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }
        let control = path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
        guard !unsafe, !control, parts.first != Substring(privateDirectory) else {
            throw refusal(path, "is not a relative path inside the registry")
        }
        return parts
    }

    /// Whether `path` is safe (see `components(of:)`) and a file of the registry layout:
    /// the only files the tool writes or removes.
    static func isLayoutFile(_ path: String) -> Bool {
        guard (try? components(of: path)) != nil, case .entity = Layout.classify(path) else { return false }
        return true
    }

    /// The parent of `path` ("" for the root), and every ancestor, nearest last.
    static func ancestors(of path: String) -> [String] {
        let parts = path.split(separator: "/")
        return (0..<parts.count).map { parts[..<$0].joined(separator: "/") }
    }

    static func parent(of path: String) -> String {
        ancestors(of: path).last ?? ""
    }

    static func depth(of path: String) -> Int {
        path.split(separator: "/").count
    }

    static func refusal(_ path: String, _ reason: String) -> FileSystemError {
        FileSystemError(path: path, message: "refusing to change '\(path)': it \(reason)")
    }
}

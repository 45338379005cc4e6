import Glibc

/// Where the registry is: `--registry`, else `TENANCY_REGISTRY`, else found as git finds
/// `.git` (`discovered`), else `./registry` (which `init` creates, and which every other
/// command then reports as "not a registry").
enum RegistryLocation {
    static let conventional = "registry"

    /// The registry a command works on. `given` is `--registry` or `TENANCY_REGISTRY`;
    /// `init` does not look around, as it creates a registry rather than using one.
    static func registry(given: String?, discovering: Bool, from currentDirectory: String) -> String {
        if let given { return given }
        guard discovering else { return conventional }
        return discovered(from: currentDirectory) ?? conventional
    }

    /// The nearest directory at or above `currentDirectory` (an absolute path) that has
    /// `tenancy.json`, or a `registry/` that has one, relative to `currentDirectory`
    /// (`.`, `registry`, `../..`, `../registry`): paths print as the user would type them.
    ///
    /// Not from inside a git directory (a bare repository, where a server's hooks run, or
    /// a `.git`): there the registry is a path in the repository's tree, `registry` unless
    /// `--registry` says otherwise, never a work tree that happens to lie above.
    static func discovered(from currentDirectory: String) -> String? {
        var directory = currentDirectory
        var up = ""
        while true {
            if isGitDirectory(directory) { return nil }
            if exists(directory, "tenancy.json") { return up.isEmpty ? "." : String(up.dropLast()) }
            if exists(directory, conventional + "/tenancy.json") { return up + conventional }
            guard let parent = parent(of: directory) else { return nil }
            directory = parent
            up += "../"
        }
    }

    /// `path` made absolute against `currentDirectory`. Its leading `.` and `..` are
    /// resolved by name, as the kernel resolves them from the current directory (which
    /// has no symbolic links), so a discovered `../..` names the directory itself.
    static func absolute(_ path: String, in currentDirectory: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var directory = currentDirectory
        var rest = Substring(path)
        while true {
            let component = rest.prefix { $0 != "/" }
            guard component == "." || component == ".." else { break }
            if component == ".." { directory = parent(of: directory) ?? directory }
            rest = rest.dropFirst(component.count).drop { $0 == "/" }
        }
        if rest.isEmpty { return directory }
        return (directory.hasSuffix("/") ? directory : directory + "/") + rest
    }

    /// What git itself takes for a repository's directory: `HEAD`, `objects/` and `refs/`.
    private static func isGitDirectory(_ directory: String) -> Bool {
        ["HEAD", "objects", "refs"].allSatisfy { exists(directory, $0) }
    }

    private static func exists(_ directory: String, _ relative: String) -> Bool {
        access((directory.hasSuffix("/") ? directory : directory + "/") + relative, F_OK) == 0
    }

    /// `/a` for `/a/b`, `/` for `/a`, nil for `/`.
    private static func parent(of directory: String) -> String? {
        let trimmed = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        guard !trimmed.isEmpty, let slash = trimmed.lastIndex(of: "/") else { return nil }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}

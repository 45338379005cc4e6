import Foundation
import Tenancy

/// A registry at `registry/` in a `ScratchDirectory` (which leaves room beside it for
/// "outside the registry" files), written byte for byte, so tests can build hostile
/// trees; `tree()` reads everything back, so a test can prove nothing was written.
/// Removed when the last copy of this value goes away.
public struct TemporaryRegistry: Sendable {
    public let directory: ScratchDirectory
    /// The scratch directory: the working directory of end-to-end runs, where `tenancy`
    /// finds `registry/` by default.
    public var path: String { directory.path }
    /// The registry root's absolute path.
    public var registry: String { path + "/registry" }

    /// A registry of `files` (path relative to the root -> contents); see
    /// `ScratchDirectory` for `inMemory`.
    public init(_ files: [String: String] = [:], inMemory: Bool = false) throws {
        directory = try ScratchDirectory(inMemory: inMemory)
        try FileManager.default.createDirectory(atPath: registry, withIntermediateDirectories: true)
        for (relative, text) in files { try write(relative, text) }
    }

    public var source: DirectorySource { DirectorySource(root: registry) }

    /// A new registry, on the same kind of disk, holding a copy of this one.
    public func copy() throws -> TemporaryRegistry {
        let copy = try TemporaryRegistry(inMemory: directory.inMemory)
        try FileManager.default.removeItem(atPath: copy.registry)
        try FileManager.default.copyItem(atPath: registry, toPath: copy.registry)
        return copy
    }

    /// Writes `bytes` at `relative` under the registry, creating directories.
    public func write(_ relative: String, _ bytes: [UInt8]) throws { try directory.write("registry/" + relative, bytes) }

    public func write(_ relative: String, _ text: String) throws { try write(relative, Array(text.utf8)) }

    public func symlink(_ relative: String, to target: String) throws {
        try directory.symlink("registry/" + relative, to: target)
    }

    public func fifo(_ relative: String) throws { try directory.fifo("registry/" + relative) }

    /// Every file, symlink and directory under the registry but `.tenancy/`.
    public func tree() -> RegistryTree { RegistryTree(root: registry) }

    /// The names in the registry's `.tenancy/`, sorted.
    public func privateEntries() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: registry + "/.tenancy")) ?? []).sorted()
    }

    // MARK: Rule examples

    /// The marker that example texts carry where a diagnostic must point.
    public static let marker: Character = "↓"

    /// `text` without its `↓`, and the first marker's line and column (1-based, columns
    /// in Unicode scalars, as diagnostics count them); nil when there is no marker.
    public static func markedText(_ text: String) -> (text: String, marker: Position?) {
        var line = 1, column = 1
        var position: Position?
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if Character(scalar) == marker {
                position = position ?? Position(line: line, column: column)
                continue
            }
            result.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (String(result), position)
    }

    /// `base` with `overlay` applied (a nil value removes the file), markers stripped;
    /// `markers` holds each overlay file's marked position.
    public static func overlay(_ base: [String: String], _ overlay: [String: String?])
        -> (files: [String: String], markers: [String: Position])
    {
        var files = base
        var markers: [String: Position] = [:]
        for (path, text) in overlay {
            guard let text else {
                files[path] = nil
                continue
            }
            let marked = markedText(text)
            files[path] = marked.text
            if let position = marked.marker { markers[path] = position }
        }
        return (files, markers)
    }
}

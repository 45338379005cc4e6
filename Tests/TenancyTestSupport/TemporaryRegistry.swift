import Foundation
import Tenancy

/// A registry written to a temporary directory, removed when the last copy of this
/// value goes away (or by `cleanUp()`).
public struct TemporaryRegistry: Sendable {
    /// The registry root's absolute path.
    public let root: String
    private let directory: RemovedOnRelease

    /// Writes `files` (path relative to the root -> contents), creating parent directories.
    public init(_ files: [String: String]) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tenancy-registry-\(UUID().uuidString)")
        root = url.path
        directory = RemovedOnRelease(path: root)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, contents) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: file)
        }
    }

    public var source: DirectorySource { DirectorySource(root: root) }

    public func cleanUp() { directory.remove() }

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

private final class RemovedOnRelease: Sendable {
    let path: String

    init(path: String) { self.path = path }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    deinit { remove() }
}

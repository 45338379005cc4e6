import Foundation
import Testing

@testable import Tenancy

#if canImport(Glibc)
    import Glibc
#endif

struct GitReadBoundedFileTests {
    private let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tenancy-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    private func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    @Test func readsASmallFileWhole() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: path("a.json")))
        #expect(try readBoundedFile(atPath: path("a.json")) == Array("{}\n".utf8))
    }

    @Test func readsOneByteMoreThanTheLimitOfABigFile() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(repeating: 7, count: Limits.maxFileSize * 3).write(
            to: URL(fileURLWithPath: path("big")))
        #expect(try readBoundedFile(atPath: path("big")).count == Limits.maxFileSize + 1)
    }

    @Test func refusesASymlinkAFIFOAndADirectory() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: path("target")))
        try FileManager.default.createSymbolicLink(
            atPath: path("link"), withDestinationPath: "target")
        #expect(mkfifo(path("fifo"), 0o644) == 0)

        #expect(
            sourceErrorMessage { _ = try readBoundedFile(atPath: path("link")) }?.hasPrefix(
                "cannot open") == true)
        #expect(
            sourceErrorMessage { _ = try readBoundedFile(atPath: path("fifo")) }
                == "not a regular file: \(path("fifo"))")
        #expect(
            sourceErrorMessage { _ = try readBoundedFile(atPath: directory.path) }
                == "not a regular file: \(directory.path)")
    }
}

import Foundation
import GRDB
import Testing
import SiftwireProtocol
import SiftwireRuntime
@testable import SiftwireIngest

@Suite("Store files: owner-only permissions, corruption found at open and never rebuilt")
struct StoreFileSafetyTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-store-\(UUID().uuidString.prefix(8))")
    var path: String { directory.appendingPathComponent("data/ingest/ingest.sqlite").path }

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// A store holding `count` documents, closed again (its WAL checkpointed into the file).
    func makeStore(documents count: Int) throws {
        let store = try IngestStore(path: path)
        let texts = (0..<count).map { "Report \($0): shelling near the orchard road was heard at dawn, according to residents. " + String(repeating: "Detail \($0). ", count: 40) }
        _ = try store.accept(texts.map { NewDocument(text: $0) }, limits: IngestStore.Limits())
    }

    func overwrite(at offset: Int, count: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 0xA5) }))
    }

    @Test func aNewStoreAndItsDirectoriesAreReadableOnlyByTheirOwner() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try IngestStore(path: path)
        _ = try store.accept([NewDocument(text: "A short note about a checkpoint.")], limits: IngestStore.Limits())
        #expect(try mode(directory.appendingPathComponent("data/ingest").path) == 0o700)
        #expect(try mode(directory.appendingPathComponent("data").path) == 0o700)
        for file in [path, path + "-wal", path + "-shm", path + ".lock"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file)")
            #expect(try mode(file) == 0o600, "\(file)")
        }
    }

    @Test func anExistingStoreWithWideModesIsTightenedWhenOpened() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try makeStore(documents: 1)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.appendingPathComponent("data/ingest").path)
        _ = try IngestStore(path: path)
        #expect(try mode(path) == 0o600)
        #expect(try mode(directory.appendingPathComponent("data/ingest").path) == 0o700)
    }

    @Test func aStoreWhoseHeaderWasOverwrittenIsRefusedAndLeftAlone() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try makeStore(documents: 5)
        try overwrite(at: 0, count: 64)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = try #require(throws: StoreOpeningError.self) { try IngestStore(path: path) }
        #expect(error.reason == .notADatabase)
        #expect(error.path == path)
        #expect(error.description.contains("left untouched"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the damaged file must not be rebuilt or rewritten")
    }

    @Test func aStoreWithDamagedPagesIsRefusedAsCorrupted() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try makeStore(documents: 40)
        // Garbage over the headers of pages 2…5 (page size 4096): b-tree and overflow pages alike.
        for page in 1...4 { try overwrite(at: page * 4096, count: 48) }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = try #require(throws: StoreOpeningError.self) { try IngestStore(path: path) }
        #expect(error.reason == .corrupted, "\(error)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func damageInsideADocumentsPagesIsFoundByTheCheckAtOpen() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try makeStore(documents: 40)
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 8 * 4096)
        // The last page holds documents the open itself never reads; only quick_check does.
        try overwrite(at: size - 4096, count: 4096)
        let error = try #require(throws: StoreOpeningError.self) { try IngestStore(path: path) }
        #expect(error.reason == .corrupted, "\(error)")
    }
}

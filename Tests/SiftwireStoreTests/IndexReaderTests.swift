import Foundation
import GRDB
import Testing
import SiftwireProtocol
@testable import SiftwireIndex

/// Readers of the index store: read-only connections of their own to the WAL file, each with its
/// own time limit and the store's SQL function; a reader in the middle of a read holds up no write.
@Suite("Index store: readers beside the writer")
struct IndexReaderTests {
    /// A file store (readers need one) holding `documents` documents about Idlib and HTS.
    final class FileStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-readers-\(UUID().uuidString.prefix(8))")
        let store: IndexStore

        init(documents: Int) throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try IndexStore(path: directory.appendingPathComponent("index.sqlite").path)
            let hts = IndexStoreTests.entity("org:hts", "Hay'at Tahrir al-Sham", .org, mentions: ["HTS"])
            _ = try store.write((0..<documents).map { n in
                IndexStoreTests.put("d\(n)", text: "Fighters from HTS clashed near Idlib on day \(n); residents of Idlib said HTS withdrew.",
                                    date: "2023-08-03", entities: [hts])
            })
        }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    @Test func aReaderInTheMiddleOfAReadHoldsUpNoWriteAndItsNextReadSeesTheWrite() throws {
        let file = try FileStore(documents: 3)
        let reader = try file.store.openReader()
        let inside = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let counts = Counts()
        let finished = DispatchSemaphore(value: 0)
        let handOver = UncheckedStore(store: reader)
        Thread {
            // One read transaction held open across the write: it keeps the snapshot it started with.
            let seen = try? handOver.store.db.read { db -> (Int, Int) in
                let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") ?? -1
                inside.signal()
                release.wait()
                return (before, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") ?? -1)
            }
            counts.set(seen)
            finished.signal()
        }.start()
        inside.wait()
        // The writer commits while the reader's transaction is open (WAL: no lock between them).
        let stored = try file.store.write([IndexStoreTests.put("late", text: "A late report from Idlib.", date: nil, entities: [])])
        #expect(stored.map(\.alreadyStored) == [false])
        release.signal()
        finished.wait()
        #expect(counts.value?.0 == 3 && counts.value?.1 == 3, "the open read keeps its snapshot")
        #expect(try reader.documentCount() == 4, "a read begun after the commit sees it")
        #expect(try reader.search(SearchQuery(text: "late")).total == 1)
    }

    @Test func eachReaderHasItsOwnTimeLimitAndTheFoldFunction() throws {
        let file = try FileStore(documents: 400)
        file.store.readTimeLimit = .seconds(30)
        let hurried = try file.store.openReader()
        let patient = try file.store.openReader()
        #expect(patient.readTimeLimit == .seconds(30), "a reader takes the store's limit")
        hurried.readTimeLimit = .zero
        let query = SearchQuery(text: "Idlib OR HTS", limit: 100)
        let patientTotal = Counts()
        let done = DispatchSemaphore(value: 0)
        let handOver = UncheckedStore(store: patient)
        // The patient reader reads on its own thread while the hurried one is interrupted.
        Thread {
            let total = try? handOver.store.limitingTime { () throws(SiftwireError) in try handOver.store.search(query) }.total
            patientTotal.set(total.map { ($0, $0) })
            done.signal()
        }.start()
        do {
            _ = try hurried.limitingTime { () throws(SiftwireError) in try hurried.search(query) }
            Issue.record("the hurried reader's search should have been interrupted")
        } catch {
            #expect(error.code == .timeLimit && error.message.contains("0 ms"), "\(error.message)")
        }
        done.wait()
        #expect(patientTotal.value?.0 == 400)
        // The interrupted reader reads again, under a limit it can meet; `siftwire_fold` is on its connection.
        hurried.readTimeLimit = .seconds(30)
        let entities = try hurried.limitingTime { () throws(SiftwireError) in try hurried.entities(EntitiesQuery(prefix: "hay'at")) }
        #expect(entities.entities.map(\.id) == ["org:hts"])
    }

    @Test func aReaderCannotWriteAndAnInMemoryStoreHasNoReaders() throws {
        let file = try FileStore(documents: 1)
        let reader = try file.store.openReader()
        #expect(throws: (any Error).self) {
            _ = try reader.write([IndexStoreTests.put("x", text: "Nothing is written through a reader.", date: nil, entities: [])])
        }
        #expect(try file.store.documentCount() == 1)
        let memory = try IndexStore(path: nil)
        #expect(throws: SiftwireError.self) { _ = try memory.openReader() }
    }
}

/// A store handed to exactly one other thread (a store is used by one thread at a time).
struct UncheckedStore: @unchecked Sendable { let store: IndexStore }

/// A pair of counts written by one thread and read after it signalled.
final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (Int, Int)?

    func set(_ value: (Int, Int)?) {
        lock.lock(); defer { lock.unlock() }
        stored = value
    }

    var value: (Int, Int)? {
        lock.lock(); defer { lock.unlock() }
        return stored
    }
}

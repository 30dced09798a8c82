import Foundation
import Testing
import SiftwireExtraction
@testable import SiftwireExtract
@testable import SiftwireQuery

@Suite("Query store")
struct QueryStoreTests {
    @Test func answeredQueriesAreLoggedNewestFirst() throws {
        let store = try QueryStore(path: nil)
        try store.log(.init(requestID: "r1", kind: "query.search", body: "{}", outcome: "ok", durationMs: 1.5))
        try store.log(.init(requestID: "r2", kind: "query.entity", body: "{}", outcome: "not_found", durationMs: 0.5))
        #expect(try store.queryCount() == 2)
        #expect(try store.recentQueries(limit: 1).map(\.requestID) == ["r2"])
    }
}

@Suite("Extract store: dictionary and cache")
struct ExtractStoreTests {
    let store: ExtractStore
    init() throws { store = try ExtractStore(path: nil) }

    let seed = [DictionaryEntry(id: "org:hts", type: .org, name: "Hay'at Tahrir al-Sham", aliases: ["HTS"])]

    @Test func seedLoadsOncePerVersion() throws {
        #expect(try store.seed(with: seed, version: "v1"))
        #expect(try !store.seed(with: seed, version: "v1"))
        #expect(try store.dictionary() == seed)
    }

    @Test func userAdditionsSurviveANewSeedVersion() throws {
        try store.seed(with: seed, version: "v1")
        try store.addUserEntry(DictionaryEntry(id: "person:abu-x", type: .person, name: "Abu Example", aliases: ["Abu X"]))
        try store.addUserEntry(DictionaryEntry(id: "org:hts", type: .org, name: "ignored", aliases: ["Hayat Tahrir"]))
        try store.seed(with: seed, version: "v2")
        let entries = try store.dictionary()
        #expect(entries.map(\.id) == ["org:hts", "person:abu-x"])
        #expect(entries[0].aliases == ["HTS", "Hayat Tahrir"])
    }

    @Test func shippedSeedDictionaryParsesAndLoads() throws {
        let entries = try SeedDictionary.prepare(store)
        #expect(entries.count > 100)
        #expect(entries.contains { $0.id.contains("julani") })
    }
}

@Suite("Opening one store file from many places at once")
struct ConcurrentOpeningTests {
    @Test func replicasOpeningAFreshStoreTogetherAllSucceed() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("extract-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let opened = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    let store = try ExtractStore(path: path)
                    return try SeedDictionary.prepare(store).count
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(opened.count == 6)
        #expect(Set(opened).count == 1)
    }
}

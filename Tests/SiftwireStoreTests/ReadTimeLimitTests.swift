import Foundation
import Testing
import SiftwireExtraction
import SiftwireProtocol
@testable import SiftwireIndex

/// The index's read time limit is enforced inside SQLite (a progress handler interrupts the
/// running statement): a read past it fails with `time_limit`, stating the limit; the next read
/// is unaffected; writes never run under it.
@Suite("Index store: reads capped in time")
struct ReadTimeLimitTests {
    static func filledStore() throws -> IndexStore {
        let store = try IndexStore(path: nil)
        let puts = (0..<400).map { n in
            IndexStoreTests.put("d\(n)", text: "Fighters from HTS clashed near Idlib on day \(n); residents of Idlib said HTS withdrew.",
                                date: "2023-08-03", entities: [])
        }
        _ = try store.write(puts)
        return store
    }

    @Test func aReadPastTheLimitIsInterruptedWithTimeLimit() throws {
        let store = try Self.filledStore()
        // A zero limit has passed by the handler's first look at the clock, so the verdict does not
        // depend on how fast this machine is: the statement takes far more than one check interval.
        store.readTimeLimit = .zero
        do {
            _ = try store.limitingTime { () throws(SiftwireError) in try store.search(SearchQuery(text: "Idlib OR HTS", limit: 100)) }
            Issue.record("the search should have been interrupted")
        } catch {
            #expect(error.code == .timeLimit)
            #expect(error.message.contains("0 ms"), "\(error.message)")
        }
        // Outside `limitingTime`, and under a generous limit, the same read completes.
        #expect(try store.search(SearchQuery(text: "Idlib OR HTS", limit: 100)).total == 400)
        store.readTimeLimit = .seconds(30)
        let capped = try store.limitingTime { () throws(SiftwireError) in try store.search(SearchQuery(text: "Idlib OR HTS", limit: 100)) }
        #expect(capped.total == 400 && capped.hits.count == IndexStore.searchLimitCap)
    }

    @Test func anInterruptedReadLeavesNoDeadlineForTheNextWrite() throws {
        let store = try Self.filledStore()
        store.readTimeLimit = .zero
        #expect(throws: SiftwireError.self) {
            try store.limitingTime { () throws(SiftwireError) in try store.search(SearchQuery(text: "Idlib OR HTS", limit: 100)) }
        }
        _ = try store.write([IndexStoreTests.put("late", text: "A late document about Idlib.", date: nil, entities: [])])
        #expect(try store.documentCount() == 401)
    }
}

import Foundation
import Testing
import SiftwireExtraction
import SiftwireProtocol
@testable import SiftwireIndex
@testable import SiftwireIngest

@Suite("Reprocessing: ingest requeues, the index replaces per engine version")
struct ReprocessStoreTests {
    let ingest: IngestStore
    let limits = IngestStore.Limits(maxDocumentBytes: 1000)

    init() throws {
        ingest = try IngestStore(path: nil)
    }

    /// Accepts, leases and confirms `texts` as extracted by `version`.
    func indexed(_ texts: [String], version: String?) throws -> [String] {
        let ids = try ingest.accept(texts.map { NewDocument(text: $0) }, limits: limits).compactMap(\.id)
        _ = try ingest.leaseNext(count: ids.count, to: "w", lease: 30)
        #expect(try ingest.markIndexed(ids.map { IndexCommitted.Item(id: $0, workerID: "w", engineVersion: version) }) == ids.count)
        return ids
    }

    @Test func selectionsRequeueIndexedDocumentsInOneStepAndProgressIsCounted() throws {
        let old = try indexed(["one", "two", "three"], version: "v1")
        let current = try indexed(["four"], version: "v2")
        let unrecorded = try indexed(["five"], version: nil)
        let versions = try ingest.engineVersions(running: ["v2"])
        #expect(versions.versions == ["v1": 3, "v2": 1, "": 1])
        #expect(versions.stale == 4)

        let reply = try ingest.reprocess(.notOn("v2"), runningVersions: ["v2"])
        #expect(reply.requeued == 4 && reply.pending == 0 && reply.dead == 0)
        #expect(try ingest.counts().queued == 4)
        let progress = try #require(try ingest.reprocessProgress(request: reply.request))
        #expect(progress.total == 4 && progress.done == 0 && progress.dead == 0)
        #expect(try ingest.reprocessProgress().first?.request == reply.request)

        // A late confirmation of the old extraction, resent by the index, does not end the reprocessing.
        #expect(try ingest.markIndexed([IndexCommitted.Item(id: old[0], workerID: "w", engineVersion: "v1")]) == 0)
        let leased = try ingest.leaseNext(count: 10, to: "w", lease: 30)
        #expect(Set(leased.map(\.id)) == Set(old + unrecorded))
        #expect(try ingest.markIndexed(leased.map { IndexCommitted.Item(id: $0.id, workerID: "w", engineVersion: "v2") }) == 4)
        #expect(try ingest.reprocessProgress(request: reply.request)?.done == 4)
        #expect(try ingest.engineVersions(running: ["v2"]).versions == ["v2": 5])
        #expect(try ingest.reprocess(.staleDocuments, runningVersions: ["v2"]).requeued == 0)
        #expect(try ingest.reprocess(.documents(current), runningVersions: []).requeued == 1)
        #expect(try ingest.reprocess(.everything, runningVersions: []).requeued == 4, "the one already queued is pending, not requeued twice")
    }

    @Test func newDocumentsAreLeasedBeforeReprocessedOnes() throws {
        let old = try indexed(["one", "two"], version: "v1")
        #expect(try ingest.reprocess(.everything, runningVersions: []).requeued == 2)
        let fresh = try ingest.accept([NewDocument(text: "three")], limits: limits).compactMap(\.id)
        #expect(try ingest.leaseNext(count: 1, to: "w", lease: 30).map(\.id) == fresh)
        #expect(try ingest.leaseNext(count: 5, to: "w", lease: 30).map(\.id) == old)
    }

    @Test func badSelectionsAreRefusedAndWriteNothing() throws {
        let ids = try indexed(["one"], version: "v1")
        func code(_ selection: ReprocessDocuments.Selection, running: Set<String> = []) -> ErrorCode? {
            do {
                _ = try ingest.reprocess(selection, runningVersions: running)
                return nil
            } catch let error as SiftwireError {
                return error.code
            } catch {
                return .internalError
            }
        }
        #expect(code(.init()) == .invalidArgument)
        #expect(code(.init(all: true, notVersion: "v1")) == .invalidArgument)
        #expect(code(.init(ids: [])) == .invalidArgument)
        #expect(code(.notOn("")) == .invalidArgument)
        #expect(code(.staleDocuments) == .unavailable, "stale needs a running version")
        #expect(code(.documents(ids + ["dmissing"])) == .notFound)
        #expect(try ingest.counts().indexed == 1, "a refused request requeues nothing")
    }

    @Test func theIndexReplacesAnExtractionFromAnotherEngineVersionAndKeepsTotalsEqualToARecount() throws {
        let aggregates = try IndexAggregatesTests()
        let store = aggregates.store
        typealias T = IndexStoreTests
        func put(_ id: String, _ entities: [ExtractedEntity], version: String?) -> IndexPut {
            var put = T.put(id, text: "text of \(id)", date: "2024-01-0\(id.suffix(1))", entities: entities)
            put.engineVersion = version
            return put
        }
        let first = try store.write([put("d1", [IndexAggregatesTests.julani, IndexAggregatesTests.hts], version: "v1"),
                                     put("d2", [IndexAggregatesTests.hts, IndexAggregatesTests.idlib], version: "v1")])
        #expect(first.map(\.alreadyStored) == [false, false] && first.map(\.engineVersion) == ["v1", "v1"])
        try aggregates.expectConsistent("the first extraction")
        // Redelivered: same version, or a put without one (an older extractor), stores nothing.
        let again = try store.write([put("d1", [IndexAggregatesTests.julani], version: "v1"), put("d2", [], version: nil)])
        #expect(again.map(\.alreadyStored) == [true, true] && again.map(\.engineVersion) == ["v1", "v1"])
        // Reprocessed: another version replaces entities, mentions and totals, in the same place in document order.
        func seq() throws -> Int? { try store.db.read { try Int.fetchOne($0, sql: "SELECT seq FROM document WHERE id = 'd1'") } }
        let seqBefore = try seq()
        let replaced = try store.write([put("d1", [IndexAggregatesTests.ahrar], version: "v2")])
        #expect(replaced.first?.alreadyStored == false && replaced.first?.replaced == true)
        try aggregates.expectConsistent("a reprocessed document")
        #expect(try store.engineVersion(of: "d1") == "v2")
        #expect(try seq() == seqBefore)
        #expect(try store.stats().engineVersions == ["v1": 1, "v2": 1])
        #expect(try store.documentCount() == 2)
        let mentions = try store.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM mention WHERE docId = 'd1'") }
        #expect(mentions == IndexAggregatesTests.ahrar.mentions.count)
        // The confirmation carries the version the index holds.
        #expect(try store.pendingConfirmations(limit: 10).first { $0.id == "d1" }?.engineVersion == "v2")
        // The same reprocessed put again is a redelivery.
        #expect(try store.write([put("d1", [IndexAggregatesTests.ahrar], version: "v2")]).first?.alreadyStored == true)
        try aggregates.expectConsistent("a redelivered reprocessed document")
    }

    @Test func theEngineVersionNamesRulesDictionaryAndTagger() throws {
        let entries = [DictionaryEntry(id: "org:hts", type: .org, name: "Hay'at Tahrir al-Sham", aliases: ["HTS"]),
                       DictionaryEntry(id: "loc:idlib", type: .location, name: "Idlib", aliases: ["Idleb"])]
        let a = ExtractionEngine(dictionary: entries).version
        #expect(a.hasPrefix("rules-r\(ExtractionEngine.rulesRevision)+dict:") && !a.contains("+ner:"))
        #expect(ExtractionEngine(dictionary: entries).version == a, "the same entries give the same version")
        #expect(ExtractionEngine(dictionary: entries.reversed()).version != a, "order can break ties, so it counts")
        var edited = entries
        edited[0].aliases.append("Tahrir al-Sham")
        #expect(ExtractionEngine(dictionary: edited).version != a, "a dictionary edit is a new version")
    }
}

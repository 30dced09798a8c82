import Foundation
import GRDB
import Testing
import SiftwireClient
import SiftwireExtract
import SiftwireExtraction
import SiftwireProtocol
import SiftwireRuntime

/// Reprocessing on real processes: documents indexed by the rules-only engine are sent back through
/// extractors running the shipped engine; the index replaces each extraction once, whatever is killed.
@Suite("Reprocessing stored documents", .serialized)
struct ReprocessTests {
    static let rulesOnly = ["siftwire-extract": ["--engine", "rules"]]

    /// What the shipped engine makes of the documents with the stack's dictionary (as the
    /// extractors' store lists it): the version, and mentions and claims in total.
    static func expected(_ documents: [NewDocument], _ stack: TestStack) throws -> (version: String, mentions: Int, claims: Int) {
        let engine = try EngineFactory.standard(dictionary: SeedDictionary.local(StoreLayout(dataDirectory: stack.directory)))
        var mentions = 0, claims = 0
        for document in documents {
            let extraction = engine.extract(SourceDocument(text: document.text, title: document.title, date: document.date))
            mentions += extraction.entities.reduce(0) { $0 + $1.mentions.count }
            claims += extraction.claims.count
        }
        return (engine.version, mentions, claims)
    }

    /// A stack whose extractors run the rules alone, holding `count` indexed documents.
    static func rulesStack(_ count: Int, seed: UInt64) throws -> (TestStack, [String], [NewDocument]) {
        let stack = try TestStack(extractors: 2, leaseSeconds: 5, extraArguments: rulesOnly)
        let documents = try TestStack.articles(count, seed: seed)
        let ids = try stack.submitSurvivingOutages(documents)
        let states = try stack.waitUntilSettled(ids, timeout: .seconds(120))
        #expect(states.values.allSatisfy { $0.state == .indexed })
        return (stack, ids, documents)
    }

    /// Replaces both extractors with ones running the shipped engine and waits until ingest sees them.
    static func switchToStandardEngine(_ stack: TestStack) throws -> String {
        for number in 1...2 {
            _ = stack.launcher.terminate("extract-\(number)")
            try stack.launcher.startExtractor(number, extraArguments: [])
        }
        let client = try stack.impatientClient()
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            if let extractors = try? client.status().extractors, extractors.count == 2,
               let versions = Optional(Set(extractors.compactMap(\.engineVersion))), versions.count == 1,
               let version = versions.first, version.contains("+ner:") {
                return version
            }
            guard ContinuousClock.now < deadline else { throw SiftwireError(.unavailable, "the new extractors did not register") }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// Reads the index file (WAL: the running index keeps writing elsewhere) and checks that stored
    /// totals equal a recount and no mention or claim is stored twice.
    static func checkIndex(_ stack: TestStack, documents: Int, mentions: Int, claims: Int, version: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: stack.directory.appendingPathComponent("index/index.sqlite").path, configuration: configuration)
        try queue.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") == documents)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE engineVersion = ?", arguments: [version]) == documents)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention") == mentions)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM claim") == claims)
            #expect(try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(mentions), 0) FROM document_entity") == mentions)
            let duplicates = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT 1 FROM mention GROUP BY docId, entityId, start, "end" HAVING COUNT(*) > 1)
                """)
            #expect(duplicates == 0)
            let stored = try String.fetchAll(db, sql: """
                SELECT entityId || ' ' || documents || ' ' || mentions || ' ' || claims FROM entity_stats WHERE documents > 0 ORDER BY entityId
                """)
            let recount = try String.fetchAll(db, sql: """
                SELECT de.entityId || ' ' || COUNT(*) || ' ' || SUM(de.mentions) || ' '
                    || (SELECT COUNT(*) FROM claim c WHERE de.entityId IN (c.speakerId, c.actorId, c.targetId))
                FROM document_entity de GROUP BY de.entityId ORDER BY de.entityId
                """)
            #expect(stored == recount)
            let pairs = try String.fetchAll(db, sql: "SELECT entityId || ' ' || otherId || ' ' || documents FROM comention WHERE documents > 0 ORDER BY entityId, otherId")
            let pairRecount = try String.fetchAll(db, sql: """
                SELECT a.entityId || ' ' || b.entityId || ' ' || COUNT(*)
                FROM document_entity a JOIN document_entity b ON b.docId = a.docId AND b.entityId != a.entityId
                GROUP BY a.entityId, b.entityId ORDER BY a.entityId, b.entityId
                """)
            #expect(pairs == pairRecount)
        }
    }

    @Test func reprocessingEverythingMovesEveryDocumentToTheNewEngineAndQueriesKeepBeingAnswered() throws {
        let (stack, ids, documents) = try Self.rulesStack(150, seed: 21)
        defer { _ = stack.stop() }
        let before = try stack.client.ask(StatsQuery())
        let oldVersions = try #require(before.engineVersions)
        #expect(oldVersions.count == 1 && oldVersions.values.first == 150 && oldVersions.keys.first?.contains("+ner:") == false)

        let version = try Self.switchToStandardEngine(stack)
        let status = try stack.cli(["status"])
        #expect(status.output.contains("150 document(s) on an older engine version"), "\(status.output)")

        // Queries from another thread while the CLI reprocesses.
        let answered = Counter(), failed = Counter()
        let endpoints = (stack.launcher.options.endpoints.ingest, stack.launcher.options.endpoints.query)
        let querying = Thread {
            // answered, not fast: how fast is measured in the benchmarks (a loaded machine may take seconds)
            guard let client = try? SiftwireClient(ingest: endpoints.0, query: endpoints.1, timeout: .seconds(15)) else { return }
            while !Thread.current.isCancelled {
                if (try? client.ask(SearchQuery(text: "Idlib"))) != nil, (try? client.ask(StatsQuery())) != nil {
                    answered.add()
                } else {
                    failed.add()
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        querying.start()
        let started = ContinuousClock.now
        let run = try stack.cli(["reprocess", "--stale"])
        let took = ContinuousClock.now - started
        querying.cancel()
        Thread.sleep(forTimeInterval: 0.1)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("requeued 150 document(s)") && run.output.contains("reprocessed 150 document(s)"), "\(run.output)")
        #expect(answered.value > 5 && failed.value == 0, "queries answered \(answered.value), failed \(failed.value) in \(took)")

        let after = try stack.client.ask(StatsQuery())
        #expect(after.engineVersions == [version: 150])
        #expect(after.documents == 150)
        let expected = try Self.expected(documents, stack)
        #expect(expected.version == version)
        try Self.checkIndex(stack, documents: 150, mentions: expected.mentions, claims: expected.claims, version: version)
        let states = try stack.client.track(ids).documents
        #expect(states.allSatisfy { $0.state == .indexed })
        // Nothing left to do: the same selection now requeues nothing.
        #expect(try stack.client.reprocess(.staleDocuments).requeued == 0)
        let again = try stack.cli(["status"])
        #expect(again.output.contains("0 document(s) on an older engine version"), "\(again.output)")
    }

    @Test func killingIngestAndTheIndexMidReprocessLosesAndDuplicatesNothing() throws {
        let (stack, ids, documents) = try Self.rulesStack(300, seed: 22)
        defer { _ = stack.stop() }
        let version = try Self.switchToStandardEngine(stack)
        let started = ContinuousClock.now
        let reply = try stack.client.reprocess(.notOn(version))
        #expect(reply.requeued == 300)
        let client = try stack.impatientClient()
        func progress() -> ReprocessProgress? { (try? client.status())?.reprocessing?.first { $0.request == reply.request } }
        func waitFor(done: Int) throws {
            let deadline = ContinuousClock.now + .seconds(120)
            while (progress()?.done ?? 0) < done {
                guard ContinuousClock.now < deadline else { throw SiftwireError(.unavailable, "reprocessing stalled: \(String(describing: progress()))") }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        try waitFor(done: 30)
        stack.launcher.kill("ingest")
        Thread.sleep(forTimeInterval: 1)
        try stack.launcher.restart("ingest")
        try waitFor(done: 120)
        #expect((progress()?.done ?? 300) < 300, "the index kill must land mid-run")
        stack.launcher.kill("index")
        Thread.sleep(forTimeInterval: 1)
        try stack.launcher.restart("index")
        try waitFor(done: 300)
        let took = ContinuousClock.now - started
        print("reprocessed 300 documents through two kills in \(took)")

        let states = try stack.waitUntilSettled(ids, timeout: .seconds(60))
        #expect(states.values.allSatisfy { $0.state == .indexed })
        #expect(try stack.indexedDocumentCount() == 300)
        let stats = try client.ask(StatsQuery())
        #expect(stats.engineVersions == [version: 300])
        let expected = try Self.expected(documents, stack)
        try Self.checkIndex(stack, documents: 300, mentions: expected.mentions, claims: expected.claims, version: version)
    }

    @Test func badSelectionsGetStructuredErrors() throws {
        let stack = try TestStack(extractors: 1)
        defer { _ = stack.stop() }
        let ids = try stack.submitSurvivingOutages(TestStack.articles(3, seed: 23))
        try stack.waitUntilSettled(ids, timeout: .seconds(60))
        #expect(throws: SiftwireError.self) { try stack.client.reprocess(.init()) }
        do {
            _ = try stack.client.reprocess(.init(all: true, stale: true))
            Issue.record("two selectors accepted")
        } catch {
            #expect(error.code == .invalidArgument)
        }
        do {
            _ = try stack.client.reprocess(.documents([ids[0], "dnope"]))
            Issue.record("an unknown id accepted")
        } catch {
            #expect(error.code == .notFound && error.message.contains("dnope"))
        }
        // Nothing was requeued by the refused request.
        #expect(try stack.client.status().indexed == 3)
        let one = try stack.client.reprocess(.documents([ids[0]]))
        #expect(one.requeued == 1)
        try stack.waitUntilSettled([ids[0]], timeout: .seconds(30))
        let cli = try stack.cli(["reprocess", "--all", "--stale"])
        #expect(cli.status != 0)
    }
}

/// A counter shared with a querying thread.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

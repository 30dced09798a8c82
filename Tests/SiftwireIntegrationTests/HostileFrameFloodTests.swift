import Foundation
import SiftwireClient
import SiftwireStack
import Testing
import SiftwireCLI
import SiftwireFuzzing
import SiftwireMessaging
import SiftwireProtocol
import SiftwireResources

/// Tens of thousands of random and mutated messages at every bound socket of a real stack (and at
/// a query service's SUB socket), then: every service still answers `health` and real queries,
/// its drop and error counters show what it refused, it exits 0 on SIGTERM, and every store
/// passes `PRAGMA integrity_check` and `PRAGMA foreign_key_check`.
@Suite("Hostile frames: a flood of random and mutated messages at every socket", .serialized)
struct HostileFrameFloodTests {
    @Test func everyServiceSurvivesAFloodAndItsStoresStayIntact() throws {
        let stack = try TestStack(extractors: 1)
        var extraQuery: Process?
        defer {
            if let extraQuery, extraQuery.isRunning { extraQuery.terminate(); extraQuery.waitUntilExit() }
            _ = stack.launcher.stop()
            try? FileManager.default.removeItem(at: stack.directory)
        }
        let endpoints = stack.launcher.options.endpoints

        // Real documents first, indexed before the flood.
        let corpus = try SiftwireResources.demoCorpus().prefix(6)
        let ingestor = Ingestor(client: stack.client, showProgress: false)
        var summary = try ingestor.submit(corpus.map { (name: $0.name, document: NewDocument(text: $0.text, source: "demo/\($0.name)")) })
        try ingestor.wait(for: summary.accepted, summary: &summary, timeout: .seconds(120))
        #expect(summary.indexed == corpus.count)
        let probe = SearchQuery(text: "HTS OR Idlib OR Syria", limit: 100, expand: false)
        let before = try stack.client.ask(probe)
        #expect(before.total > 0)

        let count = FrameFlood.framesPerEndpoint
        let targets: [(String, [Envelope])] = [
            (endpoints.ingest, ProtocolSamples.ingestClient + [ProtocolSamples.queries[1]]),
            (endpoints.work, ProtocolSamples.ingestWork + [ProtocolSamples.ingestClient[1]]),
            (endpoints.index, ProtocolSamples.queries + ProtocolSamples.indexOnly),
            (endpoints.query, ProtocolSamples.queries + ProtocolSamples.queryOnly + ProtocolSamples.events),
        ]
        var total = 0
        for (number, (endpoint, seeds)) in targets.enumerated() {
            let result = try FrameFlood.run(at: endpoint, seeds: seeds, frames: count, seed: 0xF100D + UInt64(number))
            print("flood \(result)")
            total += result.sent
            #expect(result.sent == count, "\(result)")
            #expect(result.errorReplies > count / 10, "most hostile messages get an error reply: \(result)")
            let health = try stack.client.health(of: endpoint, timeout: .seconds(30))
            #expect(health.status == "ok")
            let prefix = endpoint == endpoints.work ? "work." : ""
            print("flood counters \(endpoint): malformed \(health.details["\(prefix)malformed"] ?? "?"), errors \(health.details["\(prefix)errors"] ?? "?"), dropped \(health.details["\(prefix)dropped"] ?? "?")")
            #expect(Int(health.details["\(prefix)malformed"] ?? "") ?? 0 > 0, "\(endpoint) counts malformed messages: \(health.details)")
            #expect(Int(health.details["\(prefix)errors"] ?? "") ?? 0 > 0, "\(health.details)")
            #expect(health.details["maxMessageBytes"] == "\(64 << 20)")
        }

        // The query service's SUB socket: a second query service subscribed to a publisher we own.
        let spare = try Endpoints.freeLoopback()
        let context = ZMQContext()
        let publisher = try ZMQSocket(context, .pub, options: .publishSubscribe)
        try publisher.bind(spare.indexPublish)
        let process = Process()
        process.executableURL = TestStack.binDirectory.appendingPathComponent("siftwire-query")
        process.arguments = ["--bind", spare.query, "--index", endpoints.index, "--index-publish", spare.indexPublish,
                             "--publish-bind", spare.queryPublish, "--data", stack.directory.appendingPathComponent("spare").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        extraQuery = process
        let spareClient = try SiftwireClient(ingest: endpoints.ingest, query: spare.query, timeout: .seconds(10))
        _ = try spareClient.queryHealth(timeout: .seconds(30))
        // A watch makes every valid announcement reach the index; the hostile ones must be dropped.
        _ = try spareClient.ask(WatchAdd(name: "flood", search: "Idlib"))
        var fuzzer = FrameFuzzer(seed: 0x5B, seeds: ProtocolSamples.events)
        var published = 0
        while published < count {
            do {
                try publisher.send(fuzzer.next(), dontWait: true)
                published += 1
            } catch {
                Thread.sleep(forTimeInterval: 0.005)
            }
        }
        total += published
        Thread.sleep(forTimeInterval: 1)
        let spareHealth = try spareClient.queryHealth(timeout: .seconds(60))
        let droppedAnnouncements = Int(spareHealth.details["announcements.dropped"] ?? "") ?? 0
        print("flood \(spare.indexPublish) (SUB): \(published) published, \(droppedAnnouncements) dropped as malformed")
        #expect(droppedAnnouncements > 0, "\(spareHealth.details)")
        let after = try stack.client.ask(probe)
        #expect(try spareClient.ask(probe).total == after.total, "the flooded query service still answers real searches")
        #expect(process.isRunning)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        // Still answering real questions with the real documents.
        #expect(after.total >= before.total)
        for hit in before.hits {
            let found = try stack.client.ask(SearchQuery(text: probe.text, limit: 10, source: hit.source, expand: false))
            #expect(found.hits.map(\.id) == [hit.id], "\(hit.source ?? hit.id) is still found")
        }
        let tracked = try stack.client.track(summary.accepted).documents
        #expect(tracked.allSatisfy { $0.state == .indexed })
        let document = try stack.client.ask(DocumentQuery(id: summary.accepted[0]))
        #expect(document.document.text == corpus.first?.text)
        print("flood total: \(total) hostile messages")

        // Clean exits, then every store is sound.
        let statuses = stack.launcher.stop()
        #expect(statuses.values.allSatisfy { $0 == 0 }, "exit statuses \(statuses)")
        let stores = StoreIntegrity.stores(in: stack.directory) + StoreIntegrity.stores(in: stack.directory.appendingPathComponent("spare"))
        #expect(stores.count >= 5)
        for store in stores {
            #expect(try StoreIntegrity.check(store) == ["ok"], "\(store)")
        }
    }
}

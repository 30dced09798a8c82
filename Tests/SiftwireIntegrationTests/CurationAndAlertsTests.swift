import Foundation
import Testing
import SiftwireCLI
import SiftwireMessaging
import SiftwireProtocol

/// Curation and alerts against a real stack holding the demo corpus.
@Suite("Curation and alerts end to end", .serialized)
struct CurationAndAlertsTests {
    /// Receives alerts from `socket` until `count` have arrived or `timeout` passes.
    static func alerts(from socket: ZMQSocket, count: Int, timeout: Duration) throws -> [Alert] {
        var received: [Alert] = []
        let deadline = ContinuousClock.now + timeout
        while received.count < count, ContinuousClock.now < deadline {
            guard let frames = try socket.receive(timeout: .milliseconds(200)) else { continue }
            let envelope = try Envelope.decode(frames)
            #expect(envelope.kind == .queryAlert)
            received.append(try envelope.decodeBody(Alert.self))
        }
        return received
    }

    @Test func mergeShowsInTheProfileAndWatchesAlertOnNewDocuments() throws {
        let (stack, _) = try QueryKindsTests.stackWithDemoCorpus()
        defer { _ = stack.stop() }
        let client = stack.client
        let endpoints = stack.launcher.options.endpoints

        // Curation: Nusra is (for this analyst) the same organisation as HTS.
        let hts = try client.ask(EntityQuery(name: "org:hts", documentLimit: 100))
        let nusra = try client.ask(EntityQuery(name: "org:nusra", documentLimit: 100))
        let union = Set(hts.documents.map(\.id)).union(nusra.documents.map(\.id))
        let merged = try client.ask(MergeEntities(into: "HTS", from: "Nusra Front", by: "tester", note: "e2e"))
        #expect(merged.changed && merged.judgement.entity == "org:nusra" && merged.judgement.other == "org:hts")
        let profile = try client.ask(EntityQuery(name: "org:hts", documentLimit: 100))
        #expect(profile.documentCount == union.count)
        #expect(profile.mentionCount == hts.mentionCount + nusra.mentionCount)
        #expect(profile.judgements?.contains { $0.kind == "merge" && $0.other == "org:nusra" && $0.by == "tester" } == true)
        #expect(try client.ask(EntityQuery(name: "org:nusra")).id == "org:hts")
        #expect(try client.ask(MergeEntities(into: "org:hts", from: "org:nusra")).changed == false)
        // A distinct pair cannot be merged, over the wire too.
        _ = try client.ask(DistinctEntities(a: "org:hts", b: "loc:idlib", by: "tester"))
        #expect(QueryKindsTests.code { () throws(SiftwireError) in try client.ask(MergeEntities(into: "org:hts", from: "loc:idlib")) } == .invalidArgument)

        // Watches: an entity watch on the merged-away id, a search watch on a word no document has yet.
        let entityWatch = try client.ask(WatchAdd(name: "nusra", entity: "org:nusra"))
        #expect(entityWatch.watch.entity == "org:hts")
        _ = try client.ask(WatchAdd(name: "quokka", search: "quokka"))
        #expect(try client.ask(WatchListRequest()).watches.map(\.name) == ["nusra", "quokka"])
        #expect(QueryKindsTests.code { () throws(SiftwireError) in try client.ask(WatchAdd(name: "bad", search: "\"unclosed")) } == .invalidQuery)
        #expect(QueryKindsTests.code { () throws(SiftwireError) in try client.ask(WatchAdd(name: "both", entity: "HTS", search: "x")) } == .invalidArgument)

        // Subscribe before ingesting, and give the subscription time to reach the publisher.
        let context = ZMQContext()
        let subscriber = try ZMQSocket(context, .sub)
        defer { subscriber.close() }
        try subscriber.connect(endpoints.queryPublish)
        Thread.sleep(forTimeInterval: 0.5)

        let fresh = [
            NewDocument(text: "Jabhat al-Nusra fighters were reported near Saraqib on 3 March 2025, local sources said.", source: "e2e/1"),
            NewDocument(text: "A quokka was photographed in a Beirut zoo; no armed group was mentioned at all.", source: "e2e/2"),
        ]
        let accepted = try client.submit(fresh)
        let ids = accepted.results.compactMap(\.id)
        try #require(ids.count == 2)
        let received = try Self.alerts(from: subscriber, count: 2, timeout: .seconds(60))
        #expect(received.count == 2, "alerts: \(received); query log: \(stack.log("query"))")
        let byWatch = Dictionary(received.map { ($0.watch, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byWatch["nusra"]?.document.id == ids[0] && byWatch["nusra"]?.matched == "org:hts")
        #expect(byWatch["quokka"]?.document.id == ids[1] && byWatch["quokka"]?.matched == "quokka")
        // The later document naming Nusra was stored under HTS.
        let view = try client.ask(DocumentQuery(id: ids[0]))
        #expect(view.mentions.contains { $0.entityID == "org:hts" } && !view.mentions.contains { $0.entityID == "org:nusra" })

        // The CLI: curate and watch list, readable and JSON.
        let split = try stack.cli(["curate", "split", "HTS", "Jabhat al-Nusra", "--json"])
        #expect(split.status == 0 && split.output.contains("\"newEntity\""), "\(split.output)")
        let list = try stack.cli(["watch", "list"])
        #expect(list.status == 0 && list.output.contains("quokka"))
        #expect(try stack.cli(["watch", "remove", "quokka"]).status == 0)
        #expect(try client.ask(WatchListRequest()).watches.map(\.name) == ["nusra"])
    }
}

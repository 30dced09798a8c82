import Foundation
import SiftwireClient
import SiftwireStack
import Testing
import SiftwireCLI
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

@Suite("CURVE on a real stack: refusals, service, and what the wire shows", .serialized)
struct CurveStackTests {
    /// Written for these tests; its phrases occur nowhere else.
    static let document = """
        Ferry crossing closed at Qantarat al-Zaytun

        At first light on 4 May 2025 the ferry crossing at Qantarat al-Zaytun was closed by river guards, \
        who turned back three grain barges bound for the eastern bank. Boatmen said the closure followed \
        an argument over tolls between two local councils.
        """
    static let phrases = ["Qantarat al-Zaytun", "three grain barges", "argument over tolls"]

    /// A stack whose client, extractor→index and query hops each pass through a recording relay.
    struct RelayedStack {
        let stack: TestStack
        let ingestRelay: TCPRelay
        let indexRelay: TCPRelay
        let queryRelay: TCPRelay
        let client: SiftwireClient

        init(curve: Bool) throws {
            let endpoints = try Endpoints.freeLoopback()
            ingestRelay = try TCPRelay(to: endpoints.ingest)
            indexRelay = try TCPRelay(to: endpoints.index)
            queryRelay = try TCPRelay(to: endpoints.query)
            // The extractor reaches the index through the relay (a later --index wins).
            stack = try TestStack(extractors: 1, extraArguments: ["siftwire-extract": ["--index", indexRelay.endpoint]],
                                  curve: curve, endpoints: endpoints)
            client = try SiftwireClient(ingest: ingestRelay.endpoint, query: queryRelay.endpoint, timeout: .seconds(30),
                                        curve: stack.curve?.clientSettings)
        }

        var relays: [(name: String, relay: TCPRelay)] { [("client→ingest", ingestRelay), ("extract→index", indexRelay), ("client→query", queryRelay)] }

        /// Submits the document through the relays, waits until it is indexed, and reads it back.
        func ingestAndReadBack() throws -> (id: String, search: SearchResults, view: DocumentView) {
            let accepted = try client.submit([NewDocument(text: CurveStackTests.document, source: "curve-test")])
            let id = try #require(accepted.results.first?.id)
            let deadline = ContinuousClock.now + .seconds(60)
            while try client.track([id]).documents.first?.state != .indexed {
                try #require(ContinuousClock.now < deadline, "not indexed in time; extract log: \(stack.log("extract-1"))")
                Thread.sleep(forTimeInterval: 0.1)
            }
            let search = try client.ask(SearchQuery(text: "ferry", limit: 10))
            let view = try client.ask(DocumentQuery(id: id))
            return (id, search, view)
        }
    }

    /// Waits up to `timeout` for `text` to appear in a service's log.
    static func waitForLog(_ stack: TestStack, _ name: String, containing text: String, timeout: Duration = .seconds(10)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if stack.fullLog(name).contains(text) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    @Test func withCurveAKnownClientIsServedAStrangerIsRefusedAndTheWireShowsNoDocumentText() throws {
        let relayed = try RelayedStack(curve: true)
        defer { _ = relayed.stack.stop() }
        let stack = relayed.stack
        let curve = try #require(stack.curve)
        let endpoints = stack.launcher.options.endpoints

        // A stranger with a well-formed key that is not in the allow-list gets no reply at all,
        // and each server's ZAP handler logs the refusal with the stranger's key.
        let stranger = try CurveKeyPair.generate()
        let strangerClient = try SiftwireClient(ingest: endpoints.ingest, query: endpoints.query, timeout: .seconds(2),
                                                curve: CurveSettings(keyPair: stranger, serverKey: curve.server.publicKey))
        for (name, endpoint) in [("ingest", endpoints.ingest), ("index", endpoints.index), ("query", endpoints.query)] {
            let error = try #require(throws: SiftwireError.self) { try strangerClient.health(of: endpoint, timeout: .seconds(2)) }
            #expect(error.code == .unavailable)
            #expect(Self.waitForLog(stack, name, containing: stranger.publicKey.z85), "\(name) did not log the refusal: \(stack.log(name))")
        }
        #expect(stack.fullLog("ingest").contains("curve client refused"))
        // A plain-text client is not answered either.
        let plain = try SiftwireClient(ingest: endpoints.ingest, query: endpoints.query, timeout: .seconds(2))
        #expect(throws: SiftwireError.self) { try plain.ingestHealth(timeout: .seconds(2)) }

        // The real CLI: stranger keys from flags fail; the stack's client keys from environment variables work.
        let keys = stack.directory.appendingPathComponent("stranger-keys")
        let keygen = try TestStack.siftwire(["keygen", "stranger", "--out", keys.path])
        #expect(keygen.status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: keys.appendingPathComponent("stranger.secret").path)[.posixPermissions] as? Int == 0o600)
        #expect(try TestStack.siftwire(["keygen", "stranger", "--out", keys.path]).status != 0, "keygen must not overwrite a key")
        let refusedCLI = try TestStack.siftwire(["health", endpoints.query, "--timeout", "2",
                                                 "--curve-secret-key-file", keys.appendingPathComponent("stranger.secret").path,
                                                 "--curve-server-key", curve.path("server.public")])
        #expect(refusedCLI.status != 0)
        let servedCLI = try TestStack.siftwire(["health", endpoints.query, "--timeout", "10"], environment: [
            "SIFTWIRE_CURVE_SECRET_KEY_FILE": curve.path("client.secret"), "SIFTWIRE_CURVE_SERVER_KEY": curve.server.publicKey.z85,
        ])
        #expect(servedCLI.status == 0, "\(servedCLI.output)")

        // Alerts flow over CURVE PUB/SUB too: index → query, and query → a subscriber with the client keys.
        _ = try relayed.client.ask(WatchAdd(name: "crossings", search: "ferry"))
        let context = ZMQContext()
        let subscriber = try ZMQSocket(context, .sub, options: SocketOptions().connecting(curve.clientSettings))
        defer { subscriber.close() }
        try subscriber.connect(endpoints.queryPublish)
        Thread.sleep(forTimeInterval: 0.5)

        // The known client is served through the relays: the document is stored, indexed and found.
        let (id, search, view) = try relayed.ingestAndReadBack()
        #expect(search.hits.map(\.id) == [id])
        #expect(view.document.text == Self.document)
        let alerts = try CurationAndAlertsTests.alerts(from: subscriber, count: 1, timeout: .seconds(30))
        #expect(alerts.first?.document.id == id, "query log: \(stack.log("query"))")

        // What crossed the relays: real traffic, and none of the document's text.
        for (name, relay) in relayed.relays {
            #expect(relay.connectionsRelayed >= 1, "\(name) carried no connection")
            #expect(relay.bytes.count > Self.document.utf8.count, "\(name) carried only \(relay.bytes.count) bytes")
            for phrase in Self.phrases { #expect(!relay.carried(phrase), "\(name) showed '\(phrase)' in clear text") }
            #expect(!relay.carried("query.search") && !relay.carried("siftwire/1"), "\(name) showed envelope frames")
        }
    }

    @Test func withoutCurveTheSameRelaysShowTheDocumentText() throws {
        let relayed = try RelayedStack(curve: false)
        defer { _ = relayed.stack.stop() }
        let (id, search, _) = try relayed.ingestAndReadBack()
        #expect(search.hits.map(\.id) == [id])
        // The control: the same capture without CURVE shows the text on every hop, so the test above can fail.
        for (name, relay) in relayed.relays {
            for phrase in Self.phrases { #expect(relay.carried(phrase), "\(name) should show '\(phrase)' without CURVE") }
        }
        // The running services' stores are owner-only.
        let data = relayed.stack.directory
        for service in ["ingest", "index", "query", "extract"] {
            let folder = data.appendingPathComponent(service)
            #expect(try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int == 0o700, "\(folder.path)")
            let file = folder.appendingPathComponent("\(service).sqlite").path
            #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600, "\(file)")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: relayed.stack.launcher.logDirectory.path)[.posixPermissions] as? Int == 0o700)
    }

    @Test func serviceOnlyEndpointsCanTakeTheirOwnAllowList() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-curve-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let keys = directory.appendingPathComponent("keys")
        let server = try CurveKeyPair.generate(), analyst = try CurveKeyPair.generate(), extractor = try CurveKeyPair.generate()
        try CurveKeyFiles.write(server, name: "server", directory: keys)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("clients"), withIntermediateDirectories: true)
        try "\(analyst.publicKey.z85) analyst\n".write(to: directory.appendingPathComponent("clients/analyst.public"), atomically: true, encoding: .utf8)
        try "\(extractor.publicKey.z85) extract\n".write(to: directory.appendingPathComponent("services.list"), atomically: true, encoding: .utf8)
        let endpoints = try Endpoints.freeLoopback()
        let process = Process()
        process.executableURL = TestStack.binDirectory.appendingPathComponent("siftwire-ingest")
        process.arguments = ["--bind", endpoints.ingest, "--work-bind", endpoints.work, "--data", directory.path,
                             "--curve-secret-key-file", keys.appendingPathComponent("server.secret").path,
                             "--curve-allow", directory.appendingPathComponent("clients").path,
                             "--curve-allow-services", directory.appendingPathComponent("services.list").path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }

        func client(_ pair: CurveKeyPair) throws -> SiftwireClient {
            try SiftwireClient(ingest: endpoints.ingest, query: endpoints.query, timeout: .seconds(2),
                               curve: CurveSettings(keyPair: pair, serverKey: server.publicKey))
        }
        let analystClient = try client(analyst), extractorClient = try client(extractor)
        // The analyst reaches the client endpoint (once ingest is up)…
        try #require(TestStack.waitForHealth(analystClient, of: endpoints.ingest, process: process, timeout: .seconds(30)), "ingest did not come up")
        // …but not the work endpoint, where it could pose as an extractor; the extractor's key is the other way round.
        #expect(throws: SiftwireError.self) { try analystClient.health(of: endpoints.work, timeout: .seconds(2)) }
        #expect(try extractorClient.health(of: endpoints.work, timeout: .seconds(10)).status == "ok")
        #expect(throws: SiftwireError.self) { try extractorClient.health(of: endpoints.ingest, timeout: .seconds(2)) }
    }

    @Test func aServiceWithCurveHalfConfiguredRefusesToStart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-curve-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let pair = try CurveKeyPair.generate()
        try CurveKeyFiles.write(pair, name: "ingest", directory: directory)
        let endpoints = try Endpoints.freeLoopback()
        let run = try ServiceProcess.run("siftwire-ingest", [
            "--bind", endpoints.ingest, "--work-bind", endpoints.work, "--data", directory.path,
            "--curve-secret-key-file", directory.appendingPathComponent("ingest.secret").path,
        ], timeout: .seconds(30))
        #expect(run.status != 0)
        #expect(run.stderr.contains("no allow-list"), "\(run.stderr)")
        let client = try ServiceProcess.run("siftwire", ["status", "--ingest", endpoints.ingest, "--curve-server-key", pair.publicKey.z85],
                                            timeout: .seconds(30))
        #expect(client.status != 0)
        #expect(client.stderr.contains("no secret key"), "\(client.stderr)")
    }
}

import Foundation
import SiftwireClient
import SiftwireProtocol
import SiftwireStack
import Testing

/// When nothing listens where a client looks, it says so at once (ZeroMQ's connect succeeds
/// without a peer, so the client waits for a completed connection, not for a reply).
@Suite("No service at the endpoint")
struct NoServiceTests {
    @Test func theClientSaysNoServiceIsThereInUnderASecond() throws {
        let nowhere = "tcp://127.0.0.1:\(try FreePort.find())"
        let client = try SiftwireClient(ingest: nowhere, query: nowhere, timeout: .seconds(30))
        let started = ContinuousClock.now
        let error = try #require(throws: SiftwireError.self) { try client.ask(StatsQuery()) }
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(error.code == .unavailable)
        #expect(error.message == "no Siftwire query service at \(nowhere); is `siftwire up` running?")

        let ingestError = try #require(throws: SiftwireError.self) { try client.status() }
        #expect(ingestError.message.hasPrefix("no Siftwire ingest service at \(nowhere)"))
    }

    @Test func statusAndQueryCommandsGiveUpWithinASecondEach() throws {
        let nowhere = "tcp://127.0.0.1:\(try FreePort.find())"
        var started = ContinuousClock.now
        let status = try TestStack.siftwire(["status", "--ingest", nowhere, "--query", nowhere])
        #expect(status.status != 0)
        #expect(status.output.contains("not answering"), "\(status.output)")
        // The process's own start-up counts too; the waiting itself is 0.5 s.
        #expect(ContinuousClock.now - started < .seconds(3))

        started = ContinuousClock.now
        let query = try TestStack.siftwire(["query", "stats", "--query", nowhere], captureErrors: true)
        #expect(query.status != 0)
        #expect(query.output.contains("no Siftwire query service at \(nowhere); is `siftwire up` running?"), "\(query.output)")
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test func theSameClientIsAnsweredAgainAfterTheQueryServiceRestarts() throws {
        let stack = try TestStack(extractors: 1)
        defer { _ = stack.stop() }
        let endpoints = stack.launcher.options.endpoints
        let client = try SiftwireClient(ingest: endpoints.ingest, query: endpoints.query, timeout: .seconds(10))
        #expect(try client.ask(StatsQuery()).documents >= 0)
        #expect(try client.status().extractors.count == 1)
        // The query service goes away and comes back: the same client is answered again.
        stack.launcher.kill("query")
        #expect(throws: SiftwireError.self) { try client.ask(StatsQuery()) }
        try stack.launcher.restart("query")
        let deadline = ContinuousClock.now + .seconds(20)
        var answered = false
        while !answered, ContinuousClock.now < deadline {
            answered = (try? client.ask(StatsQuery())) != nil
        }
        #expect(answered)
    }
}

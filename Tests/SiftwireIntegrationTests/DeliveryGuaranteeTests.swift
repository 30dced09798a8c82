import Foundation
import Testing
import SiftwireCLI
import SiftwireProtocol

/// Real processes, real sockets, SIGKILL: nothing accepted is lost or stored twice.
@Suite("Delivery guarantees under failure", .serialized)
struct DeliveryGuaranteeTests {
    /// Every id indexed, none dead, and the index holds exactly one row per document.
    func expectExactlyOnce(_ stack: TestStack, _ ids: [String], _ states: [String: TrackReply.Item]) throws {
        let unique = Set(ids)
        #expect(states.values.filter { $0.state == .indexed }.count == unique.count, "dead: \(states.values.filter { $0.state == .dead })")
        #expect(try stack.indexedDocumentCount() == unique.count)
    }

    /// Submits 400 documents, SIGKILLs `service` once work is under way (or, with `early`, right after
    /// ingest accepted everything), restarts it unless `restart` is false, and checks exactly-once.
    func survivesKill(of service: String, early: Bool = false, restart: Bool = true, seed: UInt64) throws -> TestStack {
        let stack = try TestStack(extractors: 2, leaseSeconds: 5)
        let ids = try stack.submitSurvivingOutages(TestStack.articles(400, seed: seed))
        if !early {
            try stack.waitUntilIndexed(atLeast: 40)
            #expect(try stack.impatientClient().status().indexed < 400, "the kill must land mid-run")
        }
        stack.launcher.kill(service)
        if restart {
            Thread.sleep(forTimeInterval: 1)
            try stack.launcher.restart(service)
        }
        let states = try stack.waitUntilSettled(ids, timeout: .seconds(120))
        try expectExactlyOnce(stack, ids, states)
        return stack
    }

    @Test func extractorKilledMidBatchLosesNothing() throws {
        let stack = try survivesKill(of: "extract-1", restart: false, seed: 1)
        defer { _ = stack.stop() }
        #expect(stack.fullLog("ingest").contains("extractor lost"))
    }

    @Test func indexKilledAndRestartedLosesNothing() throws {
        _ = try survivesKill(of: "index", seed: 2).stop()
    }

    @Test func ingestKilledAfterAcceptingAndRestartedLosesNothing() throws {
        _ = try survivesKill(of: "ingest", early: true, seed: 3).stop()
    }

    @Test func poisonDocumentIsDeadLetteredWithItsReasonAndOthersFlow() throws {
        let stack = try TestStack(extractors: 2, extraArguments: ["siftwire-extract": ["--fault-marker", "POISON-PILL", "--fault-mode", "fail"]])
        defer { _ = stack.stop() }
        var documents = try TestStack.articles(60, seed: 4)
        documents[30].text += "\nPOISON-PILL\n"
        let ids = try stack.submitSurvivingOutages(documents)
        let states = try stack.waitUntilSettled(ids, timeout: .seconds(90))
        let poison = try #require(states[ids[30]])
        #expect(poison.state == .dead)
        #expect(poison.failures == 3)
        #expect(poison.lastError?.contains("fault injected") == true)
        #expect(states.values.filter { $0.state == .indexed }.count == 59)
        let status = try stack.impatientClient().status()
        #expect(status.dead == 1 && status.deadLetters.map(\.id) == [ids[30]])
        #expect(try stack.impatientClient().retry([ids[30]]).requeued == 1)
        let again = try stack.waitUntilSettled([ids[30]], timeout: .seconds(60))
        #expect(again[ids[30]]?.state == .dead, "a poison document retried fails again")
    }

    @Test func documentThatCrashesExtractorsIsIsolatedAndOnlyItDies() throws {
        let stack = try TestStack(extractors: 2, extraArguments: [
            "siftwire-extract": ["--fault-marker", "CRASH-PILL", "--fault-mode", "crash"],
            "siftwire-ingest": ["--max-failures", "2"],
        ])
        defer { _ = stack.stop() }
        var documents = try TestStack.articles(80, seed: 5)
        documents[5].text += "\nCRASH-PILL\n"
        let ids = try stack.submitSurvivingOutages(documents)
        // A supervisor (as `siftwire up` or a container restart policy) restarts crashed extractors.
        let states = try stack.waitUntilSettled(ids, timeout: .seconds(120)) { stack.launcher.restartExited() }
        #expect(states[ids[5]]?.state == .dead)
        #expect(states.values.filter { $0.state == .dead }.count == 1, "innocent documents held by a crashing extractor must not die")
        #expect(states.values.filter { $0.state == .indexed }.count == 79)
        #expect((stack.launcher.restarts.values.reduce(0, +)) >= 2)
    }

    @Test func extractorStoppedWithSIGTERMReturnsItsWorkAtOnce() throws {
        // A 60 s lease: if the stopped extractor's documents had to wait for expiry, this would take a minute.
        let stack = try TestStack(extractors: 2, leaseSeconds: 60)
        defer { _ = stack.stop() }
        let ids = try stack.submitSurvivingOutages(TestStack.articles(400, seed: 8))
        try stack.waitUntilIndexed(atLeast: 40)
        // With the index down, the extractor's puts stay unanswered: it holds work it cannot finish.
        stack.launcher.kill("index")
        Thread.sleep(forTimeInterval: 1)
        let started = ContinuousClock.now
        #expect(stack.launcher.terminate("extract-1") == 0, "a SIGTERMed extractor exits cleanly")
        try stack.launcher.restart("index")
        let states = try stack.waitUntilSettled(ids, timeout: .seconds(50))
        try expectExactlyOnce(stack, ids, states)
        #expect(ContinuousClock.now - started < .seconds(50))
        #expect(stack.fullLog("extract-1").contains("extractor stopping"))
        #expect(stack.fullLog("ingest").contains("work returned"), "the stopped extractor handed documents back")
    }

    @Test func threeExtractorsAllTakeWork() throws {
        let stack = try TestStack(extractors: 3)
        defer { _ = stack.stop() }
        let ids = try stack.submitSurvivingOutages(TestStack.articles(300, seed: 6))
        let states = try stack.waitUntilSettled(ids, timeout: .seconds(120))
        try expectExactlyOnce(stack, ids, states)
        let extractors = try stack.impatientClient().status().extractors
        #expect(extractors.count == 3)
        #expect(extractors.allSatisfy { $0.completed > 0 }, "\(extractors.map { ($0.id, $0.completed) })")
        #expect(extractors.map(\.completed).reduce(0, +) >= 300)
    }
}

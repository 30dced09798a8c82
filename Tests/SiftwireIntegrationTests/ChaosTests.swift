import Foundation
import Testing
import SiftwireCLI
import SiftwireProtocol
import SiftwireExtraction

/// Ingest 2,000 documents while a random service is SIGKILLed and restarted every few seconds.
@Suite("Chaos", .serialized)
struct ChaosTests {
    @Test func randomKillsLoseAndDuplicateNothing() throws {
        let started = ContinuousClock.now
        let stack = try TestStack(extractors: 2, leaseSeconds: 5)
        defer { _ = stack.stop() }
        let services = ["ingest", "index", "query", "extract-1", "extract-2"]
        var random = SeededRandom(seed: UInt64(ProcessInfo.processInfo.environment["SIFTWIRE_CHAOS_SEED"] ?? "") ?? 20261121)
        var kills: [String] = []
        var lastKill = ContinuousClock.now
        var down: (name: String, since: ContinuousClock.Instant)?
        let chaosEnds = ContinuousClock.now + .seconds(45)

        /// One step of chaos: bring back what is down after a moment, kill something every ~2.5 s.
        func chaos() {
            let now = ContinuousClock.now
            if let victim = down, now - victim.since > .milliseconds(700) {
                try? stack.launcher.restart(victim.name)
                down = nil
            }
            guard down == nil, now < chaosEnds, now - lastKill > .milliseconds(Int.random(in: 2000...3000, using: &random)) else { return }
            let victim = services.randomElement(using: &random)!
            stack.launcher.kill(victim)
            kills.append(victim)
            down = (victim, now)
            lastKill = now
        }

        let documents = try TestStack.articles(2000, seed: 99)
        let ids = try stack.submitSurvivingOutages(documents, batch: 40) {
            chaos()
            Thread.sleep(forTimeInterval: 0.3)
        }
        let states = try stack.waitUntilSettled(ids, timeout: .seconds(180), tick: chaos)
        if let victim = down { try stack.launcher.restart(victim.name) }

        let unique = Set(ids)
        let indexed = states.values.filter { $0.state == .indexed }.count
        let stored = try stack.indexedDocumentCount()
        let elapsed = ContinuousClock.now - started
        print("chaos: documents \(unique.count), kills \(kills.count) \(kills), indexed \(indexed), stored \(stored), duplicates \(stored - indexed), lost \(unique.count - indexed), time \(elapsed)")
        #expect(unique.count == 2000)
        #expect(kills.count >= 5)
        #expect(indexed == unique.count)
        #expect(stored == unique.count)
    }
}

import SiftwireBench
import Foundation
import SiftwireClient
import SiftwireCLI
import SiftwireExtraction
import SiftwireProtocol

/// Helpers for the delivery tests: generated documents, and waiting through outages.
extension TestStack {
    /// `count` distinct generated articles (2–5 KB each).
    static func articles(_ count: Int, seed: UInt64 = 42) throws -> [NewDocument] {
        try BenchCorpus.articles(count, seed: seed).map { NewDocument(text: $0) }
    }

    /// A client with short timeouts, for polling a stack whose services come and go.
    func impatientClient() throws -> SiftwireClient {
        try SiftwireClient(ingest: launcher.options.endpoints.ingest, query: launcher.options.endpoints.query, timeout: .seconds(2))
    }

    /// Submits in batches, retrying a batch while ingest is unavailable; `tick` runs after every
    /// attempt (so whatever brings ingest back keeps running). Returns the ids, in order.
    func submitSurvivingOutages(_ documents: [NewDocument], batch: Int = 50, tick: () -> Void = {}) throws -> [String] {
        let client = try impatientClient()
        var ids: [String] = []
        for start in stride(from: 0, to: documents.count, by: batch) {
            let slice = Array(documents[start..<min(start + batch, documents.count)])
            let deadline = ContinuousClock.now + .seconds(60)
            while true {
                let reply = try? client.submit(slice)
                tick()
                if let reply {
                    ids += reply.results.compactMap(\.id)
                    break
                }
                guard ContinuousClock.now < deadline else { throw SiftwireError(.unavailable, "ingest stayed down for 60 s") }
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
        return ids
    }

    /// Polls until every id is indexed or dead (tolerating outages), calling `tick` between polls.
    /// Returns the final states.
    @discardableResult
    func waitUntilSettled(_ ids: [String], timeout: Duration, tick: () -> Void = {}) throws -> [String: TrackReply.Item] {
        let client = try impatientClient()
        let deadline = ContinuousClock.now + timeout
        var states: [String: TrackReply.Item] = [:]
        while true {
            tick()
            if let reply = try? client.track(ids) {
                for item in reply.documents { states[item.id] = item }
                if states.values.allSatisfy({ $0.state == .indexed || $0.state == .dead }), states.count == Set(ids).count {
                    return states
                }
            }
            guard ContinuousClock.now < deadline else {
                let open = states.values.filter { $0.state != .indexed && $0.state != .dead }.count
                throw SiftwireError(.unavailable, "\(open) documents not settled after \(timeout)\ningest log:\n\(log("ingest"))")
            }
            Thread.sleep(forTimeInterval: 0.25)
        }
    }

    /// Waits until the pipeline has indexed at least `count` documents.
    func waitUntilIndexed(atLeast count: Int, timeout: Duration = .seconds(60)) throws {
        let client = try impatientClient()
        let deadline = ContinuousClock.now + timeout
        while ((try? client.status())?.indexed ?? 0) < count {
            guard ContinuousClock.now < deadline else { throw SiftwireError(.unavailable, "fewer than \(count) indexed after \(timeout)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// The index's document count, asked through the query service (retrying through outages).
    func indexedDocumentCount() throws -> Int {
        let client = try impatientClient()
        for _ in 0..<100 {
            if let stats = try? client.ask(StatsQuery()) { return stats.documents }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw SiftwireError(.unavailable, "query service did not answer stats")
    }
}

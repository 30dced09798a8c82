import ArgumentParser
import SiftwireClient
import SiftwireStack
import Foundation
import SiftwireConsole
import SiftwireExtraction
import SiftwireProtocol
import SiftwireRuntime

/// Query latency per kind at several concurrencies, on a real stack holding a generated corpus.
struct QueryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Latency percentiles of search, entity, comentions and timeline queries at several concurrencies.")

    @Option(help: "Generated articles in the index (2–5 KB each).") var documents = 10_000
    @Option(help: "Requests per kind and concurrency.") var requests = 2000
    @Option(help: "Seconds one kind and concurrency may take; fewer requests are made when it runs out.") var seconds = 30.0
    @Option(parsing: .upToNextOption, help: "Concurrent clients, each with its own connection.") var concurrency: [Int] = [1, 8, 32]
    @Option(help: "Keep the stack's data here and reuse it next time (the corpus is ingested once).") var data: String?
    @Option(help: "Corpus seed.") var seed: UInt64 = 1
    @Flag(help: "Print the report as JSON.") var json = false

    /// What the benchmark asks: names and phrases the generated corpus uses, spelled as analysts
    /// would type them (transliteration variants included, so expansion is exercised).
    /// Chosen for the v2 corpus (seed 1): from a place in 40 % of articles to one in under 1 %.
    static let searches = ["Idlib", "\"Tahrir al-Sham\"", "checkpoint AND Aleppo", "Sarm*", "denied NOT Damascus",
                           "Jindires", "al-Jolani", "drone OR clashed", "Raqqa AND convoy", "Baghouz"]
    static let names = ["al-Jolani", "HTS", "Idleb", "Erdogan", "Ahrar al-Sham", "Daesh", "Deir ez-Zor", "Mazloum Abdi"]

    struct Measurement: Codable {
        var kind: String
        var concurrency: Int
        var requests: Int
        var errors: Int
        var p50Milliseconds: Double
        var p95Milliseconds: Double
        var p99Milliseconds: Double
        var requestsPerSecond: Double
    }

    struct Report: Codable {
        var documents: Int
        var indexBytes: Int
        var indexStorePath: String
        var searchQueries: [String]
        /// What each search query became after name expansion (the MATCH text the index ran).
        var expandedQueries: [String]
        var measurements: [Measurement]
    }

    func validate() throws {
        guard requests > 0, seconds > 0, !concurrency.isEmpty, concurrency.allSatisfy({ $0 > 0 && $0 <= 256 }) else {
            throw ValidationError("--requests must be positive and each --concurrency between 1 and 256")
        }
    }

    func run() async throws {
        let stack = try BenchStack(extractors: 2, directory: data)
        defer { stack.stop() }
        let corpus = try BenchCorpus.articles(documents, seed: seed)
        _ = try call { () throws(SiftwireError) in try stack.ingest(corpus, showProgress: !json) }
        let stats = try call { () throws(SiftwireError) in try stack.client.ask(StatsQuery()) }

        // The slowest kind last; and after each run the stack drains what timed-out clients left
        // queued (a stats query waits behind it), so no run is timed against another's backlog.
        let kinds: [(String, @Sendable (SiftwireClient, Int) throws(SiftwireError) -> Void)] = [
            ("search", { client, n throws(SiftwireError) in _ = try client.ask(SearchQuery(text: Self.searches[n % Self.searches.count])) }),
            // The same queries as typed, no name expansion: the same MATCH text plain FTS5 runs.
            ("search-literal", { client, n throws(SiftwireError) in
                var query = SearchQuery(text: Self.searches[n % Self.searches.count])
                query.expand = false
                _ = try client.ask(query)
            }),
            ("entity", { client, n throws(SiftwireError) in _ = try client.ask(EntityQuery(name: Self.names[n % Self.names.count])) }),
            ("timeline", { client, n throws(SiftwireError) in _ = try client.ask(TimelineQuery(names: [Self.names[n % Self.names.count]])) }),
            ("comentions", { client, n throws(SiftwireError) in _ = try client.ask(ComentionsQuery(name: Self.names[n % Self.names.count])) }),
        ]
        var measurements: [Measurement] = []
        for (kind, ask) in kinds {
            for clients in concurrency {
                let endpoint = stack.client.queryEndpoint
                let ingest = stack.client.ingestEndpoint
                let measurement = try LatencyRun.measure(requests: requests, clients: clients, budget: .milliseconds(Int(seconds * 1000)), connect: {
                    try SiftwireClient(ingest: ingest, query: endpoint, timeout: .seconds(30))
                }, ask: ask)
                measurements.append(Measurement(kind: kind, concurrency: clients, requests: measurement.latencies.count + measurement.errors, errors: measurement.errors,
                                                p50Milliseconds: measurement.percentile(0.50), p95Milliseconds: measurement.percentile(0.95),
                                                p99Milliseconds: measurement.percentile(0.99), requestsPerSecond: measurement.requestsPerSecond))
                _ = try? stack.client.ask(StatsQuery())
                if !json { FileHandle.standardError.write(Data("measured \(kind) at concurrency \(clients)\n".utf8)) }
            }
        }
        let expanded = try Self.searches.map { text in
            try call { () throws(SiftwireError) in try stack.client.ask(SearchQuery(text: text)).effectiveText ?? text }
        }
        let report = Report(documents: stats.documents, indexBytes: stats.indexBytes, indexStorePath: stack.indexStorePath,
                            searchQueries: Self.searches, expandedQueries: expanded, measurements: measurements)
        if json {
            printJSON(report)
            return
        }
        print(String(format: "%d documents, index %.1f MB", report.documents, Double(report.indexBytes) / 1e6))
        var table = Table("kind", "concurrency", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "req/s")
        for m in measurements {
            table.add(m.kind, "\(m.concurrency)", "\(m.requests)", "\(m.errors)", String(format: "%.2f", m.p50Milliseconds),
                      String(format: "%.2f", m.p95Milliseconds), String(format: "%.2f", m.p99Milliseconds), String(format: "%.0f", m.requestsPerSecond))
        }
        print(table.render())
    }
}

/// `clients` threads, each with its own connection, sharing `requests` requests (fewer when the
/// time budget runs out first); every request's latency is kept for percentiles.
struct LatencyRun {
    var latencies: [Double]
    var errors: Int
    var seconds: Double

    var requestsPerSecond: Double { Double(latencies.count + errors) / max(seconds, 1e-9) }

    /// Nearest-rank percentile in milliseconds (0 when nothing succeeded).
    func percentile(_ p: Double) -> Double {
        guard !latencies.isEmpty else { return 0 }
        let sorted = latencies.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)] * 1000
    }

    static func measure(requests: Int, clients: Int, budget: Duration, connect: () throws -> SiftwireClient,
                        ask: @escaping @Sendable (SiftwireClient, Int) throws(SiftwireError) -> Void) throws -> LatencyRun {
        let connections = try (0..<clients).map { _ in try connect() }
        // Warm-up: one request per connection, so connection set-up is not measured.
        for (n, client) in connections.enumerated() { try? ask(client, n) }
        let results = ResultBox(count: clients)
        let group = DispatchGroup()
        let started = ContinuousClock.now
        let deadline = started + budget
        for (worker, client) in connections.enumerated() {
            group.enter()
            let box = UncheckedClient(client: client)
            Thread {
                var mine: [Double] = []
                var errors = 0
                var n = worker
                while n < requests, ContinuousClock.now < deadline {
                    let start = ContinuousClock.now
                    do {
                        try ask(box.client, n)
                        let d = ContinuousClock.now - start
                        mine.append(d.inSeconds)
                    } catch {
                        errors += 1
                    }
                    n += clients
                }
                results.set(worker, latencies: mine, errors: errors)
                group.leave()
            }.start()
        }
        group.wait()
        let elapsed = ContinuousClock.now - started
        let (latencies, errors) = results.merged()
        return LatencyRun(latencies: latencies, errors: errors,
                          seconds: elapsed.inSeconds)
    }
}

/// A client handed to exactly one thread (ZeroMQ sockets must not be shared between threads).
private struct UncheckedClient: @unchecked Sendable { let client: SiftwireClient }

/// Per-thread results, each slot written once by its own thread and read after all joined.
private final class ResultBox: @unchecked Sendable {
    private var slots: [(latencies: [Double], errors: Int)]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: ([], 0), count: count) }

    func set(_ index: Int, latencies: [Double], errors: Int) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = (latencies, errors)
    }

    func merged() -> ([Double], Int) {
        lock.lock(); defer { lock.unlock() }
        return (slots.flatMap(\.latencies), slots.reduce(0) { $0 + $1.errors })
    }
}

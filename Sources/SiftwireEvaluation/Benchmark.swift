import SiftwireExtraction

/// Deterministic synthetic corpus (`SyntheticCorpus`) and throughput measurement (not used by the engine).
public enum ExtractionBenchmark {}

/// Throughput of the engine over a fixed document set (see `ExtractionBenchmark.measure`).
public struct ThroughputReport: Codable, Sendable, Hashable {
    /// UTF-8 bytes in one pass over the documents.
    public var bytes: Int
    /// Documents in one pass.
    public var documents: Int
    /// Entities found in one pass (the same every repetition; reported so the work cannot be elided).
    public var entities: Int
    /// Wall-clock seconds of each repetition (one full pass over all documents), in run order.
    public var seconds: [Double]
    /// Megabytes (10^6 bytes) per second: median, slowest and fastest repetition.
    public var medianMBPerSecond: Double
    public var minMBPerSecond: Double
    public var maxMBPerSecond: Double
    /// Documents per second: median, slowest and fastest repetition.
    public var medianDocumentsPerSecond: Double
    public var minDocumentsPerSecond: Double
    public var maxDocumentsPerSecond: Double

    public init(bytes: Int, documents: Int, entities: Int, seconds: [Double], medianMBPerSecond: Double, minMBPerSecond: Double,
                maxMBPerSecond: Double, medianDocumentsPerSecond: Double, minDocumentsPerSecond: Double, maxDocumentsPerSecond: Double) {
        self.bytes = bytes
        self.documents = documents
        self.entities = entities
        self.seconds = seconds
        self.medianMBPerSecond = medianMBPerSecond
        self.minMBPerSecond = minMBPerSecond
        self.maxMBPerSecond = maxMBPerSecond
        self.medianDocumentsPerSecond = medianDocumentsPerSecond
        self.minDocumentsPerSecond = minDocumentsPerSecond
        self.maxDocumentsPerSecond = maxDocumentsPerSecond
    }
}

extension ExtractionBenchmark {
    /// Runs `engine` over every document `repetitions` times (at least once) on the calling thread and reports
    /// the throughput of each pass, timed with `ContinuousClock`. Pure measurement: no printing, no I/O.
    /// Rates of a pass that took no measurable time are reported as 0 (so the report always encodes as JSON).
    public static func measure(documents: [String], engine: ExtractionEngine, repetitions: Int) -> ThroughputReport {
        let bytes = documents.reduce(0) { $0 + $1.utf8.count }
        let sources = documents.map { SourceDocument(text: $0) }
        let clock = ContinuousClock()
        var seconds = [Double]()
        var entities = 0
        for rep in 0..<max(1, repetitions) {
            var found = 0
            let elapsed = clock.measure {
                for d in sources { found += engine.extract(d).entities.count }
            }
            if rep == 0 { entities = found }
            let c = elapsed.components
            seconds.append(Double(c.seconds) + Double(c.attoseconds) / 1e18)
        }
        func rate(_ amount: Double, _ s: Double) -> Double { s > 0 ? amount / s : 0 }
        func median(_ v: [Double]) -> Double {
            let s = v.sorted()
            if s.isEmpty { return 0 }
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        let mb = seconds.map { rate(Double(bytes) / 1e6, $0) }
        let docs = seconds.map { rate(Double(documents.count), $0) }
        return ThroughputReport(bytes: bytes, documents: documents.count, entities: entities, seconds: seconds,
                                medianMBPerSecond: median(mb), minMBPerSecond: mb.min() ?? 0, maxMBPerSecond: mb.max() ?? 0,
                                medianDocumentsPerSecond: median(docs), minDocumentsPerSecond: docs.min() ?? 0,
                                maxDocumentsPerSecond: docs.max() ?? 0)
    }
}

/// SplitMix64: a small seeded generator, so generated corpora and chaos schedules repeat exactly.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ a: [T]) -> T { a[Int(next() % UInt64(a.count))] }
}

/// Deterministic synthetic corpus for throughput measurements (not used by the engine).
public enum ExtractionBenchmark {
    static let groups = ["Hay'at Tahrir al-Sham", "HTS", "Jabhat al-Nusra", "the Nusra Front", "Ahrar ash-Sham", "Ahrar al Sham", "Hurras al-Din",
                         "the Islamic State", "ISIS", "Daesh", "al-Qaeda", "al-Qaida", "the Syrian Democratic Forces", "the YPG", "the Syrian National Army",
                         "the Turkish military", "Hezbollah", "the IRGC", "the White Helmets", "the Syrian Salvation Government"]
    static let people = ["Abu Mohammad al-Julani", "Abu Mohamed al-Jolani", "Ahmed al-Sharaa", "Abu Maria al-Qahtani", "Abdullah al-Muhaysini",
                         "Bashar al-Assad", "Recep Tayyip Erdogan", "Vladimir Putin", "Mazloum Abdi", "Abu Bakr al-Baghdadi",
                         "Abu al-Hussein al-Husseini al-Qurashi", "Sheikh Omar Haddad", "Dr. Lina Sabbagh", "commander Khaled Nasser"]
    static let places = ["Idlib", "Idleb", "Aleppo", "Sarmada", "Atmeh", "Jisr al-Shughur", "Afrin", "al-Bab", "Raqqa", "Deir ez-Zor",
                         "Deir al-Zour", "Damascus", "Ankara", "Hama", "the town of Kafr Lusin", "Kobani", "Manbij", "Qamishli", "Baghouz"]
    static let verbs = ["said", "announced", "denied", "claimed", "reported", "warned"]
    static let templates = [
        "Fighters from %G clashed with %G near %L on Monday, according to local sources.",
        "%P said in a statement that %G would not withdraw from %L before %D.",
        "In %L, residents told reporters that %G had set up new checkpoints last week.",
        "The spokesman for %G, %P, %V that the attack on %L killed at least %N people.",
        "Turkish and Russian officials met in %L on %D to discuss the situation in %L.",
        "Analysts say %P has tried to rebrand %G, which controls much of %L and the\ncountryside around %L.",
        "%G, also known as %G, was founded in %Y and later expanded into %L.",
        "Share this article\nSubscribe to our newsletter\n",
        "Kurdish-led forces detained %N suspected members of %G in %L, the SDF said.",
    ]
    static let dates = ["August 3", "Aug. 3, 2023", "July 2016", "9 July 2023", "2023-07-09", "December last year", "two days ago"]

    /// `documents` articles of roughly 3 KB each, deterministic for a given seed.
    public static func syntheticCorpus(documents: Int, seed: UInt64) -> [String] {
        var rng = SeededRandom(seed: seed)
        var out = [String]()
        out.reserveCapacity(documents)
        for d in 0..<documents {
            var text = "# Report \(d): \(rng.pick(groups)) and \(rng.pick(places))\n\ndate 2023-0\(1 + Int(rng.next() % 9))-1\(Int(rng.next() % 9))\n\n"
            var para = ""
            while text.utf8.count + para.utf8.count < 3000 {
                var s = rng.pick(templates)
                while let r = s.range(of: "%G") { s.replaceSubrange(r, with: rng.pick(groups)) }
                while let r = s.range(of: "%P") { s.replaceSubrange(r, with: rng.pick(people)) }
                while let r = s.range(of: "%L") { s.replaceSubrange(r, with: rng.pick(places)) }
                while let r = s.range(of: "%V") { s.replaceSubrange(r, with: rng.pick(verbs)) }
                while let r = s.range(of: "%D") { s.replaceSubrange(r, with: rng.pick(dates)) }
                while let r = s.range(of: "%N") { s.replaceSubrange(r, with: String(2 + rng.next() % 40)) }
                while let r = s.range(of: "%Y") { s.replaceSubrange(r, with: String(2011 + rng.next() % 12)) }
                if let f = s.first, f.isLowercase { s = f.uppercased() + s.dropFirst() }
                para += s + " "
                if rng.next() % 4 == 0 { text += para + "\n\n"; para = "" }
            }
            text += para + "\n"
            out.append(text)
        }
        return out
    }
}

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

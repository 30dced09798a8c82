import Foundation
import SiftwireExtraction

/// Precision, recall and F1 of predicted typed spans against gold spans, exact and overlapping, per type.
public struct SpanScores: Sendable, Codable {
    public struct Counts: Sendable, Codable {
        public var predicted = 0, gold = 0, exact = 0, overlap = 0
        public var exactPrecision: Double { predicted > 0 ? Double(exact) / Double(predicted) : 0 }
        public var exactRecall: Double { gold > 0 ? Double(exact) / Double(gold) : 0 }
        public var exactF1: Double { f1(exactPrecision, exactRecall) }
        public var overlapPrecision: Double { predicted > 0 ? Double(overlap) / Double(predicted) : 0 }
        public var overlapRecall: Double { gold > 0 ? Double(overlap) / Double(gold) : 0 }
        public var overlapF1: Double { f1(overlapPrecision, overlapRecall) }
        func f1(_ p: Double, _ r: Double) -> Double { p + r > 0 ? 2 * p * r / (p + r) : 0 }
        mutating func add(_ o: Counts) { predicted += o.predicted; gold += o.gold; exact += o.exact; overlap += o.overlap }
    }
    /// Scored kinds: PERSON, ORG, LOCATION.
    public static let scoredKinds: [SpanKind] = [.person, .org, .location]
    public var byKind: [String: Counts] = [:]
    public var documents = 0

    public var overall: Counts {
        var c = Counts()
        for k in Self.scoredKinds { if let v = byKind[Self.name(k)] { c.add(v) } }
        return c
    }

    public static func name(_ k: SpanKind) -> String {
        switch k { case .person: "PERSON"; case .org: "ORG"; case .location: "LOCATION"; case .misc: "MISC" }
    }

    public init() {}

    /// Adds one document: exact = same start, end and kind; overlap = same kind and overlapping, one to one.
    public mutating func add(gold: [TypedSpan], predicted: [TypedSpan]) {
        documents += 1
        for kind in Self.scoredKinds {
            let g = gold.filter { $0.kind == kind }
            let p = predicted.filter { $0.kind == kind }
            var c = Counts()
            c.gold = g.count
            c.predicted = p.count
            let goldSet = Set(g.map { [$0.start, $0.end] })
            c.exact = p.filter { goldSet.contains([$0.start, $0.end]) }.count
            var used = Set<Int>()
            for s in p.sorted(by: { $0.start < $1.start }) {
                if let k = g.indices.first(where: { !used.contains($0) && g[$0].start < s.end && s.start < g[$0].end }) {
                    used.insert(k); c.overlap += 1
                }
            }
            byKind[Self.name(kind), default: Counts()].add(c)
        }
    }

    public func table(title: String) -> String {
        var lines = ["\(title): \(documents) documents",
                     "type        gold   pred   exact P    R     F1    | overlap P   R     F1"]
        func row(_ name: String, _ c: Counts) -> String {
            name.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: " %6d %6d   %.3f %.3f %.3f  |   %.3f %.3f %.3f", c.gold, c.predicted,
                   c.exactPrecision, c.exactRecall, c.exactF1, c.overlapPrecision, c.overlapRecall, c.overlapF1)
        }
        for k in Self.scoredKinds { lines.append(row(Self.name(k), byKind[Self.name(k)] ?? Counts())) }
        lines.append(row("all", overall))
        return lines.joined(separator: "\n")
    }
}

extension Extraction {
    /// The mentions of PERSON, ORG and LOCATION entities as typed code-point spans (NORP is not scored).
    public var typedSpans: [TypedSpan] {
        var out = [TypedSpan]()
        for e in entities {
            let kind: SpanKind
            switch e.type { case .person: kind = .person; case .org: kind = .org; case .location: kind = .location; case .norp: continue }
            for m in e.mentions { out.append(TypedSpan(start: m.start, end: m.end, kind: kind)) }
        }
        return out
    }
}

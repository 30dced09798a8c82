import Foundation
import SiftwireExtraction

/// One annotated document of the development set (one line of `gold.jsonl`).
public struct GoldDocument: Codable, Sendable, Hashable {
    public struct Entity: Codable, Sendable, Hashable {
        /// Gold cluster id, shared across documents for the same real-world entity.
        public var id: String
        public var type: EntityType
        /// Surface strings; every occurrence in the text is a gold mention (see `GoldFile`).
        public var mentions: [String]
        public init(id: String, type: EntityType, mentions: [String]) { self.id = id; self.type = type; self.mentions = mentions }
    }
    public struct DateAnnotation: Codable, Sendable, Hashable {
        public var text: String
        public var value: String?
        public init(text: String, value: String?) { self.text = text; self.value = value }
    }
    /// Path of the raw text, relative to the folder holding the gold file.
    public var document: String
    public var date: String?
    public var entities: [Entity]
    public var dates: [DateAnnotation]

    public init(document: String, date: String?, entities: [Entity], dates: [DateAnnotation]) {
        self.document = document; self.date = date; self.entities = entities; self.dates = dates
    }
    enum CodingKeys: String, CodingKey { case document, date, entities, dates }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        document = try c.decode(String.self, forKey: .document)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        entities = try c.decodeIfPresent([Entity].self, forKey: .entities) ?? []
        dates = try c.decodeIfPresent([DateAnnotation].self, forKey: .dates) ?? []
    }
}

/// A line of a gold file that could not be decoded.
public struct GoldFileError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "gold line \(line): \(reason)" }
}

/// The development-set gold format: JSON Lines, one `GoldDocument` per non-empty line.
///
/// Gold mentions are surface strings, turned into spans of the raw text by this rule:
/// - every occurrence of a string in the raw text is a mention when it sits at word boundaries
///   (the characters just before and after are not letters or digits);
/// - whitespace inside a gold string matches any run of whitespace in the text (so hard-wrapped names match);
/// - apostrophe variants (’ ' ‘ ʼ) match each other; matching is otherwise exact (case-sensitive);
/// - where strings overlap, the longest match wins: leftmost-longest, non-overlapping, across all strings
///   (of all entities) of that document. Titles such as "Sheikh" are not part of gold mentions.
/// Gold dates use the same rule for their `text`. Offsets are Unicode code-point offsets, end exclusive.
public enum GoldFile {
    public static func parse(_ jsonl: String) throws -> [GoldDocument] {
        var out = [GoldDocument]()
        let decoder = JSONDecoder()
        for (i, line) in jsonl.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.isEmpty { continue }
            do { out.append(try decoder.decode(GoldDocument.self, from: Data(t.utf8))) }
            catch { throw GoldFileError(line: i + 1, reason: "\(error)") }
        }
        return out
    }

    /// Spans of `strings` in `text` under the matching rule above: (start, end, index of the string's owner).
    static func spans(of strings: [(String, Int)], in text: String) -> [(start: Int, end: Int, owner: Int)] {
        let raw = Scalars.array(text).map { Scalars.isApostrophe($0) ? 0x27 : $0 }
        var found = [(start: Int, end: Int, owner: Int)]()
        for (str, owner) in strings {
            let pat = Scalars.array(str.trimmingCharacters(in: .whitespacesAndNewlines)).map { Scalars.isApostrophe($0) ? 0x27 : $0 }
            if pat.isEmpty { continue }
            var i = 0
            while i < raw.count {
                if raw[i] == pat[0], let e = matchAt(raw, i, pat),
                   (i == 0 || !Scalars.isLetterOrDigit(raw[i - 1])), (e == raw.count || !Scalars.isLetterOrDigit(raw[e])) {
                    found.append((i, e, owner))
                }
                i += 1
            }
        }
        found.sort { $0.start != $1.start ? $0.start < $1.start : ($0.end - $0.start) > ($1.end - $1.start) }
        var out = [(start: Int, end: Int, owner: Int)]()
        var lastEnd = 0
        for f in found where f.start >= lastEnd { out.append(f); lastEnd = f.end }
        return out
    }

    private static func matchAt(_ raw: [UInt32], _ at: Int, _ pat: [UInt32]) -> Int? {
        var i = at, j = 0
        while j < pat.count {
            if Scalars.isWhitespace(pat[j]) {
                guard i < raw.count, Scalars.isWhitespace(raw[i]) else { return nil }
                while j < pat.count && Scalars.isWhitespace(pat[j]) { j += 1 }
                while i < raw.count && Scalars.isWhitespace(raw[i]) { i += 1 }
                continue
            }
            guard i < raw.count, raw[i] == pat[j] else { return nil }
            i += 1; j += 1
        }
        return i
    }
}

/// Precision / recall / F1 from counts.
public struct Score: Codable, Sendable, Hashable {
    public var truePositives: Int = 0
    public var predicted: Int = 0
    public var gold: Int = 0
    public init(truePositives: Int = 0, predicted: Int = 0, gold: Int = 0) {
        self.truePositives = truePositives; self.predicted = predicted; self.gold = gold
    }
    public var precision: Double { predicted == 0 ? (gold == 0 ? 1 : 0) : Double(truePositives) / Double(predicted) }
    public var recall: Double { gold == 0 ? (predicted == 0 ? 1 : 0) : Double(truePositives) / Double(gold) }
    public var f1: Double { let p = precision, r = recall; return p + r == 0 ? 0 : 2 * p * r / (p + r) }
    static func + (a: Score, b: Score) -> Score { Score(truePositives: a.truePositives + b.truePositives, predicted: a.predicted + b.predicted, gold: a.gold + b.gold) }
}

/// Scores of the engine against gold documents. Per-type keys are the `EntityType` raw values; the overall
/// scores (`nil` type) cover the three judged types PERSON, ORG and LOCATION.
public struct EvaluationReport: Codable, Sendable {
    public var documents: Int
    public var mention: [String: Score]
    public var entity: [String: Score]
    public var identity: Score
    public var dates: Score
    public var documentDates: Score
    /// Claim scores, when the gold set has gold claims (`claims.jsonl`).
    public var claims: ClaimEvaluationReport?

    static let judged: [EntityType] = [.person, .org, .location]
    static let overallKey = "ALL"

    func key(_ t: EntityType?) -> String { t?.rawValue ?? Self.overallKey }
    public func mentionScore(for t: EntityType?) -> Score { mention[key(t)] ?? Score() }
    public func entityScore(for t: EntityType?) -> Score { entity[key(t)] ?? Score() }
    public func mentionPrecision(for t: EntityType?) -> Double { mentionScore(for: t).precision }
    public func mentionRecall(for t: EntityType?) -> Double { mentionScore(for: t).recall }
    public func mentionF1(for t: EntityType?) -> Double { mentionScore(for: t).f1 }
    public func entityPrecision(for t: EntityType?) -> Double { entityScore(for: t).precision }
    public func entityRecall(for t: EntityType?) -> Double { entityScore(for: t).recall }
    public func entityF1(for t: EntityType?) -> Double { entityScore(for: t).f1 }
    public var identityPrecision: Double { identity.precision }
    public var identityRecall: Double { identity.recall }
    public var identityF1: Double { identity.f1 }
    public var datePrecision: Double { dates.precision }
    public var dateRecall: Double { dates.recall }

    /// A readable text table.
    public func table() -> String {
        func f(_ d: Double) -> String { String(format: "%6.3f", d) }
        func row(_ name: String, _ s: Score) -> String {
            name.padding(toLength: 22, withPad: " ", startingAt: 0) + " P " + f(s.precision) + "  R " + f(s.recall) + "  F1 " + f(s.f1)
                + "   (tp \(s.truePositives), pred \(s.predicted), gold \(s.gold))"
        }
        var lines = ["Siftwire extraction evaluation: \(documents) documents"]
        for (label, dict) in [("mentions", mention), ("entities", entity)] {
            for t in Self.judged + [EntityType.norp] { lines.append(row("\(label) \(t.rawValue)", dict[t.rawValue] ?? Score())) }
            lines.append(row("\(label) ALL (P/O/L)", dict[Self.overallKey] ?? Score()))
        }
        lines.append(row("identity (pairwise)", identity))
        lines.append(row("date values", dates))
        lines.append(row("document dates", documentDates))
        if let claims { lines.append(claims.table()) }
        return lines.joined(separator: "\n")
    }
}

/// Scoring of extractions against gold documents.
///
/// - Mentions: a predicted mention is correct when a gold mention has exactly its span and type.
/// - Entities (per document): a gold entity is found when a predicted entity of the same type has a mention
///   exactly matching one of its gold spans; each predicted entity matches at most one gold entity.
/// - Identity: pairwise F1 over matched (document, entity) nodes; a pair is gold-positive when both nodes have
///   the same gold id and predicted-positive when both got the same predicted id.
/// - Dates: a predicted date counts when its span matches a gold date span and its value equals the gold value.
public enum Evaluator {
    public static func evaluate(_ items: [(gold: GoldDocument, text: String, predicted: Extraction)]) -> EvaluationReport {
        var mention = [String: Score](), entity = [String: Score]()
        var dateScore = Score(), docDate = Score()
        struct Node { var gold: String; var predicted: String }
        var nodes = [Node]()
        for item in items {
            let g = item.gold
            // gold spans
            var strings = [(String, Int)]()
            for (i, e) in g.entities.enumerated() { for m in e.mentions { strings.append((m, i)) } }
            let spans = GoldFile.spans(of: strings, in: item.text)
            var goldSpan = [Range<Int>: Int]() // span -> gold entity index
            for s in spans { goldSpan[s.start..<s.end] = s.owner }
            // mentions
            var predSpans = [(Range<Int>, EntityType)]()
            for e in item.predicted.entities { for m in e.mentions { predSpans.append((m.start..<m.end, e.type)) } }
            for t in EntityType.allCases {
                var sc = Score()
                sc.gold = spans.filter { g.entities[$0.owner].type == t }.count
                let ps = predSpans.filter { $0.1 == t }
                sc.predicted = ps.count
                sc.truePositives = ps.filter { p in goldSpan[p.0].map { g.entities[$0].type == t } ?? false }.count
                mention[t.rawValue, default: Score()] = mention[t.rawValue, default: Score()] + sc
                if EvaluationReport.judged.contains(t) { mention["ALL", default: Score()] = mention["ALL", default: Score()] + sc }
            }
            // entities: greedy one-to-one matching in order of predicted entities
            var goldUsed = Set<Int>()
            var matchedGoldOf = [Int: Int]() // predicted entity index -> gold entity index
            for (pi, pe) in item.predicted.entities.enumerated() {
                var counts = [Int: Int]()
                for m in pe.mentions { if let gi = goldSpan[m.start..<m.end], g.entities[gi].type == pe.type, !goldUsed.contains(gi) { counts[gi, default: 0] += 1 } }
                if let best = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key {
                    goldUsed.insert(best); matchedGoldOf[pi] = best
                    if EvaluationReport.judged.contains(pe.type) { nodes.append(Node(gold: g.entities[best].id, predicted: pe.id)) }
                }
            }
            let goldWithSpans = Set(spans.map { $0.owner })
            for t in EntityType.allCases {
                var sc = Score()
                sc.gold = g.entities.indices.filter { g.entities[$0].type == t && goldWithSpans.contains($0) }.count
                sc.predicted = item.predicted.entities.filter { $0.type == t }.count
                sc.truePositives = matchedGoldOf.values.filter { g.entities[$0].type == t }.count
                entity[t.rawValue, default: Score()] = entity[t.rawValue, default: Score()] + sc
                if EvaluationReport.judged.contains(t) { entity["ALL", default: Score()] = entity["ALL", default: Score()] + sc }
            }
            // dates
            let dateSpans = GoldFile.spans(of: g.dates.enumerated().map { ($0.element.text, $0.offset) }, in: item.text)
            var goldDate = [Range<Int>: String?]()
            for s in dateSpans { goldDate[s.start..<s.end] = g.dates[s.owner].value }
            dateScore.gold += dateSpans.count
            dateScore.predicted += item.predicted.dates.count
            for d in item.predicted.dates { if let v = goldDate[d.start..<d.end], v == d.value { dateScore.truePositives += 1 } }
            if let gd = g.date { docDate.gold += 1; if item.predicted.date == gd { docDate.truePositives += 1 } }
            if item.predicted.date != nil { docDate.predicted += 1 }
        }
        // identity over judged-type nodes (all nodes come from type-matched pairs)
        var identity = Score()
        for a in 0..<nodes.count {
            for b in (a + 1)..<max(a + 1, nodes.count) {
                let gp = nodes[a].gold == nodes[b].gold, pp = nodes[a].predicted == nodes[b].predicted
                if gp { identity.gold += 1 }
                if pp { identity.predicted += 1 }
                if gp && pp { identity.truePositives += 1 }
            }
        }
        return EvaluationReport(documents: items.count, mention: mention, entity: entity, identity: identity, dates: dateScore, documentDates: docDate)
    }
}

extension GoldDocument {
    /// The document's gold mentions as typed code-point spans (NORP as MISC), for training the tagger on our own
    /// annotated sets as well as on public news.
    public func annotated(text: String) -> AnnotatedDocument {
        var strings = [(String, Int)]()
        for (i, e) in entities.enumerated() { for m in e.mentions { strings.append((m, i)) } }
        let spans = GoldFile.spans(of: strings, in: text).map { s -> TypedSpan in
            let kind: SpanKind
            switch entities[s.owner].type { case .person: kind = .person; case .org: kind = .org; case .location: kind = .location; case .norp: kind = .misc }
            return TypedSpan(start: s.start, end: s.end, kind: kind)
        }
        return AnnotatedDocument(text: text, spans: spans)
    }
}

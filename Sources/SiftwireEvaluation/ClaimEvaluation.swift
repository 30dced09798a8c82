import Foundation
import SiftwireExtraction

/// Gold claims of one document (one line of `claims.jsonl`, next to `gold.jsonl`; see devset/README.md).
public struct GoldClaimDocument: Codable, Sendable, Hashable {
    public struct Claim: Codable, Sendable, Hashable {
        /// A short exact passage of the sentence that contains the event's trigger word (matched like gold
        /// mentions: whitespace-flexible, apostrophe-insensitive, at word boundaries; first occurrence).
        public var evidence: String
        /// Gold entity id of the speaker, `"unnamed"` for an unnamed source, nil for the outlet's own narration.
        public var speaker: String?
        public var verb: String?
        public var event: String
        /// Gold entity ids (nil when the text names no entity for the slot).
        public var actor: String?
        public var target: String?
        public var polarity: String?
        /// Optional (FA-KES gold): the evidence's code-point offsets, used instead of a string search; the number
        /// killed/arrested; the event's ISO date.
        public var start: Int?
        public var end: Int?
        public var quantity: Int?
        public var date: String?
    }
    public var document: String
    public var claims: [Claim]

    public static func parse(_ jsonl: String) throws -> [GoldClaimDocument] {
        var out = [GoldClaimDocument]()
        for (i, line) in jsonl.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.isEmpty { continue }
            do { out.append(try JSONDecoder().decode(GoldClaimDocument.self, from: Data(t.utf8))) }
            catch { throw GoldFileError(line: i + 1, reason: "\(error)") }
        }
        return out
    }
}

/// Claim scores: `claim` (a predicted event claim aligned with a gold one), `speaker`, `event` (type), `actor`,
/// `target`.
public struct ClaimEvaluationReport: Codable, Sendable {
    public var documents: Int
    public var scores: [String: Score]
    public static let fields = ["claim", "speaker", "event", "actor", "target"]
    /// Scored too, and printed when the gold has values for them (FA-KES): the number killed/arrested, the
    /// event's date (the claim's own, else its document's).
    public static let optionalFields = ["quantity", "date"]

    public func score(_ field: String) -> Score { scores[field] ?? Score() }
    public func f1(_ field: String) -> Double { score(field).f1 }
}

/// Scoring of predicted claims against gold claims.
///
/// Only claims with an event are scored (kill, attack, arrest, accuse, deny — the annotated scope). A predicted
/// claim aligns with a gold claim when its event trigger lies inside the gold evidence; among several, the one
/// agreeing on most fields; one-to-one. Predicted entity ids are translated to gold ids through the document's
/// entity matching (a predicted entity stands for the gold entity most of its mentions match; one that matches
/// none stands, in a claim slot, for the gold entity a longer gold mention inside that slot's phrase names around
/// the predicted mention: "Syrian" in "the Syrian regime aircraft" is `syria` where "Syrian regime" is a gold
/// mention of it). Per field:
/// predicted = scored claims with a value, gold = gold claims with a value, true positive = aligned pair with
/// equal values. A speaker without an entity counts as `"unnamed"`.
public enum ClaimEvaluator {
    /// How a gold set names an actor that is a state's forces or a nationality ("Syrian jets", "the Syrian Arab
    /// Army"): by the words' own entity (`words`: devset, holdout) or by the state (`states`: FA-KES, where
    /// such actors are `syria`). With `states`, a predicted actor's `state` is its answer when the state maps.
    public enum ActorConvention: Sendable { case words, states }

    public static func evaluate(_ items: [(gold: GoldDocument, claims: GoldClaimDocument, text: String, predicted: Extraction)],
                                actors: ActorConvention = .words) -> ClaimEvaluationReport {
        var scores = [String: Score]()
        for f in ClaimEvaluationReport.fields { scores[f] = Score() }
        for item in items {
            let goldIDOf = entityMapping(item.gold, item.text, item.predicted)
            let mapped = argumentMapping(item.gold, item.text, item.predicted, goldIDOf, statesAct: actors == .states)
            let describedSource = describedSourceMapping(item.gold, item.text)
            struct Values { var speaker: String?; var event: String?; var actor: String?; var target: String?; var quantity: Int? = nil; var date: String? = nil }
            let predicted: [(trigger: Range<Int>, v: Values)] = item.predicted.claims.compactMap { c in
                guard let e = c.event else { return nil }
                let speaker: String? = c.speaker.map { $0.entityID == nil ? describedSource($0) : mapped($0) ?? "unnamed" }
                return (e.trigger.start..<e.trigger.end, Values(speaker: speaker, event: e.type.rawValue,
                                                               actor: mapped(e.actor), target: mapped(e.target),
                                                               quantity: e.quantity.flatMap(QuantityValue.of), date: e.date ?? item.predicted.date))
            }
            let gold: [(evidence: Range<Int>?, v: Values)] = item.claims.claims.map { g in
                let span = g.start.flatMap { s in g.end.map { s..<$0 } }
                    ?? GoldFile.spans(of: [(g.evidence, 0)], in: item.text).first.map { $0.start..<$0.end }
                return (span, Values(speaker: g.speaker, event: g.event, actor: g.actor, target: g.target, quantity: g.quantity, date: g.date))
            }
            func add(_ field: String, predicted p: Int, gold g: Int, tp: Int) {
                scores[field] = scores[field, default: Score()] + Score(truePositives: tp, predicted: p, gold: g)
            }
            add("claim", predicted: predicted.count, gold: gold.count, tp: 0)
            add("speaker", predicted: predicted.filter { $0.v.speaker != nil }.count, gold: gold.filter { $0.v.speaker != nil }.count, tp: 0)
            add("event", predicted: predicted.count, gold: gold.count, tp: 0)
            add("actor", predicted: predicted.filter { $0.v.actor != nil }.count, gold: gold.filter { $0.v.actor != nil }.count, tp: 0)
            add("target", predicted: predicted.filter { $0.v.target != nil }.count, gold: gold.filter { $0.v.target != nil }.count, tp: 0)
            add("quantity", predicted: predicted.filter { $0.v.quantity != nil }.count, gold: gold.filter { $0.v.quantity != nil }.count, tp: 0)
            add("date", predicted: predicted.filter { $0.v.date != nil }.count, gold: gold.filter { $0.v.date != nil }.count, tp: 0)
            var used = Set<Int>()
            for g in gold {
                guard let ev = g.evidence else { continue }
                func agreement(_ p: Values) -> Int {
                    (p.event == g.v.event ? 4 : 0) + (p.speaker == g.v.speaker ? 1 : 0) + (p.actor == g.v.actor ? 1 : 0) + (p.target == g.v.target ? 1 : 0)
                }
                var best = -1, bestScore = -1
                for (i, p) in predicted.enumerated() where !used.contains(i) && p.trigger.lowerBound >= ev.lowerBound && p.trigger.upperBound <= ev.upperBound {
                    let s = agreement(p.v)
                    if s > bestScore { best = i; bestScore = s }
                }
                guard best >= 0 else { continue }
                used.insert(best)
                let p = predicted[best].v
                add("claim", predicted: 0, gold: 0, tp: 1)
                if let s = g.v.speaker, p.speaker == s { add("speaker", predicted: 0, gold: 0, tp: 1) }
                if p.event == g.v.event { add("event", predicted: 0, gold: 0, tp: 1) }
                if let a = g.v.actor, p.actor == a { add("actor", predicted: 0, gold: 0, tp: 1) }
                if let t = g.v.target, p.target == t { add("target", predicted: 0, gold: 0, tp: 1) }
                if let q = g.v.quantity, p.quantity == q { add("quantity", predicted: 0, gold: 0, tp: 1) }
                if let d = g.v.date, p.date == d { add("date", predicted: 0, gold: 0, tp: 1) }
            }
        }
        return ClaimEvaluationReport(documents: items.count, scores: scores)
    }

    /// Predicted entity id → gold entity id: the gold entity most of the predicted entity's mentions match.
    static func entityMapping(_ gold: GoldDocument, _ text: String, _ predicted: Extraction) -> [String: String] {
        var strings = [(String, Int)]()
        for (i, e) in gold.entities.enumerated() { for m in e.mentions { strings.append((m, i)) } }
        var goldSpan = [Range<Int>: Int]()
        for s in GoldFile.spans(of: strings, in: text) { goldSpan[s.start..<s.end] = s.owner }
        var out = [String: String]()
        for e in predicted.entities {
            var counts = [Int: Int]()
            for m in e.mentions { if let g = goldSpan[m.start..<m.end] { counts[g, default: 0] += 1 } }
            if let best = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key {
                out[e.id] = gold.entities[best].id
            }
        }
        return out
    }
}

extension ClaimEvaluationReport {
    public func table() -> String {
        func f(_ d: Double) -> String { String(format: "%6.3f", d) }
        var lines = ["claims (\(documents) documents with gold claims)"]
        for field in Self.fields + Self.optionalFields.filter({ score($0).gold > 0 }) {
            let s = score(field)
            lines.append(("claims " + field).padding(toLength: 22, withPad: " ", startingAt: 0) + " P " + f(s.precision) + "  R " + f(s.recall)
                         + "  F1 " + f(s.f1) + "   (tp \(s.truePositives), pred \(s.predicted), gold \(s.gold))")
        }
        return lines.joined(separator: "\n")
    }
}

import Foundation
import SiftwireExtraction

/// The FA-KES claim gold (`realdev/fakes/claims.jsonl`, see realdev/fakes/README.md): one line per article, keyed
/// by the CSV's `unit_id`, entities inline, evidence with code-point offsets, and a `tune`/`heldout` split. The
/// articles themselves are not in the repository; they are read from the FA-KES CSV (`FakesCSV`).
public struct FakesGoldArticle: Codable, Sendable, Hashable {
    public struct Entity: Codable, Sendable, Hashable {
        public var id: String
        public var type: EntityType
        public var mentions: [String]
    }
    public struct Claim: Codable, Sendable, Hashable {
        public var evidence: String
        /// Code-point offsets of `evidence` in the article (end exclusive).
        public var start: Int
        public var end: Int
        public var speaker: String?
        public var verb: String?
        public var event: String
        public var actor: String?
        public var target: String?
        public var actors: [String]?
        public var targets: [String]?
        public var quantity: Int?
        public var quantity_qualifier: String?
        public var wounded: Int?
        public var date: String?
        public var polarity: String?
        public var note: String?
    }
    public var unit_id: String
    public var source: String
    /// The CSV's date column: often the event's date, not the publication date.
    public var date: String?
    /// The publication date (the article's own first line, else the CSV date): what relative dates resolve against.
    public var published: String?
    public var split: String
    public var text_sha256: String
    public var entities: [Entity]
    public var claims: [Claim]

    public static func parse(_ jsonl: String) throws -> [FakesGoldArticle] {
        var out = [FakesGoldArticle]()
        for (i, line) in jsonl.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.isEmpty { continue }
            do { out.append(try JSONDecoder().decode(FakesGoldArticle.self, from: Data(t.utf8))) }
            catch { throw GoldFileError(line: i + 1, reason: "\(error)") }
        }
        return out
    }

    /// Does this JSONL text look like the FA-KES gold (a first object keyed by `unit_id` with inline claims)?
    public static func looksLike(_ jsonl: Substring) -> Bool {
        guard let first = jsonl.split(separator: "\n").first(where: { !$0.allSatisfy(\.isWhitespace) }) else { return false }
        return first.contains("\"unit_id\"") && first.contains("\"claims\"")
    }

    /// The article as the generic scorer sees it: a gold document (entities) and its gold claims (with offsets).
    public var goldDocument: GoldDocument {
        GoldDocument(document: unit_id, date: published, entities: entities.map { .init(id: $0.id, type: $0.type, mentions: $0.mentions) }, dates: [])
    }
    public var goldClaims: GoldClaimDocument {
        GoldClaimDocument(document: unit_id, claims: claims.map {
            GoldClaimDocument.Claim(evidence: $0.evidence, speaker: $0.speaker, verb: $0.verb, event: $0.event, actor: $0.actor,
                                    target: $0.target, polarity: $0.polarity, start: $0.start, end: $0.end,
                                    quantity: $0.quantity, date: $0.date)
        })
    }

    /// Problems of this gold line against its article text (and that text's SHA-256 in hex): a changed text or
    /// evidence not at its offsets.
    public func problems(text: String, textSHA256: String) -> [String] {
        var out = [String]()
        if textSHA256 != text_sha256 { out.append("article \(unit_id): text_sha256 differs (a changed article)") }
        let scalars = Array(text.unicodeScalars)
        for c in claims {
            guard c.start >= 0, c.end <= scalars.count, c.start < c.end else { out.append("article \(unit_id): evidence offsets \(c.start)..<\(c.end) out of range"); continue }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[c.start..<c.end])
            if String(s) != c.evidence { out.append("article \(unit_id): evidence '\(c.evidence)' is not at \(c.start)") }
        }
        return out
    }
}

/// The FA-KES CSV (`unit_id,article_title,article_content,source,date,location,labels`), RFC 4180 quoting as
/// Python's csv module writes and reads it: fields are kept byte for byte, line breaks inside quotes included.
public enum FakesCSV {
    public struct Row: Sendable, Hashable {
        public var fields: [String: String]
        public subscript(_ name: String) -> String? { fields[name] }
    }

    /// Every record, the header's names as keys.
    public static func parse(_ data: [UInt8]) -> [Row] {
        var records = [[String]]()
        var record = [String]()
        var field = [UInt8]()
        var i = 0
        let n = data.count
        var quoted = false
        var inField = false
        func endField() { record.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true); inField = false }
        while i < n {
            let c = data[i]
            if quoted {
                if c == 0x22 {
                    if i + 1 < n, data[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    quoted = false; i += 1; continue
                }
                field.append(c); i += 1; continue
            }
            switch c {
            case 0x22 where !inField || field.isEmpty: quoted = true; inField = true; i += 1
            case 0x2C: endField(); i += 1
            case 0x0D, 0x0A:
                if inField || !field.isEmpty || !record.isEmpty { endField(); records.append(record); record = [] }
                i += (c == 0x0D && i + 1 < n && data[i + 1] == 0x0A) ? 2 : 1
            default: field.append(c); inField = true; i += 1
            }
        }
        if inField || !field.isEmpty || !record.isEmpty { endField(); records.append(record) }
        guard let header = records.first else { return [] }
        return records.dropFirst().map { r in
            var d = [String: String]()
            for (k, name) in header.enumerated() where k < r.count { d[name] = r[k] }
            return Row(fields: d)
        }
    }

    /// `article_content` by `unit_id`, for ids that occur once (the gold uses only those).
    public static func articles(_ rows: [Row]) -> [String: String] {
        var count = [String: Int]()
        for r in rows { if let id = r["unit_id"] { count[id, default: 0] += 1 } }
        var out = [String: String]()
        for r in rows { if let id = r["unit_id"], count[id] == 1 { out[id] = r["article_content"] ?? "" } }
        return out
    }
}

extension ClaimEvaluator {
    /// Predicted entity id → gold entity id, as the scorer maps them (for error listings).
    public static func goldIDs(_ gold: GoldDocument, _ text: String, _ predicted: Extraction) -> [String: String] {
        entityMapping(gold, text, predicted)
    }

    /// A predicted claim's speaker and arguments → gold ids exactly as `evaluate` maps them (for error listings):
    /// `speaker` gives "unnamed" for a source without a mapped entity, `argument` nil for no argument.
    public static func slotMappings(_ gold: GoldDocument, _ text: String, _ predicted: Extraction, actors: ActorConvention)
        -> (speaker: (ClaimArgument) -> String, argument: (ClaimArgument?) -> String?) {
        let goldIDOf = entityMapping(gold, text, predicted)
        let mapped = argumentMapping(gold, text, predicted, goldIDOf, statesAct: actors == .states)
        let described = describedSourceMapping(gold, text)
        return ({ $0.entityID == nil ? described($0) : mapped($0) ?? "unnamed" }, mapped)
    }
}

extension ClaimEvaluator {
    /// A claim argument → gold id: its entity's document-level gold id; else, when that entity matches no gold
    /// mention exactly, the gold entity of a gold mention that lies inside the argument's span and contains one of
    /// the entity's mentions ("Syrian" inside the gold mention "Syrian regime" inside "Syrian regime aircraft");
    /// else (an argument whose entity the gold does not list under that name: a state named by its nationality,
    /// "Russian jets" → Russia) the gold entity of a gold mention covering the argument's words, or of the gold
    /// mentions inside them when they name one gold entity only; else "predicted:<id>". Nil for no argument or an argument without entity.
    /// With `statesAct`, an actor's state that the gold does not list under the words used maps to the gold entity
    /// whose id is the state's name ("Syria" → `syria`: FA-KES keeps one id per state, named after it).
    static func argumentMapping(_ gold: GoldDocument, _ text: String, _ predicted: Extraction,
                                _ goldIDOf: [String: String], statesAct: Bool = false) -> (ClaimArgument?) -> String? {
        var strings = [(String, Int)]()
        for (i, e) in gold.entities.enumerated() { for m in e.mentions { strings.append((m, i)) } }
        let goldSpans = GoldFile.spans(of: strings, in: text)
        var mentionsOf = [String: [Mention]]()
        for e in predicted.entities { mentionsOf[e.id, default: []] += e.mentions }
        // a predicted state → its name as a gold id would spell it ("Syria" → "syria", "Saudi Arabia" → "saudi_arabia")
        var statesByID = [String: String]()
        for e in predicted.entities where e.type == .location {
            statesByID[e.id] = e.name.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: "_")
        }
        return { arg in
            guard let arg else { return nil }
            // the state an actor stands for is the system's answer for it ("Syrian jets", "the Syrian Arab Army",
            // "government forces" → Syria)
            if statesAct, let state = arg.state {
                if let g = goldIDOf[state] { return g }
                // the state the gold lists under its own name ("syria", "russia") though not under the words used here
                let name = statesByID[state] ?? state.split(separator: ":").last.map { $0.replacingOccurrences(of: "-", with: "_") } ?? state
                if let g = gold.entities.first(where: { $0.id == name }) { return g.id }
            }
            guard let id = arg.entityID else { return nil }
            if let g = goldIDOf[id] { return g }
            for m in mentionsOf[id] ?? [] where m.start >= arg.start && m.end <= arg.end {
                if let g = goldSpans.first(where: { $0.start <= m.start && $0.end >= m.end && $0.start >= arg.start && $0.end <= arg.end
                                                    && $0.end - $0.start > m.end - m.start }) {
                    return gold.entities[g.owner].id
                }
            }
            // a state named by its nationality ("Russian jets" → Russia): the argument's own words are the gold mention
            // (or the gold mention inside the argument's words, when they hold one gold entity only)
            if let g = goldSpans.first(where: { $0.start <= arg.start && $0.end >= arg.end }) { return gold.entities[g.owner].id }
            let inside = Set(goldSpans.filter { $0.start >= arg.start && $0.end <= arg.end }.map(\.owner))
            if inside.count == 1 { return gold.entities[inside.first!].id }
            return "predicted:" + id
        }
    }
}

extension ClaimEvaluator {
    /// A speaker the system names by its words only ("Syrian state television", "a monitoring group"): the gold
    /// entity whose gold mention those words are (or hold, when they hold one gold entity's mentions only: "the
    /// Homs state television" around "state television"); else an unnamed source.
    static func describedSourceMapping(_ gold: GoldDocument, _ text: String) -> (ClaimArgument) -> String {
        var strings = [(String, Int)]()
        for (i, e) in gold.entities.enumerated() { for m in e.mentions { strings.append((m, i)) } }
        let goldSpans = GoldFile.spans(of: strings, in: text)
        return { arg in
            if let g = goldSpans.first(where: { $0.start == arg.start && $0.end == arg.end }) { return gold.entities[g.owner].id }
            let inside = Set(goldSpans.filter { $0.start >= arg.start && $0.end <= arg.end }.map(\.owner))
            if inside.count == 1 { return gold.entities[inside.first!].id }
            return "unnamed"
        }
    }
}

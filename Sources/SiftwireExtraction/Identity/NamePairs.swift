import Foundation

/// One labelled pair of person-name forms (`realdev/namepairs/pairs.jsonl`, see its README).
public struct NamePair: Codable, Sendable, Hashable {
    public var a: String
    public var b: String
    public var same: Bool
    public var kind: String
    public var note: String?
    /// The other person names of the corpus, for forms only decidable against one.
    public var context: [String]?

    public init(a: String, b: String, same: Bool, kind: String, note: String? = nil, context: [String]? = nil) {
        self.a = a
        self.b = b
        self.same = same
        self.kind = kind
        self.note = note
        self.context = context
    }

    /// Parses JSON lines; blank lines are skipped. Errors name the line.
    public static func parse(_ text: String) throws -> [NamePair] {
        var pairs: [NamePair] = []
        let decoder = JSONDecoder()
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            do {
                pairs.append(try decoder.decode(NamePair.self, from: Data(trimmed.utf8)))
            } catch {
                throw NamePairError(line: n + 1, reason: "\(error)")
            }
        }
        return pairs
    }
}

public struct NamePairError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "name pairs line \(line): \(reason)" }
}

/// Decides whether two name forms are one person the way the index links them: the actor
/// dictionary first (two names of one entry), then `ArabicName` structure, and for a form that
/// needs a corpus (a bare kunya or nisbah, or any shorter form when `context` is given) only when
/// the longer form is its sole compatible carrier among the corpus names.
public struct NameLinker: Sendable {
    /// Matching key of a dictionary name → the entries holding it, with the name's structure.
    private var entriesByKey: [String: [(entry: Int, name: ArabicName)]] = [:]

    public init(dictionary: [DictionaryEntry] = []) {
        for (k, entry) in dictionary.enumerated() where entry.type == .person {
            for name in [entry.name] + entry.aliases {
                entriesByKey[MatchingKey.key(name), default: []].append((k, ArabicName(name)))
            }
        }
    }

    /// The dictionary entries naming `name` (same key and equivalent structure), or nil.
    func entries(_ text: String, _ name: ArabicName) -> Set<Int>? {
        let found = Set((entriesByKey[MatchingKey.key(text)] ?? []).filter { ArabicName.relation($0.name, name) == .equivalent }.map(\.entry))
        return found.isEmpty ? nil : found
    }

    public struct Decision: Sendable, Hashable {
        public var same: Bool
        /// `dictionary`, `transliteration key`, `contained name…`, `ambiguous` or `different`.
        public var reason: String
    }

    public func decide(_ a: String, _ b: String, context: [String]? = nil) -> Decision {
        let na = ArabicName(a), nb = ArabicName(b)
        if !na.needsCorpus && !nb.needsCorpus, let ea = entries(a, na), let eb = entries(b, nb) {
            // full names of dictionary entries: the dictionary knows
            return ea.isDisjoint(with: eb) ? Decision(same: false, reason: "different dictionary entries")
                : Decision(same: true, reason: "dictionary")
        }
        let relation = ArabicName.relation(na, nb)
        guard relation.compatible else { return Decision(same: false, reason: "different") }
        guard let context else { return Decision(same: true, reason: relation.reason) }
        let (short, long, longText) = na.parts.count <= nb.parts.count ? (na, nb, b) : (nb, na, a)
        var names: [String] = []
        for name in context + [longText] where !names.contains(name) { names.append(name) }
        let corpus = names.map(ArabicName.init)
        guard let k = ArabicName.uniqueCarrier(of: short, in: corpus), ArabicName.relation(corpus[k], long) == .equivalent else {
            return Decision(same: false, reason: "ambiguous")
        }
        return Decision(same: true, reason: relation.reason)
    }
}

/// Precision and recall of the same/different decision over a pair set, overall and per kind.
public struct NamePairReport: Codable, Sendable {
    public struct Score: Codable, Sendable, Hashable {
        public var pairs = 0
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        public var trueNegatives = 0
        public var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
        public var correct: Int { truePositives + trueNegatives }

        mutating func add(gold: Bool, predicted: Bool) {
            pairs += 1
            switch (gold, predicted) {
            case (true, true): truePositives += 1
            case (false, true): falsePositives += 1
            case (true, false): falseNegatives += 1
            case (false, false): trueNegatives += 1
            }
        }

        enum CodingKeys: String, CodingKey { case pairs, truePositives, falsePositives, falseNegatives, trueNegatives, precision, recall }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(pairs, forKey: .pairs)
            try c.encode(truePositives, forKey: .truePositives)
            try c.encode(falsePositives, forKey: .falsePositives)
            try c.encode(falseNegatives, forKey: .falseNegatives)
            try c.encode(trueNegatives, forKey: .trueNegatives)
            try c.encode((precision * 1000).rounded() / 1000, forKey: .precision)
            try c.encode((recall * 1000).rounded() / 1000, forKey: .recall)
        }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            pairs = try c.decode(Int.self, forKey: .pairs)
            truePositives = try c.decode(Int.self, forKey: .truePositives)
            falsePositives = try c.decode(Int.self, forKey: .falsePositives)
            falseNegatives = try c.decode(Int.self, forKey: .falseNegatives)
            trueNegatives = try c.decode(Int.self, forKey: .trueNegatives)
        }
    }

    public struct Miss: Codable, Sendable, Hashable {
        public var a: String
        public var b: String
        public var kind: String
        public var gold: Bool
        public var reason: String
        /// The two forms' parts, for reading the errors.
        public var parts: String
    }

    /// The kind no string rule can find (nom de guerre vs real name): only the dictionary may.
    public static let aliasKnowledge = "alias-knowledge"

    /// Every pair, with the dictionary.
    public var overall = Score()
    /// Without the `alias-knowledge` kind (what the floors check).
    public var withoutAliasKnowledge = Score()
    /// Without `alias-knowledge` and without the dictionary: the name structure alone.
    public var structureOnly = Score()
    public var kinds: [String: Score] = [:]
    public var errors: [Miss] = []

    public static func evaluate(_ pairs: [NamePair], linker: NameLinker) -> NamePairReport {
        var report = NamePairReport()
        let structure = NameLinker()
        for pair in pairs {
            let decision = linker.decide(pair.a, pair.b, context: pair.context)
            report.overall.add(gold: pair.same, predicted: decision.same)
            report.kinds[pair.kind, default: Score()].add(gold: pair.same, predicted: decision.same)
            if pair.kind != aliasKnowledge {
                report.withoutAliasKnowledge.add(gold: pair.same, predicted: decision.same)
                report.structureOnly.add(gold: pair.same, predicted: structure.decide(pair.a, pair.b, context: pair.context).same)
            }
            if decision.same != pair.same {
                report.errors.append(Miss(a: pair.a, b: pair.b, kind: pair.kind, gold: pair.same, reason: decision.reason,
                                          parts: "\(ArabicName(pair.a)) | \(ArabicName(pair.b))"))
            }
        }
        return report
    }

    public func table(title: String) -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        func row(_ name: String, _ s: Score) -> String {
            name.padding(toLength: 26, withPad: " ", startingAt: 0)
                + String(format: "%5d %5d %4d %4d %4d   ", s.pairs, s.truePositives, s.falsePositives, s.falseNegatives, s.trueNegatives)
                + f(s.precision) + "  " + f(s.recall)
        }
        var lines = ["name pairs: \(title) (a tuning set, written by us)",
                     "".padding(toLength: 26, withPad: " ", startingAt: 0) + "pairs    TP   FP   FN   TN   precision recall"]
        lines.append(row("all (with dictionary)", overall))
        lines.append(row("without alias-knowledge", withoutAliasKnowledge))
        lines.append(row("  structure only", structureOnly))
        lines.append("per kind:")
        for kind in kinds.keys.sorted() { lines.append(row("  " + kind, kinds[kind]!)) }
        if !errors.isEmpty {
            lines.append("wrong decisions (\(errors.count)):")
            for e in errors {
                lines.append("  [\(e.kind)] \(e.a) | \(e.b): gold \(e.gold ? "same" : "different"), decided \(e.reason) [\(e.parts)]")
            }
        }
        return lines.joined(separator: "\n")
    }
}

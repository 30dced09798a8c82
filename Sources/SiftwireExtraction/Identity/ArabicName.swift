/// The structure of a (mostly Arabic) person name, over transliteration-aware word keys, and when two
/// forms of a name can be one person.
///
/// A surface form is split into parts, in order:
/// - **kunya**: `Abu X` / `Umm X` (`Abu al-Hussein`, `Abu-Ahmed`, `Abou Mohammed`): one part, marker and name;
/// - **ism**: the given name, the first word that is neither a kunya nor an `al-` word;
/// - **nasab**: the father's (grandfather's…) names, after `bin`/`ibn`/`bint` or simply after the ism
///   (`Ibrahim Awad Ibrahim al-Badri`);
/// - **nisbah**: an `al-X` word after the ism or kunya (`al-Qurashi`, `al-Iraqi`, `al-Muhajir`), or a family
///   name at the end (`Nasrallah`, `Al Thani`);
/// - **laqab**: an honorific name after `Hajj`/`Sayyed`… (`Hajj Radwan`).
///
/// Words are compared by their `MatchingKey` word keys after a few name-level rewrites: articles
/// (`al-`/`el-`/`Al `/assimilated `ash-`/`as-`/`az-`…) are dropped, `Abd al-X`/`Abdel X`/`Abdul-X`/`AbdelX`
/// become one word, `X al-Din`/`Xeddine`/`X Eddin` become one word, titles in front are dropped, a
/// feminine nisbah `al-Halabiya` is `al-Halabi`, and `gh-`/`dh`/`ch`/final `-ih` fold to `q-`/`th`/`sh`/`-eh`. Two words are
/// compatible when their keys are equal and their first vowels are not `a` against `i` (Hashem/Hisham).
///
/// `ArabicName.relation(_:_:)` says how two forms relate: `equivalent` (same parts in the same order),
/// `contained` (every part of the shorter appears compatibly, in order, in the longer, with the same
/// kunya and the same first name when the shorter has them: `Abu al-Hussein al-Husseini` ⊂ `Abu
/// al-Hussein al-Husseini al-Qurashi`), `kunyaOnly` (`Abu Ibrahim` and a name with that kunya),
/// `bareNisbah` (`Qurashi` and a name carrying it after its first name) or `different` (a nisbah swap,
/// a father and son, two brothers). The last two, and `contained` in general, only link in a corpus
/// where the shorter form has exactly one compatible carrier (`ArabicName.uniqueCarrier`).
public struct ArabicName: Sendable, Hashable, CustomStringConvertible {
    public enum Role: String, Sendable, Hashable, Codable {
        case kunya, ism, nasab, nisbah, laqab
    }

    public struct Part: Sendable, Hashable {
        public var role: Role
        /// Comparison key: the word key, or `abu:<key>` / `umm:<key>` for a kunya.
        public var key: String
        /// The words as written (articles kept).
        public var text: String
        /// First vowel after the first consonant: a, e, i or u (o/u), 0 when none.
        var vowel: UInt8
    }

    public var parts: [Part]
    /// The surface form parsed.
    public var surface: String

    public var kunya: Part? { parts.first { $0.role == .kunya } }
    public var ism: Part? { parts.first { $0.role == .ism } }
    public var nasab: [Part] { parts.filter { $0.role == .nasab } }
    public var nisbahs: [Part] { parts.filter { $0.role == .nisbah } }
    public var laqab: Part? { parts.first { $0.role == .laqab } }

    /// A bare kunya: `Abu Ibrahim`.
    public var isKunyaOnly: Bool { parts.count == 1 && parts[0].role == .kunya }
    /// One word that is not a kunya: `Qurashi`, `al-Assad`.
    public var isBare: Bool { parts.count == 1 && parts[0].role != .kunya }
    /// A form that names someone only against a corpus: a bare kunya or a bare word.
    public var needsCorpus: Bool { parts.count <= 1 }

    public var description: String {
        parts.map { "\($0.role.rawValue):\($0.key)" }.joined(separator: " ")
    }

    public init(_ surface: String) {
        self.surface = surface
        self.parts = Self.parse(surface)
    }

    // MARK: relation

    public enum Relation: String, Sendable, Hashable, Codable {
        /// Same parts in the same order (spelling, article, hyphenation or `bin` differences only).
        case equivalent
        /// The shorter form's parts all appear, in order and compatibly, in the longer.
        case contained
        /// A bare kunya and a fuller name with that kunya.
        case kunyaOnly
        /// A bare nisbah or family name and a fuller name carrying it after its first name.
        case bareNisbah
        case different

        /// Whether the two forms may be one person (always true for `equivalent`; the others need a
        /// unique carrier in the corpus).
        public var compatible: Bool { self != .different }

        /// The explanation shown to analysts.
        public var reason: String {
            switch self {
            case .equivalent: "transliteration key"
            case .contained: "contained name"
            case .kunyaOnly: "contained name (kunya)"
            case .bareNisbah: "contained name (nisbah)"
            case .different: "different"
            }
        }
    }

    /// How two forms relate (symmetric).
    public static func relation(_ a: ArabicName, _ b: ArabicName) -> Relation {
        if a.parts.isEmpty || b.parts.isEmpty { return .different }
        if a.parts.count == b.parts.count {
            if zip(a.parts, b.parts).allSatisfy({ compatible($0, $1) }) { return .equivalent }
            return .different
        }
        let (s, l) = a.parts.count < b.parts.count ? (a, b) : (b, a)
        return s.containment(in: l)
    }

    public static func relation(_ a: String, _ b: String) -> Relation { relation(ArabicName(a), ArabicName(b)) }

    /// How `self` (the shorter form) sits inside `longer`.
    func containment(in longer: ArabicName) -> Relation {
        let s = parts, l = longer.parts
        guard s.count < l.count, !s.isEmpty else { return .different }
        if s.count == 1 {
            let p = s[0]
            if p.role == .kunya {
                return l.contains { $0.role == .kunya && Self.compatible($0, p) } ? .kunyaOnly : .different
            }
            // a bare word: a nisbah or family name of the longer, never its kunya, first name or father's name
            return l.contains { $0.role == .nisbah && Self.compatible($0, p) } ? .bareNisbah : .different
        }
        var i = 0, j = 0
        if s[0].role == .kunya {
            guard l[0].role == .kunya, Self.compatible(s[0], l[0]) else { return .different }
            i = 1; j = 1
        } else {
            // the same first name (a son's name holds his father's after his own)
            guard let first = l.firstIndex(where: { $0.role != .kunya }), Self.compatible(s[0], l[first]) else { return .different }
            i = 1; j = first + 1
        }
        while i < s.count && j < l.count {
            if Self.compatible(s[i], l[j]) { i += 1 }
            j += 1
        }
        return i == s.count ? .contained : .different
    }

    static func compatible(_ a: Part, _ b: Part) -> Bool {
        guard a.key == b.key else { return false }
        // Hashem/Hisham fold to one key; a against i in the first syllable keeps them apart
        let v = (a.vowel, b.vowel)
        return !(v == (0x61, 0x69) || v == (0x69, 0x61))
    }

    // MARK: corpus

    /// The one name in `corpus` that `name` can be, or nil when none or several can. A form with
    /// several parts links to an equivalent name or one that contains it; a bare kunya or a bare
    /// nisbah only to its sole carrier. A corpus name identical to `name` counts as a carrier (the
    /// corpus then already has that form as someone).
    public static func uniqueCarrier(of name: ArabicName, in corpus: [ArabicName]) -> Int? {
        var found: Int?
        for (k, other) in corpus.enumerated() where relation(name, other).compatible {
            if found != nil { return nil }
            found = k
        }
        return found
    }

    /// Whether `id` is the id the engine derives from one of `names` (`person:abu-bkr-al-bghdadi`), not a
    /// dictionary id (`person:baghdadi`).
    public static func isDerivedID(_ id: String, names: [String]) -> Bool {
        guard let colon = id.firstIndex(of: ":") else { return false }
        let slug = id[id.index(after: colon)...]
        return names.contains { MatchingKey.idKey($0) == slug }
    }

    /// The id the engine derives for an unknown person named `name`.
    public static func derivedPersonID(_ name: String) -> String { "person:" + MatchingKey.idKey(name) }

    // MARK: parsing

    static let articles: Set<String> = ["al", "el", "il", "ul"]
    static let assimilated: Set<String> = [
        "as", "ash", "az", "ad", "adh", "ar", "at", "ath", "an", "es", "ez", "ed", "er", "et", "en", "ud", "us", "ut", "ur", "un", "ush",
        "ed", "ec",
    ]
    static let nasabMarkers: Set<String> = ["bin", "ibn", "ben", "bint", "ibnat", "binti"]
    static let kunyaMarkers: [String: String] = ["abu": "abu", "abou": "abu", "abo": "abu", "umm": "umm", "um": "umm", "om": "umm", "umm-": "umm"]
    static let titles: Set<String> = [
        "sayyed", "sayyid", "sayed", "sayid", "seyyed", "sheikh", "shaykh", "sheik", "shaikh", "mullah", "imam", "dr", "mr", "mrs", "ms",
    ]
    static let laqabTitles: Set<String> = ["hajj", "haj", "haji", "hajji"]
    static let abdPrefixes = ["abdel", "abdul", "abdal", "abdol", "abdoul", "abd"]
    static let dinSuffixes = ["eddine", "eddin", "uddin", "iddin", "addin", "edine", "ddine"]
    static let dinWords: Set<String> = ["din", "deen", "dine", "eddine", "eddin", "edine", "uddin", "ddin"]

    struct Word {
        var text: String
        var lower: String
        var articled: Bool
    }

    /// A name's parts, in four steps: its words, the titles in front, compounds, the parts' roles.
    static func parse(_ surface: String) -> [Part] {
        var words = self.words(surface)
        let laqabNext = dropTitles(&words)
        let parts = self.parts(compounds(words), laqabNext: laqabNext)
        return parts.filter { !$0.key.isEmpty && $0.key != "abu:" && $0.key != "umm:" }
    }

    /// 1. Words, split on spaces and hyphens/dashes; articles marked on the word they precede.
    static func words(_ surface: String) -> [Word] {
        var raw: [(text: Substring, hyphenAfter: Bool)] = []
        var scalars = surface.unicodeScalars[...]
        while !scalars.isEmpty {
            guard let start = scalars.firstIndex(where: { !isSeparator($0) }) else { break }
            scalars = scalars[start...]
            let end = scalars.firstIndex(where: isSeparator) ?? scalars.endIndex
            let word = Substring(scalars[..<end])
            let hyphen = end < scalars.endIndex && isHyphen(scalars[end])
            raw.append((word, hyphen))
            scalars = scalars[end...]
        }
        var words: [Word] = []
        var pendingArticle = false
        for (k, w) in raw.enumerated() {
            var lower = w.text.lowercased()
            lower.removeAll { $0 == "'" || $0 == "’" || $0 == "‘" || $0 == "ʿ" || $0 == "ʾ" || $0 == "`" || $0 == "." || $0 == "," }
            if lower.isEmpty { continue }
            let isLast = k == raw.count - 1
            if !isLast && (articles.contains(lower) || (w.hyphenAfter && assimilated.contains(lower))) {
                pendingArticle = true
                continue
            }
            words.append(Word(text: String(w.text), lower: lower, articled: pendingArticle))
            pendingArticle = false
        }
        return words
    }

    /// 2. Titles in front are dropped; true when one was a hajj title, which makes the next word a laqab.
    static func dropTitles(_ words: inout [Word]) -> Bool {
        var laqabNext = false
        while words.count > 1, titles.contains(words[0].lower) || laqabTitles.contains(words[0].lower) {
            if laqabTitles.contains(words[0].lower) { laqabNext = true }
            words.removeFirst()
        }
        return laqabNext
    }

    /// 3. Compounds: Abd al-X / Abdel X / AbdelX -> abdX; X al-Din / Xeddine -> Xdin.
    static func compounds(_ words: [Word]) -> [Word] {
        var merged: [Word] = []
        var k = 0
        while k < words.count {
            var w = words[k]
            if k + 1 < words.count, ["abd", "abdel", "abdul", "abdal", "abdol", "abdoul", "abdu"].contains(w.lower) {
                let next = words[k + 1]
                w = Word(text: w.text + " " + next.text, lower: "abd" + next.lower, articled: w.articled)
                k += 2
            } else {
                if let p = abdPrefixes.first(where: { w.lower.hasPrefix($0) && w.lower.count > $0.count + 2 }), p != "abd" {
                    w.lower = "abd" + w.lower.dropFirst(p.count)
                }
                k += 1
            }
            if dinWords.contains(w.lower), let last = merged.last, !kunyaMarkers.keys.contains(last.lower), !nasabMarkers.contains(last.lower) {
                merged[merged.count - 1] = Word(text: last.text + " " + w.text, lower: last.lower + "din", articled: last.articled)
                continue
            }
            if let suffix = dinSuffixes.first(where: { w.lower.hasSuffix($0) && w.lower.count >= $0.count + 3 }) {
                w.lower = String(w.lower.dropLast(suffix.count)) + "din"
            }
            merged.append(w)
        }
        return merged
    }

    /// 4. Parts: kunya (Abu/Umm X), then ism, nasab (after bin/ibn, or names after the ism), nisbah
    /// (articled, or a family name at the end) and laqab (after a hajj title).
    static func parts(_ merged: [Word], laqabNext: Bool) -> [Part] {
        var parts: [Part] = []
        var k2 = 0
        var afterNasabMarker = false
        var seenIsm = false
        while k2 < merged.count {
            let w = merged[k2]
            if let marker = kunyaMarkers[w.lower], k2 + 1 < merged.count, parts.allSatisfy({ $0.role == .kunya }) {
                let next = merged[k2 + 1]
                parts.append(Part(role: .kunya, key: marker + ":" + wordKey(next.lower), text: w.text + " " + (next.articled ? "al-" : "") + next.text,
                                  vowel: firstVowel(next.lower)))
                k2 += 2
                continue
            }
            if nasabMarkers.contains(w.lower), k2 + 1 < merged.count, !parts.isEmpty {
                afterNasabMarker = true
                k2 += 1
                continue
            }
            var lower = w.lower
            if w.articled, lower.count > 5, let s = ["iyyah", "iyah", "iyya", "iya"].first(where: { lower.hasSuffix($0) }) {
                lower = String(lower.dropLast(s.count)) + "i"
            }
            let role: Role
            if laqabNext && parts.isEmpty {
                role = .laqab
            } else if afterNasabMarker {
                role = .nasab
            } else if w.articled || merged.count == 1 {
                role = .nisbah
            } else if !seenIsm {
                role = .ism
            } else {
                role = k2 == merged.count - 1 ? .nisbah : .nasab
            }
            if role == .ism || role == .laqab { seenIsm = true }
            afterNasabMarker = false
            parts.append(Part(role: role, key: wordKey(lower), text: (w.articled ? "al-" : "") + w.text, vowel: firstVowel(lower)))
            k2 += 1
        }
        return parts
    }

    static func isHyphen(_ c: Unicode.Scalar) -> Bool {
        c == "-" || c == "\u{2010}" || c == "\u{2011}" || c == "\u{2012}" || c == "\u{2013}" || c == "\u{2014}"
    }

    static func isSeparator(_ c: Unicode.Scalar) -> Bool {
        isHyphen(c) || c.properties.isWhitespace || c == "(" || c == ")" || c == "\"" || c == "“" || c == "”"
    }

    /// The matching key of one lower-cased word, after the name-level letter folds.
    static func wordKey(_ lower: String) -> String {
        var w = lower
        if w.hasPrefix("gh") { w = "q" + w.dropFirst(2) }
        if w.contains("dh") { w = w.replacingAll("dh", with: "th") }
        if w.contains("ch") { w = w.replacingAll("ch", with: "sh") }
        if w.count > 3, w.hasSuffix("ih") { w = String(w.dropLast(2)) + "eh" } // Salih/Saleh
        return MatchingKey.key(w)
    }

    /// First vowel after the first consonant: a, e, i or u (for o/u); 0 when none.
    static func firstVowel(_ lower: String) -> UInt8 {
        var sawConsonant = false
        for c in lower.unicodeScalars {
            let b = Scalars.foldBase(c.value)
            guard b < 0x80 else { continue }
            switch UInt8(b) {
            case 0x61, 0x65, 0x69: if sawConsonant { return UInt8(b) }
            case 0x6F, 0x75: if sawConsonant { return 0x75 }
            case 0x61...0x7A: sawConsonant = true
            default: continue
            }
        }
        return 0
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}

extension Substring {
    fileprivate func range(of target: String) -> Range<Substring.Index>? {
        guard !target.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(target) { return i..<index(i, offsetBy: target.count) }
            i = index(after: i)
        }
        return nil
    }
}

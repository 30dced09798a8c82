import Foundation
import SiftwireExtraction

/// Generator of deterministic, story-shaped conflict-reporting articles for benchmarks and load tests.
///
/// Each article is one story: a region (a dictionary LOCATION, Zipf-weighted so a few places dominate and
/// most are rare), 2–4 organisations, 1–3 dictionary persons and 0–3 invented local people (names composed
/// from given/family/nisba lists, so distinct persons keep growing with the corpus). The first mention of an
/// actor uses its canonical name, later ones an alias, a transliteration variant or a short form; some
/// sentences say "X, also known as Y" or "formerly known as"; attributed statements give claims extraction
/// work; about half the sentences name nobody (aid, prices, weather, procedure), composed from phrase lists
/// so the vocabulary, and with it full-text selectivity, is varied. Lengths are uniform in 2,000–5,000 bytes;
/// dates are spread over 2012–2025. All text is composed here from phrase lists written for Siftwire.
struct SyntheticCorpus {
    /// One named thing an article talks about, with the other forms mentions may use.
    struct Actor {
        var name: String
        /// Transliteration variants of `name` (Idleb for Idlib), one of which a story may use throughout.
        var variants: [String] = []
        /// Aliases and short forms ("HTS", "al-Julani") for later mentions and "also known as" asides.
        var aliases: [String] = []
    }

    /// Dictionary entries of one type, in prominence order, with Zipf weights.
    struct Pool {
        var actors: [Actor]
        var cumulative: [Double]

        init(_ actors: [Actor], exponent: Double = 1.0) {
            self.actors = actors
            var total = 0.0
            cumulative = actors.indices.map { rank in
                total += 1 / pow(Double(rank + 1), exponent)
                return total
            }
        }

        var isEmpty: Bool { actors.isEmpty }

        func pick(_ rng: inout SeededRandom) -> Actor {
            let u = Double(rng.next() >> 11) / Double(1 << 53) * (cumulative.last ?? 0)
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
            }
            return actors[lo]
        }
    }

    let places: Pool
    let organisations: Pool
    let persons: Pool
    let groups: Pool

    /// Locations that lead the region ranking when present (the places conflict reporting names most).
    static let prominentPlaces = ["loc:idlib", "loc:aleppo", "loc:syria", "loc:damascus", "loc:raqqa", "loc:deir-ez-zor",
                                  "loc:hama", "loc:afrin", "loc:sarmada", "loc:homs", "loc:manbij", "loc:turkey", "loc:daraa"]

    init(entries: [DictionaryEntry]) {
        func actors(_ type: EntityType) -> [Actor] {
            entries.filter { $0.type == type }.map { Self.actor($0) }
        }
        var locations = entries.filter { $0.type == .location }
        let firstRegional = locations.firstIndex { $0.id == "loc:damascus" } ?? locations.count
        let regional = Set(locations[firstRegional...].map(\.id))
        let head = Self.prominentPlaces.compactMap { id in locations.first { $0.id == id } }
        locations.removeAll { Self.prominentPlaces.contains($0.id) }
        places = Pool((head + locations).map { Self.actor($0, regional: regional.contains($0.id)) })
        organisations = Pool(actors(.org), exponent: 0.9)
        persons = Pool(actors(.person), exponent: 0.9)
        groups = Pool(actors(.norp), exponent: 1.1)
    }

    /// Words that mark a name as transliterated from Arabic (so spelling variants of it are realistic).
    static let arabicMarkers = ["al-", "ash-", "ad-", "ar-", "as-", "at-", "az-", "ez-", "Abu ", "Jabhat", "Jaysh", "Hay'at",
                                "Harakat", "Liwa", "Faylaq", "Ahrar", "Hurras", "Ansar", "Kataib", "Saraya"]

    /// `regional`: a place in the region (the dictionary lists countries and world capitals first, up to Damascus).
    static func actor(_ entry: DictionaryEntry, regional: Bool = false) -> Actor {
        // Long descriptive aliases ("Islamic State of Iraq and the Levant") are rare in running text.
        let usable = entry.aliases.filter { $0.split(separator: " ").count <= 4 }
        let transliterated = regional || arabicMarkers.contains { entry.name.contains($0) }
        return Actor(name: entry.name, variants: transliterated ? TransliterationVariants.of(entry.name) : [], aliases: usable)
    }

    /// `documents` articles, deterministic for `seed`.
    func articles(_ documents: Int, seed: UInt64) -> [String] {
        var rng = SeededRandom(seed: seed)
        return (0..<documents).map { _ in article(&rng) }
    }

    func article(_ rng: inout SeededRandom) -> String {
        var story = Story(corpus: self, rng: &rng)
        return story.write(&rng)
    }
}

extension ExtractionBenchmark {
    /// `documents` story-shaped articles of 2,000–5,000 bytes naming actors from `entries` (normally the seed
    /// dictionary), deterministic for a given seed and dictionary. See `SyntheticCorpus`.
    public static func syntheticCorpus(documents: Int, seed: UInt64, entries: [DictionaryEntry]) -> [String] {
        SyntheticCorpus(entries: entries).articles(documents, seed: seed)
    }
}

extension SeededRandom {
    mutating func pick<T>(_ a: [T]) -> T { a[Int(next() % UInt64(a.count))] }

    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func inRange(_ r: ClosedRange<Int>) -> Int { r.lowerBound + below(r.count) }
}

/// Spelling variants of a name that fold to the same `MatchingKey` (Idlib/Idleb, Julani/Jolani, Raqqa/Raqa).
enum TransliterationVariants {
    /// Alternations real transliterations show; a candidate is kept only if it folds to the same key.
    static let rewrites: [(String, String)] = [("lib ", "leb "), ("ir ", "eer "), ("ou", "u"), ("u", "ou"), ("Mohammad", "Muhammad"),
                                                ("Muhammad", "Mohammed"), ("Jul", "Jol"), ("ei", "ay"), ("a ", "ah "), ("ee", "i"),
                                                ("qq", "q"), ("aa", "a"), ("ss", "s"), ("al-", "el-"), ("ay", "ai")]

    static func of(_ name: String) -> [String] {
        let key = MatchingKey.key(name)
        let padded = name + " "
        var out: [String] = []
        for (from, to) in rewrites {
            var search = padded.index(after: padded.startIndex)..<padded.endIndex
            while let r = padded.range(of: from, range: search) {
                var candidate = padded
                candidate.replaceSubrange(r, with: to)
                candidate.removeLast()
                if candidate != name, !out.contains(candidate), MatchingKey.key(candidate) == key { out.append(candidate) }
                search = r.upperBound..<padded.endIndex
                if out.count >= 3 { return out }
            }
        }
        return out
    }
}

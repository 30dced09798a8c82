/// Deterministic synthetic corpus for throughput measurements (not used by the engine).
public enum ExtractionBenchmark {
    struct RNG { // SplitMix64
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ a: [T]) -> T { a[Int(next() % UInt64(a.count))] }
    }
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
        var rng = RNG(state: seed)
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

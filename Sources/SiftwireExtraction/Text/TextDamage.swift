/// Damage that copying and scraping leave in news text:
///
/// * **Mojibake** (in `TextRepair`'s line pass, `mojibake(_:_:_:)`): UTF-8 read as Windows-1252 or Latin-1
///   ("â€™" → "’", "Ã©" → "é"); the decoded character replaces the run (mapped to the run's first raw offset),
///   then quotes and dashes are normalised as usual.
/// * **Lost apostrophes inside words**: a "?" or "�" standing for an apostrophe between letters ("Syria?s",
///   "don?t") becomes one.
/// * **Stripped possessive apostrophes** ("Syrias army", "Assads forces", "SANAs correspondent"): a capitalised
///   word W+"s" gets its apostrophe back (an inserted "'" mapped to the raw "s") when W stands alone elsewhere in
///   the document (or W ends in "ia", "o" or a consonant + "y", which make no plural in -s, between lower-case
///   words: "since Syrias conflict"), W never occurs in lower case there, and W is not a word whose plural ends in -s
///   (demonyms and members: "Syrians", "Kurds", "Islamists", "Alawites"; anything ending in "e": "States").
///   So "Syrias" is read as "Syria's", never as a new place.
///
/// Every repaired scalar keeps its raw offset, so spans still map back to the exact raw text.
enum TextDamage {
    static func undo(_ rt: RepairedText) -> RepairedText {
        let text = rt.text
        let n = text.count
        // quick exit: nothing that can be damage
        var suspicious = false
        for c in text where c == 0xFFFD || c == 0x3F || c == 0x73 { suspicious = true; break }
        guard suspicious else { return rt }
        let possessives = strippedPossessives(text)
        var out = [UInt32](), map = [Int32]()
        out.reserveCapacity(n + possessives.count)
        map.reserveCapacity(n + possessives.count + 1)
        var p = 0 // next candidate in possessives
        var i = 0
        while i < n {
            let c = text[i]
            if (c == 0x3F || c == 0xFFFD), i > 0, Scalars.isLetter(text[i - 1]), apostropheBefore(text, i + (c == 0xFFFD ? run(text, i) : 1)) {
                out.append(0x27); map.append(rt.map[i])
                i += c == 0xFFFD ? run(text, i) : 1
                continue
            }
            if p < possessives.count, possessives[p] == i {
                out.append(0x27); map.append(rt.map[i]); p += 1
            }
            out.append(c); map.append(rt.map[i])
            i += 1
        }
        map.append(rt.map[n])
        return RepairedText(raw: rt.raw, text: out, map: map)
    }

    /// Length of the run of U+FFFD starting at i.
    static func run(_ t: [UInt32], _ i: Int) -> Int {
        var j = i
        while j < t.count && t[j] == 0xFFFD { j += 1 }
        return j - i
    }

    /// Does an apostrophe belong before position j (the rest of a contraction or possessive: "s", "t", "ll", "re",
    /// "ve", "d", "m" ending the word)?
    static func apostropheBefore(_ t: [UInt32], _ j: Int) -> Bool {
        var e = j
        while e < t.count && Scalars.isLetter(t[e]) { e += 1 }
        let len = e - j
        guard len >= 1 && len <= 2 else { return false }
        let a = t[j] | 0x20, b = len == 2 ? t[j + 1] | 0x20 : 0
        switch (len, a, b) {
        case (1, 0x73, _), (1, 0x74, _), (1, 0x64, _), (1, 0x6D, _): return true // s t d m
        case (2, 0x6C, 0x6C), (2, 0x72, 0x65), (2, 0x76, 0x65): return true // ll re ve
        default: return false
        }
    }

    /// Windows-1252 bytes 0x80–0x9F by the character they show.
    static let cp1252: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02C6: 0x88,
        0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93,
        0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B,
        0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// The byte a character stands for when UTF-8 was shown as Windows-1252/Latin-1.
    @inline(__always) static func byte(_ c: UInt32) -> UInt8? {
        if c >= 0x80 && c <= 0xFF { return UInt8(c) }
        return cp1252[c]
    }

    /// A UTF-8 sequence shown as Windows-1252 starting at i: the character meant and how many scalars it took.
    static func mojibake(_ t: UnsafeBufferPointer<UInt32>, _ i: Int, _ end: Int) -> (UInt32, Int)? {
        guard let lead = byte(t[i]) else { return nil }
        let count: Int
        switch lead {
        case 0xC2...0xDF: count = 2
        case 0xE0...0xEF: count = 3
        case 0xF0...0xF4: count = 4
        default: return nil
        }
        guard i + count <= end else { return nil }
        var v = UInt32(lead) & (count == 2 ? 0x1F : count == 3 ? 0x0F : 0x07)
        for k in 1..<count {
            // a space or a character a scraper dropped (U+FFFD) can stand for a lost continuation byte; such runs
            // are left alone
            guard let b = byte(t[i + k]), b & 0xC0 == 0x80 else { return nil }
            v = v << 6 | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = count == 2 ? 0x80 : count == 3 ? 0x800 : 0x10000
        guard v >= minimum, v <= 0x10FFFF, !(0xD800...0xDFFF).contains(v) else { return nil }
        return (v, count)
    }

    /// Capitalised words that could be plurals, by the letters before the final "s".
    static let pluralStems: Set<String> = [
        "Kurd", "Arab", "Turk", "Muslim", "Jew", "Sunni", "Shia", "Druze", "Rebel", "Terrorist", "Militant", "Jihadist",
        "Civilian", "Activist", "Fighter", "Soldier", "Resident", "Islamist", "Official", "Leader", "Member", "Unit",
        "Report", "Attack", "Strike", "Airstrike", "Raid", "Kill", "Talk", "Clash", "Force", "Right", "Nation", "State",
        "Affair", "Refugee", "Child", "Woman", "Worker", "Doctor", "Group", "Source", "Minister", "Helmet",
        "NGO", "IDP", "MP", "UAV", "IED", "RPG", "CEO", "TV", "SUV",
    ]

    /// Words that follow a plural, not a possessive ("Transfers were", "Observers of").
    static let notAfterPossessive: Set<String> = [
        "were", "are", "was", "is", "have", "had", "has", "of", "in", "on", "and", "or", "to", "from", "with", "who", "that",
        "which", "will", "would", "said", "say", "could", "can", "for", "at", "as", "by",
    ]

    /// Names that end in a vowel + "s" of their own ("Thomas", "Abbas", "Honduras"): never a stripped possessive.
    static let sNames: Set<String> = [
        "Thomas", "Douglas", "Nicholas", "Honduras", "Caracas", "Kansas", "Arkansas", "Texas", "Atlas", "Vegas", "Lucas",
        "Judas", "Hamas", "Abbas", "Elias", "Ilyas", "Firas", "Feras", "Anas", "Yunas", "Andreas", "Barnabas", "Midas",
    ]

    /// Positions (in the repaired text) of the "s" of capitalised words W+"s" that are W's possessive.
    static func strippedPossessives(_ t: [UInt32]) -> [Int] {
        let n = t.count
        // words: [start, end) runs of letters
        var words = [(Int, Int)]()
        var i = 0
        while i < n {
            if Scalars.isLetter(t[i]) {
                var j = i + 1
                while j < n && Scalars.isLetter(t[j]) { j += 1 }
                words.append((i, j)); i = j
            } else { i += 1 }
        }
        func key(_ s: Int, _ e: Int) -> String { Scalars.string(t[s..<e]) }
        var candidates = [(Int, Int)]()
        for (s, e) in words where e - s >= 4 && t[e - 1] == 0x73 && Scalars.isUpper(t[s]) && !(s > 0 && t[s - 1] == 0x27) {
            // the possessive stands before a word ("Syrias army"), not before punctuation or at the end
            guard e + 1 < n, t[e] == 0x20, Scalars.isLetterOrDigit(t[e + 1]) else { continue }
            // a plural starting a sentence or followed by a verb or preposition ("Transfers were", "Observers of")
            var p = s - 1
            while p >= 0 && t[p] == 0x20 { p -= 1 }
            if p < 0 || t[p] == 0x2E || t[p] == 0x21 || t[p] == 0x3F || t[p] == 0x0A || t[p] == 0x22 { continue }
            var ne = e + 1
            while ne < n && Scalars.isLetter(t[ne]) { ne += 1 }
            if notAfterPossessive.contains(Scalars.string(t[(e + 1)..<ne])) { continue }
            let last = t[e - 2]
            // "States", "Forces", "Syrians", "Islamists", "Israelis", "Alawites"
            if last == 0x65 || last == 0x69 || last == 0x73 { continue }
            if last == 0x6E && e - s >= 4 && (t[e - 3] == 0x61) { continue } // -an
            if last == 0x74 && e - s >= 5 && (t[e - 3] == 0x73 || t[e - 3] == 0x69) { continue } // -ist, -ite handled by e
            candidates.append((s, e))
        }
        guard !candidates.isEmpty else { return [] }
        var standalone = Set<String>(), lower = Set<String>()
        for (s, e) in words {
            let w = key(s, e)
            standalone.insert(w)
            if Scalars.isLower(t[s]) { lower.insert(w) }
        }
        var out = [Int]()
        for (s, e) in candidates {
            let stem = key(s, e - 1)
            guard !pluralStems.contains(stem), !lower.contains(stem.lowercased()) else { continue }
            // a name ending in a vowel or a consonant + "y" ("Syria", "Aleppo", "Observatory") makes no plural in -s:
            // before a lower-case word ("Syrias conflict") it is the possessive even when the name stands nowhere alone
            let last = t[e - 2], beforeLast = t[e - 3]
            // "-ia", "-o", consonant + "y" ("Syria", "Aleppo", "Observatory"); not "-as" names ("Hurras", "Tafas", "Abbas")
            let vowelName = e - s >= 6 && (last == 0x61 && beforeLast == 0x69 || last == 0x6F || last == 0x79 && !"aeiou".unicodeScalars.contains { $0.value == beforeLast })
                && !sNames.contains(key(s, e))
            // … and only between lower-case words ("since Syrias conflict"), not inside a name ("Mahmoud Abbas said")
            let previousLower: Bool = {
                var p = s - 1
                while p >= 0 && !Scalars.isLetter(t[p]) { p -= 1 }
                while p > 0 && Scalars.isLetter(t[p - 1]) { p -= 1 } // the previous word's first letter
                return p < 0 || Scalars.isLower(t[p])
            }()
            guard standalone.contains(stem) || vowelName && previousLower && Scalars.isLower(t[e + 1]) else { continue }
            out.append(e - 1)
        }
        return out
    }
}

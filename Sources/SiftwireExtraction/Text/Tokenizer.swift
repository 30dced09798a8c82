/// A word token over a scalar buffer, with the facts the engine needs about it and the gap before it.
struct Token: Sendable {
    var start: Int32
    var end: Int32
    var flags: UInt16 = 0
    var gap: UInt16 = 0
    /// `LexBit` membership bits of `lit` (filled by `computeKeys`).
    var lex: UInt32 = 0
    /// Hash of the transliteration-folded key (articles fold to "al").
    var key: UInt64 = 0
    /// Hash of the literal lower-cased letters (used for acronyms and function words).
    /// `dictKey` is what a dictionary alias token is stored under: `lit` for acronyms, `key` otherwise.
    var lit: UInt64 = 0

    // flags
    static let cap: UInt16 = 1 << 0        // first letter upper-case
    static let allCaps: UInt16 = 1 << 1    // every letter upper-case (and at least one)
    static let lower: UInt16 = 1 << 2      // first letter lower-case
    static let digit: UInt16 = 1 << 3      // starts with a digit
    static let article: UInt16 = 1 << 4    // Arabic definite article (al-, el-, ash-, ...)
    static let sentStart: UInt16 = 1 << 5  // first token of a sentence / line
    static let possessive: UInt16 = 1 << 6 // followed by 's or '
    static let abbrev: UInt16 = 1 << 7     // followed by '.' that does not end the sentence

    // gap bits (characters between the previous token and this one)
    static let gSpace: UInt16 = 1 << 0
    static let gHyphen: UInt16 = 1 << 1
    static let gComma: UInt16 = 1 << 2
    static let gOpenParen: UInt16 = 1 << 3
    static let gCloseParen: UInt16 = 1 << 4
    static let gQuote: UInt16 = 1 << 5
    static let gSentence: UInt16 = 1 << 6   // sentence end . ! ?
    static let gHard: UInt16 = 1 << 7       // hard line break / paragraph / text start
    static let gDot: UInt16 = 1 << 8        // a '.' that is not a sentence end (abbreviation)
    static let gOther: UInt16 = 1 << 9      // any other punctuation (: ; / – etc.)
    static let gApos: UInt16 = 1 << 10      // possessive 's or stray apostrophe

    @inline(__always) func has(_ f: UInt16) -> Bool { flags & f != 0 }
    /// Is `lit` in the word list(s) of `bits` (`LexBit`)?
    @inline(__always) func inList(_ bits: UInt32) -> Bool { lex & bits != 0 }
    @inline(__always) var isAcronym: Bool { flags & Token.allCaps != 0 && flags & Token.digit == 0 && end - start <= 6 && flags & Token.article == 0 }
    @inline(__always) var dictKey: UInt64 { isAcronym ? acroKey : key }
    @inline(__always) var acroKey: UInt64 { Hash.fnv(lit, 0x10FFFF) }
    /// Gap that still lets a name continue: spaces only, a joining hyphen, or an initial's dot.
    @inline(__always) var joinable: Bool { gap & ~(Token.gSpace | Token.gHyphen | Token.gDot | Token.gApos) == 0 && gap != 0 }
    @inline(__always) var hyphenJoined: Bool { gap == Token.gHyphen }
    var length: Int { Int(end - start) }
}

enum Hash {
    @inline(__always) static func fnv(_ h: UInt64, _ v: UInt32) -> UInt64 {
        var x = h
        x ^= UInt64(v); x = x &* 0x100000001b3
        return x
    }
    static let seed: UInt64 = 0xcbf29ce484222325
    static func of(_ s: String) -> UInt64 {
        var h = seed
        for u in s.unicodeScalars { h = fnv(h, u.value) }
        return h
    }
}

enum Tokenizer {
    static let articleAlways: Set<String> = ["al", "el"]
    static let articleHyphenHashes = WordSet(Set(articleHyphen.map { Hash.of($0) }))
    static let articleHyphen: Set<String> = ["ash", "ad", "ar", "as", "at", "az", "an", "ez", "es", "ed", "et", "er", "en",
                                             "ul", "ud", "us", "ut", "un", "uz", "adh", "ath", "ush", "esh", "ech"]

    /// Splits a scalar buffer into word tokens and classifies gaps. Keys are filled by `computeKeys`.
    static func tokenize(_ s: [UInt32], from: Int = 0, to: Int? = nil) -> [Token] {
        s.withUnsafeBufferPointer { tokenize($0, from: from, to: to) }
    }
    static func tokenize(_ s: UnsafeBufferPointer<UInt32>, from: Int = 0, to: Int? = nil) -> [Token] {
        let n = to ?? s.count
        var tokens = [Token]()
        tokens.reserveCapacity(n / 5)
        var i = from
        var gapStart = from
        var prevStart = -1, prevEnd = -1 // the previous token (none yet: -1)
        while i < n {
            let v = s[i]
            if !Scalars.isLetterOrDigit(v) { i += 1; continue }
            // token starts at i
            var j = i + 1
            while j < n {
                let c = s[j]
                if Scalars.isLetterOrDigit(c) || (c >= 0x300 && c <= 0x36F) { j += 1; continue }
                if Scalars.isApostrophe(c), j + 1 < n, Scalars.isLetter(s[j + 1]) {
                    // possessive 's ends the token
                    if (s[j + 1] == 0x73 || s[j + 1] == 0x53), j + 2 >= n || !Scalars.isLetterOrDigit(s[j + 2]) { break }
                    j += 1; continue
                }
                break
            }
            var t = Token(start: Int32(i), end: Int32(j))
            var skipTo = j
            if j + 1 < n, Scalars.isApostrophe(s[j]), s[j + 1] == 0x73 || s[j + 1] == 0x53, j + 2 >= n || !Scalars.isLetterOrDigit(s[j + 2]) { skipTo = j + 2 }
            t.gap = classifyGap(s, gapStart, i, prevStart: prevStart, prevEnd: prevEnd)
            if t.gap & (Token.gHard | Token.gSentence) != 0 { t.flags |= Token.sentStart }
            var upper = 0, lower = 0
            for k in i..<j { let c = s[k]; if Scalars.isUpper(c) { upper += 1 } else if Scalars.isLower(c) { lower += 1 } }
            if Scalars.isDigit(v) { t.flags |= Token.digit }
            else if Scalars.isUpper(v) { t.flags |= Token.cap } else { t.flags |= Token.lower }
            if upper > 0 && lower == 0 && upper >= 1 { t.flags |= Token.allCaps }
            tokens.append(t)
            prevStart = i; prevEnd = j
            gapStart = j
            i = skipTo
        }
        // mark possessives / abbreviation dots on the previous token
        let count = tokens.count
        tokens.withUnsafeMutableBufferPointer { tp in
            for k in 0..<count {
                let e = Int(tp[k].end)
                if e < n, Scalars.isApostrophe(s[e]) { tp[k].flags |= Token.possessive }
                if k + 1 < count, tp[k + 1].gap & Token.gDot != 0 { tp[k].flags |= Token.abbrev }
            }
        }
        return tokens
    }

    /// Abbreviations whose '.' does not end a sentence.
    static let abbreviations: Set<String> = ["dr", "mr", "mrs", "ms", "gen", "col", "lt", "maj", "capt", "sgt", "brig", "st", "jr", "sr",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "prof", "rep", "sen", "gov", "adm", "cmdr", "no", "vs", "etc", "mt", "ft", "cpl", "pvt", "lieut", "hon", "rev"]
    static let abbreviationHashes = WordSet(Set(abbreviations.map { Hash.of($0) }))

    private static func classifyGap(_ s: UnsafeBufferPointer<UInt32>, _ a: Int, _ b: Int, prevStart: Int, prevEnd: Int) -> UInt16 {
        var g: UInt16 = prevEnd < 0 ? Token.gHard : 0
        var k = a
        while k < b {
            let c = s[k]
            switch c {
            case 0x20, 0x09, 0xA0, 0x202F, 0x2009, 0x200A, 0x2002, 0x2003: g |= Token.gSpace
            case 0x0A, 0x0D, 0x2028, 0x2029: g |= Token.gHard
            case 0x2C, 0x60C: g |= Token.gComma
            case 0x28, 0x5B: g |= Token.gOpenParen
            case 0x29, 0x5D: g |= Token.gCloseParen
            case 0x2E:
                // '.': abbreviation when the previous token is a single letter or a known abbreviation and
                // what follows is not a paragraph break.
                var isAbbrev = false
                if prevEnd == k {
                    let len = prevEnd - prevStart
                    if len == 1 && Scalars.isUpper(s[prevStart]) { isAbbrev = true }
                    else if len <= 5 {
                        var h = Hash.seed
                        for q in prevStart..<prevEnd { h = Hash.fnv(h, Scalars.foldBase(s[q])) }
                        if abbreviationHashes.contains(h) { isAbbrev = true }
                    }
                }
                // ellipsis / decimal etc. count as other
                if isAbbrev { g |= Token.gDot } else {
                    // a '.' followed by a lower-case word is not a sentence end (e.g. "U.S. officials")
                    var q = k + 1
                    while q < b && (s[q] == 0x20 || s[q] == 0x2E) { q += 1 }
                    if q == b, b < s.count, Scalars.isLower(s[b]) { g |= Token.gDot } else { g |= Token.gSentence }
                }
            case 0x21, 0x3F: g |= Token.gSentence
            case 0x73, 0x53: g |= Token.gApos // the s of a possessive 's
            default:
                if Scalars.isHyphen(c) { g |= Token.gHyphen }
                else if Scalars.isDoubleQuote(c) { g |= Token.gQuote }
                else if Scalars.isApostrophe(c) { g |= Token.gApos }
                else if Scalars.isWhitespace(c) { g |= Scalars.isLineBreak(c) ? Token.gHard : Token.gSpace }
                else if c == 0x2018 || c == 0x2019 { g |= Token.gQuote }
                else { g |= Token.gOther }
            }
            k += 1
        }
        // a hyphen with spaces around it is a dash, not a joiner
        if g & Token.gHyphen != 0 && g & Token.gSpace != 0 { g = (g & ~Token.gHyphen) | Token.gOther }
        // possessive apostrophe + s as in "Assad's": the "s" is part of the gap; treat like space
        // possessive "People's", "Workers' Party": keep gApos (joinable) when only spaces accompany it
        if g & Token.gApos != 0 && g & ~(Token.gApos | Token.gSpace) != 0 { g = (g & ~Token.gApos) | Token.gOther }
        return g
    }

    /// Fills `key` and `lit` for every token and marks Arabic articles.
    static func computeKeys(_ s: [UInt32], _ tokens: inout [Token]) {
        var buf = [UInt32](); buf.reserveCapacity(32)
        var out = [UInt32](); out.reserveCapacity(32)
        var scratch = [UInt32](); scratch.reserveCapacity(32)
        // the transliteration key depends only on the folded letters (hashed in `lit`): fold each distinct word once
        var foldCache = U64Map(capacity: 128)
        var foldKeys = [UInt64](); foldKeys.reserveCapacity(64)
        let count = tokens.count
        s.withUnsafeBufferPointer { sp in
            tokens.withUnsafeMutableBufferPointer { tp in
                for k in 0..<count {
                    let t = tp[k]
                    let start = Int(t.start), end = Int(t.end)
                    var lit = Hash.seed
                    var letters = 0
                    var b0: UInt32 = 0, b1: UInt32 = 0
                    for q in start..<end {
                        let b = Scalars.foldBase(sp[q])
                        if b == 0 { continue }
                        if letters == 0 { b0 = b } else if letters == 1 { b1 = b }
                        letters &+= 1
                        lit = Hash.fnv(lit, b)
                    }
                    tp[k].lit = lit
                    tp[k].lex = LexBit.bits(lit)
                    // `isArticle` on the folded letters: "al"/"el", or a 2-3 letter hyphen article (its hash is `lit`)
                    if letters == 2 || letters == 3 {
                        let nextHyphen = k + 1 < count && tp[k + 1].hyphenJoined && !(t.has(Token.allCaps) && letters > 1)
                        if (letters == 2 && (b0 == 0x61 || b0 == 0x65) && b1 == 0x6C) || (nextHyphen && articleHyphenHashes.contains(lit)) {
                            tp[k].flags |= Token.article
                            tp[k].key = articleHash
                            continue
                        }
                    }
                    // lower-case words only ever match literally (function words inside names), so skip the folding
                    if t.has(Token.lower) { tp[k].key = lit; continue }
                    if let ci = foldCache.get(lit) { tp[k].key = foldKeys[Int(ci)]; continue }
                    buf.removeAll(keepingCapacity: true)
                    for q in start..<end { let b = Scalars.foldBase(sp[q]); if b != 0 { buf.append(b) } }
                    out.removeAll(keepingCapacity: true)
                    TransliterationFold.fold(buf, into: &out, scratch: &scratch)
                    var h = Hash.seed
                    for c in out { h = Hash.fnv(h, c) }
                    tp[k].key = h
                    foldCache.set(lit, Int32(foldKeys.count))
                    foldKeys.append(h)
                }
            }
        }
    }

    static let articleHash = Hash.of("al")

    @inline(__always) static func isArticle(_ b: [UInt32], nextHyphen: Bool) -> Bool {
        if b.count == 2 && (b[0] == 0x61 || b[0] == 0x65) && b[1] == 0x6C { return true } // al, el
        if !nextHyphen || b.count < 2 || b.count > 3 { return false }
        var h = Hash.seed
        for c in b { h = Hash.fnv(h, c) }
        return articleHyphenHashes.contains(h)
    }

    /// Folded key of a token (for the tokens of a name) as a String.
    static func keyString(_ s: [UInt32], _ t: Token, nextHyphen: Bool) -> String {
        var buf = [UInt32]()
        for q in Int(t.start)..<Int(t.end) { let b = Scalars.foldBase(s[q]); if b != 0 { buf.append(b) } }
        if isArticle(buf, nextHyphen: nextHyphen && !(t.has(Token.allCaps) && buf.count > 1)) { return "al" }
        if t.has(Token.allCaps) && buf.count <= 6 && !t.has(Token.digit) { return Scalars.string(buf[...]) }
        var out = [UInt32]()
        TransliterationFold.fold(buf, into: &out)
        return Scalars.string(out[...])
    }
}

/// Transliteration folding of one lower-cased, diacritic-free word (see `MatchingKey`).
enum TransliterationFold {
    @inline(__always) static func isVowel(_ c: UInt32) -> Bool {
        c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75
    }
    static func fold(_ input: [UInt32], into out: inout [UInt32]) {
        var w = [UInt32]()
        fold(input, into: &out, scratch: &w)
    }
    static func fold(_ input: [UInt32], into out: inout [UInt32], scratch w: inout [UInt32]) {
        // 1. collapse doubled letters, q -> k, ck -> k
        w.removeAll(keepingCapacity: true)
        for c0 in input {
            var c = c0
            if c == 0x71 { c = 0x6B } // q -> k
            if c == 0x7A { c = 0x73 } // z -> s (Organization/Organisation, Zor/Sor)
            if c == 0x6B, let l = w.last, l == 0x63 { w.removeLast() } // ck -> k
            if let l = w.last, l == c, !Scalars.isDigit(c) { continue }
            w.append(c)
        }
        let n = w.count
        if n == 0 { return }
        // whole-word equivalences
        if n == 3 && ((w[0] == 0x69 && w[1] == 0x62 && w[2] == 0x6E) || (w[0] == 0x62 && w[2] == 0x6E && (w[1] == 0x69 || w[1] == 0x65))) {
            out.append(0x62); out.append(0x6E); return // ibn/bin/ben -> bn
        }
        if w[0] == 0x67 { w[0] = 0x6A } // initial g -> j (Golani/Julani)
        // 2. final vowel run (with a final h after a vowel: -ah, -eh)
        var end = n
        var hadH = false
        if end >= 2 && w[end - 1] == 0x68 && isVowel(w[end - 2]) && end > 2 { hadH = true; end -= 1 }
        var runStart = end
        while runStart > 1 && (isVowel(w[runStart - 1]) || (w[runStart - 1] == 0x79 && !isVowel(w[runStart - 2]) && runStart == end)) { runStart -= 1 }
        if runStart == end && hadH { hadH = false; end += 1; runStart = end }
        var finalClass: UInt32 = 0
        if runStart < end {
            let c = w[end - 1]
            switch c {
            case 0x61: finalClass = 0x61
            case 0x65: finalClass = hadH ? 0x61 : 0x69
            case 0x69, 0x79: finalClass = 0x69
            default: finalClass = 0x75
            }
        }
        // 3. body
        var i = 0
        if runStart > 0 && isVowel(w[0]) {
            out.append((w[0] == 0x6F || w[0] == 0x75) ? 0x75 : 0x61)
            i = 1
            while i < runStart && isVowel(w[i]) { i += 1 }
            if i < runStart && (w[i] == 0x79 || w[i] == 0x77) && (i + 1 >= runStart || !isVowel(w[i + 1])) { i += 1 }
        }
        while i < runStart {
            let c = w[i]
            if isVowel(c) {
                if (c == 0x6F || c == 0x75) && out.last != 0x75 { out.append(0x75) }
            } else if (c == 0x79 || c == 0x77) && i > 0 && isVowel(w[i - 1]) && (i + 1 >= runStart || !isVowel(w[i + 1])) {
                if c == 0x77 && out.last != 0x75 { out.append(0x75) } // aw/ow -> u ; ay/ey -> dropped
            } else {
                out.append(c)
            }
            i += 1
        }
        if finalClass != 0 {
            if out.isEmpty || out.last != finalClass || !isVowel(finalClass) { out.append(finalClass) }
        }
        if out.isEmpty { out.append(w[0]) }
    }
}

/// What the tagger sees of one document: the repaired text, its tokens, and per-token dictionary and gazetteer
/// codes (0, or 1 + type·4 + BILU position of the match covering the token).
struct TaggerInput {
    let text: [UInt32]
    let toks: [Token]
    let dictCodes: [UInt8]
    let gazCodes: [UInt8]
    /// The rule engine's candidates: 0, or 1 + type·4 + BILU position (type 4 = a span the rules rejected).
    let ruleCodes: [UInt8]
    /// How sure the rules were (0 none, 1 weak, 2 cued, 3 strong cue, 4 dictionary).
    let ruleStrength: [UInt8]
    let headline: [Bool]

    /// Codes for the matches `(s, e, type)` over `count` tokens.
    static func codes(_ matches: [(s: Int, e: Int, type: EntityType?)], count: Int) -> [UInt8] {
        var codes = [UInt8](repeating: 0, count: count)
        for m in matches where m.e > m.s {
            let base = 1 + UInt8(m.type.flatMap { EntityType.allCases.firstIndex(of: $0) } ?? EntityType.allCases.count) * 4
            if m.e - m.s == 1 { codes[m.s] = base + 3; continue }
            codes[m.s] = base
            for k in (m.s + 1)..<(m.e - 1) { codes[k] = base + 1 }
            codes[m.e - 1] = base + 2
        }
        return codes
    }
}

/// Hashed feature templates of the tagger. Every feature of a token is a bucket in `[0, 2^bits)`; a bucket holds
/// one weight per BILOU tag. Changing a template changes what a model means: bump `version`.
struct TaggerFeatures {
    static let version = 3
    /// Word-list bits that matter for names (see `LexBit`).
    static let lexMask: UInt32 = LexBit.stopAlways | LexBit.stopSentence | LexBit.titles | LexBit.titleModifiers | LexBit.roleNouns
        | LexBit.personAfter | LexBit.orgCues | LexBit.orgPrefixes | LexBit.locCues | LexBit.locPrefixes | LexBit.locPrepositions
        | LexBit.locOfNouns | LexBit.locAfter | LexBit.orgAfter | LexBit.nameParticles | LexBit.personParticles | LexBit.month
        | LexBit.weekday | LexBit.notEntities | LexBit.nonEntityCues | LexBit.claimTrigger

    let bits: Int
    init(bits: Int) { self.bits = bits }
    /// At most this many features per token (templates 24–26 add one per word-list bit; the rest one each).
    static let maxPerToken = 96

    /// Per-token word facts, computed once per document.
    struct Word {
        var lit: UInt64 = 0, key: UInt64 = 0, shape: UInt64 = 0, short: UInt64 = 0
        var p1: UInt64 = 0, p2: UInt64 = 0, p3: UInt64 = 0, s1: UInt64 = 0, s2: UInt64 = 0, s3: UInt64 = 0, s4: UInt64 = 0
        var length: UInt64 = 0
    }

    static func words(_ text: [UInt32], _ toks: [Token]) -> [Word] {
        var out = [Word](repeating: Word(), count: toks.count)
        var folded = [UInt32]()
        folded.reserveCapacity(32)
        for (i, t) in toks.enumerated() {
            var w = Word()
            w.lit = t.lit
            w.key = t.key
            var shape = Hash.seed, short = Hash.seed
            var last: UInt32 = 0
            var shapeLen = 0
            folded.removeAll(keepingCapacity: true)
            for q in Int(t.start)..<Int(t.end) {
                let c = text[q]
                let cls: UInt32 = Scalars.isUpper(c) ? 0x58 : Scalars.isLower(c) ? 0x78 : Scalars.isDigit(c) ? 0x64 : Scalars.isApostrophe(c) ? 0x27 : 0x6F
                if shapeLen < 6 { shape = Hash.fnv(shape, cls); shapeLen += 1 }
                if cls != last { short = Hash.fnv(short, cls); last = cls }
                let b = Scalars.foldBase(c)
                if b != 0 { folded.append(b) }
            }
            w.shape = shape
            w.short = short
            func affix(_ r: Range<Int>) -> UInt64 {
                var h = Hash.seed
                for k in r { h = Hash.fnv(h, folded[k]) }
                return h
            }
            let n = folded.count
            w.p1 = affix(0..<min(1, n)); w.p2 = affix(0..<min(2, n)); w.p3 = affix(0..<min(3, n))
            w.s1 = affix(max(0, n - 1)..<n); w.s2 = affix(max(0, n - 2)..<n); w.s3 = affix(max(0, n - 3)..<n); w.s4 = affix(max(0, n - 4)..<n)
            w.length = UInt64(min(n, 10))
            out[i] = w
        }
        return out
    }

    @inline(__always) static func mix(_ template: UInt64, _ v: UInt64) -> UInt64 {
        var x = v &+ (template &+ 1) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 30; x = x &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 27; x = x &* 0x94D0_49BB_1331_11EB
        x ^= x >> 31
        return x
    }

    /// Appends the feature buckets of every token to `out`; `offsets[i]..<offsets[i+1]` are token i's.
    func extract(_ input: TaggerInput, into out: inout [UInt32], offsets: inout [Int32]) {
        let toks = input.toks
        let n = toks.count
        let words = Self.words(input.text, toks)
        var lowerSeen = U64Map(capacity: 256)
        var capMidSeen = U64Map(capacity: 256)
        for (i, t) in toks.enumerated() {
            if t.has(Token.lower) { lowerSeen.set(t.lit, 1) }
            else if t.has(Token.cap), !t.has(Token.sentStart), !input.headline[i] { capMidSeen.set(t.lit, 1) }
        }
        let shift = UInt64(64 - bits)
        // the document's first word ("SOCCER - ...", "Syria Roundup: ..."): its genre, which changes what names are
        let genre = n > 0 ? toks[0].lit : 0
        let start: UInt64 = 0x5354_4152_5400_0001, end: UInt64 = 0x454E_4400_0000_0002
        let first = out.count
        out.append(contentsOf: repeatElement(0, count: n * Self.maxPerToken))
        offsets.reserveCapacity(offsets.count + n + 1)
        offsets.append(Int32(first))
        var o = first
        out.withUnsafeMutableBufferPointer { buf in
        for i in 0..<n {
            let limit = o + Self.maxPerToken
            @inline(__always) func add(_ template: UInt64, _ v: UInt64) {
                guard o < limit else { return }
                buf[o] = UInt32(truncatingIfNeeded: Self.mix(template, v) >> shift)
                o += 1
            }
            let t = toks[i]
            let w = words[i]
            let prev = i > 0 ? words[i - 1] : nil
            let next = i + 1 < n ? words[i + 1] : nil
            let prevLit = prev?.lit ?? start, nextLit = next?.lit ?? end
            let prevShort = prev?.short ?? start, nextShort = next?.short ?? end
            let prev2Lit = i > 1 ? words[i - 2].lit : start
            let next2Lit = i + 2 < n ? words[i + 2].lit : end
            add(0, 0)
            add(1, w.lit)
            add(2, prevLit); add(3, nextLit); add(4, prev2Lit); add(5, next2Lit)
            add(6, w.shape); add(7, w.short); add(8, prevShort); add(9, nextShort)
            add(10, w.p1); add(11, w.p2); add(12, w.p3)
            add(13, w.s1); add(14, w.s2); add(15, w.s3); add(16, w.s4)
            add(17, prevLit &* 31 ^ w.lit); add(18, w.lit &* 31 ^ nextLit)
            add(19, (prevShort &* 31 ^ w.short) &* 31 ^ nextShort)
            add(20, UInt64(t.gap))
            add(21, i + 1 < n ? UInt64(toks[i + 1].gap) : 0xFFFF)
            add(22, UInt64(t.flags & (Token.cap | Token.allCaps | Token.lower | Token.digit | Token.sentStart | Token.possessive | Token.abbrev | Token.article)))
            add(23, input.headline[i] ? 1 : 0)
            var lex = t.lex & Self.lexMask
            while lex != 0 { let b = UInt64(lex.trailingZeroBitCount); add(24, b); lex &= lex - 1 }
            if i > 0 { var l = toks[i - 1].lex & Self.lexMask; while l != 0 { add(25, UInt64(l.trailingZeroBitCount)); l &= l - 1 } }
            if i + 1 < n { var l = toks[i + 1].lex & Self.lexMask; while l != 0 { add(26, UInt64(l.trailingZeroBitCount)); l &= l - 1 } }
            add(27, UInt64(input.dictCodes[i]))
            add(28, UInt64(i > 0 ? input.dictCodes[i - 1] : 0xFF) << 8 | UInt64(i + 1 < n ? input.dictCodes[i + 1] : 0xFF))
            add(29, UInt64(input.gazCodes[i]))
            add(30, UInt64(i > 0 ? input.gazCodes[i - 1] : 0xFF) << 8 | UInt64(i + 1 < n ? input.gazCodes[i + 1] : 0xFF))
            if !t.has(Token.lower) {
                add(31, (lowerSeen.contains(t.lit) ? 1 : 0) | (capMidSeen.contains(t.lit) ? 2 : 0) | (t.has(Token.sentStart) ? 4 : 0))
            }
            add(32, w.key)
            add(33, w.length &* 31 ^ w.short)
            add(34, prevLit &* 31 ^ w.short)
            add(35, w.lit &* 31 ^ nextShort)
            add(36, ExtractionRun.givenNameKeys.contains(t.key) ? 1 : 0)
            add(37, UInt64(input.dictCodes[i]) << 8 | UInt64(input.gazCodes[i]) << 16 | w.short)
            add(38, UInt64(input.ruleCodes[i]))
            add(39, UInt64(input.ruleCodes[i]) << 8 | UInt64(input.ruleStrength[i]))
            add(40, UInt64(i > 0 ? input.ruleCodes[i - 1] : 0xFF) << 8 | UInt64(i + 1 < n ? input.ruleCodes[i + 1] : 0xFF))
            add(41, UInt64(input.ruleCodes[i]) << 8 | UInt64(input.dictCodes[i]) << 16 | UInt64(input.gazCodes[i]))
            if !t.has(Token.lower) {
                add(42, genre &* 31 ^ (UInt64(input.gazCodes[i]) << 8 | UInt64(input.dictCodes[i])))
                add(43, genre &* 31 ^ w.lit)
            }
            offsets.append(Int32(o))
        }
        }
        out.removeLast(out.count - o)
    }
}

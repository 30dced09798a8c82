/// The entity-extraction engine: pure, deterministic, thread-safe.
///
/// Pipeline per document: text repair (with raw-offset map) -> tokens with transliteration keys ->
/// date expressions -> dictionary matches (hashed token trie) -> capitalized-name chunks split at titles and
/// dictionary matches, typed from form and context -> in-text alias links ("(HTS)", "also known as") ->
/// in-document short-form resolution ("al-Qurashi" -> the full name) -> entities with cross-document ids.
public struct ExtractionEngine: Sendable {
    let index: DictionaryIndex
    /// World places, nationalities and organisations: tagger features only, never identities.
    let gazetteer: DictionaryIndex?
    /// The trained tagger that finds and types name spans; nil runs the rules alone.
    var tagger: NERModel?
    /// `rules-r<revision>+dict:<digest>+gaz:<digest>`, computed once: what decides spans besides the tagger.
    let rulesVersion: String
    /// Which entities may act in a claim, and the state a nationality stands for.
    let states: StateActors

    public init(dictionary: [DictionaryEntry], gazetteer: [DictionaryEntry] = [], tagger: NERModel? = nil) {
        index = DictionaryIndex(dictionary)
        self.gazetteer = gazetteer.isEmpty ? nil : DictionaryIndex(gazetteer)
        self.tagger = tagger
        states = StateActors(dictionary: dictionary, gazetteer: gazetteer)
        rulesVersion = "rules-r\(Self.rulesRevision)+dict:\(EngineVersion.digest(dictionary))+gaz:\(EngineVersion.digest(gazetteer))"
    }

    /// The same dictionary and gazetteer with another tagger (or none).
    public func with(tagger: NERModel?) -> ExtractionEngine {
        var copy = self
        copy.tagger = tagger
        return copy
    }

    /// The revision of the rules in this file and its neighbours: raise it with any change to what
    /// they extract, so stored documents count as extracted by an older engine and can be reprocessed.
    public static let rulesRevision = 2

    /// The version of what decides spans: recorded with every extraction, so stored documents can be
    /// reprocessed. `rules-r2+dict:<8 hex>+gaz:<8 hex>` (the rules revision and digests of the
    /// dictionary and gazetteer entries), then `+ner:<model id>` when a tagger runs. A dictionary
    /// edit gives a new version.
    public var version: String {
        tagger.map { "\(rulesVersion)+ner:\($0.provenance["id"] ?? "unknown")" } ?? rulesVersion
    }

    public func extract(_ document: SourceDocument) -> Extraction {
        let run = ExtractionRun(engine: self, document: document)
        return run.run()
    }

    /// What the tagger sees of a text, and the repaired text's offset map (for training).
    func taggerInput(_ text: String) -> (TaggerInput, RepairedText) {
        let run = ExtractionRun(engine: self, document: SourceDocument(text: text))
        run.buildChunks()
        return (run.taggerInput(), run.rt)
    }
}

struct Candidate {
    /// `strength` of a span a word list says is no name (holidays, operations, "Eid …"): the tagger may not take it.
    static let vetoed = -1
    var s: Int
    var e: Int
    var type: EntityType?
    var strength: Int
    var entry: Int
    var role: String?
    var group: Int = -1
}

final class ExtractionRun {
    let index: DictionaryIndex
    let tagger: NERModel?
    let states: StateActors
    let document: SourceDocument
    // Everything but `cands` is computed once in `init` and then only read: `let` keeps the hot loops free of
    // dynamic exclusivity checks on class properties.
    let rt: RepairedText
    let toks: [Token]
    let dateTok: [Bool]
    let dateHits: [DateHit]
    let dictStart: [Int32]   // per token: index into dictMatches or -1
    let dictMatches: [(s: Int, e: Int, entry: Int)]
    /// Gazetteer matches `(s, e, type)` (tagger features only).
    let gazMatches: [(s: Int, e: Int, type: EntityType)]
    let headline: [Bool]
    /// Tokens of the second line (byline / dateline): [bylineStart, bylineEnd).
    let bylineStart: Int
    let bylineEnd: Int
    /// Lazily built set of the document's lower-case word hashes (capitalisation statistics).
    var lowerWords: U64Map? = nil
    var cands: [Candidate] = []
    /// Reusable scratch buffers (swapped out while in use, so no buffer is ever shared).
    var unitBuf: [Unit] = []
    var segBuf: [Seg] = []
    var mergedBuf: [Seg] = []

    static let givenNameKeys: WordSet = {
        var out = Set<UInt64>()
        for w in Lexicon.givenNames.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let s = Scalars.array(String(w))
            var t = Tokenizer.tokenize(s)
            Tokenizer.computeKeys(s, &t)
            if let f = t.first { out.insert(f.key) }
        }
        return WordSet(out)
    }()
    static let connectorOfFor = WordSet([Lexicon.of, Lexicon.forW])
    static let operationHash = Hash.of("operation")

    init(engine: ExtractionEngine, document: SourceDocument) {
        self.index = engine.index
        self.tagger = engine.tagger
        self.states = engine.states
        self.document = document
        let rt = TextRepair.repair(document.text)
        self.rt = rt
        var toks = Tokenizer.tokenize(rt.text)
        Tokenizer.computeKeys(rt.text, &toks)
        self.toks = toks
        let n = toks.count
        var dateTok = Array(repeating: false, count: n)
        // dates
        let hits = DateFinder.find(rt.text, toks)
        for h in hits { for k in h.s..<h.e { dateTok[k] = true } }
        self.dateTok = dateTok
        self.dateHits = hits
        (self.headline, self.bylineStart, self.bylineEnd) = Self.markHeadlines(toks, rt.text)
        let (ds, dm) = Self.findDictionaryMatches(index, toks, dateTok, rt.text)
        self.dictStart = ds
        self.dictMatches = dm
        if let gazetteer = engine.gazetteer {
            let (_, gm) = Self.findDictionaryMatches(gazetteer, toks, dateTok, rt.text)
            self.gazMatches = gm.map { ($0.s, $0.e, gazetteer.entries[$0.entry].type) }
        } else {
            self.gazMatches = []
        }
    }

    func run() -> Extraction {
        let hits = dateHits
        var docDate = SimpleDate.parse(document.date)
        if docDate == nil {
            var lines = 0
            var lastPos = 0
            for h in hits where h.fullInText {
                let pos = Int(toks[h.s].start)
                for k in lastPos..<pos where rt.text[k] == 0x0A { lines += 1 }
                lastPos = pos
                if lines <= 8 && pos < 1500 { docDate = SimpleDate(y: h.y!, m: h.m!, d: h.d!) }
                break
            }
        }
        var dates = [ExtractedDate]()
        for h in hits {
            let r = rt.rawRange(Int(toks[h.s].start), Int(toks[h.e - 1].end))
            dates.append(ExtractedDate(text: Scalars.string(rt.raw[r]), value: h.value(doc: docDate), start: r.lowerBound, end: r.upperBound))
        }
        buildChunks()
        if tagger != nil { applyTagger() }
        let entities = resolve()
        var claimExtractor = ClaimExtractor(toks: toks, rt: rt, entities: entities, dateHits: hits, docDate: docDate, states: states)
        let claims = claimExtractor.extract()
        return Extraction(title: title(), date: docDate?.iso ?? (document.date.flatMap { $0.isEmpty ? nil : $0 }), entities: entities, dates: dates,
                          claims: claims)
    }

    func title() -> String {
        if let t = document.title, !t.isEmpty { return t }
        var lines = [Substring]()
        var rest = Substring(document.text)
        while !rest.isEmpty && lines.count < 1 {
            let end = rest.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) ?? rest.endIndex
            let line = rest[..<end]
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[rest.endIndex...]
            if !line.allSatisfy({ $0.isWhitespace || $0 == "#" }) { lines.append(line) }
        }
        for line in lines {
            var l = line.drop { $0.isWhitespace || $0 == "#" }
            while let last = l.last, last.isWhitespace { l = l.dropLast() }
            if !l.isEmpty { return Self.capped(l) }
        }
        return ""
    }

    /// Longest title taken from the text, in characters: a document that is one long line keeps a title, not a copy.
    static let titleCap = 300

    static func capped(_ line: Substring) -> String {
        guard let cut = line.index(line.startIndex, offsetBy: titleCap, limitedBy: line.endIndex), cut < line.endIndex else {
            return String(line)
        }
        var head = line[..<cut]
        if let space = head.lastIndex(where: \.isWhitespace), head.distance(from: head.startIndex, to: space) > titleCap / 2 {
            head = head[..<space]
        }
        return String(head) + "…"
    }

    /// Title line, markdown headings, and title-case or all-caps lines: unknown names there need strong form cues.
    static func markHeadlines(_ toks: [Token], _ text: [UInt32]) -> ([Bool], Int, Int) {
        let n = toks.count
        var headline = Array(repeating: false, count: n)
        var i = 0
        var lineNo = 0
        var bStart = 0, bEnd = 0
        while i < n {
            var j = i + 1
            while j < n && toks[j].gap & Token.gHard == 0 { j += 1 }
            var lowerContent = 0, capCount = 0, allCaps = 0, sentences = 0
            for k in i..<j {
                if k > i && toks[k].gap & Token.gSentence != 0 { sentences += 1 }
                let t = toks[k]
                if t.has(Token.lower) && !t.inList(LexBit.stopAlways) && !t.has(Token.article) { lowerContent += 1 }
                if t.has(Token.cap) { capCount += 1 }
                if t.has(Token.allCaps) && t.length > 1 { allCaps += 1 }
            }
            let lineStart = Int(toks[i].start)
            var ls = lineStart
            while ls > 0 && text[ls - 1] != 0x0A { ls -= 1 }
            let isHeading = text[ls] == 0x23
            let count = j - i
            let titleCase = count >= 3 && lowerContent == 0 && capCount >= 2
            let shouting = count >= 2 && allCaps * 2 >= count + 1
            let titleLine = lineNo == 0 && sentences == 0 && count <= 25 && j < n
            if titleLine || isHeading || titleCase || shouting { for k in i..<j { headline[k] = true } }
            if lineNo == 1 { bStart = i; bEnd = j }
            lineNo += 1
            i = j
        }
        return (headline, bStart, bEnd)
    }

    /// Does token k start a clause: a sentence or line start, or right after ':' / a dash / '|' / '·' / '*'?
    func clauseStart(_ k: Int) -> Bool {
        let t = toks[k]
        if t.has(Token.sentStart) || k == 0 { return true }
        if k >= 2, toks[k - 1].has(Token.digit), toks[k - 2].has(Token.digit), toks[k - 2].gap & Token.gHard != 0 || k == 2, gapHas(k - 1, 0x3A) { return true }
        guard t.gap & Token.gOther != 0 else { return false }
        var q = Int(toks[k - 1].end)
        while q < Int(t.start) {
            let c = rt.text[q]
            if c == 0x3A || c == 0x2013 || c == 0x7C || c == 0xB7 || c == 0x2A || c == 0x2022 { return true }
            q += 1
        }
        return false
    }
    /// Does the gap before token k contain the scalar c?
    func gapHas(_ k: Int, _ c: UInt32) -> Bool {
        guard k > 0, k < toks.count else { return false }
        var q = Int(toks[k - 1].end)
        while q < Int(toks[k].start) { if rt.text[q] == c { return true }; q += 1 }
        return false
    }
    /// Does the word (by literal hash) occur in lower case somewhere in the document?
    func occursLower(_ lit: UInt64) -> Bool {
        if lowerWords == nil {
            var m = U64Map(capacity: 256)
            for t in toks where t.has(Token.lower) && t.lex == 0 { m.set(t.lit, 1) } // listed function words never matter here
            lowerWords = m
        }
        return lowerWords!.get(lit) != nil
    }
    /// "a.k.a." right before token k.
    func akaBefore(_ k: Int) -> Bool {
        guard k >= 3 else { return false }
        return toks[k - 1].lit == Lexicon.a && toks[k - 2].lit == Self.kHash && toks[k - 3].lit == Lexicon.a && toks[k - 1].length == 1
    }
    /// "also spelled/written X" right before token k.
    func alsoSpelledBefore(_ k: Int) -> Bool {
        guard k >= 2, toks[k].gap == Token.gSpace else { return false }
        return toks[k - 2].lit == Self.alsoHash && (toks[k - 1].lit == Self.spelledHash || toks[k - 1].lit == Self.writtenHash)
    }
    static let countrysideHash = Hash.of("countryside"), governorateHash = Hash.of("governorate"), provinceHash = Hash.of("province")
    static let regionHash = Hash.of("region"), tribeHashes = WordSet([Hash.of("tribe"), Hash.of("tribes"), Hash.of("clan"), Hash.of("clans")])
    static let kHash = Hash.of("k"), alsoHash = Hash.of("also"), spelledHash = Hash.of("spelled"), writtenHash = Hash.of("written")
    static let byHash = Hash.of("by"), eidHash = Hash.of("eid")

    // MARK: dictionary

    @inline(__always) func isNameStart(_ t: Token) -> Bool { t.flags & (Token.cap | Token.allCaps) != 0 }
    @inline(__always) static func isNameStart(_ t: Token) -> Bool { t.flags & (Token.cap | Token.allCaps) != 0 }

    static func findDictionaryMatches(_ index: DictionaryIndex, _ toks: [Token], _ dateTok: [Bool], _ text: [UInt32]) -> ([Int32], [(s: Int, e: Int, entry: Int)]) {
        let n = toks.count
        var dictStart = [Int32](repeating: -1, count: n)
        var dictMatches = [(s: Int, e: Int, entry: Int)]()
        var i = 0
        while i < n {
            let t = toks[i]
            if dateTok[i] || !isNameStart(t) && !t.has(Token.article) { i += 1; continue }
            var start = i
            var probe = i
            var found = index.longestMatch(toks, i)
            if t.has(Token.article) {
                guard i + 1 < n, toks[i + 1].joinable, isNameStart(toks[i + 1]) else { i += 1; continue }
                if let f = index.longestMatch(toks, i + 1), f.0 > (found?.0 ?? 0) { found = f; probe = i + 1 }
                else if found != nil { probe = i + 1 } // article is part of the stored name
            }
            guard let (e, entry) = found else { i += 1; continue }
            if e - probe == 1 && !toks[probe].isAcronym && !index.closeSpelling(text, toks[probe], entry: entry) { i += 1; continue }
            if probe == i, i > 0, toks[i - 1].has(Token.article), toks[i].joinable, dictStart[i - 1] < 0,
               (dictMatches.last.map { $0.e <= i - 1 } ?? true) {
                start = i - 1
            } else if probe == i + 1 {
                start = i
            }
            // all-caps headline guard for tiny acronyms ("IS")
            if e - probe == 1 && toks[probe].isAcronym && toks[probe].length <= 2 {
                let prevCaps = probe > 0 && toks[probe - 1].has(Token.allCaps) && toks[probe - 1].length > 1
                let nextCaps = e < n && toks[e].has(Token.allCaps) && toks[e].length > 1
                if prevCaps || nextCaps { i = e; continue }
            }
            // a kunya-only dictionary name ("Abu Yahya") followed by a nisba ("al-Shami") names someone else
            if e - probe == 2, toks[probe].inList(LexBit.personParticles), index.entries[entry].type == .person,
               e + 1 < n, toks[e].has(Token.article), toks[e].joinable, toks[e + 1].hyphenJoined, isNameStart(toks[e + 1]) {
                i = e; continue
            }
            // a match must begin with a capital (the first non-article word)
            if !isNameStart(toks[probe]) { i += 1; continue }
            dictStart[start] = Int32(dictMatches.count)
            dictMatches.append((start, e, entry))
            i = e
        }
        return (dictStart, dictMatches)
    }

    // MARK: chunks

    struct Unit { var s: Int; var e: Int; var dict: Int } // dict: index into dictMatches or -1

    @inline(__always) func isParticle(_ t: Token) -> Bool {
        t.has(Token.article) || (t.has(Token.lower) && t.inList(LexBit.nameParticles))
    }
    @inline(__always) func isCalendarWord(_ k: Int) -> Bool {
        dateTok[k] || toks[k].inList(LexBit.month) && toks[k].has(Token.cap) || toks[k].inList(LexBit.weekday)
    }
    /// Can a name unit start at token k (within a chunk or starting one)?
    func unitStarts(_ k: Int, inChunk: Bool) -> Bool {
        let t = toks[k]
        if dictStart[k] >= 0 { return true }
        if isCalendarWord(k) {
            // a month word continuing a name ("Theresa May"), not a date
            guard inChunk, !dateTok[k], t.has(Token.cap), !t.has(Token.allCaps), t.inList(LexBit.month), t.length >= 3, k > 0,
                  !toks[k - 1].inList(LexBit.month), toks[k - 1].has(Token.cap), dictStart[k - 1] < 0,
                  k + 1 >= toks.count || !toks[k + 1].has(Token.digit) else { return false }
            return true
        }
        if isNameStart(t) { return true }
        // "4th Division": an ordinal number directly before a capitalized word
        if t.has(Token.digit), !inChunk, k + 1 < toks.count, toks[k + 1].gap == Token.gSpace, toks[k + 1].has(Token.cap),
           toks[k + 1].inList(LexBit.orgCues), t.length <= 4, !Scalars.isDigit(rt.text[Int(t.end) - 1]) { return true }
        if isParticle(t) {
            // particle must be followed by a joined capitalized word
            return k + 1 < toks.count && toks[k + 1].joinable && (isNameStart(toks[k + 1]) || dictStart[k + 1] >= 0 || isParticle(toks[k + 1]))
        }
        return false
    }

    func buildChunks() {
        let n = toks.count
        var i = 0
        var units = unitBuf
        unitBuf = []
        units.reserveCapacity(16)
        while i < n {
            guard unitStarts(i, inChunk: false) else { i += 1; continue }
            if let e = invertedListName(i) {
                cands.append(Candidate(s: i, e: e, type: .person, strength: 6, entry: -1, role: nil))
                i = e
                continue
            }
            // the chunk is units[0..<nu] (the buffer is overwritten, never cleared)
            var nu = 0
            var k = i
            while k < n {
                if nu > 0 {
                    let t = toks[k]
                    guard t.joinable else { break }
                    // "on X. Here is ...": a one-letter word, a period, then a function word
                    if t.gap & Token.gDot != 0, toks[k - 1].length == 1, t.inList(LexBit.stopAlways) || t.inList(LexBit.stopSentence) { break }
                    if t.has(Token.digit), t.gap == Token.gSpace, units[nu - 1].dict < 0, toks[units[nu - 1].e - 1].inList(LexBit.orgCues), !dateTok[k] {
                        Self.put(&units, &nu, Unit(s: k, e: k + 1, dict: -1)); k += 1; continue // "Division 13"
                    }
                    if !unitStarts(k, inChunk: true) {
                        // "Ministry of Defense", "Organization for the Prohibition ..."
                        if t.inList(LexBit.connectorOfFor), t.has(Token.lower), units[nu - 1].dict < 0,
                           toks[units[nu - 1].e - 1].inList(LexBit.orgCues) || units[0..<nu].contains(where: { $0.e - $0.s > 1 && $0.dict < 0 }),
                           k + 1 < n, toks[k + 1].joinable {
                            var q = k + 1
                            if toks[q].lit == Lexicon.the, q + 1 < n, toks[q + 1].joinable { q += 1 }
                            let hadConnector = units[0..<nu].contains { $0.e - $0.s > 1 && $0.dict < 0 }
                            if q < n, isNameStart(toks[q]), !isCalendarWord(q), dictStart[q] < 0 || hadConnector {
                                Self.put(&units, &nu, Unit(s: k, e: q, dict: -1)) // connector unit (lower-case)
                                k = q
                                continue
                            }
                        }
                        // "Ministry of Migration and Displacement": "and" joins the last word of an "<Org cue> of X" name
                        if t.lit == Lexicon.and, t.has(Token.lower), nu >= 3, units[nu - 1].dict < 0, unitIsWord(units[nu - 1]),
                           units[nu - 2].e - units[nu - 2].s == 1, toks[units[nu - 2].s].lit == Lexicon.of,
                           units[nu - 3].dict < 0, toks[units[nu - 3].e - 1].inList(LexBit.orgCues),
                           k + 1 < n, toks[k + 1].gap == Token.gSpace, toks[k + 1].has(Token.cap), !toks[k + 1].has(Token.allCaps),
                           dictStart[k + 1] < 0, !isCalendarWord(k + 1),
                           k + 2 >= n || !toks[k + 2].joinable || !isNameStart(toks[k + 2]) {
                            Self.put(&units, &nu, Unit(s: k, e: k + 1, dict: -1))
                            Self.put(&units, &nu, Unit(s: k + 1, e: k + 2, dict: -1))
                            k += 2
                            break
                        }
                        break
                    }
                }
                if dictStart[k] >= 0 {
                    let m = dictMatches[Int(dictStart[k])]
                    Self.put(&units, &nu, Unit(s: m.s, e: m.e, dict: Int(dictStart[k])))
                    k = m.e
                } else {
                    Self.put(&units, &nu, Unit(s: k, e: k + 1, dict: -1))
                    k += 1
                }
            }
            processChunk(units, nu)
            i = max(k, i + 1)
        }
        unitBuf = units
    }

    /// A sanctions-list entry "1. AL-DABBAGH, Khalil Ibrahim (a.k.a. ...)": an all-caps surname opening a (numbered)
    /// line, a comma, then capitalised given names up to "(" / ";" / the line end. Returns the end token.
    func invertedListName(_ i: Int) -> Int? {
        let n = toks.count
        let t = toks[i]
        guard t.has(Token.allCaps) || t.has(Token.article) else { return nil }
        let lineStart = t.gap & Token.gHard != 0 || i == 0
            || i > 0 && toks[i - 1].has(Token.digit) && toks[i - 1].length <= 3 && (toks[i - 1].gap & Token.gHard != 0 || i == 1)
        guard lineStart else { return nil }
        var k = i
        while k < n && (k == i || toks[k].joinable) && (toks[k].has(Token.allCaps) || toks[k].has(Token.article)) { k += 1 }
        guard k < n, k > i, k - i <= 4, toks[k].gap == Token.gComma | Token.gSpace else { return nil }
        var words = 0
        var m = k
        while m < n && (m == k || toks[m].joinable) && (toks[m].has(Token.cap) && !toks[m].has(Token.allCaps) || isParticle(toks[m])) { m += 1; words += 1 }
        guard words >= 1, words <= 4, toks[m - 1].has(Token.cap) else { return nil }
        // not a dateline ("ATMEH, Syria (Feb. 3) —"): no known place on either side of the comma
        for q in i..<m where dictStart[q] >= 0 {
            let entry = dictMatches[Int(dictStart[q])].entry
            if index.entries[entry].type != .person { return nil }
        }
        guard m >= n || toks[m].gap & (Token.gOpenParen | Token.gHard) != 0 || gapHas(m, 0x3B) else { return nil }
        return m
    }

    @inline(__always) static func put(_ a: inout [Unit], _ count: inout Int, _ u: Unit) {
        if count < a.count { a[count] = u } else { a.append(u) }
        count += 1
    }

    func unitIsWord(_ u: Unit) -> Bool { u.dict < 0 && u.e - u.s == 1 }

    func isGerund(_ k: Int) -> Bool {
        let e = Int(toks[k].end)
        return rt.text[e - 3] == 0x69 && rt.text[e - 2] == 0x6E && rt.text[e - 1] == 0x67
    }

    func processChunk(_ units: [Unit], _ count: Int) {
        // the chunk is units[lo..<hi]; trimming moves the bounds instead of copying
        var lo = 0, hi = count
        // leading junk: function words, sentence-initial common words, dangling particles, connectors
        let endsWithOrgCue = hi > 0 ? (units[hi - 1].dict < 0 && toks[units[hi - 1].e - 1].inList(LexBit.orgCues)) : false
        while lo < hi, units[lo].dict < 0 {
            let f = units[lo]
            let t = toks[f.s]
            let count = hi - lo
            if f.e - f.s > 1 { lo += 1; continue } // connector unit
            if endsWithOrgCue && count > 1 && (t.inList(LexBit.ordinals) || t.has(Token.digit)) { break }
            if t.inList(LexBit.stopAlways) && !t.has(Token.allCaps) { lo += 1; continue }
            if t.inList(LexBit.stopSentence) && clauseStart(f.s) {
                // "Eastern Desert Observatory": an adjective opening a longer organisation name stays
                let keep = endsWithOrgCue && count >= 3 && t.has(Token.cap) && !t.has(Token.allCaps)
                    && (lo + 1..<hi).allSatisfy { units[$0].dict < 0 && toks[units[$0].s].has(Token.cap) }
                if !keep { lo += 1; continue }
            }
            // a gerund opening a headline chunk ("Tracing Khaleel al-Dabagh")
            if count > 1, headline[f.s], t.has(Token.cap), !t.has(Token.allCaps), t.length >= 5, isGerund(f.s) { lo += 1; continue }
            if t.has(Token.lower) && !t.has(Token.article) && !(count > 1 && t.inList(LexBit.personParticles)) { lo += 1; continue }
            if t.has(Token.article) && count == 1 { lo += 1; continue }
            break
        }
        while hi > lo {
            let l = units[hi - 1]
            guard l.dict < 0, toks[l.e - 1].has(Token.lower) || l.e - l.s > 1 else { break }
            hi -= 1
        }
        if lo >= hi { return }
        // role from a title inside the chunk
        var ti = -1
        for k in lo..<(hi - 1) where unitIsWord(units[k]) {
            let t = toks[units[k].s]
            if t.has(Token.cap) && (t.inList(LexBit.titles) || t.inList(LexBit.roleNouns)) {
                if k > lo, unitIsWord(units[k - 1]), Self.givenNameKeys.contains(toks[units[k - 1].s].key),
                   !toks[units[k - 1].s].inList(LexBit.titles), !toks[units[k - 1].s].inList(LexBit.titleModifiers) { continue }
                ti = k
            }
        }
        if ti >= 0 {
            // rest = units[(ti + 1)..<hi]
            var restHasOrgCue = false
            for k in (ti + 1)..<hi {
                if units[k].dict >= 0 { break }
                if toks[units[k].e - 1].inList(LexBit.orgCues) { restHasOrgCue = true; break }
            }
            if !restHasOrgCue {
                var rs = ti
                while rs > lo, unitIsWord(units[rs - 1]), toks[units[rs - 1].s].inList(LexBit.titleModifiers) || toks[units[rs - 1].s].inList(LexBit.titles) { rs -= 1 }
                let role = rt.cleanString(Int(toks[units[rs].s].start), Int(toks[units[ti].e - 1].end))
                if rs > lo { segment(units, lo, rs, role: nil) }
                segment(units, ti + 1, hi, role: role)
                return
            }
        }
        segment(units, lo, hi, role: nil)
    }

    /// A run of tokens: a dictionary entry (`entry` ≥ 0), an unknown name (-1) or a place with its quarter (-2).
    struct Seg { var s: Int; var e: Int; var entry: Int }

    /// Splits a title-free chunk into dictionary and unknown segments and emits candidates.
    func segment(_ units: [Unit], _ lo0: Int, _ hi0: Int, role: String?) {
        let (lo, hi) = trimmedBounds(units, lo0, hi0)
        if lo >= hi { return }
        var segs = segBuf
        segBuf = []
        segs.removeAll(keepingCapacity: true)
        splitAtDictionaryMatches(units, lo, hi, into: &segs)
        var merged = mergedBuf
        mergedBuf = []
        merged.removeAll(keepingCapacity: true)
        mergeCueWords(segs, into: &merged)
        emitCandidates(merged, role: role)
        segs.removeAll(keepingCapacity: true)
        segBuf = segs
        merged.removeAll(keepingCapacity: true)
        mergedBuf = merged
    }

    /// The chunk's bounds narrowed: trailing units that end in a lower-case word or an article, and
    /// leading units of more than a word or a lower-case word other than an article or particle,
    /// are dropped unless they are dictionary matches.
    func trimmedBounds(_ units: [Unit], _ lo0: Int, _ hi0: Int) -> (Int, Int) {
        var lo = lo0, hi = hi0
        while hi > lo {
            let l = units[hi - 1]
            guard l.dict < 0, toks[l.e - 1].has(Token.lower) || toks[l.e - 1].has(Token.article) else { break }
            hi -= 1
        }
        while lo < hi {
            let f = units[lo]
            guard f.dict < 0, f.e - f.s > 1 || (toks[f.s].has(Token.lower) && !toks[f.s].has(Token.article) && !toks[f.s].inList(LexBit.personParticles)) else { break }
            lo += 1
        }
        return (lo, hi)
    }

    /// Dictionary matches and the unknown runs between them, as segments; a place before a name
    /// particle, a connector ("... for the Liberation of Syria") or a short capitalised run before a
    /// dictionary person joins its neighbour.
    func splitAtDictionaryMatches(_ units: [Unit], _ lo: Int, _ hi: Int, into segs: inout [Seg]) {
        var pending: (Int, Int)? = nil
        for ui in lo..<hi {
            let u = units[ui]
            if u.dict >= 0 {
                let m = dictMatches[u.dict]
                let entryType = index.entries[m.entry].type
                if entryType != .person && entryType != .org, m.e - m.s == 1, pending == nil, ui + 1 < hi, units[ui + 1].dict < 0,
                   toks[units[ui + 1].s].inList(LexBit.personParticles), ui + 2 < hi {
                    pending = (u.s, u.e); continue
                }
                // "... for the Liberation of Syria": a connector binds the dictionary name into the organisation's name
                if let p = pending, p.1 == m.s, toks[p.1 - 1].has(Token.lower), toks[p.1 - 1].inList(LexBit.connectorOfFor) || toks[p.1 - 1].lit == Lexicon.the {
                    pending = (p.0, m.e); continue
                }
                if let p = pending, entryType == .person, p.1 - p.0 <= 2,
                   (p.0..<p.1).allSatisfy({ toks[$0].has(Token.cap) && !toks[$0].has(Token.allCaps) || isParticle(toks[$0]) }) {
                    segs.append(Seg(s: p.0, e: m.e, entry: m.entry)); pending = nil; continue
                }
                if let p = pending { segs.append(Seg(s: p.0, e: p.1, entry: -1)); pending = nil }
                segs.append(Seg(s: m.s, e: m.e, entry: m.entry))
            } else {
                if let p = pending { pending = (p.0, u.e) } else { pending = (u.s, u.e) }
            }
        }
        if let p = pending { segs.append(Seg(s: p.0, e: p.1, entry: -1)) }
    }

    /// Segments joined by cue words: an unknown ORG name that starts with a nationality, place or
    /// organisation word ("Turkish Defense Ministry"), a dictionary place and its "Province" or its
    /// "al-X" quarter.
    func mergeCueWords(_ segs: [Seg], into merged: inout [Seg]) {
        for sg in segs {
            if sg.entry < 0, toks[sg.e - 1].inList(LexBit.orgCues), let prev = merged.last, prev.e == sg.s,
               prev.entry < 0 || index.entries[prev.entry].type != .person {
                var start = sg.s
                while let p2 = merged.last, p2.e == start, p2.entry < 0 || index.entries[p2.entry].type != .person { start = p2.s; merged.removeLast() }
                merged.append(Seg(s: start, e: sg.e, entry: -1))
                continue
            }
            // dictionary place + "Province"/"Countryside": keep the place only
            if sg.entry < 0, sg.e - sg.s == 1, toks[sg.s].inList(LexBit.locCues), let prev = merged.last, prev.entry >= 0,
               index.entries[prev.entry].type == .location {
                // in running text a capitalised head noun is part of the name ("Tabqa Dam", "Idlib Governorate");
                // in a title-case headline it is just capitalised ("al-Hawl Camp")
                if !headline[sg.s], toks[sg.s].has(Token.cap), !toks[sg.s].has(Token.allCaps), toks[sg.s].lit != Self.countrysideHash {
                    merged.removeLast()
                    // an administrative unit is the place itself ("Idlib Governorate" = Idlib); a facility is not
                    let sameEntity = toks[sg.s].lit == Self.governorateHash || toks[sg.s].lit == Self.provinceHash || toks[sg.s].lit == Self.regionHash
                    merged.append(Seg(s: prev.s, e: sg.e, entry: sameEntity ? prev.entry : -1))
                }
                continue
            }
            // dictionary place + "al-X" quarter ("Daraa al-Balad")
            if sg.entry < 0, sg.e - sg.s == 2, toks[sg.s].has(Token.article), toks[sg.s + 1].hyphenJoined, let prev = merged.last, prev.entry >= 0,
               prev.e == sg.s, index.entries[prev.entry].type == .location, toks[sg.s].gap == Token.gSpace, !headline[sg.s] {
                merged.removeLast()
                merged.append(Seg(s: prev.s, e: sg.e, entry: -2))
                continue
            }
            merged.append(sg)
        }
    }

    /// One candidate per merged segment: dictionary entries as they are, quarters as places, the rest
    /// typed by `classify`; the chunk's role goes to its last segment.
    func emitCandidates(_ merged: [Seg], role: String?) {
        for (k, sg) in merged.enumerated() {
            var s = sg.s
            // trim leading lower-case non-particles
            while s < sg.e - 1, toks[s].has(Token.lower), !isParticle(toks[s]) { s += 1 }
            let r = (k == merged.count - 1 || merged.count == 1) ? role : nil
            if sg.entry == -2 {
                cands.append(Candidate(s: s, e: sg.e, type: .location, strength: 5, entry: -1, role: nil))
            } else if sg.entry >= 0 {
                let type = index.entries[sg.entry].type
                var c = Candidate(s: s, e: sg.e, type: type, strength: 100, entry: sg.entry, role: nil)
                if type == .person { c.role = r ?? roleBefore(s) ?? roleAfter(sg.e) }
                cands.append(c)
            } else {
                cands.append(classify(s, sg.e, role: r))
            }
        }
    }

    /// Appositive role: "X, a senior HTS commander," / "X, the group's spokesman".
    func roleAfter(_ e: Int) -> String? {
        let n = toks.count
        guard e < n, toks[e].gap & Token.gComma != 0, toks[e].gap & ~(Token.gComma | Token.gSpace) == 0 else { return nil }
        let d = toks[e].lit
        guard d == Lexicon.a || d == Lexicon.an || d == Lexicon.the || d == Self.hisHash || d == Self.herHash else { return nil }
        var k = e + 1
        while k < n && k <= e + 5 && toks[k].gap & ~(Token.gSpace | Token.gHyphen | Token.gApos) == 0 {
            if toks[k].has(Token.lower) && toks[k].inList(LexBit.roleNouns) { return rt.cleanString(Int(toks[k].start), Int(toks[k].end)) }
            k += 1
        }
        return nil
    }
    static let hisHash = Hash.of("his"), herHash = Hash.of("her")

    func roleBefore(_ s: Int) -> String? {
        guard s > 0, toks[s].gap == Token.gSpace else { return nil }
        let p = toks[s - 1]
        if p.has(Token.lower) && p.inList(LexBit.roleNouns) { return rt.cleanString(Int(p.start), Int(p.end)) }
        return nil
    }

    /// The form of an unknown name span: its first and last name word (trailing numbers skipped), how
    /// many name words it has, and the particles, articles and connectors inside it.
    struct SpanForm {
        var first: Token
        var last: Token
        var nameCount = 0
        var hasInnerArticle = false
        var hasPersonParticle = false
        var orgInner = false
        var allCapsName = false
    }

    /// The best-voted type so far and its weight; a vote counts only when heavier than the best.
    struct TypeVotes {
        var best: (EntityType?, Int) = (nil, 0)
        mutating func vote(_ t: EntityType, _ w: Int) { if w > best.1 { best = (t, w) } }
    }

    func spanForm(_ s: Int, _ e: Int) -> SpanForm {
        var lastIdx = e - 1
        while lastIdx > s && toks[lastIdx].has(Token.digit) { lastIdx -= 1 }
        var form = SpanForm(first: toks[s], last: toks[lastIdx])
        for k in s..<e {
            let t = toks[k]
            if t.has(Token.article) { if k > s { form.hasInnerArticle = true }; continue }
            if t.has(Token.lower) {
                if t.inList(LexBit.personParticles) { form.hasPersonParticle = true }
                if t.inList(LexBit.connectorOfFor) { form.orgInner = true }
                continue
            }
            if t.inList(LexBit.personParticles) { form.hasPersonParticle = true }
            form.nameCount += 1
        }
        form.allCapsName = (s..<e).allSatisfy({ toks[$0].has(Token.allCaps) || toks[$0].has(Token.article) })
        return form
    }

    /// Types an unknown name span from its form and context: vetoes first, then votes from its form,
    /// its place in the text and its neighbours, then what the document's layout and lower-case uses
    /// say against a weak vote.
    func classify(_ s: Int, _ e: Int, role: String?) -> Candidate {
        let form = spanForm(s, e)
        let first = form.first
        if first.lit == Self.operationHash || first.inList(LexBit.notEntities) && e - s == 1 || form.last.inList(LexBit.nonEntityCues)
            || first.lit == Self.eidHash
            || e - s == 1 && first.inList(LexBit.stopAlways) && !first.has(Token.allCaps) {
            return Candidate(s: s, e: e, type: nil, strength: Candidate.vetoed, entry: -1, role: nil)
        }
        var votes = TypeVotes()
        formVotes(&votes, s, e, form, role: role)
        contextVotes(&votes, s, e, form)
        let best = weighedAgainstLayout(votes.best, s, e, form)
        let type = settledType(best, s, e, form)
        return Candidate(s: s, e: e, type: type, strength: best.1, entry: -1, role: type == .person ? (role ?? roleBefore(s) ?? roleAfter(e)) : role)
    }

    /// Votes from the span's own form and where it stands: cue words, a role, datelines, incident logs, alias notices.
    func formVotes(_ votes: inout TypeVotes, _ s: Int, _ e: Int, _ form: SpanForm, role: String?) {
        let n = toks.count
        let first = form.first, last = form.last, nameCount = form.nameCount
        if nameCount == 1 && e - s == 1 && first.isAcronym && first.length >= 2 { votes.vote(.org, 3) }
        if nameCount >= 2 && (last.inList(LexBit.orgCues) || form.orgInner) { votes.vote(.org, 6) }
        if nameCount >= 2 && first.inList(LexBit.orgPrefixes) { votes.vote(.org, 5) }
        if nameCount >= 2 && last.inList(LexBit.locCues) { votes.vote(.location, 6) }
        if nameCount >= 2 && first.inList(LexBit.locPrefixes) { votes.vote(.location, 4) }
        if role != nil { votes.vote(.person, 5) }
        // dateline: an all-caps place opening a line before a dash or comma ("RAS AL-AIN —", "QAMISHLI, Syria —")
        if form.allCapsName, toks[s].gap & Token.gHard != 0 || s == 0, e < n, gapHas(e, 0x2013) || toks[e].gap & Token.gComma != 0 && toks[e].has(Token.cap) {
            votes.vote(.location, 6)
        }
        // incident logs: "05:30 Dhiban —", "18:45 | Mhardeh |"
        if s >= 2, nameCount <= 3, toks[s - 1].has(Token.digit), toks[s - 2].has(Token.digit), gapHas(s - 1, 0x3A),
           toks[s - 2].gap & Token.gHard != 0 || s == 2, e < n, gapHas(e, 0x2013) || gapHas(e, 0x7C) || toks[e].gap & (Token.gComma | Token.gOpenParen) != 0 {
            votes.vote(.location, 4)
        }
        // aliases in sanctions notices: "a.k.a. ABU YAHYA AL-SHAMI", "also spelled Khaleel Ibraheem al-Dabagh"
        if nameCount >= 2 && (akaBefore(s) || alsoSpelledBefore(s)) { votes.vote(.person, 5) }
    }

    /// Votes from the words just before and after the span, then from its name words.
    func contextVotes(_ votes: inout TypeVotes, _ s: Int, _ e: Int, _ form: SpanForm) {
        let n = toks.count
        let nameCount = form.nameCount
        // context before
        if s > 0 {
            let p = toks[s - 1]
            let tight = toks[s].gap == Token.gSpace
            if tight && p.has(Token.lower) {
                if p.inList(LexBit.locPrepositions) { votes.vote(.location, 3) }
                if p.lit == Lexicon.from && nameCount == 1 { votes.vote(.location, 2) }
                if p.lit == Lexicon.of, s > 1, toks[s - 2].inList(LexBit.locOfNouns) { votes.vote(.location, 4) }
                if p.inList(LexBit.roleNouns) { votes.vote(.person, 4) }
                if p.lit == Lexicon.to, s > 1, toks[s - 2].lit == Lexicon.according { votes.vote(.person, 2) }
            }
        }
        // context after
        if e < n {
            let q = toks[e]
            if q.has(Token.lower) && q.gap == Token.gSpace {
                if q.inList(LexBit.locAfter) { votes.vote(.location, 3) }
                if q.inList(LexBit.orgAfter) { votes.vote(.org, 3) }
                if q.inList(LexBit.personAfter) { votes.vote(.person, 3) }
                if nameCount == 1, Self.tribeHashes.contains(q.lit) { votes.vote(.norp, 4) } // "the Aqidat tribe"
            } else if q.has(Token.lower) && q.gap & Token.gComma != 0 && q.gap & ~(Token.gComma | Token.gSpace) == 0 {
                if q.lit == Lexicon.who { votes.vote(.person, 3) }
                if (q.lit == Lexicon.a || q.lit == Lexicon.an || q.lit == Lexicon.the), e + 1 < n, toks[e + 1].inList(LexBit.roleNouns) { votes.vote(.person, 3) }
            }
            if q.has(Token.lower) && q.gap & Token.gComma != 0, q.inList(LexBit.personAfter), q.lit != Lexicon.who { votes.vote(.person, 2) }
        }
        if nameCount == 1 && form.first.has(Token.article) { votes.vote(.location, 1) }
        if nameCount >= 2 {
            if Self.givenNameKeys.contains(form.first.key) { votes.vote(.person, 3) }
            if form.hasPersonParticle || form.hasInnerArticle { votes.vote(.person, 2) }
            votes.vote(.person, 1)
        }
    }

    /// A person in a byline is sure; a weak two-word "person" whose words the document also uses in
    /// lower case ("Money Transfer", "Opposing Parties") is a common phrase, vetoed.
    func weighedAgainstLayout(_ voted: (EntityType?, Int), _ s: Int, _ e: Int, _ form: SpanForm) -> (EntityType?, Int) {
        var best = voted
        let nameCount = form.nameCount
        // bylines: "By Hana Morcos and Emre Kaplan", "Verify Levant · 13 August 2026 · Yousef Amer"
        if best.0 == .person, s >= bylineStart, e <= bylineEnd, nameCount >= 2, nameCount <= 3, !form.allCapsName { best.1 = max(best.1, 5) }
        else if best.0 == .person, s > 0, s < bylineEnd + 40, toks[s - 1].lit == Self.byHash, nameCount >= 2, nameCount <= 3, !form.allCapsName { best.1 = max(best.1, 5) }
        // capitalisation statistics
        if best.0 == .person && best.1 <= 1 {
            var lowerCount = 0, words = 0
            for k in s..<e where !toks[k].has(Token.lower) && !toks[k].has(Token.article) {
                words += 1
                if occursLower(toks[k].lit) { lowerCount += 1 }
            }
            if occursLower(form.first.lit) || lowerCount * 2 > words { best = (nil, Candidate.vetoed) }
        }
        return best
    }

    /// The voted type, or none where form says too little: a lone word opening a sentence or clause,
    /// an adverb or label word there, a headline, all capitals.
    func settledType(_ best: (EntityType?, Int), _ s: Int, _ e: Int, _ form: SpanForm) -> EntityType? {
        let n = toks.count
        let first = form.first, nameCount = form.nameCount
        var type = best.0
        if (first.has(Token.sentStart) || clauseStart(s)) && nameCount == 1 && best.1 < 3 { type = nil }
        // an adverb opening a clause ("Status: Partly confirmed")
        if e - s == 1 && clauseStart(s) && best.1 < 5 && first.length >= 4 && rt.text[Int(first.end) - 2] == 0x6C && rt.text[Int(first.end) - 1] == 0x79 { type = nil }
        // a label word before a colon ("Status:", "Source:")
        if e - s == 1 && e < n && gapHas(e, 0x3A) && clauseStart(s) && best.1 < 5 { type = nil }
        if headline[s] && best.1 < 5 { type = nil }
        if nameCount >= 2 && form.allCapsName && best.1 < 5 { type = nil }
        if e - s == 1 && first.has(Token.allCaps) && first.length > 6 && best.1 < 5 { type = nil }
        return type
    }
}

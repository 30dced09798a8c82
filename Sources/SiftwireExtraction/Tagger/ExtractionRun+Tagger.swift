/// How the tagger and the rules combine (ARCHITECTURE.md, "Extraction"):
/// - the rules run first and their candidates (span, type, how sure) are tagger features, so the tagger learns from
///   annotated news how far to trust them;
/// - the dictionary decides identity: a dictionary match stays as it is, and a tagger span that only partly
///   overlaps one gives way to it; a longer span that contains a dictionary place or nationality ("Southern
///   Lebanon", "Damascus University") replaces it, and so does an ORG span containing any non-person, non-ORG match;
/// - the tagger decides every other span and its type: rule candidates without a dictionary entry are replaced by
///   the tagger spans they overlap (their title or role carries over), and tagger spans the rules missed are added;
///   rule candidates of strength `keptRuleStrength` stay, and a sure rule type wins on an identical span;
/// - MISC spans are dropped (nationalities come from the dictionary as NORP).
extension ExtractionRun {
    /// The tagger's view of the document; the rule candidates (`buildChunks`) must be built first.
    func taggerInput() -> TaggerInput {
        let dict = dictMatches.map { (s: $0.s, e: $0.e, type: Optional(index.entries[$0.entry].type)) }
        let gaz = gazMatches.map { (s: $0.s, e: $0.e, type: Optional($0.type)) }
        var strength = [UInt8](repeating: 0, count: toks.count)
        var rules = [(s: Int, e: Int, type: EntityType?)]()
        for c in cands.sorted(by: { $0.s < $1.s }) where c.e > c.s {
            if let last = rules.last, last.e > c.s { continue }
            rules.append((c.s, c.e, c.type))
            let level: UInt8 = c.entry >= 0 ? 4 : c.strength >= 5 ? 3 : c.strength >= 3 ? 2 : 1
            for k in c.s..<c.e { strength[k] = level }
        }
        return TaggerInput(text: rt.text, toks: toks, dictCodes: TaggerInput.codes(dict, count: toks.count),
                           gazCodes: TaggerInput.codes(gaz, count: toks.count), ruleCodes: TaggerInput.codes(rules, count: toks.count),
                           ruleStrength: strength, headline: headline)
    }

    /// Token spans the tagger finds, sentence by sentence.
    func taggedSpans(_ model: NERModel) -> [TypedSpan] {
        var feats = [UInt32]()
        var offsets = [Int32]()
        feats.reserveCapacity(toks.count * 48)
        offsets.reserveCapacity(toks.count + 1)
        model.features.extract(taggerInput(), into: &feats, offsets: &offsets)
        var spans = [TypedSpan]()
        for range in NERTrainer.sentenceRanges(toks) {
            for s in BILOU.spans(model.decode(feats, offsets, range)) {
                spans.append(TypedSpan(start: s.start + range.lowerBound, end: s.end + range.lowerBound, kind: s.kind))
            }
        }
        return spans
    }

    /// Rule candidates this sure (a list entry's inverted name, a place with its quarter) stay as the rules found them.
    static let keptRuleStrength = 6
    /// Where the tagger finds exactly the rules' span, a rule type this sure (a cue word: "Kafr", "Province",
    /// "Brigade", a title) wins over the tagger's type. Both measured on CoNLL dev, GMB and our sets (ARCHITECTURE.md).
    static let typedRuleStrength = 4
    /// A rule candidate this sure that no tagger span touches is kept.
    static let unopposedRuleStrength = 4

    func applyTagger() {
        guard let model = tagger else { return }
        // a name opens with a capital, a digit or a name particle ("al-", "bin"): lower-case phrases are not names
        let vetoed = cands.filter { $0.strength == Candidate.vetoed }
        let tagged = taggedSpans(model)
        let spans = tagged.compactMap { sp -> (span: TypedSpan, role: String?)? in
            // word-list non-names open no name either ("Christmas Eve", "Eid al-Adha", "DOB 1979")
            guard sp.kind != .misc, !dateTok[sp.start], !toks[sp.start].has(Token.lower) || isParticle(toks[sp.start]),
                  !toks[sp.start].inList(LexBit.notEntities),
                  !vetoed.contains(where: { $0.s == sp.start || $0.s < sp.end && sp.start < $0.e && $0.e - $0.s >= sp.end - sp.start }) else { return nil }
            return withoutLeadingTitle(sp)
        }
        var out = [Candidate]()
        out.reserveCapacity(cands.count + spans.count)
        // kept as found: dictionary matches, very sure rule candidates, and sure ones in capitals (where
        // capitalisation, the tagger's strongest cue, says nothing)
        let dictCands = cands.filter { c in
            c.type != nil && (c.entry >= 0 || c.strength >= Self.keptRuleStrength
                || c.strength >= Self.typedRuleStrength && (c.s..<c.e).allSatisfy { toks[$0].has(Token.allCaps) || toks[$0].has(Token.article) })
        }
        let ruleCands = cands.filter { $0.entry < 0 && $0.type != nil }
        var replaced = Set<Int>()   // dictionary candidates a containing ORG span replaces
        var taken = [(span: TypedSpan, role: String?)]()
        for (sp, role) in spans {
            let overlapping = dictCands.indices.filter { dictCands[$0].s < sp.end && sp.start < dictCands[$0].e }
            if !overlapping.isEmpty {
                let contains = overlapping.allSatisfy { sp.start <= dictCands[$0].s && dictCands[$0].e <= sp.end }
                let longer = overlapping.allSatisfy { dictCands[$0].e - dictCands[$0].s < sp.end - sp.start }
                guard sp.kind != .misc, contains, longer,
                      overlapping.allSatisfy({ dictCands[$0].entry >= 0 && (dictCands[$0].type == .location || dictCands[$0].type == .norp)
                          || sp.kind == .org && dictCands[$0].type != .org && dictCands[$0].type != .person }) else { continue }
                replaced.formUnion(overlapping)
            }
            taken.append((sp, role))
        }
        for (i, c) in dictCands.enumerated() where !replaced.contains(i) { out.append(c) }
        for (sp, title) in taken {
            guard let type = sp.kind.entityType else { continue }
            let role = title ?? (type == .person ? ruleCands.first(where: { $0.s < sp.end && sp.start < $0.e && $0.role != nil })?.role : nil)
            var c = Candidate(s: sp.start, e: sp.end, type: type, strength: 5, entry: -1, role: role)
            if let r = ruleCands.first(where: { $0.s == sp.start && $0.e == sp.end }), r.strength >= Self.typedRuleStrength {
                c.type = r.type; c.strength = max(5, r.strength)
            }
            if type == .person, c.role == nil { c.role = roleBefore(sp.start) ?? roleAfter(sp.end) }
            out.append(c)
        }
        // one name, one type: a lone surname ("Hamdan", "al-Hamdan") of a person named in full in the document is that person
        var surnames = Set<UInt64>()
        for c in out where c.type == .person { let keys = nameKeys(c.s, c.e); if keys.count >= 2, let last = keys.last { surnames.insert(last) } }
        for i in out.indices where out[i].entry < 0 && out[i].type != .person {
            let keys = nameKeys(out[i].s, out[i].e)
            if keys.count == 1, surnames.contains(keys[0]) { out[i].type = .person }
        }
        for var c in ruleCands where !out.contains(where: { $0.s < c.e && c.s < $0.e }) {
            let keys = nameKeys(c.s, c.e)
            if keys.count == 1, surnames.contains(keys[0]) { c.type = .person; out.append(c) }
        }
        // a sure rule candidate the tagger left alone (no span of any kind, MISC included: "05:30 Qurqaniya —") stays
        for c in ruleCands where c.strength >= Self.unopposedRuleStrength
            && !out.contains(where: { $0.s < c.e && c.s < $0.e }) && !tagged.contains(where: { $0.start < c.e && c.s < $0.end }) {
            out.append(c)
        }
        cands = out
    }

    /// Titles before a name are its role, not part of it ("Sheikh Abdul Rahim Attoun", "President Assad").
    func withoutLeadingTitle(_ sp: TypedSpan) -> (span: TypedSpan, role: String?) {
        var s = sp.start
        while s < sp.end - 1, toks[s].has(Token.cap), toks[s].inList(LexBit.titles) || toks[s].inList(LexBit.titleModifiers) { s += 1 }
        // "General Security Service" keeps its first word: only a person's span, or one the rules read as a person, loses it
        guard s > sp.start, toks[s - 1].inList(LexBit.titles),
              sp.kind == .person || cands.contains(where: { $0.s == s && $0.e == sp.end && $0.type == .person }) else { return (sp, nil) }
        let role = rt.cleanString(Int(toks[sp.start].start), Int(toks[s - 1].end))
        return (TypedSpan(start: s, end: sp.end, kind: sp.kind), role)
    }
}

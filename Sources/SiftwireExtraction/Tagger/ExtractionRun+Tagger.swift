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

    /// The tagger and the rules combined (ARCHITECTURE.md, "How tagger and rules combine"): the
    /// rule candidates' per-token views, the tagger spans taken over or beside the kept candidates,
    /// their types and roles, then lone surnames and the sure rule candidates the tagger left alone.
    func applyTagger() {
        guard let model = tagger else { return }
        let views = ruleViews()
        let tagged = taggedSpans(model)
        var taggedCover = [Bool](repeating: false, count: toks.count)
        for sp in tagged { for k in sp.start..<sp.end { taggedCover[k] = true } }
        let (taken, replaced) = takenSpans(tagged, views)
        var out = [Candidate]()
        out.reserveCapacity(views.kept.count + taken.count)
        for (i, c) in views.kept.enumerated() where !replaced.contains(i) { out.append(c) }
        for (sp, title) in taken {
            if let c = taggerCandidate(sp, title: title, views) { out.append(c) }
        }
        addSurnamesAndUnopposedRules(&out, views, taggedCover: taggedCover)
        cands = out
    }

    /// Per-token views of the rule candidates, so every step of `applyTagger` is linear in the document.
    struct RuleViews {
        var vetoStart: [Bool]
        /// The longest vetoed candidate covering the token.
        var vetoLength: [Int]
        /// Index into `kept` of the candidate covering the token.
        var keptAt: [Int]
        /// Index into `ruleCands`.
        var ruleAt: [Int]
        /// s * (n + 1) + e -> index into `ruleCands`.
        var ruleBySpan = [Int: Int]()
        /// Kept as found: dictionary matches, very sure rule candidates, and sure ones in capitals (where
        /// capitalisation, the tagger's strongest cue, says nothing).
        var kept = [Candidate]()
        var ruleCands = [Candidate]()

        init(tokens n: Int) {
            vetoStart = [Bool](repeating: false, count: n)
            vetoLength = [Int](repeating: 0, count: n)
            keptAt = [Int](repeating: -1, count: n)
            ruleAt = [Int](repeating: -1, count: n)
        }
    }

    func ruleViews() -> RuleViews {
        let n = toks.count
        var v = RuleViews(tokens: n)
        for c in cands {
            if c.strength == Candidate.vetoed {
                v.vetoStart[c.s] = true
                for k in c.s..<c.e { v.vetoLength[k] = max(v.vetoLength[k], c.e - c.s) }
            }
            guard c.type != nil else { continue }
            if c.entry >= 0 || c.strength >= Self.keptRuleStrength
                || c.strength >= Self.typedRuleStrength && (c.s..<c.e).allSatisfy({ toks[$0].has(Token.allCaps) || toks[$0].has(Token.article) }) {
                for k in c.s..<c.e where v.keptAt[k] < 0 { v.keptAt[k] = v.kept.count }
                v.kept.append(c)
            }
            if c.entry < 0 {
                for k in c.s..<c.e where v.ruleAt[k] < 0 { v.ruleAt[k] = v.ruleCands.count }
                v.ruleBySpan[c.s * (n + 1) + c.e] = v.ruleCands.count
                v.ruleCands.append(c)
            }
        }
        return v
    }

    /// The tagger spans that may be names, with their leading titles as roles, that go beside the kept
    /// candidates or replace the ones they contain (dictionary places and nationalities, or non-persons
    /// inside an ORG span); the kept candidates replaced.
    func takenSpans(_ tagged: [TypedSpan], _ v: RuleViews) -> (taken: [(span: TypedSpan, role: String?)], replaced: Set<Int>) {
        let spans = tagged.compactMap { sp -> (span: TypedSpan, role: String?)? in
            // a name opens with a capital, a digit or a name particle ("al-", "bin"), and word-list non-names open
            // none ("Christmas Eve", "Eid al-Adha", "DOB 1979"); a vetoed rule span at least as long binds it
            guard sp.kind != .misc, !dateTok[sp.start], !toks[sp.start].has(Token.lower) || isParticle(toks[sp.start]),
                  !toks[sp.start].inList(LexBit.notEntities), !v.vetoStart[sp.start],
                  !(sp.start..<sp.end).contains(where: { v.vetoLength[$0] >= sp.end - sp.start }) else { return nil }
            return withoutLeadingTitle(sp)
        }
        let kept = v.kept
        var replaced = Set<Int>()   // kept candidates a containing tagger span replaces
        var taken = [(span: TypedSpan, role: String?)]()
        for (sp, role) in spans {
            var overlapping = [Int]()
            var k = sp.start
            while k < sp.end { if v.keptAt[k] >= 0, overlapping.last != v.keptAt[k] { overlapping.append(v.keptAt[k]) }; k += 1 }
            if let first = overlapping.first, kept[first].s < sp.start { continue }     // starts inside a kept one
            if !overlapping.isEmpty {
                let contains = overlapping.allSatisfy { sp.start <= kept[$0].s && kept[$0].e <= sp.end }
                let longer = overlapping.allSatisfy { kept[$0].e - kept[$0].s < sp.end - sp.start }
                guard contains, longer,
                      overlapping.allSatisfy({ kept[$0].entry >= 0 && (kept[$0].type == .location || kept[$0].type == .norp)
                          || sp.kind == .org && kept[$0].type != .org && kept[$0].type != .person }) else { continue }
                replaced.formUnion(overlapping)
            }
            taken.append((sp, role))
        }
        return (taken, replaced)
    }

    /// A taken tagger span as a candidate: a person's role from its title or a rule candidate inside
    /// it; a sure rule type on the identical span wins; nil for a kind that is no entity type.
    func taggerCandidate(_ sp: TypedSpan, title: String?, _ v: RuleViews) -> Candidate? {
        guard let type = sp.kind.entityType else { return nil }
        let n = toks.count
        var role = title
        if role == nil, type == .person {
            role = (sp.start..<sp.end).lazy.compactMap { k in v.ruleAt[k] >= 0 ? v.ruleCands[v.ruleAt[k]].role : nil }.first
        }
        var c = Candidate(s: sp.start, e: sp.end, type: type, strength: 5, entry: -1, role: role)
        if let r = v.ruleBySpan[sp.start * (n + 1) + sp.end].map({ v.ruleCands[$0] }), r.strength >= Self.typedRuleStrength {
            c.type = r.type; c.strength = max(5, r.strength)
        }
        if type == .person, c.role == nil { c.role = roleBefore(sp.start) ?? roleAfter(sp.end) }
        return c
    }

    /// One name, one type: a lone surname ("Hamdan", "al-Hamdan") of a person named in full in the
    /// document is that person; and a sure rule candidate the tagger left alone stays.
    func addSurnamesAndUnopposedRules(_ out: inout [Candidate], _ v: RuleViews, taggedCover: [Bool]) {
        var outCover = [Bool](repeating: false, count: toks.count)
        for c in out { for k in c.s..<c.e { outCover[k] = true } }
        var surnames = Set<UInt64>()
        for c in out where c.type == .person { let keys = nameKeys(c.s, c.e); if keys.count >= 2, let last = keys.last { surnames.insert(last) } }
        for i in out.indices where out[i].entry < 0 && out[i].type != .person {
            let keys = nameKeys(out[i].s, out[i].e)
            if keys.count == 1, surnames.contains(keys[0]) { out[i].type = .person }
        }
        for var c in v.ruleCands where !(c.s..<c.e).contains(where: { outCover[$0] }) {
            let keys = nameKeys(c.s, c.e)
            if keys.count == 1, surnames.contains(keys[0]) {
                c.type = .person
                out.append(c)
                for k in c.s..<c.e { outCover[k] = true }
            }
        }
        // a sure rule candidate the tagger left alone (no span of any kind, MISC included: "05:30 Qurqaniya —") stays
        for c in v.ruleCands where c.strength >= Self.unopposedRuleStrength
            && !(c.s..<c.e).contains(where: { outCover[$0] || taggedCover[$0] }) {
            out.append(c)
        }
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

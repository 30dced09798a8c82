/// Attributed claims and events over one document's tokens and resolved entities.
///
/// Per sentence with a cue word: reporting verbs find their speaker (the phrase before the verb, skipping
/// auxiliaries, appositives and relative clauses; the phrase after it in "…, said X"; "according to X"), and
/// their content (the rest of the clause). Event words get their slots from the grammar around them: active
/// subject and object, passive subject and "by"-agent, "the death of X", "X's arrest", "a U.S. raid",
/// "died in clashes with X", "accused X of killing Y", "denied killing Y". Pronouns and descriptions
/// ("him", "the group", "the leader") resolve to entities of the document. Nothing here is tied to a
/// particular text: only word classes and word order are used.
struct ClaimExtractor {
    let toks: [Token]
    let rt: RepairedText
    let entities: [ExtractedEntity]
    let dateHits: [DateHit]
    let docDate: SimpleDate?
    /// Which entities may act, and the state a nationality stands for.
    let states: StateActors
    /// The state the document is most about (its most mentioned country, counting its nationality's mentions):
    /// the one "government forces" and "the regime" name when nothing else does.
    let mainState: String?
    /// Per token: the entity whose mention covers it (-1 none), and that mention's token range.
    var ent: [Int32] = []
    var mStart: [Int32] = []
    var mEnd: [Int32] = []
    /// Mentions by token start: (first token, end token, entity index).
    var spans: [(s: Int, e: Int, entity: Int)] = []
    /// Per entity: the hash of the last word of its role ("leader" for "ISIS leader"), 0 when it has none.
    var roleHash: [UInt64] = []
    /// Per token: the first token of the date expression ending at it (-1 none).
    var dateStartEndingAt: [Int32] = []
    /// Per token: is a date expression starting here?
    var dateStartsHere: [Bool] = []
    /// Per token: is it inside a date expression? (Phrases never take a date's words.)
    var inDate: [Bool] = []
    /// Per token: does a new sentence start here although no punctuation says so? (A dateline run into the
    /// text: "AFP, Wednesday 29 Oct 2014 Syrian aircraft killed …".)
    var breakBefore: [Bool] = []
    /// What earlier sentences left for later ones ("He said" is the person who spoke last). A reference, so
    /// that the per-sentence work reads `self` without copying it.
    final class Discourse {
        var lastPersonSpeaker: (entity: Int, sentence: Int)? = nil
        /// The organisation that spoke last ("…, the Observatory said."), for a toll in the sentence right after it,
        /// which goes on with the same bulletin.
        var lastOrgReport: (speaker: ClaimArgument, sentence: Int)? = nil
        var currentSentence = 0
    }
    let discourse = Discourse()

    /// A phrase found in the tokens: [s, e) and the entity it names (-1 none).
    struct Phrase { var s: Int; var e: Int; var entity: Int; var quantity: Bool = false }

    init(toks: [Token], rt: RepairedText, entities: [ExtractedEntity], dateHits: [DateHit], docDate: SimpleDate?, states: StateActors) {
        self.toks = toks
        self.states = states
        var weight: [String: Int] = [:]
        for e in entities {
            if e.type == .location, states.isCountry(e) { weight[e.id, default: 0] += e.mentions.count }
            if e.type == .norp, let st = states.state(ofNationality: e) { weight[st.id, default: 0] += e.mentions.count }
        }
        mainState = weight.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        self.rt = rt
        self.entities = entities
        self.dateHits = dateHits
        self.docDate = docDate
    }

    mutating func extract() -> [ExtractedClaim] {
        var any = false
        for t in toks where t.lex & LexBit.claimTrigger != 0 { any = true; break }
        guard any else { return [] }
        buildMentionMap()
        return resolvingDescribedTargets(attributingHeadline(resolvingDescribedOutlets(sentences())))
    }

    func sentences() -> [ExtractedClaim] {
        let n = toks.count
        var out = [ExtractedClaim]()
        var a = 0
        var sentence = 0
        var seen = Set<[UInt64]>()
        while a < n {
            var b = a + 1
            while b < n && toks[b].gap & (Token.gSentence | Token.gHard) == 0 && !breakBefore[b] { b += 1 }
            var has = false
            for k in a..<b where toks[k].lex & LexBit.claimTrigger != 0 { has = true; break }
            // a sentence repeated word for word (a headline restated as the lede, page furniture) is read once
            if has, seen.insert(sentenceKey(a, b)).inserted { discourse.currentSentence = sentence; claims(in: a, b, sentence: sentence, into: &out) }
            sentence += 1
            a = b
        }
        return out
    }

    mutating func buildMentionMap() {
        let n = toks.count
        var ent = [Int32](repeating: -1, count: n), ms = [Int32](repeating: 0, count: n), me = [Int32](repeating: 0, count: n)
        var spans: [(s: Int, e: Int, entity: Int)] = []
        // every mention, ordered by raw start (packed keys sort without a closure), swept once against the tokens
        var flat: [(start: Int, end: Int, entity: Int)] = []
        for (ei, e) in entities.enumerated() { for m in e.mentions { flat.append((m.start, m.end, ei)) } }
        var keys = flat.indices.map { UInt64(flat[$0].start) << 24 | UInt64($0) }
        keys.sort()
        spans.reserveCapacity(flat.count)
        var t = 0
        for key in keys {
            let m = flat[Int(key & 0xFFFFFF)]
            while t < n && Int(rt.map[Int(toks[t].start)]) < m.start { t += 1 }
            var e2 = t
            while e2 < n && Int(rt.map[Int(toks[e2].start)]) < m.end { e2 += 1 }
            guard e2 > t else { continue }
            for k in t..<e2 { ent[k] = Int32(m.entity); ms[k] = Int32(t); me[k] = Int32(e2) }
            spans.append((t, e2, m.entity))
        }
        self.ent = ent
        self.mStart = ms
        self.mEnd = me
        self.spans = spans
        roleHash = entities.map { e in e.role.flatMap { $0.split(separator: " ").last }.map { Hash.of($0.lowercased()) } ?? 0 }
        dateStartEndingAt = [Int32](repeating: -1, count: n)
        dateStartsHere = [Bool](repeating: false, count: n)
        inDate = [Bool](repeating: false, count: n)
        breakBefore = [Bool](repeating: false, count: n)
        for h in dateHits where h.e > h.s && h.e <= n {
            dateStartEndingAt[h.e - 1] = Int32(h.s); dateStartsHere[h.s] = true
            for q in h.s..<h.e { inDate[q] = true }
            // a dateline: a full date with its year, after no preposition, run into a capitalised word
            if h.e < n, toks[h.e].gap == Token.gSpace, toks[h.e].has(Token.cap), toks[h.e - 1].has(Token.digit), toks[h.e - 1].length == 4,
               !(h.s > 0 && toks[h.s - 1].has(Token.lower) && (toks[h.s - 1].inList(LexBit.claimPreposition) || ClaimLexicon.boundWords.contains(toks[h.s - 1].lit)
                                                               || ClaimLexicon.timePrepositions.contains(toks[h.s - 1].lit) || toks[h.s - 1].lit == Lexicon.and)) {
                breakBefore[h.e] = true
            }
        }
    }

    // MARK: one sentence

    struct Report { var verb: Int; var lemma: Int; var speaker: Phrase; var contentStart: Int; var contentEnd: Int; var verbEnd: Int }

    /// A sentence's events, by the report whose content holds them.
    struct SentenceEvents {
        /// Per report: its events and whether each is negated.
        var ofReport: [[ClaimEvent]]
        var negatedOf: [[Bool]]
        /// Events no report holds: the text's own narration.
        var narrated: [(ClaimEvent, Bool)]
        /// The token of each event's trigger, per owner (-1: narration), to fold means into tolls.
        var triggerTokens: [Int: [Int]]
    }

    /// The sentence [a, b) and what every claim in it shares.
    struct SentenceSpan { var a: Int; var b: Int; var index: Int; var range: Range<Int>; var alleged: Bool }

    /// The claims of sentence number `sentence`, tokens [a, b): its reports, its events given to the reports that
    /// hold them, and a claim per report event (or per bare report) and per narrated event.
    func claims(in a: Int, _ b: Int, sentence: Int, into out: inout [ExtractedClaim]) {
        let reports = findReports(in: a, b)
        var events = findEvents(in: a, b, reports: reports)
        creditPronounSides(reports, &events)
        foldMeans(&events, headline: isHeadline(a, b, sentence: sentence))
        if reports.isEmpty && events.narrated.isEmpty { return }
        let span = SentenceSpan(a: a, b: b, index: sentence, range: rt.rawRange(Int(toks[a].start), Int(toks[b - 1].end)), alleged: allegationCue(a, b))
        for (ri, r) in reports.enumerated() {
            reportClaims(r, events: events.ofReport[ri], negated: events.negatedOf[ri], span, into: &out)
        }
        narratedClaims(events.narrated, reports: reports, span, into: &out)
    }

    /// Stage 1: the reporting verbs of [a, b) with a speaker, and where each one's content lies.
    func findReports(in a: Int, _ b: Int) -> [Report] {
        var reports = [Report]()
        var k = a
        // a headline's "Erdogan: Turkish intelligence killed ISIS chief", "Monitor: 12 killed in Harim"
        if let r = colonAttribution(a, b) { reports.append(r); k = r.contentStart }
        while k < b {
            let t = toks[k]
            if t.lit == ClaimLexicon.accordingWord, k + 2 < b, toks[k + 1].lit == ClaimLexicon.toWord, let sp = phraseRight(k + 2, b, forSpeaker: true) {
                let contentStart = k == a ? sp.e : a
                let contentEnd = k == a ? b : k
                reports.append(Report(verb: k, lemma: 0, speaker: sp, contentStart: contentStart, contentEnd: contentEnd, verbEnd: k + 2))
                k = sp.e; continue
            }
            guard t.lex & LexBit.claimTrigger != 0, t.has(Token.lower), let cue = ClaimLexicon.cue(t.lit), cue.kind == .reporting else { k += 1; continue }
            // "claiming the lives of 10 civilians" kills; it reports nothing
            if k + 2 < b, toks[k + 2].lit == ClaimLexicon.livesWord { k += 1; continue }
            // "…, saying he had been killed": the participle reports for the clause's speaker
            let afterComma = t.gap & Token.gComma != 0
                || k - 1 > a && ClaimLexicon.subordinators.contains(toks[k - 1].lit) && toks[k - 1].gap & Token.gComma != 0
            if afterComma, rt.text[Int(t.end) - 1] == 0x67 {
                if let last = reports.last {
                    reports.append(Report(verb: k, lemma: cue.lemma, speaker: last.speaker, contentStart: k + 1, contentEnd: b, verbEnd: k + 1))
                    for ri in reports.indices.dropLast() where reports[ri].contentEnd > k { reports[ri].contentEnd = k }
                }
                k += 1; continue
            }
            // "a cell accused of plotting", "was accused": a passive participle reports nothing
            if k + 1 < b, toks[k + 1].lit == ClaimLexicon.ofWord, cue.lemma == 3 || cue.lemma == 8 { k += 1; continue }
            if k >= 1, toks[k - 1].inList(LexBit.claimBe) { k += 1; continue }
            // inverted: `"…," said X` / `…, X said.` handled by the normal order below; "…, accused HTS of …" and
            // "…, denied the claim" take an object, never a speaker after them
            let takesObject = ["accuse", "deny", "refute"].contains(ClaimLexicon.reportingLemmas[cue.lemma])
            if !takesObject, t.gap & (Token.gComma | Token.gQuote) != 0, k + 1 < b, let sp = phraseRight(k + 1, b, forSpeaker: true), sp.entity >= 0 || isSourceHead(sp.e - 1),
               t.gap & Token.gQuote != 0 || sp.e >= b || toks[sp.e].gap & Token.gComma != 0
                || toks[sp.e].inList(LexBit.claimPreposition) || toks[sp.e].inList(LexBit.claimRelative) {
                reports.append(Report(verb: k, lemma: cue.lemma, speaker: sp, contentStart: a, contentEnd: k, verbEnd: k + 1))
                k = sp.e; continue
            }
            if let r = reportWithSpeakerBefore(verb: k, lemma: cue.lemma, a, b, lo: reports.last.map { $0.verbEnd } ?? a) { reports.append(r) }
            k += 1
        }
        return reports
    }

    /// "Erdogan: …", "Monitor: …" at the start of a sentence: a person, an organisation or a source noun of at
    /// most five words, then a colon, says the rest.
    func colonAttribution(_ a: Int, _ b: Int) -> Report? {
        var j = a
        while j + 1 < b, j < a + 5 {
            let next = toks[j + 1]
            if next.gap & ~(Token.gSpace | Token.gApos | Token.gHyphen | Token.gDot) != 0 {
                guard next.gap & Token.gOther != 0, (Int(toks[j].end)..<Int(next.start)).contains(where: { rt.text[$0] == 0x3A }),
                      let sp = phraseLeft(j, a), sp.s == a,
                      sp.entity >= 0 ? [.person, .org].contains(entities[sp.entity].type) : isSourceHead(j) else { return nil }
                return Report(verb: j, lemma: 0, speaker: sp, contentStart: j + 1, contentEnd: b, verbEnd: j + 1)
            }
            j += 1
        }
        return nil
    }

    /// A report in the normal order, "X said (that) …", with the speaker found back to `lo`; its content follows the
    /// verb, or came first ("…, President X said on Sunday.").
    func reportWithSpeakerBefore(verb k: Int, lemma: Int, _ a: Int, _ b: Int, lo: Int) -> Report? {
        guard let sp = speakerLeft(of: k, lo: lo) else { return nil }
        var cs = k + 1
        // "said on Sunday that …", "said in a statement that …"
        var q = cs
        while q < b && q < cs + 6 && toks[q].gap & (Token.gComma | Token.gSentence) == 0 && toks[q].lit != ClaimLexicon.thatWord { q += 1 }
        if q < b, toks[q].lit == ClaimLexicon.thatWord, q < cs + 6 { cs = q + 1 }
        else if cs < b, toks[cs].lit == ClaimLexicon.thatWord { cs += 1 }
        // "…, President X said on Sunday.": the content came first
        var contentFirst = cs >= b
        if !contentFirst, sp.s > a, toks[sp.s].gap & (Token.gComma | Token.gQuote) != 0 || toks[max(sp.s - 1, a)].has(Token.lower) == false && sp.s - 1 > a && toks[sp.s - 1].gap & (Token.gComma | Token.gQuote) != 0,
           !(cs..<b).contains(where: { toks[$0].lex & LexBit.claimTrigger != 0 || toks[$0].lit == ClaimLexicon.thatWord }) {
            contentFirst = true
        }
        // "… wounding dozens the Observatory said Sunday.", "… were also killed Observatory director X told AFP." (commas
        // stripped): a short tail with no event or "that" in it
        if !contentFirst, sp.s > a, b - cs <= 4,
           (cs..<b).allSatisfy({ inDate[$0] || toks[$0].inList(LexBit.claimPreposition) })
            || !(cs..<b).contains(where: { toks[$0].lex & LexBit.claimTrigger != 0 || toks[$0].lit == ClaimLexicon.thatWord }) {
            contentFirst = true
        }
        let contentEnd = contentFirst ? sp.s : b
        let contentStart = contentFirst ? a : cs
        return Report(verb: k, lemma: lemma, speaker: sp, contentStart: contentStart, contentEnd: contentEnd, verbEnd: k + 1)
    }

    /// Stage 2: the event words of [a, b) with their slots, each given to the report whose content holds it (or to
    /// the narration).
    func findEvents(in a: Int, _ b: Int, reports: [Report]) -> SentenceEvents {
        var found = SentenceEvents(ofReport: [[ClaimEvent]](repeating: [], count: reports.count), negatedOf: [[Bool]](repeating: [], count: reports.count),
                                   narrated: [], triggerTokens: [:])
        let headline = isTitleCase(a, b)
        var k = a
        while k < b {
            let t = toks[k]
            guard t.lex & LexBit.claimTrigger != 0, t.has(Token.lower) || t.has(Token.cap) && (k == a || headline), let cue = ClaimLexicon.cue(t.lit), cue.kind == .event else { k += 1; continue }
            // "claiming the lives of", "took the lives of": "lives" is a toll only there
            if t.lit == ClaimLexicon.livesWord, !(k >= 2 && toks[k - 1].lit == Lexicon.the && ClaimLexicon.takingWords.contains(toks[k - 2].lit)) { k += 1; continue }
            // the report whose content holds the trigger
            var owner = -1
            for (ri, r) in reports.enumerated() where k >= r.contentStart && k < r.contentEnd && k != r.verb { owner = ri }
            let lo = owner >= 0 ? reports[owner].contentStart : (reports.first(where: { $0.verb < k }).map { $0.verbEnd } ?? a)
            let hi = owner >= 0 ? reports[owner].contentEnd : b
            // "…, killing the driver": a participle clause after a comma does what its clause's event did
            // (also without the comma, which scraped text often lost: "… in Al-Zahraa district killing 10 people")
            let participle = cue.form == .gerund && (t.gap & Token.gComma != 0
                || k > a && t.gap == Token.gSpace && !isFunctionWord(toks[k - 1]) && !toks[k - 1].inList(LexBit.claimPreposition)
                    && !toks[k - 1].inList(LexBit.claimDeterminer) && !toks[k - 1].inList(LexBit.claimNegator))
            let nounUse = cue.form == .gerund && k > a && toks[k - 1].inList(LexBit.claimDeterminer) // "the killing of X"
                || cue.form == .gerund && k > a && toks[k - 1].inList(LexBit.claimBe) && toks[k - 1].has(Token.lower) // "were attacking X"
            if owner < 0 && cue.form == .gerund && !participle && !nounUse { k += 1; continue } // "credit for killing X": no one is said to do it
            if case (var event, let negated)? = event(at: k, cue: cue, lo: max(lo, a), hi: min(hi, b), sentence: (a, b)) {
                if participle, event.actor == nil {
                    let previous = owner >= 0 ? found.ofReport[owner].last : found.narrated.last?.0
                    event.actor = previous?.actor
                    // "…, killing 10 people": a toll is a claim even when nobody is named as doing it
                    if owner < 0 && event.actor == nil && event.quantity == nil { k += 1; continue }
                }
                // "More than 290000 people have been killed in Syria since the conflict began": the war's toll
                if isWarToll(k, hi: min(hi, b)) || isUnrealised(k, lo: max(lo, a)) { k += 1; continue }
                if owner >= 0 { found.ofReport[owner].append(event); found.negatedOf[owner].append(negated) } else { found.narrated.append((event, negated)) }
                found.triggerTokens[owner, default: []].append(k)
            }
            k += 1
        }
        return found
    }

    /// Who "it", "they", "its …" or "their …" doing a reported deed is: inside a claim that the speaker of a denial
    /// reports ("HTS refuted the Islamic State's claim that it had killed …"), the denier (the accused), not the
    /// claimant; else inside what an organisation or a state says ("Turkey says it killed …", "Turkey said its
    /// intelligence service killed …"), the speaker (a person's or a nationality's "it" is not).
    func creditPronounSides(_ reports: [Report], _ events: inout SentenceEvents) {
        for (ri, r) in reports.enumerated() where !events.ofReport[ri].isEmpty {
            guard let side = pronounSide(of: r, among: reports) else { continue }
            for ei in events.ofReport[ri].indices {
                guard let actor = events.ofReport[ri][ei].actor, Self.isPronounSide(actor.text), actor.entityID != side.entityID else { continue }
                events.ofReport[ri][ei].actor = ClaimArgument(entityID: side.entityID, text: actor.text, start: actor.start, end: actor.end)
            }
        }
    }

    /// The side a report's pronouns stand for (`creditPronounSides`), nil when none is named.
    func pronounSide(of r: Report, among reports: [Report]) -> ClaimArgument? {
        if let outer = reports.first(where: { o in
            let lemma = ClaimLexicon.reportingLemmas[o.lemma]
            return (lemma == "deny" || lemma == "refute") && o.verb < r.verb && r.verb < o.contentEnd
        }) {
            let denier = argument(speakerReferent(outer.speaker))
            if denier.entityID != nil { return denier }
        }
        let speaker = speakerReferent(r.speaker)
        guard speaker.entity >= 0, entities[speaker.entity].type != .person, entities[speaker.entity].type != .norp else { return nil }
        return argument(speaker)
    }

    /// "it", "they", "its fighters", "their intelligence service": a side named by a pronoun.
    static func isPronounSide(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower == "it" || lower == "they" || lower.hasPrefix("its ") || lower.hasPrefix("their ")
    }

    /// "were killed in Russian airstrikes": the attack is how the toll came about, one claim with its actor
    /// (`foldingMeans` per report and for the narration).
    func foldMeans(_ found: inout SentenceEvents, headline: Bool) {
        for ri in found.ofReport.indices {
            let (events, keep) = foldingMeans(found.ofReport[ri], found.triggerTokens[ri] ?? [], headline: headline)
            found.ofReport[ri] = events
            found.negatedOf[ri] = zip(found.negatedOf[ri], keep).filter { $0.1 }.map { $0.0 }
        }
        let (events, keep) = foldingMeans(found.narrated.map { $0.0 }, found.triggerTokens[-1] ?? [], headline: headline)
        found.narrated = zip(events, zip(found.narrated, keep).filter { $0.1 }.map { $0.0.1 }).map { ($0, $1) }
    }

    /// Stage 3: the claims of one report: its events (the accusation or denial itself when it has none), or the
    /// bare statement.
    func reportClaims(_ r: Report, events reportEvents: [ClaimEvent], negated: [Bool], _ span: SentenceSpan, into out: inout [ExtractedClaim]) {
        let b = span.b
        // "He did not say when the leader died", "would not confirm": the speaker claims nothing
        if isNegatedReport(r.verb, lo: span.a) { return }
        let lemma = ClaimLexicon.reportingLemmas[r.lemma]
        let speaker = argument(speakerReferent(r.speaker))
        var events = reportEvents
        var negs = negated
        let isAccordingTo = toks[r.verb].lit == ClaimLexicon.accordingWord
        // "X accused Y of killing Z": the accusation is a claim of its own beside the deed it alleges
        if !events.isEmpty, !isAccordingTo, lemma == "accuse", r.verb + 1 < b,
           let obj = phraseRight(r.verb + 1, b, forSpeaker: false), obj.entity >= 0, obj.entity != r.speaker.entity {
            events.insert(ClaimEvent(type: .accuse, trigger: mention(r.verb, r.verb + 1), actor: speaker, target: argument(obj)), at: 0)
            negs.insert(false, at: 0)
        }
        if events.isEmpty, !isAccordingTo, lemma == "accuse" || lemma == "deny" || lemma == "refute" {
            // the accusation or denial itself: "X accused Y", "X denied the reports"
            let obj = r.verb + 1 < b ? phraseRight(r.verb + 1, b, forSpeaker: false) : nil
            let trig = mention(r.verb, r.verb + 1)
            // "X accused Y"; an object that is the speaker again ("Ahrar accused itself") is no target
            let target = obj.flatMap { $0.entity >= 0 && $0.entity != r.speaker.entity ? argument($0) : nil }
            events.append(ClaimEvent(type: lemma == "accuse" ? .accuse : .deny, trigger: trig, actor: speaker, target: target))
            negs.append(false)
        }
        let verbMention = isAccordingTo ? mention(r.verb, r.verb + 2) : mention(r.verb, r.verb + 1)
        let content = r.contentEnd > r.contentStart ? mention(r.contentStart, r.contentEnd) : nil
        if speaker.entityID != nil, let e = r.speaker.entity >= 0 ? r.speaker.entity : nil, entities[e].type == .person {
            discourse.lastPersonSpeaker = (e, span.index)
        }
        let accusedObject: ClaimArgument? = lemma == "accuse" ? (r.verb + 1 < b ? phraseRight(r.verb + 1, b, forSpeaker: false).map(argument) : nil) : nil
        let modality: ClaimModality = span.alleged || lemma == "allege" || lemma == "accuse" || lemma == "claim" ? .alleged : .asserted
        if events.isEmpty {
            out.append(ExtractedClaim(sentence: span.index, start: span.range.lowerBound, end: span.range.upperBound, speaker: speaker,
                                      verb: isAccordingTo ? "say" : lemma, verbMention: verbMention, content: content, event: nil,
                                      polarity: lemma == "deny" || lemma == "refute" ? .denied : .asserted,
                                      modality: modality))
            return
        }
        for (ei, var event) in events.enumerated() {
            var polarity: ClaimPolarity = negs[ei] ? .negated : .asserted
            if event.type != .accuse && event.type != .deny {
                if lemma == "deny" || lemma == "refute" {
                    polarity = .denied
                    if event.actor == nil { event.actor = speaker } // "denied killing him"
                } else if lemma == "accuse", event.actor == nil {
                    event.actor = accusedObject // "accused X of killing him"
                } else if event.actor == nil, event.target == nil, event.quantity == nil {
                    event.actor = speaker // "X claimed responsibility for the attack"
                }
            }
            // "Erdogan said Turkish forces had killed the Islamic State's suspected leader": a role description is
            // not the speaker himself (left for the document's targeted person to fill)
            if event.type == .kill || event.type == .arrest, let t = event.target, t.entityID != nil, t.entityID == speaker.entityID,
               describesAPerson(t.text) {
                event.target?.entityID = nil
            }
            out.append(ExtractedClaim(sentence: span.index, start: span.range.lowerBound, end: span.range.upperBound, speaker: speaker,
                                      verb: isAccordingTo ? "say" : lemma, verbMention: verbMention, content: content, event: event,
                                      polarity: polarity, modality: modality))
        }
    }

    /// Stage 3, narration: events no report holds, each a claim of the text; a toll right after an organisation's
    /// report, with no report of its own, goes on with that report.
    func narratedClaims(_ narrated: [(ClaimEvent, Bool)], reports: [Report], _ span: SentenceSpan, into out: inout [ExtractedClaim]) {
        let sentence = span.index
        let previousOrg = reports.isEmpty ? discourse.lastOrgReport.flatMap { $0.sentence == sentence - 1 ? $0.speaker : nil } : nil
        if let last = reports.last, speakerReferent(last.speaker).entity >= 0, entities[speakerReferent(last.speaker).entity].type == .org {
            discourse.lastOrgReport = (argument(speakerReferent(last.speaker)), sentence)
        }
        for (event, negated) in narrated where event.actor != nil || event.target != nil || event.quantity != nil {
            let continued = event.quantity != nil && event.type == .kill ? previousOrg : nil
            out.append(ExtractedClaim(sentence: sentence, start: span.range.lowerBound, end: span.range.upperBound, speaker: continued,
                                      verb: continued == nil ? nil : "say", verbMention: nil, content: nil, event: event,
                                      polarity: negated ? .negated : .asserted, modality: span.alleged ? .alleged : .asserted))
        }
    }

    /// Events of one clause list: an attack named as the means of a killing in the same list ("killed in Russian
    /// airstrikes", "died after regime shelling") gives the killing its actor and place when it has none, and is
    /// not a claim of its own. Returns the kept events and, per input event, whether it was kept.
    func foldingMeans(_ events: [ClaimEvent], _ tokens: [Int], headline: Bool) -> ([ClaimEvent], [Bool]) {
        guard events.count > 1, tokens.count == events.count, events.contains(where: { $0.type == .kill }) else {
            return (events, [Bool](repeating: true, count: events.count))
        }
        var out = events
        var keep = [Bool](repeating: true, count: events.count)
        for (i, e) in events.enumerated() where e.type == .attack {
            let k = tokens[i]
            // "were killed and 30 wounded": the wounded belong to the toll's claim
            if ClaimLexicon.woundWords.contains(toks[k].lit), events.contains(where: { $0.type == .kill }) { keep[i] = false; continue }
            // a headline's "Syria Regime Raids Kill 10", "IS attack on Syria oil field kills 30": the operation is the
            // toll's subject, one event told in one line (an attack on a named target stays a claim of its own)
            if headline, e.target?.entityID == nil, events.contains(where: { kill in
                guard kill.type == .kill, let ka = kill.actor else { return false }
                return ka.start <= e.trigger.start && e.trigger.end <= ka.end
            }) { keep[i] = false; continue }
            var means = false
            var q = k - 1
            while q >= 0, q >= k - 5, toks[q].gap & (Token.gSentence | Token.gComma) == 0 || q == k - 1 {
                if toks[q].has(Token.lower), ClaimLexicon.meansPrepositions.contains(toks[q].lit) { means = true; break }
                if toks[q].lex & LexBit.claimTrigger != 0 { break }
                q -= 1
            }
            guard means, let ki = events.indices.last(where: { events[$0].type == .kill && tokens[$0] < k }) else { continue }
            if out[ki].actor == nil { out[ki].actor = e.actor }
            if out[ki].location == nil { out[ki].location = e.location }
            // "killed in government air strikes": a side without a name adds nothing the toll's claim lacks
            if e.target?.entityID == nil, let actor = e.actor, actor.entityID == nil, out[ki].actor?.start == actor.start { keep[i] = false }
            // an attack on a named target is a claim of its own ("killed in a raid on HTS's base")
            if e.target?.entityID == nil && e.actor == nil { keep[i] = false }
        }
        return (zip(out, keep).filter { $0.1 }.map { $0.0 }, keep)
    }

    /// A headline: most words capitalised, or the document's first line without a full stop ("Syria regime raids
    /// kill 10 in camp for displaced").
    func isHeadline(_ a: Int, _ b: Int, sentence: Int) -> Bool {
        if isTitleCase(a, b) { return true }
        guard sentence == 0, b > a else { return false }
        let last = rt.text[Int(toks[b - 1].end) - 1]
        return last != 0x2E && last != 0x21 && last != 0x3F && last != 0x22
    }

    /// A headline: most words capitalised ("Syrian Army Kills 40 Nusra Front Members").
    func isTitleCase(_ a: Int, _ b: Int) -> Bool {
        var cap = 0, lower = 0
        for k in a..<b where !toks[k].has(Token.digit) {
            if toks[k].has(Token.lower) { if !isFunctionWord(toks[k]) || toks[k].lex & LexBit.claimTrigger != 0 { lower += 1 } } else { cap += 1 }
        }
        return cap >= 3 && lower * 4 <= cap
    }

    /// The words of a sentence, for spotting one repeated word for word.
    func sentenceKey(_ a: Int, _ b: Int) -> [UInt64] { toks[a..<b].map(\.lit) }

    /// "preparing to attack", "a plan to eliminate", "foiled a plot to kill", "approve air strikes", "usually
    /// attacked", "a series of attacks": an event planned, prevented or habitual, not one that happened.
    func isUnrealised(_ k: Int, lo: Int) -> Bool {
        var q = k - 1
        while q >= lo, q >= k - 4, toks[q].gap & (Token.gSentence | Token.gComma) == 0 || q == k - 1 {
            if toks[q].has(Token.lower) || toks[q].has(Token.cap), ClaimLexicon.unrealisedWords.contains(toks[q].lit) { return true }
            if q < k - 1, toks[q].lex & LexBit.claimTrigger != 0 { break }
            q -= 1
        }
        return false
    }

    /// "327 civilians have been killed since July 31", "killed so far this year", "a total of 45 in the past
    /// week": a running total over a period, not one incident's toll (two such totals are no dispute).
    func isRunningTotal(_ lo: Int, _ hi: Int) -> Bool {
        var q = lo
        while q < hi {
            let w = toks[q]
            if w.lit == ClaimLexicon.soWord, q + 1 < hi, toks[q + 1].lit == ClaimLexicon.farWord { return true } // "So far, …"
            if w.has(Token.lower) {
                if w.lit == ClaimLexicon.sinceWord { return true }
                if w.lit == ClaimLexicon.totalWord { return true }
                if ClaimLexicon.runningPeriodOpeners.contains(w.lit) {
                    // "this month", "the past two weeks", "the last 24 hours"
                    var r = q + 1
                    while r < hi, r <= q + 3 {
                        if ClaimLexicon.runningPeriodNouns.contains(toks[r].lit) { return true }
                        if !(toks[r].has(Token.digit) || ClaimLexicon.countWords.contains(toks[r].lit) || ClaimLexicon.quantifiers.contains(toks[r].lit)) { break }
                        r += 1
                    }
                }
            }
            q += 1
        }
        return false
    }

    /// "killed … since the conflict began", "killed in Syria's war": a toll of the whole war, not an event.
    func isWarToll(_ k: Int, hi: Int) -> Bool {
        var q = k + 1
        while q < hi && q < k + 10 {
            let w = toks[q].lit
            let since = w == ClaimLexicon.sinceWord
            if since || w == ClaimLexicon.inWord && q <= k + 3 {
                var r = q + 1
                while r < hi && r < q + 4 {
                    // "the war-torn city" is a place
                    if ClaimLexicon.warWords.contains(toks[r].lit), !(r + 1 < hi && toks[r + 1].hyphenJoined) { return true }
                    if since, toks[r].lit == ClaimLexicon.warStartYear { return true }
                    r += 1
                }
            }
            q += 1
        }
        return false
    }

    /// "allegedly", "reportedly", "it is believed" … anywhere in the sentence.
    func allegationCue(_ a: Int, _ b: Int) -> Bool {
        for k in a..<b where toks[k].lex & LexBit.claimAllegation != 0 && toks[k].has(Token.lower) {
            if toks[k].lit == ClaimLexicon.believedWord {
                // "it is believed", "is believed to", "believed to have"
                let after = k + 1 < b && toks[k + 1].lit == ClaimLexicon.toWord
                let before = k >= 2 && toks[k - 1].inList(LexBit.claimBe)
                if after || before { return true }
                continue
            }
            return true
        }
        return false
    }

    // MARK: output helpers

    func mention(_ s: Int, _ e: Int) -> Mention {
        let r = rt.rawRange(Int(toks[s].start), Int(toks[e - 1].end))
        return Mention(text: Scalars.string(rt.raw[r]), start: r.lowerBound, end: r.upperBound)
    }

    func argument(_ p: Phrase) -> ClaimArgument {
        let m = mention(p.s, p.e)
        return ClaimArgument(entityID: p.entity >= 0 ? entities[p.entity].id : nil, text: m.text, start: m.start, end: m.end)
    }

    /// The date of the event: the date expression in the sentence nearest the trigger.
    func eventDate(_ k: Int, _ a: Int, _ b: Int) -> String? {
        var best: (Int, String)? = nil
        for h in dateHits where h.s >= a && h.e <= b {
            guard let v = h.value(doc: docDate) else { continue }
            // "killed since 2019", "until March": a bound, not the event's date
            if h.s > a, ClaimLexicon.boundWords.contains(toks[h.s - 1].lit) { continue }
            let d = h.s > k ? h.s - k : k - h.e
            if best == nil || d < best!.0 { best = (d, v) }
        }
        return best?.1
    }
}

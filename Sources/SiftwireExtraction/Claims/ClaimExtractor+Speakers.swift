/// Who speaks when the speaker's phrase names no entity itself.
extension ClaimExtractor {
    /// "the Syrian Observatory for Human Rights monitor", "SANA's correspondent", "Al-Manar reporter": an outlet's
    /// or organisation's person or organ speaks for it. "a monitor said" when the document calls one organisation
    /// "a … monitor" in apposition ("SOHR, a Britain-based monitor,"): that organisation. Else the phrase as it is
    /// (an unnamed source).
    func speakerReferent(_ p: Phrase) -> Phrase {
        guard p.entity < 0, p.e > p.s else { return p }
        let head = toks[p.e - 1].lit
        // "the group's spokesman", "its spokesman": the organisation the possessive points back to speaks
        if p.e - p.s >= 2, ClaimLexicon.sourceNouns.contains(head) || ClaimLexicon.personDescriptors.contains(head) {
            for q in p.s..<(p.e - 1) where toks[q].has(Token.lower) {
                var org = -1
                if toks[q].has(Token.possessive), ClaimLexicon.groupDescriptors.contains(toks[q].lit) { org = resolveOrganisation(head: toks[q].lit, before: p.s) }
                else if toks[q].lit == ClaimLexicon.itsWord || toks[q].lit == ClaimLexicon.theirWord { org = resolvePronoun(q) }
                if org >= 0, entities[org].type == .org { return Phrase(s: p.s, e: p.e, entity: org) }
            }
        }
        let reporter = ClaimLexicon.reporterNouns.contains(head), outlet = ClaimLexicon.outletNouns.contains(head)
        guard reporter || outlet || ClaimLexicon.sourceNouns.contains(head) else { return p }
        // a named organisation inside the phrase modifies the head: it is the speaker's side
        for q in p.s..<p.e where ent[q] >= 0 && entities[Int(ent[q])].type == .org {
            return Phrase(s: p.s, e: p.e, entity: Int(ent[q]))
        }
        guard outlet || reporter else { return p }
        // apposition evidence: "X, a (…) monitor" / "X (a … monitor)" elsewhere in the document
        var best = -1, bestDistance = Int.max
        for sp in spans where entities[sp.entity].type == .org && (sp.e <= p.s || sp.s >= p.e) {
            guard sp.e < toks.count, toks[sp.e].gap & (Token.gComma | Token.gOpenParen) != 0 else { continue }
            var q = sp.e
            guard toks[q].inList(LexBit.claimDeterminer) else { continue }
            q += 1
            var found = false
            while q < toks.count, q < sp.e + 5, toks[q].gap & ~(Token.gSpace | Token.gHyphen) == 0 || q == sp.e + 1 {
                if toks[q].lit == head { found = true; break }
                q += 1
            }
            guard found else { continue }
            let d = abs(sp.s - p.s)
            if d < bestDistance { bestDistance = d; best = sp.entity }
        }
        return best >= 0 ? Phrase(s: p.s, e: p.e, entity: best) : p
    }

    /// "a monitor said", "a Britain-based monitoring group reported": an indefinite description of an outlet or
    /// monitor stands for the organisation that the document names as a speaker most often (wire reports cite one
    /// monitor throughout); left unnamed when the document names no organisation as a speaker.
    func resolvingDescribedOutlets(_ claims: [ExtractedClaim]) -> [ExtractedClaim] {
        var counts = [String: Int]()
        var orgIDs = Set<String>()
        for e in entities where e.type == .org { orgIDs.insert(e.id) }
        for c in claims { if let id = c.speaker?.entityID, orgIDs.contains(id) { counts[id, default: 0] += 1 } }
        // else the one monitoring body the document names ("… Observatory for Human Rights", "… Network for Human Rights")
        if counts.isEmpty {
            let monitors = Set(entities.filter { e in
                e.type == .org && e.name.split(separator: " ").contains { ClaimLexicon.monitorNameWords.contains(Hash.of($0.lowercased())) }
            }.map(\.id))
            if monitors.count == 1, let only = monitors.first { counts[only] = 1 }
        }
        guard let top = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key else { return claims }
        var out = claims
        for i in out.indices {
            guard let sp = out[i].speaker, sp.entityID == nil else { continue }
            let words = sp.text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "-" })
            // "a monitor", "a Britain-based monitoring group" (also when words before it were taken in: "scores a monitor")
            guard let last = words.last, ClaimLexicon.describedOutletHeads.contains(Hash.of(String(last))),
                  let article = words.lastIndex(where: { $0 == "a" || $0 == "an" }), words.count - article <= 5 else { continue }
            out[i].speaker?.entityID = top
        }
        return out
    }

    /// "denied that its fighters had killed the leader of the Islamic State", with the leader named only elsewhere
    /// in the article: a kill or arrest target described by a role word ("the leader of X", "the group's
    /// commander") that names no one resolves to the one person the document's other kill or arrest claims target.
    func resolvingDescribedTargets(_ claims: [ExtractedClaim]) -> [ExtractedClaim] {
        var targeted: [String: ClaimArgument] = [:]
        for c in claims {
            guard let e = c.event, e.type == .kill || e.type == .arrest, let t = e.target, let id = t.entityID,
                  entities.contains(where: { $0.id == id && $0.type == .person }) else { continue }
            targeted[id] = t
        }
        guard targeted.count == 1, let (id, _) = targeted.first else { return claims }
        var out = claims
        for i in out.indices {
            guard let e = out[i].event, e.type == .kill || e.type == .arrest, let t = e.target, t.entityID == nil, e.quantity == nil,
                  describesAPerson(t.text) else { continue }
            out[i].event?.target?.entityID = id
        }
        return out
    }

    /// "the leader of the Islamic State", "the group's commander", "their leader", a headline's "ISIS chief": a role description.
    func describesAPerson(_ text: String) -> Bool {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" }).map(String.init)
        // a headline's "ISIS chief", "IS leader": a name and the role
        if words.count <= 3, let last = words.last, ClaimLexicon.personDescriptors.contains(Hash.of(last)), words.count >= 2 { return true }
        guard let first = words.first, ["the", "its", "their", "his", "her"].contains(first) || first.hasSuffix("'s") else { return false }
        return words.contains { ClaimLexicon.personDescriptors.contains(Hash.of($0)) }
    }

    /// A reporting verb with a negator just before it: "did not say", "would not confirm", "never claimed".
    func isNegatedReport(_ verb: Int, lo: Int) -> Bool {
        var q = verb - 1
        while q >= lo, q >= verb - 3 {
            if toks[q].inList(LexBit.claimNegator) { return true }
            if !toks[q].inList(LexBit.claimAux) { return false }
            q -= 1
        }
        return false
    }

    /// The headline states the lede's toll without its source ("Five dead in blast in central Syria"): a narrated
    /// toll in the first sentence takes the speaker of the first attributed claim of the same type and number.
    func attributingHeadline(_ claims: [ExtractedClaim]) -> [ExtractedClaim] {
        var out = claims
        for i in out.indices where out[i].sentence == 0 && out[i].speaker == nil {
            guard let e = out[i].event, let q = e.quantity.flatMap(QuantityValue.of) else { continue }
            if let source = claims.first(where: { $0.sentence > 0 && $0.speaker != nil && $0.event?.type == e.type
                                                   && $0.event?.quantity.flatMap(QuantityValue.of) == q }) {
                out[i].speaker = source.speaker
                out[i].verb = source.verb
            }
        }
        return out
    }
}

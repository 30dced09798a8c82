/// Noun phrases around cue words, and what they refer to.
extension ClaimExtractor {
    @inline(__always) func isFunctionWord(_ t: Token) -> Bool {
        t.inList(LexBit.stopAlways) && !t.inList(LexBit.claimSource) || t.lex & LexBit.claimTrigger != 0 || t.inList(LexBit.claimAux) || t.inList(LexBit.claimBe)
    }
    func isSourceHead(_ k: Int) -> Bool {
        let l = toks[k].lit
        return ClaimLexicon.sourceNouns.contains(l) || ClaimLexicon.personDescriptors.contains(l) || ClaimLexicon.orgDescriptors.contains(l)
    }

    /// The speaker of the reporting verb at v: the phrase before it.
    func speakerLeft(of v: Int, lo: Int) -> Phrase? {
        var j = v - 1
        while j >= lo, toks[j].has(Token.lower), toks[j].inList(LexBit.claimAux) || toks[j].inList(LexBit.claimNegator) { j -= 1 }
        // "X on Thursday announced": skip the date and its preposition
        if j >= lo, dateStartEndingAt[j] >= lo {
            j = Int(dateStartEndingAt[j]) - 1
            if j >= lo, toks[j].has(Token.lower), ClaimLexicon.timePrepositions.contains(toks[j].lit) || toks[j].lit == ClaimLexicon.inWord { j -= 1 }
        }
        guard j >= lo else { return nil }
        // "The group's spokesman, in an audio recording posted on Telegram, accused …": the name ends an aside
        if ent[j] >= 0, j + 1 < toks.count, toks[j + 1].gap & Token.gComma != 0, let c = asideStart(before: j, lo: lo),
           toks[c].has(Token.lower), ClaimLexicon.prepositions.contains(toks[c].lit),
           let p = phraseLeft(c - 1, lo), p.entity >= 0 || isSourceHead(p.e - 1) {
            return p
        }
        if ent[j] >= 0 { return phraseLeft(j, lo) }
        // "Erdogan, who said …": the relative pronoun's antecedent
        if toks[j].has(Token.lower), toks[j].inList(LexBit.claimRelative), toks[j].lit != ClaimLexicon.thatWord, j - 1 >= lo {
            if let p = phraseLeft(j - 1, lo), p.entity >= 0 || isSourceHead(p.e - 1) { return p }
            return nil
        }
        // "X, who asked not to be named, said" / "X, a researcher, said": skip the aside back to its comma
        if toks[j + 1].gap & Token.gComma != 0 {
            if let c = asideStart(before: j, lo: lo), let p = phraseLeft(c - 1, lo), p.entity >= 0 || isSourceHead(p.e - 1) { return p }
            return nil
        }
        if let p = phraseLeft(j, lo), p.entity >= 0 || isSourceHead(p.e - 1) { return p }
        return nil
    }

    /// The first token of an aside ending at j (", who …", ", a researcher", ", in a statement"), when there is one.
    func asideStart(before j: Int, lo: Int) -> Int? {
        var c = j
        while c > lo && toks[c].gap & Token.gComma == 0 { c -= 1 }
        guard c > lo, toks[c].gap & Token.gComma != 0 else { return nil }
        let w = toks[c].lit
        guard ClaimLexicon.relativePronouns.contains(w) || ClaimLexicon.determiners.contains(w) || ClaimLexicon.prepositions.contains(w)
                || ClaimLexicon.asideStarts.contains(w) else { return nil }
        return c
    }

    /// The noun phrase ending at token j (not before lo).
    func phraseLeft(_ j: Int, _ lo: Int) -> Phrase? {
        guard j >= lo, j < toks.count else { return nil }
        if ent[j] >= 0 {
            let s = Int(mStart[j]), e = Int(ent[j])
            // "at least 20 members of IS (were killed)": the counted members of the group
            var o = s - 1
            if o > lo, toks[o].lit == Lexicon.the { o -= 1 }
            if o > lo, toks[o].lit == ClaimLexicon.ofWord, ClaimLexicon.memberNouns.contains(toks[o - 1].lit) || ClaimLexicon.agentHeads.contains(toks[o - 1].lit),
               entities[e].type != .person, let counted = phraseLeft(o - 1, lo), counted.quantity {
                return Phrase(s: counted.s, e: Int(mEnd[j]), entity: e, quantity: true)
            }
            // "an official in Sarmada": a place after a preposition modifies the phrase before it
            if entities[e].type == .location {
                // "an official in Sarmada", "a meeting in northwestern Syria": the place modifies the phrase before it
                var p = s - 1
                while p >= lo, p >= s - 3, toks[p].has(Token.lower), !toks[p].inList(LexBit.claimPreposition), !isFunctionWord(toks[p]) { p -= 1 }
                if p - 1 >= lo, toks[p].has(Token.lower), toks[p].inList(LexBit.claimPreposition), toks[p].lit != ClaimLexicon.ofWord,
                   toks[p + 1].gap == Token.gSpace, let head = phraseLeft(p - 1, lo) {
                    return head
                }
            }
            // "the General Security Service of HTS" keeps HTS; "fighters of HTS" is HTS
            return Phrase(s: max(s, lo), e: Int(mEnd[j]), entity: e)
        }
        let t = toks[j]
        if !t.has(Token.allCaps) && (ClaimLexicon.subjectPronouns.contains(t.lit) || ClaimLexicon.objectPronouns.contains(t.lit)) {
            return Phrase(s: j, e: j + 1, entity: resolvePronoun(j))
        }
        guard t.has(Token.lower) && (!isFunctionWord(t) || ClaimLexicon.operationNouns.contains(t.lit)) || t.inList(LexBit.claimSource) && !t.has(Token.allCaps) else { return nil }
        var s = j
        var modifier = -1
        var definite = false
        while s - 1 >= lo, j - s < 6 {
            let g = toks[s].gap
            guard g & ~(Token.gSpace | Token.gApos | Token.gHyphen) == 0, !inDate[s - 1] else { break }
            let p = toks[s - 1]
            if ent[s - 1] >= 0 {
                // the name nearest the head modifies it ("Qaryat al-Ansari neighborhood Jabhat al-Nusra terrorists")
                if modifier < 0 { modifier = Int(ent[s - 1]) }
                definite = true
                s = max(Int(mStart[s - 1]), lo); continue
            }
            if p.inList(LexBit.claimDeterminer), !p.has(Token.allCaps) { s -= 1; definite = definite || p.lit != Lexicon.a && p.lit != Lexicon.an; break }
            if p.has(Token.lower) {
                if isFunctionWord(p) || p.inList(LexBit.claimNegator) { break }
                if p.has(Token.possessive) { definite = true }
                s -= 1; continue
            }
            break
        }
        // "13 people were killed", "more than 100 fighters were arrested"
        var counted = false
        while s - 1 >= lo, toks[s].gap == Token.gSpace, !inDate[s - 1],
              toks[s - 1].has(Token.digit) || ClaimLexicon.countWords.contains(toks[s - 1].lit) || counted && ClaimLexicon.quantifiers.contains(toks[s - 1].lit) {
            s -= 1; counted = true
        }
        return Phrase(s: s, e: j + 1, entity: refer(head: j, s: s, modifier: modifier, ofEntity: -1, definite: definite), quantity: counted)
    }

    /// The noun phrase starting at token k (before hi): an entity, a description, a pronoun or a counted group.
    func phraseRight(_ k: Int, _ hi: Int, forSpeaker: Bool) -> Phrase? {
        guard k < hi else { return nil }
        var q = k
        var definite = false
        if toks[q].has(Token.lower) || forSpeaker && toks[q].lit == Lexicon.the, toks[q].inList(LexBit.claimDeterminer), toks[q].lit != ClaimLexicon.thatWord {
            definite = toks[q].lit != Lexicon.a && toks[q].lit != Lexicon.an
            q += 1
        }
        guard q < hi else { return nil }
        let t = toks[q]
        // a counted group: "more than 100 fighters", "at least 13 people", "dozens of suspected ISIS members"
        if !forSpeaker, q == k, t.has(Token.digit) || t.has(Token.lower) && (ClaimLexicon.quantifiers.contains(t.lit) || ClaimLexicon.countWords.contains(t.lit)),
           let group = countedGroup(k, hi) {
            return group
        }
        if ent[q] >= 0, let named = namedPhrase(k, q, hi, forSpeaker: forSpeaker) { return named }
        guard t.has(Token.lower) || ent[q] >= 0 || forSpeaker && t.inList(LexBit.claimSource) else { return nil }
        if ClaimLexicon.objectPronouns.contains(t.lit) || ClaimLexicon.subjectPronouns.contains(t.lit) {
            return Phrase(s: k, e: q + 1, entity: resolvePronoun(q))
        }
        if ent[q] < 0 && isFunctionWord(t) { return nil }
        // "fighters of HTS", "members of the group"
        if ClaimLexicon.memberNouns.contains(t.lit), q + 2 < hi, toks[q + 1].lit == ClaimLexicon.ofWord, let inner = phraseRight(q + 2, hi, forSpeaker: false), inner.entity >= 0 {
            return Phrase(s: k, e: inner.e, entity: inner.entity)
        }
        return describedPhrase(k, q, hi, definite: definite)
    }

    /// A counted group starting at k (a number or quantifier, no determiner before it): "more than 100 fighters",
    /// "dozens of its members", "eight members of the Hezbollah militia", a bare "10" of people; nil when it is none.
    func countedGroup(_ k: Int, _ hi: Int) -> Phrase? {
        let q = k
        var r = q, counted = false
        while r < hi, r < q + 5, toks[r].has(Token.digit) || ClaimLexicon.quantifiers.contains(toks[r].lit) || ClaimLexicon.countWords.contains(toks[r].lit) {
            if toks[r].has(Token.digit) || ClaimLexicon.countWords.contains(toks[r].lit) { counted = true }
            if r > q, toks[r].gap & ~Token.gSpace != 0 { break }
            r += 1
        }
        guard counted && !dateStartsAt(q) else { return nil }
        if r < hi, toks[r].lit == ClaimLexicon.ofWord { r += 1 }
        if r < hi, toks[r].inList(LexBit.claimDeterminer), toks[r].has(Token.lower) { r += 1 } // "dozens of its members"
        var entity = -1
        let start = r
        while r < hi, r < start + 4, toks[r].gap & ~(Token.gSpace | Token.gHyphen) == 0 {
            if ent[r] >= 0 { entity = Int(ent[r]); r = Int(mEnd[r]); continue }
            if toks[r].has(Token.lower), !isFunctionWord(toks[r]) { r += 1; continue }
            break
        }
        // "eight members of the Hezbollah militia", "20 fighters of IS": the group they belong to
        if entity < 0, r > start, r + 1 < hi, toks[r].lit == ClaimLexicon.ofWord, ClaimLexicon.memberNouns.contains(toks[r - 1].lit)
            || ClaimLexicon.agentHeads.contains(toks[r - 1].lit) {
            var o = r + 1
            if o < hi, toks[o].lit == Lexicon.the { o += 1 }
            if o + 2 < hi, toks[o].lit == ClaimLexicon.soWord, toks[o + 1].lit == ClaimLexicon.calledWord { o += 2 } // "the so-called X"
            if o < hi, ent[o] >= 0, entities[Int(ent[o])].type != .person { entity = Int(ent[o]); r = Int(mEnd[o]) }
        }
        if r > start { return Phrase(s: k, e: r, entity: entity, quantity: true) }
        // "raids kill 10 in …", "left four dead": a bare number of people
        if r == start, start > q, start - 1 > k || toks[start - 1].has(Token.digit) || ClaimLexicon.countWords.contains(toks[start - 1].lit),
           toks[start - 1].lit != ClaimLexicon.ofWord, start >= hi || toks[start].has(Token.lower) || toks[start].gap & ~Token.gSpace != 0 {
            return Phrase(s: k, e: start, entity: -1, quantity: true)
        }
        return nil
    }

    /// The phrase when its first word (q, after a determiner from k) is a name: "ISIS leader Abu X" (the person),
    /// "the ISIS leader" (whoever leads it here), "HTS fighters", "Turkey's National Intelligence Organisation".
    /// Nil when the name only modifies a common noun ("the Turkish account"), which `describedPhrase` reads; an
    /// inner nil is the answer (no phrase).
    func namedPhrase(_ k: Int, _ q: Int, _ hi: Int, forSpeaker: Bool) -> Phrase?? {
        let e = Int(ent[q])
        let end = Int(mEnd[q])
        if end < hi, toks[end].has(Token.lower), toks[end].gap == Token.gSpace || toks[end].gap == Token.gApos | Token.gSpace {
            // "ISIS leader Abu X" → the person; "the ISIS leader", "the Islamic State's suspected leader" → whoever
            // leads it here
            var d = end
            if !ClaimLexicon.personDescriptors.contains(toks[d].lit), d + 1 < hi, toks[d + 1].gap == Token.gSpace, toks[d + 1].has(Token.lower),
               ClaimLexicon.personDescriptors.contains(toks[d + 1].lit), !isFunctionWord(toks[d]), toks[d].lex & LexBit.claimTrigger == 0 {
                d += 1
            }
            let w = toks[d].lit
            if ClaimLexicon.personDescriptors.contains(w) {
                if d + 1 < hi, ent[d + 1] >= 0, entities[Int(ent[d + 1])].type == .person {
                    return Phrase(s: k, e: Int(mEnd[d + 1]), entity: Int(ent[d + 1]))
                }
                return Phrase(s: k, e: d + 1, entity: resolveDescriptor(head: w, s: k, e: d + 1))
            }
            if ClaimLexicon.memberNouns.contains(w) || ClaimLexicon.forceNouns.contains(w) { return Phrase(s: k, e: end + 1, entity: e) }
        }
        // "Turkey's National Intelligence Organisation": the possessor modifies the next name
        if toks[end - 1].has(Token.possessive), end < hi, ent[end] >= 0 { return .some(phraseRight(end, hi, forSpeaker: forSpeaker)) }
        // "the Turkish account", "Islamic State account": a name modifying a common noun is not the referent
        let modifies = end < hi && toks[end].gap == Token.gSpace && toks[end].has(Token.lower) && !isFunctionWord(toks[end])
            && !toks[end].inList(LexBit.claimNegator) && !toks[end].inList(LexBit.claimPreposition)
            && !toks[end].inList(LexBit.claimRelative)
        if !modifies { return Phrase(s: k, e: end, entity: e) }
        return nil
    }

    /// A description from q (after a determiner from k): up to five words and names, "the leader of the Islamic
    /// State", an appositive name ("the group's leader, Abu X,"); its referent by `refer`.
    func describedPhrase(_ k: Int, _ q: Int, _ hi: Int, definite: Bool) -> Phrase? {
        var r = q
        var modifier = -1
        while r < hi, r < q + 5 {
            if r > q, toks[r].gap & ~(Token.gSpace | Token.gApos | Token.gHyphen) != 0 { break }
            if ent[r] >= 0 { modifier = Int(ent[r]); r = Int(mEnd[r]); continue }
            if toks[r].has(Token.lower), !isFunctionWord(toks[r]), !toks[r].inList(LexBit.claimNegator) { r += 1; continue }
            // "the group's former leader", "its late commander": a role's time is part of the description
            if r > q, r + 1 < hi, toks[r].has(Token.lower), ClaimLexicon.otherPersonModifiers.contains(toks[r].lit),
               ClaimLexicon.personDescriptors.contains(toks[r + 1].lit) { r += 1; continue }
            break
        }
        guard r > q else { return nil }
        var head = r - 1
        while head > q, ent[head] >= 0 { head -= 1 }
        if ent[r - 1] >= 0 && modifier >= 0 && head < r - 1 {
            // "the group's leader Abu X" / "spokesman Abu X": the name at the end is the phrase's referent
            if entities[modifier].type == .person { return Phrase(s: k, e: r, entity: modifier) }
        }
        // "the leader of the Islamic State"
        var ofEntity = -1
        var end = r
        if r + 1 < hi, toks[r].lit == ClaimLexicon.ofWord, toks[r].gap == Token.gSpace {
            var o = r + 1
            if toks[o].lit == Lexicon.the, o + 1 < hi { o += 1 }
            if ent[o] >= 0 { ofEntity = Int(ent[o]); end = Int(mEnd[o]) }
        }
        // an appositive name: "the group's leader, Abu X,"
        if end < hi, toks[end].gap & Token.gComma != 0, ent[end] >= 0, ofEntity < 0 || ClaimLexicon.personDescriptors.contains(toks[head].lit),
           entities[Int(ent[end])].type == .person {
            return Phrase(s: k, e: Int(mEnd[end]), entity: Int(ent[end]))
        }
        return Phrase(s: k, e: end, entity: refer(head: head, s: k, modifier: modifier, ofEntity: ofEntity, definite: definite || modifier >= 0))
    }

    /// What a description refers to: "U.S. forces" → U.S.; "the MIT intelligence agency" → MIT; "the group" →
    /// the organisation named last; "the leader" → the person this document calls its leader; else nothing.
    func refer(head j: Int, s: Int, modifier: Int, ofEntity: Int, definite: Bool) -> Int {
        let w = toks[j].lit
        let groupish = ClaimLexicon.forceNouns.contains(w) || ClaimLexicon.memberNouns.contains(w) || ClaimLexicon.orgDescriptors.contains(w)
            || ClaimLexicon.agentHeads.contains(w) || ClaimLexicon.holdingNouns.contains(w)
        if groupish, modifier >= 0, entities[modifier].type != .person { return modifier }
        // "its fighters", "their members": the organisation the possessive points back to
        if groupish, modifier < 0, ofEntity < 0, toks[s].has(Token.lower), ClaimLexicon.possessivePronouns.contains(toks[s].lit),
           toks[s].lit != ClaimLexicon.hisWord, toks[s].lit != ClaimLexicon.herWord {
            return resolvePronoun(s)
        }
        // "the Assad regime", "Assad forces": the person's side
        if modifier >= 0, entities[modifier].type == .person, w == ClaimLexicon.regimeWord || w == ClaimLexicon.forcesWord { return modifier }
        // "Syria regime raids", "the Syrian army shelling": a place whose state's side does it
        if ClaimLexicon.operationNouns.contains(w), modifier >= 0, j > s, ClaimLexicon.sideNouns.contains(toks[j - 1].lit), toks[j - 1].has(Token.lower) { return modifier }
        if groupish, ofEntity >= 0 { return ofEntity }
        // "a US drone strike (killed …)": the operation's own actor
        if ClaimLexicon.operationNouns.contains(w), modifier >= 0, isActorModifier(modifier, at: s) { return modifier }
        if ClaimLexicon.personDescriptors.contains(w), definite || ofEntity >= 0 { return resolveDescriptor(head: w, s: s, e: j + 1) }
        if ClaimLexicon.orgDescriptors.contains(w), definite { return resolveOrganisation(head: w, before: s) }
        return -1
    }

    /// The person a role word stands for: the person mention nearest the description (earlier ones first) that the
    /// document describes with the same word ("…, the group's leader", "ISIS leader X") or whose role it is.
    func resolveDescriptor(head: UInt64, s: Int, e: Int) -> Int {
        // "the previous spokesman", "his successor", "a former leader" is someone else
        for q in s..<e where ClaimLexicon.otherPersonModifiers.contains(toks[q].lit) { return -1 }
        var best = -1, bestDistance = Int.max
        for sp in spans where entities[sp.entity].type == .person {
            var evidence = false
            if roleHash[sp.entity] == head { evidence = true }
            if !evidence {
                // "ISIS leader X", "the group's leader, X", "X, its spokesman", "X was named the group's leader"
                let from = max(0, sp.s - 7), to = min(toks.count, sp.e + 6)
                for q in from..<to where (q < s || q >= e) && toks[q].lit == head {
                    // after the name only when nothing is said or done in between ("X was named the group's leader")
                    if q < sp.s, (q..<sp.s).contains(where: { toks[$0].lex & LexBit.claimTrigger != 0 || toks[$0].gap & Token.gSentence != 0 }) { continue }
                    if q >= sp.e, (sp.e..<q).contains(where: { toks[$0].lex & LexBit.claimTrigger != 0 && ClaimLexicon.cue(toks[$0].lit).map { $0.kind == .event || $0.lemma == 0 } ?? false }) { continue }
                    evidence = true; break
                }
            }
            guard evidence else { continue }
            let d = sp.s < s ? s - sp.s : sp.s - s + 1_000_000
            if d < bestDistance { bestDistance = d; best = sp.entity }
        }
        return best
    }

    /// "the group", "the agency": the nearest organisation named before, preferring one whose name ends in the word.
    /// An institution ("the ministry", "the agency") resolves only to a name ending in the same word; an armed or
    /// political group ("the group", "the militants") to the organisation named last.
    func resolveOrganisation(head: UInt64, before s: Int) -> Int {
        var nearest = -1, sameHead = -1
        for sp in spans {
            if sp.s >= s { break }
            guard entities[sp.entity].type == .org else { continue }
            nearest = sp.entity
            if toks[sp.e - 1].lit == head { sameHead = sp.entity }
        }
        if sameHead >= 0 { return sameHead }
        guard ClaimLexicon.groupDescriptors.contains(head) else { return -1 }
        // "Islamic State said … killed in fighting with HTS. The group's spokesman …": the organisation that spoke
        // last, in this sentence or the one before, is what "the group" goes on about; else the one named last
        if let last = discourse.lastOrgReport, discourse.currentSentence - last.sentence <= 1, let id = last.speaker.entityID,
           let speaker = entities.firstIndex(where: { $0.id == id }), entities[speaker].type == .org {
            return speaker
        }
        return nearest
    }

    /// he/she/him/her: the person speaking lately, else the person named last; it/they/them: the organisation named last.
    func resolvePronoun(_ j: Int) -> Int {
        let w = toks[j].lit
        let person = ClaimLexicon.personPronouns.contains(w)
        if person, ClaimLexicon.personSubjects.contains(w), let last = discourse.lastPersonSpeaker, discourse.currentSentence - last.sentence <= 4 { return last.entity }
        var found = -1
        for sp in spans {
            if sp.s >= j { break } // spans are sorted by start
            guard sp.e <= j else { continue }
            let type = entities[sp.entity].type
            if person ? type == .person : type == .org { found = sp.entity }
        }
        return found
    }

    /// Can a name before an operation noun be its actor? Organisations and nationalities can; of places only
    /// acronyms ("US", "U.S.") and possessives ("Turkey's") — "the Barisha raid" happened in Barisha.
    func isActorModifier(_ e: Int, at k: Int) -> Bool {
        switch entities[e].type {
        case .person: return false
        case .org, .norp: return true
        case .location:
            // "Syria air raids", "Turkey airstrikes": a country's operations are its own
            if states.isCountry(entities[e]) { return true }
            var q = k
            while q < toks.count, ent[q] != Int32(e) { q += 1 }
            guard q < toks.count else { return false }
            let last = Int(mEnd[q]) - 1
            return toks[q].has(Token.allCaps) || toks[last].has(Token.possessive)
        }
    }

    func dateStartsAt(_ q: Int) -> Bool {
        q < dateStartsHere.count && dateStartsHere[q]
    }
}

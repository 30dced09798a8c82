/// Event words and their slots.
extension ClaimExtractor {
    /// An event word's slots: who did it, to whom, and whether it is negated.
    struct EventSlots { var actor: Phrase?; var target: Phrase?; var negated: Bool }

    /// The event signalled at token k, with its slots filled from [lo, hi) (the clause it belongs to), and
    /// whether it is negated.
    func event(at k: Int, cue: ClaimLexicon.Cue, lo: Int, hi: Int, sentence: (Int, Int)) -> (ClaimEvent, Bool)? {
        let t = toks[k]
        guard let form = eventForm(at: k, cue: cue, lo: lo, hi: hi) else { return nil }
        let found: EventSlots?
        switch form {
        case .verb, .ambiguous: found = verbSlots(at: k, lo: lo, hi: hi)
        case .gerund: found = gerundSlots(at: k, lo: lo, hi: hi)
        case .noun: found = nounSlots(at: k, cue: cue, lo: lo, hi: hi)
        case .intransitive: found = intransitiveSlots(at: k, lo: lo, hi: hi)
        case .adjective: found = adjectiveSlots(at: k, lo: lo, hi: hi)
        }
        guard let slots = found else { return nil }
        var actor = slots.actor, target = slots.target
        let negated = slots.negated
        // "8 Civilians Killed in …" (a headline): the capitalised count before the participle
        if target == nil, cue.eventType == .kill, k > lo, let c = headlineCount(ending: k - 1, lo) { target = c }
        if let a = actor, let tg = target, a.s == tg.s { actor = nil }
        // "Russia has lost at least 12 soldiers": a toll of the side that lost them, not something it did
        if t.lit == ClaimLexicon.lostWord {
            guard let tg = target, tg.quantity else { return nil }
            target = Phrase(s: tg.s, e: tg.e, entity: tg.entity >= 0 ? tg.entity : (actor?.entity ?? -1), quantity: true)
            actor = nil
        }
        // "claimed responsibility for the attack": the claimant did it (filled in from the report)
        if actor == nil && target == nil && responsibilityClaimed(before: k, lo: lo) {
            return (ClaimEvent(type: cue.eventType, trigger: mention(k, k + 1), date: eventDate(k, sentence.0, sentence.1)), false)
        }
        if actor == nil && target == nil { return nil } // "captured on Saturday": nobody did it to anyone
        // "seized large parts of Iraq": an arrest takes people or a counted group
        if cue.eventType == .arrest, let tg = target, tg.entity < 0, !tg.quantity, !toks[tg.e - 1].inList(LexBit.claimSource),
           !ClaimLexicon.memberNouns.contains(toks[tg.e - 1].lit), !ClaimLexicon.peopleNouns.contains(toks[tg.e - 1].lit),
           !ClaimLexicon.objectPronouns.contains(toks[tg.e - 1].lit) { return nil }
        var quantity: String? = nil
        // "a car bomb wounded at least 37 people": an attack on the people counted; the count is no death toll
        let wounding = ClaimLexicon.woundWords.contains(t.lit)
        // "Civilian killed, 3 injured", "one killed and six wounded": a count right before a wound word is the wounded
        if !wounding, let tg = target, tg.quantity, tg.s > k, tg.e < hi, ClaimLexicon.woundWords.contains(toks[tg.e].lit) {
            target = k > lo ? phraseLeft(k - 1, lo) : nil // the killed are then before the participle
            if target == nil && actor == nil { return nil }
        }
        if !wounding, let part = target, part.quantity {
            let tg = countedWhole(of: part, lo: lo)
            target = tg
            quantity = rt.cleanString(Int(toks[tg.s].start), Int(toks[tg.e - 1].end))
        }
        let event = ClaimEvent(type: cue.eventType, trigger: mention(k, k + 1), actor: actor.flatMap(actorArgument),
                               target: target.flatMap { $0.quantity && $0.entity < 0 && !wounding ? nil : argument($0) },
                               location: location(near: k, sentence.0, sentence.1, excluding: [actor?.entity ?? -1, target?.entity ?? -1]).map(locationArgument),
                               date: eventDate(k, sentence.0, sentence.1), quantity: quantity,
                               runningTotal: quantity != nil && isRunningTotal(lo, hi) ? true : nil)
        return (event, negated)
    }

    /// How the event word at k is used here: an ambiguous word ("strikes", "raid") read as a verb or a noun from
    /// its neighbours, "the killing" as a noun. Nil for a participle used as an adjective ("the targeted areas").
    func eventForm(at k: Int, cue: ClaimLexicon.Cue, lo: Int, hi: Int) -> ClaimLexicon.Cue.Form? {
        var form = cue.form
        let prev = k > lo ? toks[k - 1] : nil
        if form == .ambiguous {
            // "to kill", "did not attack", "would arrest" → verb; "a drone strike", "the raid", "U.S. raids" → noun
            if let p = prev, p.has(Token.lower), p.lit == ClaimLexicon.toWord || p.inList(LexBit.claimAux) || p.inList(LexBit.claimNegator) {
                form = .verb
            } else if let p = prev, !p.inList(LexBit.claimDeterminer), k + 1 < hi, toks[k + 1].gap == Token.gSpace, !dateStartsAt(k + 1),
                      toks[k + 1].has(Token.digit) || toks[k + 1].has(Token.lower) && (ClaimLexicon.countWords.contains(toks[k + 1].lit) && toks[k + 1].lit != Lexicon.a
                                                                                       || ClaimLexicon.quantifiers.contains(toks[k + 1].lit)) {
                form = .verb // "air raids kill 20 militants", "strikes kill at least ten"
            } else if let p = prev, ent[k - 1] >= 0, !(k - 1 > lo && ClaimLexicon.determiners.contains(toks[Int(mStart[k - 1]) - 1 < 0 ? 0 : Int(mStart[k - 1]) - 1].lit) && Int(mStart[k - 1]) > lo),
                      k + 1 < hi, ent[k + 1] >= 0 || toks[k + 1].inList(LexBit.claimDeterminer), p.gap != 0 {
                form = .verb // "Israel strikes Damascus"
            } else {
                form = .noun
            }
        }
        if form == .gerund, let p = prev, p.inList(LexBit.claimDeterminer) { form = .noun } // "the killing (of X)"
        // "the targeted areas", "other wounded persons": a participle used as an adjective names no event
        if form == .verb, k + 1 < hi, toks[k + 1].gap == Token.gSpace, toks[k + 1].has(Token.lower), !isFunctionWord(toks[k + 1]),
           !toks[k + 1].inList(LexBit.claimPreposition), !ClaimLexicon.countWords.contains(toks[k + 1].lit), !ClaimLexicon.quantifiers.contains(toks[k + 1].lit),
           let p = prev, p.inList(LexBit.claimDeterminer) || ClaimLexicon.adjectivalBefore.contains(p.lit) { return nil }
        return form
    }

    /// A verb's slots: a passive ("was killed", "killed by X") or a bare participle ("the leader killed in a raid")
    /// has its target before and its agent after; an active verb its subject and object. Nil when it has neither.
    func verbSlots(at k: Int, lo: Int, hi: Int) -> EventSlots? {
        let t = toks[k]
        var actor: Phrase? = nil, target: Phrase? = nil
        var negated = false
        // passive: "was killed", "had been arrested", "killed by"
        var j = k - 1
        var passive = false
        while j >= lo, j >= k - 4 {
            let w = toks[j]
            if w.inList(LexBit.claimBe) { passive = true; j -= 1; continue }
            if w.inList(LexBit.claimAux) || w.inList(LexBit.claimNegator) {
                if w.inList(LexBit.claimNegator) { negated = true }
                j -= 1; continue
            }
            break
        }
        if !passive, k + 1 < hi, toks[k + 1].lit == ClaimLexicon.byWord { passive = true }
        if passive {
            target = j >= lo ? phraseLeft(j, lo) : nil
            actor = agent(after: k + 1, hi)
        } else {
            target = k + 1 < hi ? phraseRight(k + 1, hi, forSpeaker: false) : nil
            let nextIsObject = target.map { $0.quantity || !toks[k + 1].inList(LexBit.claimPreposition) } ?? false
            if !nextIsObject, j == k - 1, t.lit != 0, k + 1 >= hi || toks[k + 1].gap & ~Token.gSpace != 0 || toks[k + 1].inList(LexBit.claimPreposition)
                || ClaimLexicon.timePrepositions.contains(toks[k + 1].lit) {
                // "the leader killed in a raid", "the fourth leader killed since 2019": a participle, not a past tense
                target = j >= lo ? phraseLeft(j, lo) : nil
                actor = agent(after: k + 1, hi)
            } else {
                actor = subject(ofVerbAt: k, lo: lo, skipTo: j)
            }
            if actor == nil, target == nil { return nil }
        }
        return EventSlots(actor: actor, target: target, negated: negated)
    }

    /// An -ing form's slots: its object; its subject only in a progressive ("were attacking X"), else the reporting
    /// verb gives the actor ("accused X of killing Y", "denied killing Y").
    func gerundSlots(at k: Int, lo: Int, hi: Int) -> EventSlots? {
        let prev = k > lo ? toks[k - 1] : nil
        var actor: Phrase? = nil
        var negated = false
        // "accused X of killing Y", "denied killing Y": the actor comes from the reporting verb
        let target = k + 1 < hi ? phraseRight(k + 1, hi, forSpeaker: false) : nil
        if k >= 1, toks[k - 1].inList(LexBit.claimNegator) { negated = true }
        // "the pilots were attacking DAESH": the progressive's subject does it
        if let p = prev, p.inList(LexBit.claimBe), p.has(Token.lower) {
            var j = k - 1
            while j >= lo, toks[j].inList(LexBit.claimBe) || toks[j].inList(LexBit.claimAux) { j -= 1 }
            actor = subject(ofVerbAt: j + 1, lo: lo, skipTo: j)
        }
        return EventSlots(actor: actor, target: target, negated: negated)
    }

    /// An event noun's slots: "the death of X", "strikes on X", "X's death", "his arrest", "came under airstrikes",
    /// "a thousand civilian deaths"; the actor a modifier ("a U.S. raid") or an agent after it. Nil when it has
    /// neither and nobody claimed it.
    func nounSlots(at k: Int, cue: ClaimLexicon.Cue, lo: Int, hi: Int) -> EventSlots? {
        var actor: Phrase? = nil, target: Phrase? = nil
        // "the death of X", "the arrest of X", "strikes on X", "X's death", "a U.S. raid"
        if k + 2 < hi, toks[k + 1].lit == ClaimLexicon.ofWord || cue.eventType == .attack && (toks[k + 1].lit == ClaimLexicon.onWord || toks[k + 1].lit == ClaimLexicon.againstWord || toks[k + 1].lit == ClaimLexicon.targetingWord) {
            target = phraseRight(k + 2, hi, forSpeaker: false)
        }
        if target == nil, k - 1 >= lo, toks[k - 1].has(Token.possessive), ent[k - 1] >= 0 {
            target = Phrase(s: Int(mStart[k - 1]), e: Int(mEnd[k - 1]), entity: Int(ent[k - 1]))
        }
        // "his death", "their arrest"
        if target == nil, k - 1 >= lo, ClaimLexicon.possessivePronouns.contains(toks[k - 1].lit), toks[k].gap == Token.gSpace {
            target = Phrase(s: k - 1, e: k, entity: resolvePronoun(k - 1))
        }
        // "the hospital came under intense airstrikes": what came under it is the target
        if target == nil {
            var u = k - 1
            while u >= lo, u >= k - 4, toks[u].lit != ClaimLexicon.underWord { u -= 1 }
            if u - 1 >= lo, u >= k - 4, toks[u].lit == ClaimLexicon.underWord, ClaimLexicon.comeWords.contains(toks[u - 1].lit), u - 2 >= lo {
                target = phraseLeft(u - 2, lo)
            }
        }
        // "a thousand civilian deaths": a count before the noun is the toll
        if target == nil, let count = countBefore(k, lo) { target = count }
        actor = modifierEntity(before: k, lo: lo)
        // "the air force stepped up its raids against IS positions": the side the possessive points back to
        if actor == nil, cue.eventType == .attack, let tg = target, tg.s > k { actor = possessiveSide(before: k, lo: lo) }
        if actor == nil { actor = agent(after: target?.e ?? (k + 1), hi) }
        if let a = actor, let tg = target, a.entity >= 0, a.entity == tg.entity { actor = nil }
        if actor == nil && target == nil && !responsibilityClaimed(before: k, lo: lo) { return nil }
        return EventSlots(actor: actor, target: target, negated: false)
    }

    /// "died"'s slots: who died before it, the agent after ("died in clashes with X", "at the hands of X"). Nil for
    /// "died of hypothermia", which is no killing.
    func intransitiveSlots(at k: Int, lo: Int, hi: Int) -> EventSlots? {
        // "the leader died in clashes with X", "he died at the hands of X"; "died of hypothermia" is no killing
        if k + 1 < hi, toks[k + 1].lit == ClaimLexicon.ofWord || toks[k + 1].lit == Lexicon.from { return nil }
        var j = k - 1
        while j >= lo, toks[j].inList(LexBit.claimAux) || toks[j].inList(LexBit.claimNegator) { j -= 1 }
        let target = j >= lo ? phraseLeft(j, lo) : nil
        let actor = agent(after: k + 1, hi)
        return EventSlots(actor: actor, target: target, negated: false)
    }

    /// "dead"'s slots: "left at least 31 civilians dead" (the leaver did it), "Five dead in blast" (a count before
    /// it). Nil for "among the dead" or no count.
    func adjectiveSlots(at k: Int, lo: Int, hi: Int) -> EventSlots? {
        let prev = k > lo ? toks[k - 1] : nil
        var actor: Phrase? = nil, target: Phrase? = nil
        // "Five dead in blast", "left at least 31 civilians dead", "a raid that left dozens dead"; not "among the dead"
        guard let p = prev, !p.inList(LexBit.claimDeterminer) else { return nil }
        var l = k - 1
        while l >= lo, l >= k - 8, toks[l].lit != ClaimLexicon.leftWord { l -= 1 }
        if l >= lo, l >= k - 8, toks[l].lit == ClaimLexicon.leftWord {
            target = phraseRight(l + 1, k, forSpeaker: false)
            actor = subject(ofVerbAt: l, lo: lo, skipTo: l - 1)
        } else {
            target = phraseLeft(k - 1, lo) ?? headlineCount(ending: k - 1, lo)
            guard target?.quantity == true else { return nil }
            actor = agent(after: k + 1, hi)
        }
        return EventSlots(actor: actor, target: target, negated: false)
    }

    /// "at least 15 civilians including four children were killed": the toll is the count the part is of; the
    /// counted phrase itself when it is no part.
    func countedWhole(of tg: Phrase, lo: Int) -> Phrase {
        if tg.s - 1 > lo, ClaimLexicon.partWords.contains(toks[tg.s - 1].lit) || toks[tg.s - 1].lit == ClaimLexicon.themWord && tg.s - 2 > lo && toks[tg.s - 2].lit == ClaimLexicon.amongWord {
            var q = tg.s - 2
            while q >= lo, q >= tg.s - 6, !(toks[q].has(Token.digit) || ClaimLexicon.countWords.contains(toks[q].lit) && toks[q].lit != Lexicon.a) { q -= 1 }
            if q >= lo, q >= tg.s - 6, !inDate[q] {
                var s0 = q
                while s0 - 1 >= lo, toks[s0].gap == Token.gSpace, ClaimLexicon.quantifiers.contains(toks[s0 - 1].lit) { s0 -= 1 }
                return Phrase(s: s0, e: tg.s - 1, entity: tg.entity, quantity: true)
            }
        }
        return tg
    }

    /// The subject of an active verb at k; `j` is the last token before the verb after auxiliaries.
    func subject(ofVerbAt k: Int, lo: Int, skipTo j0: Int) -> Phrase? {
        var j = j0
        // "Israel, which has declared itself …, struck": skip the aside back to its comma
        if j >= lo, j + 1 < toks.count, toks[j + 1].gap & Token.gComma != 0, let c = asideStart(before: j, lo: lo) { j = c - 1 }
        // "A US drone strike on 14 June killed …": skip the date
        if j >= lo, dateStartEndingAt[j] > lo {
            j = Int(dateStartEndingAt[j]) - 1
            if toks[j].has(Token.lower), ClaimLexicon.timePrepositions.contains(toks[j].lit) || toks[j].lit == ClaimLexicon.inWord { j -= 1 }
        }
        guard j >= lo else { return nil }
        // "a U.S. raid that killed …": the operation's own actor
        if toks[j].inList(LexBit.claimRelative), toks[j].has(Token.lower), j - 1 >= lo {
            if ClaimLexicon.operationNouns.contains(toks[j - 1].lit), let m = modifierEntity(before: j - 1, lo: lo) { return m }
            return phraseLeft(j - 1, lo)
        }
        return operationSubject(phraseLeft(j, lo), lo: lo)
    }

    /// "IS attack on Syria oil field kills 30", "Russian air strikes in Aleppo Syria killed": a verb's subject is
    /// the operation before the place or target phrase next to the verb, so its modifier can be the actor.
    func operationSubject(_ found: Phrase?, lo: Int) -> Phrase? {
        guard let p = found, !p.quantity else { return found }
        var s = p.s
        while s - 1 >= lo, ent[s - 1] >= 0, entities[Int(ent[s - 1])].type == .location { s = Int(mStart[s - 1]) }
        guard s - 2 >= lo, toks[s - 1].has(Token.lower), ClaimLexicon.operationObjectPrepositions.contains(toks[s - 1].lit),
              ClaimLexicon.operationNouns.contains(toks[s - 2].lit), let operation = phraseLeft(s - 2, lo) else { return p }
        return operation
    }

    /// "its raids", "their air strikes": the organisation, nationality or country named last in the clause before
    /// the possessive (a person only for "his"/"her").
    func possessiveSide(before k: Int, lo: Int) -> Phrase? {
        var q = k - 1
        if q - 1 >= lo, toks[q].has(Token.lower), !ClaimLexicon.possessivePronouns.contains(toks[q].lit), !isFunctionWord(toks[q]) { q -= 1 }
        guard q >= lo, toks[q].has(Token.lower), ClaimLexicon.possessivePronouns.contains(toks[q].lit) else { return nil }
        let personal = toks[q].lit == ClaimLexicon.hisWord || toks[q].lit == ClaimLexicon.herWord
        var j = q - 1
        while j >= lo {
            if ent[j] >= 0 {
                let e = Int(ent[j])
                let type = entities[e].type
                if personal ? type == .person : type == .org || type == .norp || type == .location && states.isCountry(entities[e]) {
                    return Phrase(s: max(Int(mStart[j]), lo), e: Int(mEnd[j]), entity: e)
                }
                j = Int(mStart[j]) - 1; continue
            }
            j -= 1
        }
        return nil
    }

    /// "a thousand civilian deaths", "25 worshippers' deaths": a counted phrase right before an event noun.
    func countBefore(_ k: Int, _ lo: Int) -> Phrase? {
        var s = k
        while s - 1 >= lo, k - s < 5, toks[s].gap == Token.gSpace, toks[s - 1].has(Token.lower) || toks[s - 1].has(Token.digit) {
            let w = toks[s - 1]
            if w.has(Token.digit) || ClaimLexicon.countWords.contains(w.lit) || ClaimLexicon.quantifiers.contains(w.lit) || !isFunctionWord(w) && w.lex & LexBit.claimTrigger == 0 {
                s -= 1; continue
            }
            break
        }
        guard s < k, (s..<k).contains(where: { toks[$0].has(Token.digit) || ClaimLexicon.countWords.contains(toks[$0].lit) && toks[$0].lit != Lexicon.a }) else { return nil }
        return Phrase(s: s, e: k + 1, entity: -1, quantity: true)
    }

    /// "52 Dead as …", "8 Civilians Killed": a number (and a capitalised noun) ending at j, in a headline.
    func headlineCount(ending j: Int, _ lo: Int) -> Phrase? {
        guard j >= lo, !inDate[j] else { return nil }
        if toks[j].has(Token.digit) || ClaimLexicon.countWords.contains(toks[j].lit) && toks[j].lit != Lexicon.a { return Phrase(s: j, e: j + 1, entity: -1, quantity: true) }
        if j - 1 >= lo, toks[j].has(Token.cap), ent[j] < 0, !inDate[j - 1], toks[j - 1].has(Token.digit) || ClaimLexicon.countWords.contains(toks[j - 1].lit) && toks[j - 1].lit != Lexicon.a {
            return Phrase(s: j - 1, e: j + 1, entity: -1, quantity: true)
        }
        return nil
    }

    /// "claimed responsibility for the attack", "took responsibility for the bombing".
    func responsibilityClaimed(before k: Int, lo: Int) -> Bool {
        var q = k - 1
        while q >= lo, q >= k - 3, toks[q].inList(LexBit.claimDeterminer) || toks[q].lit == ClaimLexicon.forWord { q -= 1 }
        return q >= lo && q < k - 1 && ClaimLexicon.responsibilityNouns.contains(toks[q].lit)
    }

    /// "by X", "at the hands of X", "in a U.S. raid", "in clashes with X", "with fighters of X" after a verb.
    func agent(after k: Int, _ hi: Int) -> Phrase? {
        var q = k
        let limit = min(hi, k + 10)
        while q < limit {
            let w = toks[q]
            // "were killed and nine others injured by X": a coordinated wound word shares the agent
            if q > k, w.gap & (Token.gSentence | Token.gHard) != 0
                || w.lex & LexBit.claimTrigger != 0 && !ClaimLexicon.operationNouns.contains(w.lit) && !ClaimLexicon.woundWords.contains(w.lit) { break }
            if w.lit == ClaimLexicon.byWord, q + 1 < hi, let p = phraseRight(q + 1, hi, forSpeaker: false),
               p.entity >= 0 || !p.quantity && q == k || namesGovernment(p) { return p }
            if w.lit == ClaimLexicon.handsWord, q + 2 < hi, toks[q + 1].lit == ClaimLexicon.ofWord, let p = phraseRight(q + 2, hi, forSpeaker: false) { return p }
            if w.lit == ClaimLexicon.withWord, q > k, ClaimLexicon.operationNouns.contains(toks[q - 1].lit), q + 1 < hi,
               let p = phraseRight(q + 1, hi, forSpeaker: false), p.entity >= 0 { return p }
            if ClaimLexicon.operationNouns.contains(w.lit), let m = modifierEntity(before: q, lo: k) { return m }
            q += 1
        }
        return nil
    }

    /// An organisation, place or nationality right before an event or operation noun: "a U.S. raid", "HTS raids",
    /// "an Israeli strike", "Turkey's operation".
    func modifierEntity(before k: Int, lo: Int) -> Phrase? {
        var j = k - 1
        // "drone strike", "air raid", "night raid": skip one lower-case modifier
        if j >= lo, toks[j].has(Token.lower), ent[j] < 0, !toks[j].inList(LexBit.claimDeterminer), !ClaimLexicon.sideNouns.contains(toks[j].lit),
           toks[k].gap == Token.gSpace { j -= 1 }
        // "US-led coalition air strike", "Syria regime raids": the side's noun between the name and the operation
        var side = false
        while j >= lo, j >= k - 4, ent[j] < 0, toks[j].has(Token.lower), ClaimLexicon.sideNouns.contains(toks[j].lit),
              toks[j].gap == Token.gSpace || toks[j].gap == Token.gHyphen {
            side = true; j -= 1
        }
        // "government air strikes", "regime shelling": the government's side, no name
        if side, j < lo || ent[j] < 0, namesGovernment(Phrase(s: j + 1, e: k, entity: -1)) { return Phrase(s: j + 1, e: k, entity: -1) }
        guard j >= lo, ent[j] >= 0 else { return nil }
        let e = Int(ent[j])
        guard side || isActorModifier(e, at: Int(mStart[j])) else { return nil }
        if side, entities[e].type != .person { return Phrase(s: Int(mStart[j]), e: k, entity: e) }
        // "anti-ISIS arrests", "pro-Iran militias": the name is not the actor
        let ms = Int(mStart[j])
        if ms >= 1, toks[ms].hyphenJoined, ClaimLexicon.stanceWords.contains(toks[ms - 1].lit) { return nil }
        guard entities[e].type != .person else { return nil }
        return Phrase(s: Int(mStart[j]), e: Int(mEnd[j]), entity: e)
    }

    /// The place of an event: "in/near/at X" or "the town of X" (a LOCATION) in the sentence, after the trigger
    /// first; a country only when the sentence names no finer place ("in the town of Maarat al-Numan in Syria's
    /// Idlib province" is Maarat al-Numan).
    func location(near k: Int, _ a: Int, _ b: Int, excluding: [Int]) -> Phrase? {
        let found = locationScan(k + 1, b, a, excluding) ?? locationScan(a, k, a, excluding)
        guard let place = found, place.entity >= 0, states.isCountry(entities[place.entity]) else { return found }
        return finerPlace(a, b, excluding: excluding + [place.entity]) ?? place
    }

    /// The first place in the sentence, after a locative preposition or "town of", that is not a country.
    func finerPlace(_ a: Int, _ b: Int, excluding: [Int]) -> Phrase? {
        var from = a
        while let p = locationScan(from, b, a, excluding) {
            if !states.isCountry(entities[p.entity]) { return p }
            from = p.e
        }
        return nil
    }

    /// A method rather than a nested function: a nested function would capture (copy) the extractor.
    func locationScan(_ from: Int, _ to: Int, _ a: Int, _ excluding: [Int]) -> Phrase? {
        var q = from
        while q < to {
            if ent[q] >= 0, entities[Int(ent[q])].type == .location, Int(mStart[q]) == q, !excluding.contains(Int(ent[q])) {
                var p = q - 1
                if p >= a, toks[p].lit == Lexicon.the { p -= 1 }
                if p >= a, toks[p].has(Token.lower), ClaimLexicon.locationPrepositions.contains(toks[p].lit) {
                    return Phrase(s: q, e: Int(mEnd[q]), entity: Int(ent[q]))
                }
                // "the town of Maarat al-Numan", "the city of Aleppo"
                if q - 2 >= a, toks[q - 1].lit == ClaimLexicon.ofWord, ClaimLexicon.settlementNouns.contains(toks[q - 2].lit) {
                    return Phrase(s: q, e: Int(mEnd[q]), entity: Int(ent[q]))
                }
                // "in Syria's Maarat al-Numan": the place a country's possessive points into
                if q - 1 >= a, ent[q - 1] >= 0, toks[q - 1].has(Token.possessive), entities[Int(ent[q - 1])].type == .location {
                    return Phrase(s: q, e: Int(mEnd[q]), entity: Int(ent[q]))
                }
                q = Int(mEnd[q]); continue
            }
            q += 1
        }
        return nil
    }
}

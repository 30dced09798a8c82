/// Who may be the actor of an event.
extension ClaimExtractor {
    /// The actor as a claim records it: an organisation, a force, a person or a state. A nationality acts only
    /// when it stands for one state ("Russian jets": Russia); a city, a region, a nationality with no one state
    /// ("Kurdish") and a headline's run of capitalised words with an event word in it ("Air Strikes Kill")
    /// are no actor. Unnamed actors are kept as written; "government forces" and "the regime" also name the state
    /// the document is most about.
    func actorArgument(_ p: Phrase) -> ClaimArgument? {
        guard p.entity >= 0 else {
            // "Syria's Idlib province", "the rebel-held town": a place described does nothing
            if ClaimLexicon.placeNouns.contains(toks[p.e - 1].lit) { return nil }
            // "government forces", "regime shelling": the state the document is about
            var a = argument(p)
            if namesGovernment(p) { a.state = mainState }
            return a
        }
        let e = entities[p.entity]
        let ms = Int(mStart[p.s]), me = Int(mEnd[p.s])
        if ent[p.s] == Int32(p.entity), (ms..<me).contains(where: { toks[$0].lex & LexBit.claimTrigger != 0 }) { return nil }
        switch e.type {
        case .norp:
            // the words' entity stays the nationality; the index files the actor under its state ("Kurdish" has none)
            guard let state = states.state(ofNationality: e) else { return nil }
            // "Syrian rebels", "Iraqi militants": people of that nationality against or beside the state, not it
            if ClaimLexicon.nonStateGroupNouns.contains(toks[p.e - 1].lit), Int(mEnd[p.s]) < p.e { return nil }
            var a = argument(p)
            a.state = state.id
            return a
        case .location:
            return states.isCountry(e) ? argument(p) : nil
        case .org:
            // a state's own forces act for it: "the Syrian Arab Army" is Syria acting, as "Syrian jets" are
            var a = argument(p)
            a.state = states.state(ofForce: e)?.id
            // "Army units", "the Air Force" with no state named: the state the document is about
            if a.state == nil, ClaimLexicon.bareForceNames.contains(e.name.lowercased()) { a.state = mainState }
            return a
        case .person:
            return argument(p)
        }
    }

    /// "government forces", "the regime", "regime shelling": words naming a government without its name.
    func namesGovernment(_ p: Phrase) -> Bool {
        p.entity < 0 && (p.s..<p.e).contains(where: { toks[$0].has(Token.lower) && ClaimLexicon.governmentWords.contains(toks[$0].lit) })
    }

    /// The place of an event. A country is marked as a state (`state` is its own id): too wide a place to make
    /// two reports one event.
    func locationArgument(_ p: Phrase) -> ClaimArgument {
        var a = argument(p)
        if p.entity >= 0, states.isCountry(entities[p.entity]) { a.state = entities[p.entity].id }
        return a
    }
}

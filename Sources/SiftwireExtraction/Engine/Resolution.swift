/// Grouping of candidates into document entities: in-text alias statements, short forms, cross-document ids.
extension ExtractionRun {
    static let aliasPhrases: [[UInt64]] = [
        "also known as", "aka", "a k a", "known as", "formerly known as", "better known as", "previously known as",
        "otherwise known as", "now known as", "also called", "formerly called", "whose real name is", "real name",
        "rebranded as", "rebranded itself as", "renamed", "renamed itself", "renamed itself as", "nom de guerre",
        "by his nom de guerre", "alias", "also referred to as", "later known as", "went by", "also spelled", "or",
    ].map { $0.split(separator: " ").map { Hash.of(String($0)) } }
    static let listAliasPhrases: [[UInt64]] = ["a k a", "also spelled", "aka"].map { $0.split(separator: " ").map { Hash.of(String($0)) } }
    /// First words of the alias phrases: a phrase can only match where one of these follows the name.
    static let aliasFirstWords = WordSet(Set(aliasPhrases.map { $0[0] }))
    /// Phrases after which two dictionary entities stay distinct (predecessor organisations).
    static let historicalPhrases: Set<Int> = [4, 6, 8, 10, 13, 14, 15, 16, 17, 22] // formerly/previously/rebranded/renamed/later
    static let orHash = Hash.of("or"), andHash = Hash.of("and")
    static let abuKey: UInt64 = { let a = Scalars.array("Abu"); var t = Tokenizer.tokenize(a); Tokenizer.computeKeys(a, &t); return t[0].key }()

    /// Repaired-text span of a candidate; dotted abbreviations keep their final period ("U.S.").
    @inline(__always) func span(_ c: Candidate) -> (Int, Int) { span(c.s, c.e) }
    func span(_ s: Int, _ e: Int) -> (Int, Int) {
        let c = (s: s, e: e)
        let a = Int(toks[c.s].start)
        var b = Int(toks[c.e - 1].end)
        if c.e - c.s >= 2, toks[c.e - 1].length == 1, toks[c.e - 1].gap & Token.gDot != 0, b < rt.text.count, rt.text[b] == 0x2E { b += 1 }
        return (a, b)
    }

    /// Token-key name parts of a candidate (articles and lower-case particles excluded).
    func nameKeys(_ s: Int, _ e: Int) -> [UInt64] {
        let c = (s: s, e: e)
        var out = [UInt64]()
        out.reserveCapacity(e - s)
        for k in c.s..<c.e { let t = toks[k]; if t.has(Token.article) || t.has(Token.lower) { continue }; out.append(t.key) }
        return out
    }

    /// Grouping key: the dictionary entry, or the hash of the name's word keys without leading articles.
    func groupHash(_ entry: Int, _ s: Int, _ e: Int) -> UInt64 {
        let c = (entry: entry, s: s, e: e)
        if c.entry >= 0 { return Hash.fnv(Hash.fnv(Hash.seed, 0x110000), UInt32(c.entry)) }
        var h = Hash.seed
        var k = c.s
        while k < c.e - 1 && toks[k].has(Token.article) { k += 1 }
        while k < c.e {
            let t = toks[k]
            let kk = t.has(Token.article) ? Tokenizer.articleHash : t.key
            h = Hash.fnv(h, UInt32(truncatingIfNeeded: kk)); h = Hash.fnv(h, UInt32(truncatingIfNeeded: kk >> 32))
            k += 1
        }
        return h
    }

    func idKeyString(_ c: Candidate) -> String {
        var parts = [String]()
        for k in c.s..<c.e {
            let t = toks[k]
            let nextHyphen = k + 1 < c.e && toks[k + 1].hyphenJoined
            parts.append(Tokenizer.keyString(rt.text, t, nextHyphen: nextHyphen))
        }
        while parts.count > 1, parts[0] == "al" { parts.removeFirst() }
        return parts.joined(separator: "-")
    }

    func resolve() -> [ExtractedEntity] {
        // work on a local copy (no class-property access in the loops below)
        var cands = self.cands
        self.cands = []
        cands.sort { $0.s < $1.s }
        let m = cands.count
        if m == 0 { return [] }
        // group keys
        var groupOf = U64Map(capacity: m)
        var parent = [Int]()
        for i in 0..<m {
            let key = groupHash(cands[i].entry, cands[i].s, cands[i].e)
            if let g = groupOf.get(key) { cands[i].group = Int(g) } else {
                let g = parent.count; parent.append(g); groupOf.set(key, Int32(g)); cands[i].group = g
            }
        }
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        var groupEntry = [Int](repeating: -1, count: parent.count)
        for c in cands where c.entry >= 0 { groupEntry[c.group] = c.entry }
        var extraAliases = [Int: [String]]() // root group -> surface strings
        func rootEntry(_ g: Int) -> Int {
            let r = find(g)
            for (k, p) in parent.enumerated() where find(p) == r && groupEntry[k] >= 0 { return groupEntry[k] }
            return -1
        }
        func link(_ a: Int, _ b: Int, historical: Bool) {
            let ga = find(cands[a].group), gb = find(cands[b].group)
            if ga == gb { return }
            let ea = rootEntry(ga), eb = rootEntry(gb)
            let (a0, a1) = span(cands[a].s, cands[a].e), (b0, b1) = span(cands[b].s, cands[b].e)
            let surfaceA = rt.cleanString(a0, a1)
            let surfaceB = rt.cleanString(b0, b1)
            // never merge across incompatible types (a nationality is not a person; a typed name keeps its type)
            let ta = ea >= 0 ? index.entries[ea].type : cands[a].type
            let tb = eb >= 0 ? index.entries[eb].type : cands[b].type
            if ta == .norp || tb == .norp { return }
            if let ta, let tb, ta != tb, (ea >= 0 || cands[a].strength >= 3), (eb >= 0 || cands[b].strength >= 3) { return }
            // two different dictionary entities stated as one ("HTS, also known as Hezbollah"): the
            // dictionary knows better, and an alias added here would widen every later search for
            // either name. A former name ("formerly known as") is history, kept as an alias both ways.
            if ea >= 0 && eb >= 0 && ea != eb && !historical { return }
            if (ea >= 0 && eb >= 0 && ea != eb) || historical {
                extraAliases[ga, default: []].append(surfaceB)
                extraAliases[gb, default: []].append(surfaceA)
                return
            }
            // the dictionary side (or the earlier, typed side) becomes the root
            if eb >= 0 && ea < 0 { parent[ga] = gb } else { parent[gb] = ga }
        }
        var startIndex = [Int32](repeating: -1, count: toks.count + 1)
        for (i, c) in cands.enumerated() { startIndex[c.s] = Int32(i) }
        func startAt(_ k: Int) -> Int? { k < startIndex.count && startIndex[k] >= 0 ? Int(startIndex[k]) : nil }
        let n = toks.count
        let aliasFirstWords = Self.aliasFirstWords
        for a in 0..<m {
            let e = cands[a].e
            guard e < n else { continue }
            // parenthetical alias: "Hay'at Tahrir al-Sham (HTS)"
            if toks[e].gap & Token.gOpenParen != 0, let b = startAt(e) {
                let f = cands[b].e
                if f >= n || toks[f].gap & Token.gCloseParen != 0 { link(a, b, historical: false); continue }
            }
            // phrase alias: ", also known as X" / "whose real name is X"
            let gapOK: UInt16 = Token.gSpace | Token.gComma | Token.gOpenParen | Token.gQuote
            guard toks[e].gap & ~gapOK == 0, toks[e].has(Token.lower), aliasFirstWords.contains(toks[e].lit) else { continue }
            for (pi, phrase) in Self.aliasPhrases.enumerated() {
                if pi == Self.aliasPhrases.count - 1 { continue } // bare "or" only inside lists
                var k = e, ok = true
                for w in phrase { if k >= n || toks[k].lit != w { ok = false; break }; k += 1 }
                guard ok, k < n else { continue }
                var next = k
                if toks[next].lit == Lexicon.the, next + 1 < n { next += 1 }
                var count = 0
                while let b = startAt(next), count < 4 {
                    link(a, b, historical: Self.historicalPhrases.contains(pi))
                    count += 1
                    var q = cands[b].e
                    guard q < n, toks[q].gap & Token.gSentence == 0 else { break }
                    let quoted = toks[q].gap & Token.gQuote != 0
                    // a list of aliases: "(a.k.a. X; a.k.a. Y; also spelled Z)"
                    if toks[q].gap & Token.gOther != 0, toks[q].has(Token.lower) {
                        var matched = 0
                        for alt in Self.listAliasPhrases {
                            var r = q, ok2 = true
                            for w in alt { if r >= n || toks[r].lit != w { ok2 = false; break }; r += 1 }
                            if ok2 { matched = r; break }
                        }
                        if matched > 0, matched < n { next = matched; continue }
                    }
                    if toks[q].lit == Self.orHash || toks[q].lit == Self.andHash { q += 1 } else if !quoted { break }
                    if q < n, toks[q].gap & Token.gSentence == 0, toks[q].gap & ~gapOK == 0 { next = q } else { break }
                }
                break
            }
        }
        // short forms: a one-word name resolves to the nearest fuller name in the document that ends with it
        // members of each root group, in candidate order: order[memStart[r]..<memStart[r + 1]] (a counting sort
        // instead of a dictionary of arrays); roots ascending
        let groupCount = parent.count
        var memStart = [Int](repeating: 0, count: groupCount + 1)
        var order = [Int](repeating: 0, count: m)
        func groupMembers() {
            for k in 0...groupCount { memStart[k] = 0 }
            var rootOf = [Int](repeating: 0, count: m)
            for i in 0..<m { let r = find(cands[i].group); rootOf[i] = r; memStart[r + 1] += 1 }
            for r in 0..<groupCount { memStart[r + 1] += memStart[r] }
            var fill = memStart
            for i in 0..<m { let r = rootOf[i]; order[fill[r]] = i; fill[r] += 1 }
        }
        groupMembers()
        var roots = [Int]()
        for r in 0..<groupCount where memStart[r + 1] > memStart[r] { roots.append(r) }
        // fuller names, flattened: name f has keys fkKeys[fkOff[f]..<fkOff[f + 1]] (no per-name arrays to retain)
        var fkRoot = [Int](), fkPos = [Int](), fkType = [EntityType?](), fkOff = [0], fkKeys = [UInt64]()
        for r in roots {
            for i in order[memStart[r]..<memStart[r + 1]] where cands[i].e - cands[i].s >= 2 {
                let c = cands[i]
                let before = fkKeys.count
                for k in c.s..<c.e { let t = toks[k]; if t.has(Token.article) || t.has(Token.lower) { continue }; fkKeys.append(t.key) }
                if fkKeys.count - before >= 2 {
                    fkRoot.append(r); fkPos.append(c.s); fkType.append(c.type); fkOff.append(fkKeys.count)
                } else {
                    fkKeys.removeLast(fkKeys.count - before)
                }
            }
        }
        for r in roots {
            let mem = order[memStart[r]..<memStart[r + 1]]
            if mem.contains(where: { cands[$0].entry >= 0 }) { continue }
            // the first longest key list (as `max(by:)` would pick)
            var shortKeys = [UInt64]()
            var haveShort = false
            for i in mem { let k = nameKeys(cands[i].s, cands[i].e); if !haveShort || k.count > shortKeys.count { shortKeys = k; haveShort = true } }
            guard let k0 = shortKeys.first, shortKeys.count <= 2 else { continue }
            let mem0 = mem[mem.startIndex]
            if cands[mem0].type == .org && toks[cands[mem0].s].isAcronym { continue }
            if mem.contains(where: { cands[$0].type == .location && cands[$0].strength >= 4 }) { continue }
            let pos = cands[mem0].s
            // "Hussein al-Sharaa" beside "Ahmed Hussein al-Sharaa": an ism and nisbah that end a longer name
            // without a kunya name the father (nasab), not the son (ArabicName)
            var nisbahForm = false
            if shortKeys.count == 2 {
                for i in mem where !nisbahForm { for k in cands[i].s..<cands[i].e - 1 where toks[k].has(Token.article) { nisbahForm = true } }
            }
            var bestRoot = -1, bestDist = Int.max
            let sc = shortKeys.count
            let abuKey = Self.abuKey
            for f in 0..<fkRoot.count {
                let fRoot = fkRoot[f], fType = fkType[f], a = fkOff[f], b = fkOff[f + 1]
                guard fRoot != r && b - a > sc && fType != .norp else { continue }
                let off = b - a - sc
                var suffix = true, prefix = true
                for q in 0..<sc {
                    if fkKeys[a + off + q] != shortKeys[q] { suffix = false }
                    if fkKeys[a + q] != shortKeys[q] { prefix = false }
                }
                let fFirst = fkKeys[a]
                var inner = false
                if sc == 1 && fType == .person && fFirst != abuKey { for q in a..<b where fkKeys[q] == k0 { inner = true; break } }
                guard suffix || (prefix && (fType == .person && fFirst == abuKey || fType == .org)) || inner else { continue }
                if fType == .location && !suffix { continue }
                if nisbahForm && suffix && fType == .person && fFirst != abuKey && b - a > sc { continue }
                let fPos = fkPos[f]
                var dist = fPos <= pos ? pos - fPos : (fPos - pos) + 1_000_000
                if !suffix { dist += 500_000 } // prefer surname matches
                if dist < bestDist { bestDist = dist; bestRoot = fRoot }
            }
            if bestRoot >= 0 { parent[find(r)] = find(bestRoot) }
        }
        // names inside one fuller person name of the document (ArabicName structure)
        groupMembers()
        var personRoots = [Int]()
        for r in 0..<groupCount where memStart[r + 1] > memStart[r] { personRoots.append(r) }
        let people = personGroups(roots: personRoots, members: { order[memStart[$0]..<memStart[$0 + 1]] }, cands: cands)
        let contained = Self.containedNameLinks(people)
        for (short, long) in contained where find(short) != find(long) { parent[find(short)] = find(long) }
        // build entities
        if !contained.isEmpty { groupMembers() }
        var entities = [(Int, ExtractedEntity)]()
        entities.reserveCapacity(groupCount)
        for root in 0..<groupCount where memStart[root + 1] > memStart[root] {
            // members in candidate order, which is already start order (the stable sort by start is a no-op)
            let mem = order[memStart[root]..<memStart[root + 1]]
            var entry = -1
            for i in mem where cands[i].entry >= 0 { entry = cands[i].entry; break }
            var type: EntityType?
            if entry >= 0 { type = index.entries[entry].type } else {
                // highest score; ties go to the smaller raw value (LOCATION < NORP < ORG < PERSON)
                var sLoc = 0, sNorp = 0, sOrg = 0, sPer = 0
                for i in mem {
                    guard let t = cands[i].type else { continue }
                    let w = cands[i].strength + 1
                    switch t { case .location: sLoc += w; case .norp: sNorp += w; case .org: sOrg += w; case .person: sPer += w }
                }
                var best = 0
                if sLoc > best { best = sLoc; type = .location }
                if sNorp > best { best = sNorp; type = .norp }
                if sOrg > best { best = sOrg; type = .org }
                if sPer > best { best = sPer; type = .person }
            }
            guard let type else { continue }
            var mentions = [Mention]()
            mentions.reserveCapacity(mem.count)
            var seen = [Int]()
            seen.reserveCapacity(mem.count)
            var surfaces = [String]()
            var surfaceHashes = [UInt64]()
            surfaceHashes.reserveCapacity(mem.count)
            var fullest = -1, fullestLen = -1
            var role: String?
            for i in mem {
                let cs = cands[i].s, ce = cands[i].e
                let (a, b) = span(cs, ce)
                let r = rt.rawRange(a, b)
                if !seen.contains(r.lowerBound) {
                    seen.append(r.lowerBound)
                    mentions.append(Mention(text: Scalars.string(rt.raw[r]), start: r.lowerBound, end: r.upperBound))
                }
                var sh = Hash.seed
                for q in a..<b { sh = Hash.fnv(sh, Scalars.isWhitespace(rt.text[q]) ? 0x20 : rt.text[q]) }
                if !surfaceHashes.contains(sh) {
                    surfaceHashes.append(sh)
                    let surf = rt.cleanString(a, b)
                    if !surfaces.contains(surf) { surfaces.append(surf) }
                }
                var words = 0
                for k in cs..<ce where !toks[k].has(Token.article) && !toks[k].has(Token.lower) { words += 1 }
                let len = words * 1000 + (b - a)
                if len > fullestLen { fullestLen = len; fullest = i }
                if role == nil, cands[i].role != nil { role = cands[i].role }
            }
            let id: String
            let name: String
            var aliases = surfaces
            if entry >= 0 {
                let e = index.entries[entry]
                id = e.id; name = e.name
                for a in index.entryNames[entry] where !surfaces.contains(a) { aliases.append(a) }
            } else {
                let c = cands[fullest]
                let (a, b) = span(c)
                name = rt.cleanString(a, b)
                let prefix: String
                switch type { case .person: prefix = "person"; case .org: prefix = "org"; case .location: prefix = "loc"; case .norp: prefix = "norp" }
                id = prefix + ":" + idKeyString(c)
            }
            if !extraAliases.isEmpty, let extra = extraAliases[root] { for a in extra where !aliases.contains(a) { aliases.append(a) } }
            entities.append((mentions.first?.start ?? 0, ExtractedEntity(id: id, name: name, type: type, aliases: aliases, mentions: mentions, role: type == .person ? role : nil)))
        }
        entities.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.id < $1.1.id }
        // the same id can arise twice (e.g. two unknown spellings folding together after grouping): merge
        var out = [ExtractedEntity]()
        var byId = U64Map(capacity: entities.count)
        out.reserveCapacity(entities.count)
        for (_, e) in entities {
            var found: Int? = nil
            if let k = byId.get(Hash.of(e.id)) {
                if out[Int(k)].id == e.id { found = Int(k) } else { found = out.firstIndex { $0.id == e.id } } // hash collision
            }
            if let k = found {
                out[k].mentions = (out[k].mentions + e.mentions).sorted { $0.start < $1.start }
                for a in e.aliases where !out[k].aliases.contains(a) { out[k].aliases.append(a) }
                if out[k].role == nil { out[k].role = e.role }
            } else { byId.set(Hash.of(e.id), Int32(out.count)); out.append(e) }
        }
        return out
    }
}

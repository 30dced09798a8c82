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

    /// Candidates grouped into document entities, in named stages: group by key, link stated
    /// aliases, link short forms to fuller names, link names contained in one fuller person name,
    /// build one entity per group, merge entities that came out under the same id.
    func resolve() -> [ExtractedEntity] {
        // work on a local copy (no class-property access in the loops below)
        var cands = self.cands
        self.cands = []
        cands.sort { $0.s < $1.s }
        if cands.isEmpty { return [] }
        var groups = groupCandidates(cands)
        linkStatedAliases(&groups)
        linkShortForms(&groups)
        if linkContainedNames(&groups) { groups.groupMembers() }
        return mergingSameIDs(entities(groups))
    }

    /// Candidates (in start order) and the groups they fall into: a union-find over groups, the
    /// aliases stated between groups that stay apart, and the members of each root group.
    struct EntityGroups {
        var cands: [Candidate]
        var parent: [Int]
        /// The dictionary entry each initial group stands for, or -1.
        let groupEntry: [Int]
        /// root group -> surface strings
        var extraAliases = [Int: [String]]()
        /// Members of each root group, in candidate order: order[memStart[r]..<memStart[r + 1]] (a counting sort
        /// instead of a dictionary of arrays); roots ascending. Filled by `groupMembers()`.
        var memStart: [Int]
        var order: [Int]

        init(cands: [Candidate], parent: [Int], groupEntry: [Int]) {
            self.cands = cands
            self.parent = parent
            self.groupEntry = groupEntry
            memStart = [Int](repeating: 0, count: parent.count + 1)
            order = [Int](repeating: 0, count: cands.count)
        }

        var groupCount: Int { parent.count }

        mutating func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }

        mutating func rootEntry(_ g: Int) -> Int {
            let r = find(g)
            for (k, p) in parent.enumerated() where find(p) == r && groupEntry[k] >= 0 { return groupEntry[k] }
            return -1
        }

        mutating func groupMembers() {
            let m = cands.count
            for k in 0...groupCount { memStart[k] = 0 }
            var rootOf = [Int](repeating: 0, count: m)
            for i in 0..<m { let r = find(cands[i].group); rootOf[i] = r; memStart[r + 1] += 1 }
            for r in 0..<groupCount { memStart[r + 1] += memStart[r] }
            var fill = memStart
            for i in 0..<m { let r = rootOf[i]; order[fill[r]] = i; fill[r] += 1 }
        }

        func members(_ r: Int) -> ArraySlice<Int> { order[memStart[r]..<memStart[r + 1]] }

        /// Root groups that have members (after `groupMembers()`), ascending.
        var roots: [Int] {
            var roots = [Int]()
            for r in 0..<groupCount where memStart[r + 1] > memStart[r] { roots.append(r) }
            return roots
        }
    }

    /// Stage 1: candidates with the same grouping key (dictionary entry, or name keys) form one group.
    func groupCandidates(_ sorted: [Candidate]) -> EntityGroups {
        var cands = sorted
        let m = cands.count
        var groupOf = U64Map(capacity: m)
        var parent = [Int]()
        for i in 0..<m {
            let key = groupHash(cands[i].entry, cands[i].s, cands[i].e)
            if let g = groupOf.get(key) { cands[i].group = Int(g) } else {
                let g = parent.count; parent.append(g); groupOf.set(key, Int32(g)); cands[i].group = g
            }
        }
        var groupEntry = [Int](repeating: -1, count: parent.count)
        for c in cands where c.entry >= 0 { groupEntry[c.group] = c.entry }
        return EntityGroups(cands: cands, parent: parent, groupEntry: groupEntry)
    }

    /// Joins the groups of candidates `a` and `b`, stated in the text to be one entity, unless their
    /// types or dictionary entries say otherwise; a former name stays apart, kept as an alias both ways.
    func link(_ g: inout EntityGroups, _ a: Int, _ b: Int, historical: Bool) {
        let ga = g.find(g.cands[a].group), gb = g.find(g.cands[b].group)
        if ga == gb { return }
        let ea = g.rootEntry(ga), eb = g.rootEntry(gb)
        let (a0, a1) = span(g.cands[a].s, g.cands[a].e), (b0, b1) = span(g.cands[b].s, g.cands[b].e)
        let surfaceA = rt.cleanString(a0, a1)
        let surfaceB = rt.cleanString(b0, b1)
        // never merge across incompatible types (a nationality is not a person; a typed name keeps its type)
        let ta = ea >= 0 ? index.entries[ea].type : g.cands[a].type
        let tb = eb >= 0 ? index.entries[eb].type : g.cands[b].type
        if ta == .norp || tb == .norp { return }
        if let ta, let tb, ta != tb, (ea >= 0 || g.cands[a].strength >= 3), (eb >= 0 || g.cands[b].strength >= 3) { return }
        // two different dictionary entities stated as one ("HTS, also known as Hezbollah"): the
        // dictionary knows better, and an alias added here would widen every later search for
        // either name. A former name ("formerly known as") is history, kept as an alias both ways.
        if ea >= 0 && eb >= 0 && ea != eb && !historical { return }
        if (ea >= 0 && eb >= 0 && ea != eb) || historical {
            g.extraAliases[ga, default: []].append(surfaceB)
            g.extraAliases[gb, default: []].append(surfaceA)
            return
        }
        // the dictionary side (or the earlier, typed side) becomes the root
        if eb >= 0 && ea < 0 { g.parent[ga] = gb } else { g.parent[gb] = ga }
    }

    /// Stage 2: aliases the text states: "Hay'at Tahrir al-Sham (HTS)", ", also known as X", lists of them.
    func linkStatedAliases(_ g: inout EntityGroups) {
        let m = g.cands.count
        var startIndex = [Int32](repeating: -1, count: toks.count + 1)
        for (i, c) in g.cands.enumerated() { startIndex[c.s] = Int32(i) }
        func startAt(_ k: Int) -> Int? { k < startIndex.count && startIndex[k] >= 0 ? Int(startIndex[k]) : nil }
        let n = toks.count
        let aliasFirstWords = Self.aliasFirstWords
        for a in 0..<m {
            let e = g.cands[a].e
            guard e < n else { continue }
            // parenthetical alias: "Hay'at Tahrir al-Sham (HTS)"
            if toks[e].gap & Token.gOpenParen != 0, let b = startAt(e) {
                let f = g.cands[b].e
                if f >= n || toks[f].gap & Token.gCloseParen != 0 { link(&g, a, b, historical: false); continue }
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
                    link(&g, a, b, historical: Self.historicalPhrases.contains(pi))
                    count += 1
                    guard let following = nextListedAlias(after: g.cands[b].e, gapOK: gapOK) else { break }
                    next = following
                }
                break
            }
        }
    }

    /// Where the next alias of a stated list starts after a linked alias ending at token `q`:
    /// "(a.k.a. X; a.k.a. Y; also spelled Z)", "X or Y", "'X' 'Y'"; nil when the list ends.
    func nextListedAlias(after end: Int, gapOK: UInt16) -> Int? {
        let n = toks.count
        var q = end
        guard q < n, toks[q].gap & Token.gSentence == 0 else { return nil }
        let quoted = toks[q].gap & Token.gQuote != 0
        // a list of aliases: "(a.k.a. X; a.k.a. Y; also spelled Z)"
        if toks[q].gap & Token.gOther != 0, toks[q].has(Token.lower) {
            var matched = 0
            for alt in Self.listAliasPhrases {
                var r = q, ok2 = true
                for w in alt { if r >= n || toks[r].lit != w { ok2 = false; break }; r += 1 }
                if ok2 { matched = r; break }
            }
            if matched > 0, matched < n { return matched }
        }
        if toks[q].lit == Self.orHash || toks[q].lit == Self.andHash { q += 1 } else if !quoted { return nil }
        if q < n, toks[q].gap & Token.gSentence == 0, toks[q].gap & ~gapOK == 0 { return q }
        return nil
    }

    /// Fuller names of the document (two or more name words), flattened: name f belongs to root
    /// `root[f]`, starts at token `pos[f]` and has keys `keys[off[f]..<off[f + 1]]` (no per-name arrays to retain).
    struct FullerNames {
        var root = [Int](), pos = [Int](), type = [EntityType?](), off = [0], keys = [UInt64]()
    }

    func fullerNames(_ g: EntityGroups, roots: [Int]) -> FullerNames {
        var names = FullerNames()
        for r in roots {
            for i in g.members(r) where g.cands[i].e - g.cands[i].s >= 2 {
                let c = g.cands[i]
                let before = names.keys.count
                for k in c.s..<c.e { let t = toks[k]; if t.has(Token.article) || t.has(Token.lower) { continue }; names.keys.append(t.key) }
                if names.keys.count - before >= 2 {
                    names.root.append(r); names.pos.append(c.s); names.type.append(c.type); names.off.append(names.keys.count)
                } else {
                    names.keys.removeLast(names.keys.count - before)
                }
            }
        }
        return names
    }

    /// Stage 3: short forms: a one- or two-word name resolves to the nearest fuller name in the
    /// document that ends with it (or, for kunyas and organisations, starts with it).
    func linkShortForms(_ g: inout EntityGroups) {
        g.groupMembers()
        let roots = g.roots
        let names = fullerNames(g, roots: roots)
        for r in roots {
            let mem = g.members(r)
            if mem.contains(where: { g.cands[$0].entry >= 0 }) { continue }
            // the first longest key list (as `max(by:)` would pick)
            var shortKeys = [UInt64]()
            var haveShort = false
            for i in mem { let k = nameKeys(g.cands[i].s, g.cands[i].e); if !haveShort || k.count > shortKeys.count { shortKeys = k; haveShort = true } }
            guard shortKeys.first != nil, shortKeys.count <= 2 else { continue }
            let mem0 = mem[mem.startIndex]
            if g.cands[mem0].type == .org && toks[g.cands[mem0].s].isAcronym { continue }
            if mem.contains(where: { g.cands[$0].type == .location && g.cands[$0].strength >= 4 }) { continue }
            // "Hussein al-Sharaa" beside "Ahmed Hussein al-Sharaa": an ism and nisbah that end a longer name
            // without a kunya name the father (nasab), not the son (ArabicName)
            var nisbahForm = false
            if shortKeys.count == 2 {
                for i in mem where !nisbahForm { for k in g.cands[i].s..<g.cands[i].e - 1 where toks[k].has(Token.article) { nisbahForm = true } }
            }
            // "al-Husseini" alone: a nisbah, which may stand for the name it is part of even after a kunya
            let nisbah = shortKeys.count == 1 && mem.contains { i in (g.cands[i].s..<g.cands[i].e).contains { toks[$0].has(Token.article) } }
            let bestRoot = Self.nearestFullerName(names, shortKeys: shortKeys, root: r, pos: g.cands[mem0].s, nisbahForm: nisbahForm, nisbah: nisbah)
            if bestRoot >= 0 { g.parent[g.find(r)] = g.find(bestRoot) }
        }
    }

    /// The root of the fuller name a short form (`shortKeys`, at token `pos`, in root `root`) is
    /// nearest to, preferring earlier names and surname matches; -1 when none fits.
    static func nearestFullerName(_ names: FullerNames, shortKeys: [UInt64], root r: Int, pos: Int, nisbahForm: Bool, nisbah: Bool = false) -> Int {
        var bestRoot = -1, bestDist = Int.max
        let sc = shortKeys.count
        let k0 = shortKeys[0]
        let abuKey = Self.abuKey
        let fkKeys = names.keys
        for f in 0..<names.root.count {
            let fRoot = names.root[f], fType = names.type[f], a = names.off[f], b = names.off[f + 1]
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
            // after a kunya only a nisbah ("al-Husseini" in "Abu al-Hussein al-Husseini al-Qurashi"), not the kunya's own name
            if sc == 1 && nisbah && fType == .person && fFirst == abuKey { for q in (a + 2)..<max(b, a + 2) where fkKeys[q] == k0 { inner = true; break } }
            guard suffix || (prefix && (fType == .person && fFirst == abuKey || fType == .org)) || inner else { continue }
            if fType == .location && !suffix { continue }
            if nisbahForm && suffix && fType == .person && fFirst != abuKey && b - a > sc { continue }
            let fPos = names.pos[f]
            var dist = fPos <= pos ? pos - fPos : (fPos - pos) + 1_000_000
            if !suffix { dist += 500_000 } // prefer surname matches
            if dist < bestDist { bestDist = dist; bestRoot = fRoot }
        }
        return bestRoot
    }

    /// Stage 4: names inside one fuller person name of the document (ArabicName structure) join it;
    /// true when any did.
    func linkContainedNames(_ g: inout EntityGroups) -> Bool {
        g.groupMembers()
        let (order, memStart) = (g.order, g.memStart)
        let people = personGroups(roots: g.roots, members: { order[memStart[$0]..<memStart[$0 + 1]] }, cands: g.cands)
        let contained = Self.containedNameLinks(people)
        for (short, long) in contained where g.find(short) != g.find(long) { g.parent[g.find(short)] = g.find(long) }
        return !contained.isEmpty
    }

    /// Stage 5: one entity per root group (members as `groupMembers()` last left them), with the
    /// start of its first mention.
    func entities(_ groups: EntityGroups) -> [(Int, ExtractedEntity)] {
        var entities = [(Int, ExtractedEntity)]()
        entities.reserveCapacity(groups.groupCount)
        for root in 0..<groups.groupCount where groups.memStart[root + 1] > groups.memStart[root] {
            // members in candidate order, which is already start order (the stable sort by start is a no-op)
            let mem = groups.members(root)
            var entry = -1
            for i in mem where groups.cands[i].entry >= 0 { entry = groups.cands[i].entry; break }
            guard let type = entry >= 0 ? index.entries[entry].type : Self.votedType(mem, groups.cands) else { continue }
            let entity = entity(mem, entry: entry, type: type, extraAliases: groups.extraAliases[root], groups.cands)
            entities.append((entity.mentions.first?.start ?? 0, entity))
        }
        return entities
    }

    /// The type of a group without a dictionary entry: the highest score (strength + 1 per typed
    /// member); ties go to the smaller raw value (LOCATION < NORP < ORG < PERSON).
    static func votedType(_ mem: ArraySlice<Int>, _ cands: [Candidate]) -> EntityType? {
        var type: EntityType?
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
        return type
    }

    /// One group's entity: its mentions (raw spans, one per start), surface forms, the fullest name,
    /// a role, and its id (the dictionary's, else derived from type and name keys).
    func entity(_ mem: ArraySlice<Int>, entry: Int, type: EntityType, extraAliases: [String]?, _ cands: [Candidate]) -> ExtractedEntity {
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
        if let extra = extraAliases { for a in extra where !aliases.contains(a) { aliases.append(a) } }
        return ExtractedEntity(id: id, name: name, type: type, aliases: aliases, mentions: mentions, role: type == .person ? role : nil)
    }

    /// Stage 6: entities in order of their first mention (then id); the same id can arise twice (e.g. two
    /// unknown spellings folding together after grouping): those merge.
    func mergingSameIDs(_ found: [(Int, ExtractedEntity)]) -> [ExtractedEntity] {
        var entities = found
        entities.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.id < $1.1.id }
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

/// Grouping of candidates into document entities: in-text alias statements, short forms, cross-document ids.
extension ExtractionRun {
    static let aliasPhrases: [[UInt64]] = [
        "also known as", "aka", "a k a", "known as", "formerly known as", "better known as", "previously known as",
        "otherwise known as", "now known as", "also called", "formerly called", "whose real name is", "real name",
        "rebranded as", "rebranded itself as", "renamed", "renamed itself", "renamed itself as", "nom de guerre",
        "by his nom de guerre", "alias", "also referred to as", "later known as", "went by", "also spelled", "or",
    ].map { $0.split(separator: " ").map { Hash.of(String($0)) } }
    /// Phrases after which two dictionary entities stay distinct (predecessor organisations).
    static let historicalPhrases: Set<Int> = [4, 6, 8, 10, 13, 14, 15, 16, 17, 22] // formerly/previously/rebranded/renamed/later
    static let orHash = Hash.of("or"), andHash = Hash.of("and")
    static let abuKey: UInt64 = { let a = Scalars.array("Abu"); var t = Tokenizer.tokenize(a); Tokenizer.computeKeys(a, &t); return t[0].key }()

    /// Repaired-text span of a candidate; dotted abbreviations keep their final period ("U.S.").
    func span(_ c: Candidate) -> (Int, Int) {
        let a = Int(toks[c.s].start)
        var b = Int(toks[c.e - 1].end)
        if c.e - c.s >= 2, toks[c.e - 1].length == 1, toks[c.e - 1].gap & Token.gDot != 0, b < rt.text.count, rt.text[b] == 0x2E { b += 1 }
        return (a, b)
    }

    /// Token-key name parts of a candidate (articles and lower-case particles excluded).
    func nameKeys(_ c: Candidate) -> [UInt64] {
        var out = [UInt64]()
        for k in c.s..<c.e { let t = toks[k]; if t.has(Token.article) || t.has(Token.lower) { continue }; out.append(t.key) }
        return out
    }

    /// Grouping key: the dictionary entry, or the hash of the name's word keys without leading articles.
    func groupHash(_ c: Candidate) -> UInt64 {
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
        cands.sort { $0.s < $1.s }
        let m = cands.count
        if m == 0 { return [] }
        // group keys
        var groupOf = U64Map(capacity: m)
        var parent = [Int]()
        for i in 0..<m {
            let key = groupHash(cands[i])
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
            let (a0, a1) = span(cands[a]), (b0, b1) = span(cands[b])
            let surfaceA = rt.cleanString(a0, a1)
            let surfaceB = rt.cleanString(b0, b1)
            // never merge across incompatible types (a nationality is not a person; a typed name keeps its type)
            let ta = ea >= 0 ? index.entries[ea].type : cands[a].type
            let tb = eb >= 0 ? index.entries[eb].type : cands[b].type
            if ta == .norp || tb == .norp { return }
            if let ta, let tb, ta != tb, (ea >= 0 || cands[a].strength >= 3), (eb >= 0 || cands[b].strength >= 3) { return }
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
            guard toks[e].gap & ~gapOK == 0, toks[e].has(Token.lower) else { continue }
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
                    if toks[q].lit == Self.orHash || toks[q].lit == Self.andHash { q += 1 } else if !quoted { break }
                    if q < n, toks[q].gap & Token.gSentence == 0, toks[q].gap & ~gapOK == 0 { next = q } else { break }
                }
                break
            }
        }
        // short forms: a one-word name resolves to the nearest fuller name in the document that ends with it
        var members = [Int: [Int]]()
        for i in 0..<m { members[find(cands[i].group), default: []].append(i) }
        let roots = members.keys.sorted()
        var fullNameKeys = [(root: Int, keys: [UInt64], pos: Int, type: EntityType?)]()
        for r in roots {
            for i in members[r]! where cands[i].e - cands[i].s >= 2 {
                let keys = nameKeys(cands[i])
                if keys.count >= 2 { fullNameKeys.append((r, keys, cands[i].s, cands[i].type)) }
            }
        }
        for r in roots {
            let mem = members[r]!
            if mem.contains(where: { cands[$0].entry >= 0 }) { continue }
            let shortKeys = mem.map { nameKeys(cands[$0]) }.max { $0.count < $1.count } ?? []
            guard let k0 = shortKeys.first, shortKeys.count <= 2 else { continue }
            if cands[mem[0]].type == .org && toks[cands[mem[0]].s].isAcronym { continue }
            if mem.contains(where: { cands[$0].type == .location && cands[$0].strength >= 4 }) { continue }
            let pos = cands[mem[0]].s
            var bestRoot = -1, bestDist = Int.max
            for f in fullNameKeys where f.root != r && f.keys.count > shortKeys.count && f.type != .norp {
                let off = f.keys.count - shortKeys.count
                var suffix = true, prefix = true
                for q in 0..<shortKeys.count {
                    if f.keys[off + q] != shortKeys[q] { suffix = false }
                    if f.keys[q] != shortKeys[q] { prefix = false }
                }
                let inner = shortKeys.count == 1 && f.type == .person && f.keys.contains(k0) && f.keys.first != Self.abuKey
                guard suffix || (prefix && (f.type == .person && f.keys.first == Self.abuKey || f.type == .org)) || inner else { continue }
                if f.type == .location && !suffix { continue }
                var dist = f.pos <= pos ? pos - f.pos : (f.pos - pos) + 1_000_000
                if !suffix { dist += 500_000 } // prefer surname matches
                if dist < bestDist { bestDist = dist; bestRoot = f.root }
            }
            if bestRoot >= 0 { parent[find(r)] = find(bestRoot) }
        }
        // build entities
        var final = [Int: [Int]]()
        for i in 0..<m { final[find(cands[i].group), default: []].append(i) }
        var entities = [(Int, ExtractedEntity)]()
        for (root, mem) in final {
            var entry = -1
            for i in mem where cands[i].entry >= 0 { entry = cands[i].entry; break }
            var type: EntityType?
            if entry >= 0 { type = index.entries[entry].type } else {
                var score = [EntityType: Int]()
                for i in mem { if let t = cands[i].type { score[t, default: 0] += cands[i].strength + 1 } }
                type = score.max { a, b in a.value != b.value ? a.value < b.value : a.key.rawValue > b.key.rawValue }?.key
            }
            guard let type else { continue }
            var mentions = [Mention]()
            var seen = [Int]()
            var surfaces = [String]()
            var surfaceHashes = [UInt64]()
            var fullest = -1, fullestLen = -1
            var role: String?
            for i in mem.sorted(by: { cands[$0].s < cands[$1].s }) {
                let c = cands[i]
                let (a, b) = span(c)
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
                for k in c.s..<c.e where !toks[k].has(Token.article) && !toks[k].has(Token.lower) { words += 1 }
                let len = words * 1000 + (b - a)
                if len > fullestLen { fullestLen = len; fullest = i }
                if role == nil, let rr = c.role { role = rr }
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
            for a in extraAliases[root] ?? [] where !aliases.contains(a) { aliases.append(a) }
            entities.append((mentions.first?.start ?? 0, ExtractedEntity(id: id, name: name, type: type, aliases: aliases, mentions: mentions, role: type == .person ? role : nil)))
        }
        entities.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.id < $1.1.id }
        // the same id can arise twice (e.g. two unknown spellings folding together after grouping): merge
        var out = [ExtractedEntity]()
        var byId = [String: Int]()
        for (_, e) in entities {
            if let k = byId[e.id] {
                out[k].mentions = (out[k].mentions + e.mentions).sorted { $0.start < $1.start }
                for a in e.aliases where !out[k].aliases.contains(a) { out[k].aliases.append(a) }
                if out[k].role == nil { out[k].role = e.role }
            } else { byId[e.id] = out.count; out.append(e) }
        }
        return out
    }
}

/// In-document links by name structure: a person's name that sits compatibly inside exactly one fuller
/// person name of the same document ("Abu Ibrahim al-Qurashi" after "Abu Ibrahim al-Hashimi al-Qurashi")
/// joins it. Bare forms (one word, a bare kunya) are left to the short-form rule, which weighs distance.
extension ExtractionRun {
    struct PersonGroup {
        var root: Int
        var name: String
        var hasEntry: Bool
    }

    /// Pairs (shorter root, longer root) to join: the shorter is contained in (or a spelling of) exactly
    /// one other person of the document, and is not a dictionary name itself.
    static func containedNameLinks(_ people: [PersonGroup]) -> [(Int, Int)] {
        guard people.count >= 2 else { return [] }
        let names = people.map { ArabicName($0.name) }
        var links: [(Int, Int)] = []
        for (i, person) in people.enumerated() where !person.hasEntry && names[i].parts.count >= 2 {
            var target: Int?
            var ambiguous = false
            for (j, other) in names.enumerated() where j != i && other.parts.count >= names[i].parts.count {
                let relation = ArabicName.relation(names[i], other)
                guard relation == .contained || relation == .equivalent else { continue }
                if target != nil { ambiguous = true; break }
                target = j
            }
            if let target, !ambiguous { links.append((person.root, people[target].root)) }
        }
        return links
    }

    /// The document's person groups (every typed member a person) with the fullest surface form.
    func personGroups(roots: [Int], members: (Int) -> ArraySlice<Int>, cands: [Candidate]) -> [PersonGroup] {
        var out: [PersonGroup] = []
        for r in roots {
            let mem = members(r)
            var person = false, other = false, entry = false
            var best = -1, bestWords = 0
            for i in mem {
                if let t = cands[i].type { if t == .person { person = true } else { other = true } }
                if cands[i].entry >= 0 { entry = true }
                let words = nameKeys(cands[i].s, cands[i].e).count
                if words > bestWords { bestWords = words; best = i }
            }
            guard person, !other, best >= 0, bestWords >= 2 else { continue }
            let (a, b) = span(cands[best])
            out.append(PersonGroup(root: r, name: rt.cleanString(a, b), hasEntry: entry))
        }
        return out
    }
}

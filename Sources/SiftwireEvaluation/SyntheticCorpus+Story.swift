import SiftwireExtraction

/// One generated article: its cast, its date, and the sentences written about them.
extension SyntheticCorpus {
    struct Story {
        typealias P = Phrases
        var region: Actor
        var places: [Actor]
        var organisations: [Actor]
        var persons: [Actor]
        var groups: [Actor]
        var locals: [Actor]
        var localRoles: [String: String] = [:]
        var themes: [[[String]]]
        var year: Int
        var month: Int
        var mentioned: Set<String> = []
        /// The spelling this story uses for an actor after its first mention (canonical or one variant).
        var spelling: [String: String] = [:]

        init(corpus: SyntheticCorpus, rng: inout SeededRandom) {
            func distinct(_ pool: Pool, _ count: Int, excluding: [Actor] = []) -> [Actor] {
                guard !pool.isEmpty else { return [] }
                var out: [Actor] = []
                var tries = 0
                while out.count < count, tries < count * 8 {
                    tries += 1
                    let a = pool.pick(&rng)
                    if !out.contains(where: { $0.name == a.name }), !excluding.contains(where: { $0.name == a.name }) { out.append(a) }
                }
                return out
            }
            let fallback = Actor(name: "the region")
            region = corpus.places.isEmpty ? fallback : corpus.places.pick(&rng)
            places = distinct(corpus.places, rng.inRange(1...3), excluding: [region])
            organisations = distinct(corpus.organisations, rng.inRange(2...4))
            if organisations.isEmpty { organisations = [Actor(name: "an armed group")] }
            persons = distinct(corpus.persons, rng.inRange(1...3))
            if persons.isEmpty { persons = [Actor(name: "a local official")] }
            groups = distinct(corpus.groups, rng.inRange(0...2))
            locals = []
            let localCount = rng.inRange(0...3)
            while locals.count < localCount {
                let person = Self.inventedPerson(&rng)
                if !locals.contains(where: { $0.name == person.name }) { locals.append(person) }
            }
            var chosen: [[[String]]] = []
            while chosen.count < 2 {
                let t = rng.pick(P.themes)
                if !chosen.contains(where: { $0[0] == t[0] }) { chosen.append(t) }
            }
            themes = chosen
            year = rng.inRange(2012...2025)
            month = rng.inRange(1...12)
        }

        /// A deterministically composed local name: a kunya, a titled commander or doctor, or a plain name.
        /// A third of the names carry a father's name ("Rania Yousef Khoury"), so the name space (over 100,000
        /// names) keeps the number of distinct people growing at 100,000 articles.
        static func inventedPerson(_ rng: inout SeededRandom) -> Actor {
            let family = (rng.chance(35) ? rng.pick(P.maleGiven) + " " : "") + rng.pick(P.family)
            switch rng.below(4) {
            case 0:
                let nisba = rng.pick(P.nisba)
                let name = "Abu \(rng.pick(P.maleGiven)) \(nisba)"
                return Actor(name: name, aliases: [nisba])
            case 1:
                let full = "\(rng.pick(P.maleGiven)) \(family)"
                return Actor(name: "commander \(full)", variants: [full], aliases: [surname(family)])
            case 2:
                let full = "\(rng.chance(50) ? rng.pick(P.femaleGiven) : rng.pick(P.maleGiven)) \(family)"
                return Actor(name: "Dr. \(full)", variants: ["Dr. \(surname(family))"], aliases: [surname(family)])
            default:
                let full = "\(rng.chance(50) ? rng.pick(P.femaleGiven) : rng.pick(P.maleGiven)) \(family)"
                return Actor(name: full, aliases: [surname(family)])
            }
        }

        /// The family name without a father's name ("Haj Omar" stays whole).
        static func surname(_ family: String) -> String {
            guard let space = family.firstIndex(of: " "), P.maleGiven.contains(String(family[..<space])) else { return family }
            return String(family[family.index(after: space)...])
        }

        /// The canonical name the first time; later the story's own spelling (a third of stories with a
        /// variant use it: Idleb, Jolani) or, half the time, an alias or short form (HTS, al-Julani).
        mutating func say(_ a: Actor, _ rng: inout SeededRandom) -> String {
            if mentioned.insert(a.name).inserted { return a.name }
            let short = a.aliases.filter { $0.split(separator: " ").count <= 2 }
            if !short.isEmpty, rng.chance(50) { return rng.pick(short) }
            if let s = spelling[a.name] { return s }
            let s = !a.variants.isEmpty && rng.chance(35) ? rng.pick(a.variants) : a.name
            spelling[a.name] = s
            return s
        }

        mutating func write(_ rng: inout SeededRandom) -> String {
            let day = rng.inRange(1...28)
            let date = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            var text = "# \(rng.pick(P.headlineKinds)) \(rng.chance(50) ? "in" : "near") \(region.name)\n\ndate \(date)\n\n"
            let target = rng.inRange(2150...5000)
            var paragraph = [lead(&rng)]
            var misses = 0
            func length() -> Int { text.utf8.count + paragraph.reduce(0, { $0 + $1.utf8.count + 1 }) }
            while misses < 6 {
                let s = sentence(&rng)
                let size = length() + s.utf8.count + 2
                if size > target { misses += 1; continue }
                paragraph.append(s)
                if paragraph.count >= 2, rng.chance(30) {
                    text += paragraph.joined(separator: " ") + "\n\n"
                    paragraph = []
                }
            }
            while length() < 2000 { paragraph.append(rng.pick(P.fillers)) }
            text += paragraph.joined(separator: " ") + "\n"
            return text
        }

        /// The first sentence sets the scene in the region: a clash, a strike or a statement.
        mutating func lead(_ rng: inout SeededRandom) -> String {
            switch rng.below(3) {
            case 0: return strike(&rng)
            case 1: return statement(&rng)
            default: break
            }
            let org = say(organisations[0], &rng)
            return "\(rng.pick(P.fightingNouns)) from \(org) \(rng.pick(P.clashVerbs)) \(other(0, &rng)) near \(say(region, &rng)) "
                + "\(when(&rng)), \(rng.pick(P.sources))."
        }

        /// Just over half the sentences name nobody; the rest are events, statements, asides and quotes about the cast.
        mutating func sentence(_ rng: inout SeededRandom) -> String {
            let s = uncapitalised(&rng)
            return s.prefix(1).uppercased() + s.dropFirst()
        }

        mutating func uncapitalised(_ rng: inout SeededRandom) -> String {
            if rng.chance(55) { return neutral(&rng) }
            switch rng.below(10) {
            case 0: return strike(&rng)
            case 1, 2: return statement(&rng)
            case 3: return denial(&rng)
            case 4: return aside(&rng)
            case 5: return meeting(&rng)
            case 6: return localQuote(&rng)
            case 7: return control(&rng)
            case 8: return groupSentence(&rng)
            default: return dated(&rng)
            }
        }

        mutating func neutral(_ rng: inout SeededRandom) -> String {
            let t = rng.pick(themes)
            let opener = rng.chance(20) ? rng.pick(P.clauseOpeners) + " " : ""
            var subject = rng.pick(t[0])
            if !opener.isEmpty { subject = subject.prefix(1).lowercased() + subject.dropFirst() }
            let tail = rng.chance(70) ? " " + rng.pick(t[3]) : ""
            return "\(opener)\(subject) \(rng.pick(t[1])) \(rng.pick(t[2]))\(tail)."
        }

        mutating func strike(_ rng: inout SeededRandom) -> String {
            "\(rng.pick(P.strikeKinds)) hit \(rng.pick(P.strikeTargets)) in \(place(&rng)) \(when(&rng)), killing "
                + "\(rng.inRange(2...40)) people, \(rng.pick(P.sources))."
        }

        mutating func statement(_ rng: inout SeededRandom) -> String {
            let speaker = self.speaker(&rng)
            return "\(speaker) \(rng.pick(P.statementVerbs)) that \(other(0, &rng)) \(rng.pick(P.claimActions)) \(place(&rng))."
        }

        mutating func denial(_ rng: inout SeededRandom) -> String {
            let org = say(rng.pick(organisations), &rng)
            if rng.chance(50) {
                return "\(org) \(rng.pick(P.denialVerbs)) that \(rng.pick(["its fighters", "its men", "it", "its security units"])) \(rng.pick(P.claimActions)) \(place(&rng))."
            }
            return "\(org) accused \(other(1, &rng)) of \(rng.pick(P.accusations)) in \(place(&rng))."
        }

        mutating func aside(_ rng: inout SeededRandom) -> String {
            let candidates = (organisations + persons).filter { !$0.aliases.isEmpty }
            guard !candidates.isEmpty else { return control(&rng) }
            let a = rng.pick(candidates)
            mentioned.insert(a.name)
            let link = rng.chance(60) ? "also known as" : "formerly known as"
            return "\(a.name), \(link) \(rng.pick(a.aliases)), \(rng.pick(P.predicates))."
        }

        mutating func meeting(_ rng: inout SeededRandom) -> String {
            let host = say(rng.pick(persons), &rng)
            let guest = persons.count > 1 && rng.chance(50) ? say(persons[1], &rng) : "officials from \(other(0, &rng))"
            return "\(host) met \(guest) in \(place(&rng)) \(when(&rng)) to discuss \(rng.pick(P.meetingTopics))."
        }

        mutating func localQuote(_ rng: inout SeededRandom) -> String {
            guard let person = locals.isEmpty ? nil : rng.pick(locals) else { return statement(&rng) }
            let first = !mentioned.contains(person.name)
            let name = say(person, &rng)
            let t = rng.pick(themes)
            let claim = "\(t[0][rng.below(t[0].count)].lowercased()) \(rng.pick(t[1])) \(rng.pick(t[2]))"
            if first {
                let role = rng.chance(40) ? "\(rng.pick(P.localRolesArmed)) \(say(rng.pick(organisations), &rng))"
                    : "\(rng.pick(rng.chance(50) ? P.localRolesPlace : P.localRolesMedical)) \(place(&rng))"
                return "\(name), \(role), said that \(claim)."
            }
            return "\(name) said that \(claim) \(rng.pick(t[3]))."
        }

        mutating func control(_ rng: inout SeededRandom) -> String {
            "\(say(rng.pick(organisations), &rng)) controls much of \(say(region, &rng)) and the countryside around "
                + "\(place(&rng)), \(rng.pick(P.sources))."
        }

        mutating func groupSentence(_ rng: inout SeededRandom) -> String {
            guard let group = groups.isEmpty ? nil : rng.pick(groups) else { return strike(&rng) }
            let who = ["officials", "aid groups", "forces", "families", "traders", "journalists"]
            mentioned.insert(group.name)
            // The adjective form ("Syrian officials"), never the plural alias.
            return "\(group.name) \(rng.pick(who)) in \(place(&rng)) \(rng.pick(["reported", "complained about", "warned of"])) "
                + "\(rng.pick(rng.pick(themes)[2]))."
        }

        mutating func dated(_ rng: inout SeededRandom) -> String {
            let day = rng.inRange(1...28)
            let date = rng.chance(50) ? "\(day) \(P.months[month - 1]) \(year)" : "\(P.months[month - 1]) \(day), \(year)"
            return "On \(date), \(say(rng.pick(organisations), &rng)) announced that it \(rng.pick(P.claimActions)) \(place(&rng))."
        }

        // MARK: Slots

        mutating func speaker(_ rng: inout SeededRandom) -> String {
            switch rng.below(3) {
            case 0: return say(rng.pick(persons), &rng)
            case 1 where !locals.isEmpty: return say(rng.pick(locals), &rng)
            default: return "A spokesman for \(say(rng.pick(organisations), &rng))"
            }
        }

        /// An organisation other than the `index`-th (or any, in a one-organisation story).
        mutating func other(_ index: Int, _ rng: inout SeededRandom) -> String {
            let rest = organisations.enumerated().filter { $0.offset != index }.map(\.element)
            return say(rest.isEmpty ? organisations[0] : rng.pick(rest), &rng)
        }

        /// A place of the story; sometimes only "the town" or "the area", as reporters write once the place is clear.
        mutating func place(_ rng: inout SeededRandom) -> String {
            if rng.chance(20) { return rng.pick(["the area", "the town", "nearby villages", "the city", "the district"]) }
            if places.isEmpty || rng.chance(40) { return say(region, &rng) }
            return say(rng.pick(places), &rng)
        }

        mutating func when(_ rng: inout SeededRandom) -> String {
            rng.chance(60) ? "on \(rng.pick(P.weekdays))" : rng.pick(P.whens)
        }
    }
}

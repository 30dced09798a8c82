/// Which names can do things in a claim. A country acts (its state does: "Israel struck Damascus"); a
/// nationality that acts is its country's state ("Russian jets", "Syrian air strikes" → Russia, Syria); a
/// city or a region never acts ("Raqqa", "Kobani"), and neither does a nationality without one state
/// ("Kurdish", "Arab").
///
/// Built once per engine from the dictionary (the identities claims point at) and the gazetteer (which of
/// those identities are countries, and which nationality adjective belongs to which country code).
struct StateActors: Sendable {
    struct State: Sendable, Hashable {
        var id: String
        var name: String
    }

    /// Nationality (dictionary entity id, or lower-cased name) → the country's dictionary entity.
    private(set) var stateOfNationality: [String: State] = [:]
    /// Dictionary ids of countries.
    private(set) var countryIDs: Set<String> = []
    /// Lower-cased names of countries (gazetteer and dictionary), for entities the dictionary does not know.
    private(set) var countryNames: Set<String> = []
    /// Lower-cased country name → its dictionary entity.
    private(set) var stateOfCountryName: [String: State] = [:]

    /// The words a state's own forces are named with after the state ("Syrian Arab Army", "Russian Aerospace
    /// Forces", "Iraqi Security Forces", "the Syrian regime"): a name made only of these after a nationality or
    /// country is the state acting. "Free Syrian Army" and "Syrian Democratic Forces" are not.
    static let forceHeads: Set<String> = ["army", "forces", "force", "military", "navy", "troops", "regime", "government",
                                          "jets", "warplanes", "aircraft", "aviation", "intelligence", "police", "gendarmerie"]
    static let forceModifiers: Set<String> = ["arab", "armed", "air", "aerospace", "defense", "defence", "security", "special",
                                              "regular", "government", "regime", "war", "naval", "land"]

    init(dictionary: [DictionaryEntry], gazetteer: [DictionaryEntry]) {
        // gazetteer ids are `gaz:TYPE:KEY`; countries have two-letter keys (regions `SY-ID`, cities `geonames:…`)
        var codeOfCountryName: [String: String] = [:]
        var codesOfNationality: [String: Set<String>] = [:]
        for g in gazetteer {
            let parts = g.id.split(separator: ":")
            guard parts.count == 3, parts[2].count == 2 else { continue }
            let code = String(parts[2])
            for name in [g.name] + g.aliases {
                switch g.type {
                case .location: codeOfCountryName[name.lowercased()] = code
                case .norp: codesOfNationality[name.lowercased(), default: []].insert(code)
                default: break
                }
            }
        }
        countryNames = Set(codeOfCountryName.keys)
        var stateOfCode: [String: State] = [:]
        for e in dictionary where e.type == .location {
            for name in [e.name] + e.aliases {
                guard let code = codeOfCountryName[name.lowercased()] else { continue }
                countryIDs.insert(e.id)
                countryNames.formUnion(([e.name] + e.aliases).map { $0.lowercased() })
                if stateOfCode[code] == nil { stateOfCode[code] = State(id: e.id, name: e.name) }
                for n in [e.name] + e.aliases { stateOfCountryName[n.lowercased()] = stateOfCode[code] }
                break
            }
        }
        // "American" is the demonym of several codes; it names a state when exactly one of them is a country we know
        for (name, codes) in codesOfNationality {
            let states = Set(codes.compactMap { stateOfCode[$0] })
            if states.count == 1 { stateOfNationality[name] = states.first! }
        }
        for e in dictionary where e.type == .norp {
            for name in [e.name] + e.aliases {
                if let state = stateOfNationality[name.lowercased()] { stateOfNationality[e.id] = state; break }
            }
        }
    }

    /// The state a nationality entity stands for when it acts, if it has exactly one.
    func state(ofNationality entity: ExtractedEntity) -> State? {
        stateOfNationality[entity.id] ?? stateOfNationality[entity.name.lowercased()]
    }

    /// The state whose own forces an organisation is ("Syrian Arab Army", "Turkish Armed Forces" → Syria, Turkey), by
    /// its name or one of its aliases ("National Intelligence Organization", also "Turkish intelligence" → Turkey).
    func state(ofForce entity: ExtractedEntity) -> State? {
        for name in [entity.name] + entity.aliases { if let state = state(ofForceNamed: name) { return state } }
        return nil
    }

    func state(ofForceNamed name: String) -> State? {
        let words = name.lowercased().split(separator: " ").map(String.init)
        for n in 1...min(3, max(1, words.count - 1)) where n < words.count {
            let head = words[..<n].joined(separator: " ")
            guard let state = stateOfNationality[head] ?? stateOfCountryName[head] else { continue }
            let rest = words[n...]
            if let last = rest.last, Self.forceHeads.contains(last), rest.dropLast().allSatisfy(Self.forceModifiers.contains) { return state }
        }
        return nil
    }

    /// Is this place a country (which may act), rather than a city or region (which may not)?
    func isCountry(_ entity: ExtractedEntity) -> Bool {
        countryIDs.contains(entity.id) || countryNames.contains(entity.name.lowercased())
    }
}

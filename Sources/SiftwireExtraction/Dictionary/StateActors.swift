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

    /// Is this place a country (which may act), rather than a city or region (which may not)?
    func isCountry(_ entity: ExtractedEntity) -> Bool {
        countryIDs.contains(entity.id) || countryNames.contains(entity.name.lowercased())
    }
}

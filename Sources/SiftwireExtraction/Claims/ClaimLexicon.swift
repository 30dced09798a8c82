/// Cue words of the claim extractor: reporting verbs, event triggers and the small words around them,
/// stored by `Token.lit` hash. Every trigger also sets `LexBit.claimTrigger`, so a document without one
/// costs nothing more than a bit test per token.
enum ClaimLexicon {
    /// What a trigger word is.
    struct Cue: Sendable {
        enum Kind: UInt8, Sendable { case reporting, event }
        /// How an event word is used: a finite or participle verb, an -ing form, a noun, or "died".
        enum Form: UInt8, Sendable { case verb, gerund, noun, ambiguous, intransitive, adjective }
        var kind: Kind
        /// The reporting verb's lemma (index into `reportingLemmas`) or the event type.
        var lemma: Int
        var eventType: EventType
        var form: Form
    }

    static let reportingLemmas = ["say", "claim", "announce", "accuse", "deny", "refute", "confirm", "assert", "allege"]

    /// lemma <- its inflections (and close synonyms that share its meaning for attribution).
    static let reportingWords: [(String, String)] = [
        ("say", "said says say saying told tells stated states added adds noted notes wrote writes tweeted reported reports"),
        ("claim", "claim claimed claims claiming"),
        ("announce", "announce announced announces announcing declare declared declares"),
        ("accuse", "accuse accused accuses accusing blame blamed blames blaming"),
        ("deny", "deny denied denies denying reject rejected rejects dismiss dismissed dismisses"),
        ("refute", "refute refuted refutes refuting"),
        ("confirm", "confirm confirmed confirms confirming acknowledge acknowledged acknowledges admit admitted admits"),
        ("assert", "assert asserted asserts asserting insist insisted insists maintain maintained maintains"),
        ("allege", "allege alleged alleges alleging"),
    ]

    static let eventWords: [(EventType, Cue.Form, String)] = [
        (.kill, .verb, """
            killed kills assassinated assassinates executed executes eliminated eliminates liquidated liquidates
            neutralised neutralized neutralises neutralizes murdered murders slain slew
            """),
        (.kill, .ambiguous, "kill assassinate execute eliminate liquidate neutralise neutralize murder"),
        (.kill, .gerund, "killing assassinating executing eliminating liquidating neutralising neutralizing murdering"),
        (.kill, .noun, "death deaths assassination assassinations execution elimination liquidation"),
        (.kill, .intransitive, "died dies"),
        (.kill, .verb, "lost"),
        (.kill, .noun, "lives"),
        (.kill, .adjective, "dead"),
        (.attack, .verb, "attacked struck raided bombed shelled ambushed stormed targeted bombarded pounded wounded injured"),
        (.attack, .ambiguous, "attack attacks strike strikes raid raids bomb ambush"),
        (.attack, .gerund, "attacking striking raiding shelling storming bombarding pounding wounding injuring"),
        (.attack, .noun, "airstrike airstrikes bombing bombings assault"),
        (.arrest, .verb, "arrested detained captured seized abducted kidnapped apprehended"),
        (.arrest, .ambiguous, "arrest arrests detain detains capture captures seize seizes"),
        (.arrest, .gerund, "arresting detaining capturing seizing abducting kidnapping"),
        (.arrest, .noun, "detention detentions abduction"),
    ]

    static let cues: U64Map = {
        var m = U64Map(capacity: 256)
        for (lemma, words) in reportingWords {
            let li = reportingLemmas.firstIndex(of: lemma)!
            for w in words.split(separator: " ") { m.set(Hash.of(String(w)), Int32(li)) }
        }
        for (type, form, words) in eventWords {
            let ti = EventType.allCases.firstIndex(of: type)!
            for w in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                m.set(Hash.of(String(w)), Int32(1000 + ti * 10 + Int(form.rawValue)))
            }
        }
        return m
    }()

    static var triggerWords: [String] {
        reportingWords.flatMap { $0.1.split(separator: " ").map(String.init) }
            + eventWords.flatMap { $0.2.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) }
    }

    @inline(__always) static func cue(_ lit: UInt64) -> Cue? {
        guard let v = cues.get(lit) else { return nil }
        if v < 1000 { return Cue(kind: .reporting, lemma: Int(v), eventType: .kill, form: .verb) }
        let x = Int(v) - 1000
        return Cue(kind: .event, lemma: 0, eventType: EventType.allCases[x / 10], form: Cue.Form(rawValue: UInt8(x % 10))!)
    }

    static let beWords = "was were is are been being be got gets"
    static let be = Lexicon.set(beWords)
    /// Auxiliaries and adverbs that may sit between a subject and its verb.
    static let auxiliaryWords = """
        has have had also then later previously publicly officially again first reportedly allegedly repeatedly
        would will could may might must should did does do just already recently separately subsequently earlier
        purportedly apparently formally initially swiftly quickly indeed originally further now
        """
    static let auxiliaries = Lexicon.set(auxiliaryWords)
    static let negatorWords = "not never no didnt doesnt dont wasnt werent hasnt hadnt havent isnt arent without neither nor"
    static let negators = Lexicon.set(negatorWords)
    static let allegationWords = "allegedly reportedly purportedly supposedly apparently unconfirmed unverified rumoured rumored believed suspected presumably"
    static let determinerWords = "the a an its his her their this that these those our some any another"
    static let determiners = Lexicon.set(determinerWords)
    static let relativeWords = "which who whose whom that"
    static let relativePronouns = Lexicon.set(relativeWords)
    static let subjectPronouns = Lexicon.set("he she they it")
    static let objectPronouns = Lexicon.set("him her them it himself herself themselves")
    static let prepositionWords = "in near at outside inside around from of on across into toward towards"
    static let prepositions = Lexicon.set(prepositionWords)
    static let locationPrepositions = Lexicon.set("in near at outside inside around across")
    static let quantifiers = Lexicon.set("more than less fewer at least about around nearly almost over some up to roughly approximately as many")
    static let countWords = Lexicon.set("""
        dozens hundreds thousands scores several two three four five six seven eight nine ten eleven twelve
        fifteen twenty thirty forty fifty hundred a few many
        """)
    /// Modifiers that make a role description name someone other than the current holder.
    static let otherPersonModifiers = Lexicon.set("previous former new late next successor predecessor ex another")
    /// First words of an aside between a speaker and the verb: "X, through its agency, said", "X, speaking on Sunday, said".
    static let asideStarts = Lexicon.set("through via speaking writing quoted cited citing according")
    static let personPronouns = Lexicon.set("he she him her his hers himself herself")
    static let personSubjects = Lexicon.set("he she")
    static let subordinators = Lexicon.set("while after before when")
    static let possessivePronouns = Lexicon.set("his her their its")
    static let hisWord = Hash.of("his"), herWord = Hash.of("her"), itsWord = Hash.of("its"), theirWord = Hash.of("their")
    /// People an arrest can take: "detained two shepherds", "arrested several suspects".
    static let peopleNouns = Lexicon.set("""
        suspects suspect people men women children civilians journalists journalist shepherds teachers teacher students
        protesters demonstrators detainees smugglers personnel soldiers workers doctors activist traders merchant merchants
        """)
    static let boundWords = Lexicon.set("since until till before after by from through")
    static let stanceWords = Lexicon.set("anti pro counter")
    static let timePrepositions = Lexicon.set("since during after before last this on")
    /// What a toll of the whole war is counted over: "since the conflict began", "in Syria's war".
    static let warWords = Lexicon.set("conflict war uprising revolution crisis outbreak beginning start")
    static let sinceWord = Hash.of("since"), warStartYear = Hash.of("2011")
    /// A running total rather than one incident's toll: "since July 31", "so far", "in total", "this month",
    /// "in the past two weeks", "over the last 24 hours".
    static let runningPeriodNouns = Lexicon.set("days weeks months years hours month week year")
    static let runningPeriodOpeners = Lexicon.set("past last this previous")
    static let farWord = Hash.of("far"), totalWord = Hash.of("total")
    /// "15 civilians including four children", "among them 11 children": a part of the count before.
    static let partWords = Lexicon.set("including includes among")
    static let themWord = Hash.of("them"), amongWord = Hash.of("among")
    /// Nouns for a journalist of an outlet: "SANA's correspondent", "Al-Manar reporter" speak for the outlet.
    /// Heads of "a (Britain-based) monitor", "a monitoring group": a described outlet or monitor.
    static let describedOutletHeads = Lexicon.set("monitor monitors group observatory watchdog agency outlet network")
    /// Words in the names of monitoring bodies ("Syrian Observatory for Human Rights", "Human Rights Watch").
    static let monitorNameWords = Lexicon.set("observatory monitor rights watch")
    static let reporterNouns = Lexicon.set("reporter reporters correspondent correspondents monitor monitors channel website")
    /// Heads of a description that an organisation is given in apposition ("SOHR, a Britain-based monitor"), so
    /// that the same description elsewhere ("a monitor said") stands for it.
    static let outletNouns = Lexicon.set("""
        monitor group agency channel television tv network organisation organization observatory website outlet newspaper
        daily broadcaster station watchdog
        """)
    /// Attack triggers that say only that people were hurt: an attack claim, whose count is not a death toll.
    static let woundWords = Lexicon.set("wounded injured wounding injuring")
    /// Prepositions that make an attack the means of a killing before it: "killed in/by/during/after airstrikes".
    static let meansPrepositions = Lexicon.set("in by during after amid from under because due")
    /// Words before a participle that make it an adjective: "other wounded persons", "more injured people".
    static let adjectivalBefore = Lexicon.set("other more several many some all")
    /// Nouns that make the name before them a state's or group's side: "Syria regime raids", "US-led coalition air
    /// strike", "Assad forces".
    static let sideNouns = Lexicon.set("regime government army forces troops military coalition led")
    /// Words that make an unnamed actor the state the document is about: "government forces", "regime shelling",
    /// "pro-government militias", "loyalist troops".
    static let governmentWords = Lexicon.set("regime government loyalist loyalists")
    /// Heads of a phrase whose modifier is the actor: "Russian war planes", "Jabhat al-Nusra terrorists", "ISIS rockets".
    static let agentHeads = Lexicon.set("""
        planes warplanes bombers artillery terrorists jihadists rebels gunmen rockets shells regime pilots airmen soldiers
        servicemen officers
        """)
    /// What a side holds, standing for the side as a target: "IS positions", "a Hezbollah position", "Daesh targets".
    static let holdingNouns = Lexicon.set("positions position targets bases base headquarters strongholds stronghold posts outposts convoy convoys")
    static let soWord = Hash.of("so"), calledWord = Hash.of("called")
    static let underWord = Hash.of("under"), comeWords = Lexicon.set("came come comes coming")
    static let regimeWord = Hash.of("regime"), forcesWord = Hash.of("forces")
    /// Words before an event that make it planned, prevented or habitual ("preparing to attack", "foiled a plot to
    /// kill", "approve air strikes", "usually attacked").
    static let unrealisedWords = Lexicon.set("""
        plan plans planned planning plot plots plotted plotting prepare prepares prepared preparing threaten threatens
        threatened threatening vow vows vowed attempt attempts attempted attempting foil foils foiled foiling thwart thwarted
        approve approves approved approval authorise authorize authorised authorized intend intends intended seeks
        usually often frequent frequently regularly routinely series possible potential future
        """)
    static let lostWord = Hash.of("lost"), livesWord = Hash.of("lives")
    static let takingWords = Lexicon.set("claiming claimed claim claims took taking take takes cost costing costs")
    static let leftWord = Hash.of("left"), responsibilityNouns = Lexicon.set("responsibility credit")
    static let thatWord = Hash.of("that"), byWord = Hash.of("by"), ofWord = Hash.of("of"), withWord = Hash.of("with")
    static let accordingWord = Hash.of("according"), toWord = Hash.of("to"), handsWord = Hash.of("hands"), itWord = Hash.of("it")
    static let onWord = Hash.of("on"), againstWord = Hash.of("against"), targetingWord = Hash.of("targeting"), forWord = Hash.of("for")
    static let roleWord = Hash.of("role"), involvementWord = Hash.of("involvement"), responsibilityWord = Hash.of("responsibility")
    static let anyWord = Hash.of("any"), believedWord = Hash.of("believed"), inWord = Hash.of("in")
    /// Nouns that name an unnamed source when they head the speaker's phrase.
    static let sourceNounWords = """
        statement statements source sources official officials spokesman spokeswoman spokesperson media outlet outlets report
        reports witness witnesses resident residents activist activists monitor monitors observers observer analyst analysts
        group ministry army military government authorities authority police forces agency service command security channel
        channels account accounts rescuers medics doctors people man woman commander commanders leader leaders fighters rebels
        militants opposition regime coalition movement organisation organization faction militia presidency office video
        communique communiqué supporters organisers organizers relatives families opponents critics television tv radio
        newspaper broadcaster correspondent reporter
        """
    static let sourceNouns = Lexicon.set(sourceNounWords)
    /// Descriptions that refer back to an organisation named earlier ("the group", "the agency").
    static let orgDescriptors = Lexicon.set("""
        group organisation organization movement faction militia service agency ministry army command coalition government
        alliance network outfit jihadists militants
        """)
    /// Of those, the ones that stand for whichever armed or political group was named last.
    static let groupDescriptors = Lexicon.set("group organisation organization movement faction militia alliance network outfit jihadists militants")
    /// Descriptions of a person by role ("the leader", "the spokesman").
    static let personDescriptors = Lexicon.set("""
        leader spokesman spokeswoman spokesperson commander emir amir chief caliph head founder official deputy preacher cleric
        man woman minister president
        """)
    /// Heads that make "<place or nationality> <head>" that place's armed force ("U.S. forces", "Turkish drones").
    static let forceNouns = Lexicon.set("""
        forces force troops military army drones drone warplanes jets aircraft intelligence helicopters commandos navy police
        """)
    /// Nouns that embed an event's actor: "in a U.S. raid", "in clashes with HTS".
    static let operationNouns = Lexicon.set("""
        raid raids operation strike strikes airstrike airstrikes attack attacks clash clashes fighting ambush bombing bombings
        assault confrontation confrontations battle shelling bombardment barrage offensive
        """)
    /// Heads of a place described, never an actor ("Syria's Idlib province", "the rebel-held town").
    static let placeNouns = Lexicon.set("""
        province provinces town towns city cities village villages area areas district districts countryside region neighbourhood
        neighborhood suburb suburbs camp camps market markets square street hospital school
        """)
    /// Before "of X": "the town of Maarat al-Numan" names the place X.
    static let settlementNouns = Lexicon.set("town city village district neighbourhood neighborhood suburb province region governorate area")
    /// An organisation named only by a state force's common name ("Army units" in a state agency's bulletin).
    static let bareForceNames: Set<String> = ["army", "the army", "armed forces", "air force", "military", "police", "security forces", "army units"]
    /// Heads that make "<nationality> <head>" people not acting for their state ("Syrian rebels").
    static let nonStateGroupNouns = Lexicon.set("rebels militants jihadists insurgents opposition gunmen extremists terrorists tribesmen activists")
    /// Prepositions between an operation and its place or target: "attack on X", "strikes in X".
    static let operationObjectPrepositions = Lexicon.set("on against in near at")
    /// Group nouns before "of X" that stand for X: "fighters of HTS", "members of ISIS".
    static let memberNouns = Lexicon.set("fighters members militants forces units elements cells troops men gunmen operatives terrorists")
}

/// Word lists used by the engine, stored as hash sets of lower-cased, diacritic-free words (`Token.lit`).
enum Lexicon {
    static func set(_ words: String) -> WordSet {
        WordSet(Set(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Hash.of(String($0)) }))
    }
    static func map(_ d: [String: Int]) -> U64Map {
        var m = U64Map(capacity: d.count)
        for (k, v) in d { m.set(Hash.of(k), Int32(v)) }
        return m
    }
    static let the = Hash.of("the")
    static let of = Hash.of("of")
    static let forW = Hash.of("for")
    static let and = Hash.of("and")
    static let a = Hash.of("a")
    static let an = Hash.of("an")
    static let according = Hash.of("according")
    static let to = Hash.of("to")
    static let inW = Hash.of("in"), since = Hash.of("since"), from = Hash.of("from"), who = Hash.of("who")

    /// Capitalized function words that never start a name.
    static let stopAlwaysWords = """
    the a an in on at of for to from by with and but or nor so yet as if when while after before since during despite although though
    because however meanwhile moreover still then there here this that these those it its he she they we i you his her their our my your
    who what which where why how some many most several few all both each every other another such no not one two three four five six
    seven eight nine ten first second third last next former late according earlier later today yesterday tomorrow now also only even
    just instead under over between against among amid without within through into about around near following until unlike like whether
    once upon more less much any none nobody everyone someone thousands hundreds dozens mr mrs ms is was are were be been has have had do
    does did will would can could should may might must said says say asked how why our us them him new old top key major minor senior
    follow breaking update updated photo photos video image source sources editor note reporting editing opinion analysis exclusive
    watch read share comment comments advertisement published posted by written date dateline home news
    """
    static let stopAlways = set(stopAlwaysWords)
    /// Capitalized words that are common at a sentence start but are not names.
    static let stopSentenceWords = """
    residents fighters officials analysts critics observers rebels militants activists witnesses troops forces soldiers civilians
    people locals children women men families refugees government authorities police security reports report experts sources
    government regime group groups members leaders leader commanders commander many several meanwhile separately elsewhere instead
    earlier later nearby inside outside northern southern eastern western northwest northeast southwest southeast north south east west
    airstrikes strikes shelling clashes fighting attacks attack violence protests protesters demonstrators jihadists insurgents
    turkish-backed pro anti islamist islamists military humanitarian international local regional western arab kurdish syrian
    during amid under over despite through although though unless whereas whilst indeed overall notably still yet thus hence therefore
    speaking writing asked responding asked citing noting adding describing calling
    diplomats tribal status source claim contact note update
    """
    static let stopSentence = set(stopSentenceWords)
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6,
        "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10,
        "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    static let monthHash: U64Map = map(months)
    /// ISO weekday numbers: Monday = 1 ... Sunday = 7.
    static let weekdays: [String: Int] = ["monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
                                          "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7]
    static let weekdayHash: U64Map = map(weekdays)
    static let numberWords: U64Map = map([
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "several": -1, "few": -1])

    static let ordinalsWords = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
    static let ordinals = set(ordinalsWords)
    /// Titles written before a name (kept as `role`).
    static let titlesWords = """
    president sheikh shaykh shaikh sheik dr doctor emir amir general gen colonel col lieutenant lt major maj captain capt sergeant sgt
    brigadier brig minister commander cmdr king prince queen imam mullah mufti ayatollah mr mrs ms ambassador envoy secretary senator
    sen representative rep governor gov mayor judge chief director spokesman spokesperson spokeswoman premier chairman caliph professor
    prof pope patriarch bishop admiral adm marshal commissioner chancellor state adviser advisor
    """
    static let titles = set(titlesWords)
    /// Words that can precede a title inside a role ("Foreign Minister", "Prime Minister", "Lieutenant General").
    static let titleModifiersWords = """
    prime deputy vice foreign defense defence interior former acting supreme grand senior top field chief attorney special us u s
    justice finance economy health information energy state army air naval military commanding national security
    """
    static let titleModifiers = set(titleModifiersWords)
    /// Lower-case role nouns before a name ("HTS leader X", "spokesman X").
    static let roleNounsWords = """
    leader spokesman spokeswoman spokesperson commander emir amir chief head founder cofounder official researcher analyst cleric
    preacher scholar ideologue journalist reporter correspondent minister envoy president general colonel ambassador deputy judge
    doctor director governor mayor activist defector secretary caliph sheikh expert professor lawyer negotiator mediator representative
    coordinator officer chairman fellow economist writer author photographer editor historian
    """
    static let roleNouns = set(roleNounsWords)
    /// Verbs/words after a name that mark a person.
    static let personAfterWords = """
    said says told added stated wrote explained noted argued claimed announced warned insisted confirmed denied tweeted posted urged
    who whose himself herself recalled replied answered acknowledged admitted vowed pledged declared described believes believed thinks
    """
    static let personAfter = set(personAfterWords)
    static let personBeforeWords = "according"
    static let personBefore = set(personBeforeWords)
    /// ORG cue words (last word of a capitalized name).
    static let orgCuesWords = """
    front army agency organization organisation movement brigade brigades battalion battalions forces force service services command
    council government ministry committee observatory news media institute center centre party union group coalition alliance
    division corps regiment unit units guard guards police office department directorate authority administration commission
    assembly parliament court foundation fund association network times post journal watch international university college
    bank company corporation inc ltd gazette tribune herald press radio tv television channel society league federation bureau
    mission legion militia brotherhood academy secretariat cabinet senate congress initiative project program programme monitor
    review daily magazine telegraph express club board tribunal caucus consortium cooperation partnership faction
    forum wire digest dispatch chronicle weekly observer insider desk embassy consulate notes relief aid patriarchate
    diocese church's
    crescent trust platform exchange ledger notebook room presidency
    """
    static let orgCues = set(orgCuesWords)
    /// Capitalized words or acronyms that are not entities on their own.
    static let notEntitiesWords = """
    gmt utc dna tv pm am ceo id ok pdf rpg ied ieds gps uav uavs sms covid bc ad islamist islamists jihadist jihadists arabic english
    quran koran god allah eid ramadan islam sharia hijri ad bce ce
    dob pob newroz nowruz easter christmas
    """
    static let notEntities = set(notEntitiesWords)
    /// Last words that make a capitalized phrase a law, event or plan rather than an entity.
    static let nonEntityCuesWords = """
    act law resolution agreement accord accords treaty declaration summit conference protocol memorandum doctrine plan operation
    offensive campaign battle war award prize talks process deal
    cup
    """
    static let nonEntityCues = set(nonEntityCuesWords)
    /// First words of Arabic-named armed groups and organisations.
    static let orgPrefixesWords = """
    jaysh jaish jeish liwa liwaa harakat haraka jabhat jabha ansar katibat kataib saraya faylaq failaq firqat firqa jund jamaat
    jamaa tajamu tajammu hayat hayaat hizb majlis quwat tanzim dawlat alwiya usbat ajnad
    """
    static let orgPrefixes = set(orgPrefixesWords)
    /// LOCATION cue words (last word of a capitalized name).
    static let locCuesWords = """
    province governorate region district mountains mountain valley river lake sea gulf square street road highway airport airbase
    base dam camp crossing bridge plain plains desert island peninsula strait heights hills canal countryside county quarter
    neighborhood neighbourhood village prison port mosque church cathedral shrine citadel palace market bazaar stadium
    cemetery monastery avenue boulevard
    """
    static let locCues = set(locCuesWords)
    /// First words of place names.
    static let locPrefixesWords = """
    mount jabal jebel wadi tal tell kafr kfar deir dayr ain ayn ras bab khan maarat maaret qalaat bir jisr marj tall sahl
    lake sayyida bustan karm
    """
    static let locPrefixes = set(locPrefixesWords)
    /// Lower-case words right before a name that make it a place.
    static let locPrepositionsWords = "in at near outside around into toward towards across inside throughout via"
    static let locPrepositions = set(locPrepositionsWords)
    /// Nouns that make "<noun> of X" a place.
    static let locOfNounsWords = """
    province city town village outskirts countryside district governorate suburb suburbs region area neighborhood neighbourhood
    north south east west northeast northwest southeast southwest northern southern eastern western capital centre center heart
    residents people streets mayor governor camp
    """
    static let locOfNouns = set(locOfNounsWords)
    /// Lower-case words right after a name that make it a place.
    static let locAfterWords = """
    province governorate countryside region district city town village camp area border crossing airport base neighborhood
    neighbourhood suburb outskirts enclave pocket frontline highway road dam prison countryside's desert camps villages towns
    cities provinces districts areas governorates neighborhoods neighbourhoods valley mountains plain river
    shrine mosque church square market reservoir
    """
    static let locAfter = set(locAfterWords)
    /// Lower-case words right after a name that make it an organisation.
    static let orgAfterWords = """
    group faction militia organization organisation movement coalition alliance brigade battalion outlet newspaper agency channel
    network company party rebels insurgents fighters militants jihadists network's group's
    hospital clinic
    """
    static let orgAfter = set(orgAfterWords)
    /// Name particles that may sit inside a name in lower case.
    static let nameParticlesWords = "bin ibn bint bn abu umm abd abdul abdel de da du van von der la le"
    static let nameParticles = set(nameParticlesWords)
    static let personParticlesWords = "abu umm bin ibn bint abd abdul abdel"
    static let personParticles = set(personParticlesWords)
    /// Common given names (matched by folded key, so spelling variants count).
    static let givenNames = """
    mohammad muhammad ahmad ahmed ali omar umar hassan hasan hussein husayn abdullah khalid khaled mahmoud mahmud mustafa ibrahim
    youssef yusuf hamza bilal samir tariq walid fadi fadil jamal kamal karim rami riad salim sami nabil nasser osama usama ayman anas
    ammar amr ismail issa musa yasser yasin zaid zakaria faisal firas ghassan hadi haitham hani hisham imad jihad majid marwan maher
    mazen mohannad munir nizar qasim rashid saad saleh salah suleiman sultan talal wael yahya ziad abdulrahman abdelrahman abdulaziz
    fatima aisha maryam zainab layla leila huda rania sara noor nour amal hala lina dima reem
    john james michael david robert william richard joseph thomas charles christopher daniel matthew mark paul steven andrew joshua
    kevin brian george edward ronald anthony jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon
    frank benjamin gregory samuel raymond patrick alexander jack dennis jerry tyler aaron henry peter adam nathan zachary douglas
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa margaret betty sandra ashley emily michelle
    carol amanda melissa deborah stephanie rebecca laura sharon cynthia kathleen amy shirley angela helen anna brenda emma
    recep mevlut hakan ibrahim ahmet mehmet mustafa hulusi vladimir sergei sergey dmitry lavrov antony lloyd jake joe donald barack
    hillary hilary abu
    """
}

/// Membership bits of a token's `lit` in the word lists above, computed once per token (`Token.lex`), so the
/// engine tests a bit instead of hashing into a word set. Bit i is set exactly when the list's `contains(lit)` is true.
enum LexBit {
    static let stopAlways: UInt32 = 1 << 0
    static let stopSentence: UInt32 = 1 << 1
    static let ordinals: UInt32 = 1 << 2
    static let titles: UInt32 = 1 << 3
    static let titleModifiers: UInt32 = 1 << 4
    static let roleNouns: UInt32 = 1 << 5
    static let personAfter: UInt32 = 1 << 6
    static let orgCues: UInt32 = 1 << 7
    static let notEntities: UInt32 = 1 << 8
    static let nonEntityCues: UInt32 = 1 << 9
    static let orgPrefixes: UInt32 = 1 << 10
    static let locCues: UInt32 = 1 << 11
    static let locPrefixes: UInt32 = 1 << 12
    static let locPrepositions: UInt32 = 1 << 13
    static let locOfNouns: UInt32 = 1 << 14
    static let locAfter: UInt32 = 1 << 15
    static let orgAfter: UInt32 = 1 << 16
    static let nameParticles: UInt32 = 1 << 17
    static let personParticles: UInt32 = 1 << 18
    static let month: UInt32 = 1 << 19
    static let weekday: UInt32 = 1 << 20
    static let connectorOfFor: UInt32 = 1 << 21
    /// A reporting verb or an event word of the claim extractor (`ClaimLexicon`).
    static let claimTrigger: UInt32 = 1 << 22
    /// Word classes the claim extractor tests on every phrase it walks (`ClaimLexicon`).
    static let claimAux: UInt32 = 1 << 23
    static let claimBe: UInt32 = 1 << 24
    static let claimDeterminer: UInt32 = 1 << 25
    static let claimPreposition: UInt32 = 1 << 26
    static let claimNegator: UInt32 = 1 << 27
    static let claimSource: UInt32 = 1 << 28
    static let claimRelative: UInt32 = 1 << 29
    static let claimAllegation: UInt32 = 1 << 30

    static let map: U64Map = {
        var d = [UInt64: UInt32]()
        func add(_ words: String, _ bit: UInt32) {
            for w in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) { d[Hash.of(String(w)), default: 0] |= bit }
        }
        add(Lexicon.stopAlwaysWords, stopAlways)
        add(Lexicon.stopSentenceWords, stopSentence)
        add(Lexicon.ordinalsWords, ordinals)
        add(Lexicon.titlesWords, titles)
        add(Lexicon.titleModifiersWords, titleModifiers)
        add(Lexicon.roleNounsWords, roleNouns)
        add(Lexicon.personAfterWords, personAfter)
        add(Lexicon.orgCuesWords, orgCues)
        add(Lexicon.notEntitiesWords, notEntities)
        add(Lexicon.nonEntityCuesWords, nonEntityCues)
        add(Lexicon.orgPrefixesWords, orgPrefixes)
        add(Lexicon.locCuesWords, locCues)
        add(Lexicon.locPrefixesWords, locPrefixes)
        add(Lexicon.locPrepositionsWords, locPrepositions)
        add(Lexicon.locOfNounsWords, locOfNouns)
        add(Lexicon.locAfterWords, locAfter)
        add(Lexicon.orgAfterWords, orgAfter)
        add(Lexicon.nameParticlesWords, nameParticles)
        add(Lexicon.personParticlesWords, personParticles)
        for k in Lexicon.months.keys { d[Hash.of(k), default: 0] |= month }
        for k in Lexicon.weekdays.keys { d[Hash.of(k), default: 0] |= weekday }
        d[Lexicon.of, default: 0] |= connectorOfFor
        d[Lexicon.forW, default: 0] |= connectorOfFor
        for w in ClaimLexicon.triggerWords { d[Hash.of(w), default: 0] |= claimTrigger }
        add(ClaimLexicon.auxiliaryWords, claimAux)
        add(ClaimLexicon.beWords, claimBe)
        add(ClaimLexicon.determinerWords, claimDeterminer)
        add(ClaimLexicon.prepositionWords, claimPreposition)
        add(ClaimLexicon.negatorWords, claimNegator)
        add(ClaimLexicon.sourceNounWords, claimSource)
        add(ClaimLexicon.relativeWords, claimRelative)
        add(ClaimLexicon.allegationWords, claimAllegation)
        var m = U64Map(capacity: d.count)
        for (k, v) in d { m.set(k, Int32(bitPattern: v)) }
        return m
    }()
    @inline(__always) static func bits(_ lit: UInt64) -> UInt32 { map.get(lit).map { UInt32(bitPattern: $0) } ?? 0 }
}

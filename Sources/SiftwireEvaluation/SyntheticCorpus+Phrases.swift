import SiftwireExtraction

/// Phrase lists the generated articles are composed from (written for Siftwire; no copied text).
/// Entity-free phrases are lower case after the first word, so they add vocabulary but no mentions.
extension SyntheticCorpus {
    enum Phrases {
        static let maleGiven = ["Khalid", "Yasser", "Omar", "Mahmoud", "Ibrahim", "Hassan", "Samer", "Fadi", "Nabil", "Tariq",
                                "Walid", "Ziad", "Bilal", "Majd", "Anas", "Hamza", "Jamil", "Karim", "Louay", "Marwan",
                                "Nizar", "Rami", "Saleh", "Talal", "Wael", "Yousef", "Adnan", "Basel", "Ghassan", "Haytham",
                                "Imad", "Kamal", "Munir", "Qasim", "Raed", "Suhail", "Taysir", "Zakaria", "Obada", "Firas"]
        static let femaleGiven = ["Rania", "Lina", "Huda", "Maha", "Nisreen", "Reem", "Salma", "Dalia", "Farah", "Ghada",
                                  "Hiba", "Iman", "Jumana", "Lubna", "Mayada", "Rasha", "Sawsan", "Wafaa", "Yara", "Amal"]
        static let family = ["Darwish", "Khoury", "Haddad", "Nasser", "Qassem", "Mansour", "Othman", "Barakat", "Hamdan", "Jaber",
                             "Kanaan", "Najjar", "Rahal", "Sabbagh", "Tamer", "Yassin", "Zaidan", "Abboud", "Bakkour", "Daher",
                             "Fares", "Ghanem", "Hallak", "Karam", "Maarouf", "Nahhas", "Qaddour", "Raslan", "Sarraf", "Wehbe",
                             "Zein", "Attar", "Bitar", "Dabbagh", "Fakhouri", "Hijazi", "Kayyali", "Mardini", "Nakhleh", "Sawaf",
                             "Shaheen", "Tabbaa", "Zoubi", "Aswad", "Haj Omar", "Khatib", "Muhanna", "Rifai", "Sukkar", "Tarraf"]
        static let nisba = ["al-Hamwi", "al-Halabi", "al-Idlibi", "al-Homsi", "al-Ansari", "al-Tunisi", "al-Sarmini", "al-Maarri",
                            "al-Binnishi", "al-Hourani", "al-Dirani", "al-Raqqawi", "al-Zawi", "al-Shaddadi", "al-Arihawi",
                            "al-Khani", "al-Mayadini", "al-Bukamali", "al-Tabqawi", "al-Salqini"]

        static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]
        static let whens = ["earlier this week", "over the weekend", "overnight", "late last month", "in recent days",
                            "at dawn", "before noon", "after midnight", "last week"]
        static let sources = ["according to local sources", "residents said", "a monitoring group reported", "witnesses said",
                              "medical workers said", "according to activists in the area", "a local journalist reported",
                              "according to two people with knowledge of the matter", "a civil defence volunteer said"]

        static let fightingNouns = ["Fighters", "Gunmen", "Units", "Members", "Patrols"]
        static let clashVerbs = ["clashed with", "exchanged fire with", "ambushed", "pushed back", "attacked positions held by"]
        static let strikeKinds = ["Airstrikes", "Drone strikes", "Artillery shells", "Rockets", "Mortar rounds", "Barrel bombs"]
        static let strikeTargets = ["a market", "farmland", "a school building", "a water station", "residential streets",
                                    "a poultry farm", "an olive press", "a fuel depot", "a bakery", "a camp for displaced families"]
        static let statementVerbs = ["said", "said in a statement", "told reporters", "claimed", "announced", "insisted",
                                     "wrote on its channel", "stated"]
        static let denialVerbs = ["denied", "rejected claims", "dismissed reports"]
        static let claimActions = ["had withdrawn heavy weapons from", "had arrested a cell operating in", "had reopened the road to",
                                   "had reinforced its positions around", "had taken control of villages near",
                                   "had begun collecting new taxes in", "had opened a recruitment office in",
                                   "had handed over checkpoints in", "had carried out the bombing in"]
        static let accusations = ["looting homes", "targeting civilians", "smuggling fuel", "detaining aid workers",
                                  "breaking the ceasefire", "recruiting minors", "seizing farmland"]
        static let predicates = ["has changed its name several times since its founding",
                                 "still runs checkpoints on the main road", "was listed as a terrorist group by several governments",
                                 "split from its former allies after months of disputes", "recruits heavily among displaced young men",
                                 "publishes its statements through a handful of channels", "has courted local notables for years"]
        static let meetingTopics = ["prisoner exchanges", "the reopening of crossings", "the ceasefire line", "the return of displaced families",
                                    "electricity supplies", "tax revenue from the crossings", "security on the highway"]
        static let localRolesPlace = ["a resident of", "a shopkeeper in", "a teacher in", "a member of the local council in",
                                      "a farmer from", "a displaced father living near", "a pharmacist in", "a driver from"]
        static let localRolesMedical = ["a doctor at a hospital in", "a surgeon who works in", "who runs a clinic in",
                                        "the head of a health directorate office in"]
        static let localRolesArmed = ["a commander in", "a senior figure in", "a field officer with", "a former member of"]

        /// Entity-free sentence families, each four slots: subject, verb, object, tail.
        static let themes: [[[String]]] = [
            // Humanitarian.
            [["Aid workers", "Relief volunteers", "Camp managers", "Local charities", "Distribution teams", "Field coordinators"],
             ["warned of", "reported", "struggled with", "appealed for help with", "pointed to", "documented"],
             ["shortages of blankets and heating fuel", "overcrowded tents", "a lack of clean drinking water",
              "rising cases of diarrhoea among children", "cuts to monthly food baskets", "delays in cash assistance",
              "flooded shelters", "broken sanitation units", "thousands of newly displaced families"],
             ["in several camps", "across the northern countryside", "since the start of winter", "for the third week running",
              "despite repeated appeals", "as funding dried up"]],
            // Economy.
            [["Traders", "Money changers", "Bakery owners", "Fuel sellers", "Shop owners", "Wholesalers"],
             ["complained about", "reported", "blamed officials for", "adjusted to", "were hit by", "described"],
             ["a sharp rise in bread prices", "a fall in the local currency", "the cost of diesel", "new customs fees",
              "a collapse in demand", "unpaid debts from customers", "the price of cooking gas", "a shortage of small banknotes"],
             ["over the past month", "since the summer", "in the main market", "as wages stagnated", "this week",
              "after the crossing closed"]],
            // Weather and land.
            [["Heavy rain", "A cold snap", "Strong winds", "A long drought", "Early frost", "A dust storm"],
             ["damaged", "flattened", "delayed", "ruined", "threatened", "cut off"],
             ["wheat fields", "olive groves", "dirt roads between villages", "makeshift shelters", "irrigation channels",
              "the vegetable harvest", "power lines", "mobile phone coverage"],
             ["in the plains", "on the hillsides", "for several days", "before the harvest", "along the river valley",
              "in low-lying districts"]],
            // Procedure and governance.
            [["The local council", "A court", "The civil registry", "A committee of elders", "The education directorate",
              "Municipal officials"],
             ["postponed", "approved", "published", "suspended", "reviewed", "announced"],
             ["new rules for property sales", "the school timetable", "a list of missing persons", "fees for identity papers",
              "a plan to repair the water network", "licences for generators", "the results of an inquiry",
              "a schedule for rubbish collection"],
             ["after a short hearing", "without public consultation", "following complaints", "at a session on the weekend",
              "pending further review", "in a brief notice"]],
            // Health.
            [["Hospitals", "Vaccination teams", "Clinics", "Nurses", "Health workers", "Ambulance crews"],
             ["ran short of", "received", "asked donors for", "rationed", "lost access to", "reported a surge in"],
             ["insulin and dialysis supplies", "anaesthetics", "oxygen cylinders", "measles vaccines", "patients with burns",
              "generator fuel", "paediatric beds", "blood for transfusions"],
             ["in the region", "overnight", "during the latest escalation", "after the convoy was delayed",
              "for the second time this year", "as staff went unpaid"]],
            // Education and daily life.
            [["Teachers", "Students", "Parents", "University staff", "Young volunteers", "School principals"],
             ["protested", "organised", "boycotted", "celebrated", "prepared for", "worried about"],
             ["the end of term exams", "unpaid salaries", "classes held in tents", "a reading campaign", "the closure of a library",
              "evening literacy courses", "a football tournament", "the lack of textbooks"],
             ["in the old quarter", "near the central square", "with little support", "despite the shelling",
              "for the first time in years", "under difficult conditions"]],
            // Infrastructure.
            [["Engineers", "Repair crews", "Electricity workers", "Contractors", "Water technicians", "Road workers"],
             ["restored", "inspected", "abandoned", "began rebuilding", "patched", "surveyed"],
             ["a damaged bridge", "the main pumping station", "a stretch of the highway", "the telephone exchange",
              "a grain silo", "sewage pipes", "the bus station", "solar panels on a hospital roof"],
             ["within days", "at great risk", "with donated materials", "after months of delay", "in a single shift",
              "under a new contract"]],
        ]

        /// Short entity-free sentences that top up an article that came out short.
        static let fillers = ["Prices remained high.", "The situation stayed tense.", "Schools reopened later in the week.",
                              "The road was closed for hours.", "Power cuts continued.", "Many families stayed indoors."]

        static let clauseOpeners = ["Meanwhile,", "Separately,", "At the same time,", "In a related development,", "Elsewhere,",
                                    "Later,", "By contrast,"]
        static let headlineKinds = ["Clashes", "Shelling", "Arrests", "Protests", "Aid shortages", "Talks", "Checkpoint dispute",
                                    "Prices climb", "Displacement", "Power cuts", "Drone strike", "Curfew"]
    }
}

import Foundation
import Testing
@testable import SiftwireExtraction
import SiftwireEvaluation

/// Damaged real-world text (mojibake, lost apostrophes) and the FA-KES gold loader, on texts written for these tests.
@Suite("Real text: damage repair and the FA-KES claim gold")
struct RealTextScenarioTests {
    func repaired(_ raw: String) -> String { Scalars.string(TextRepair.repair(raw).text[...]) }

    @Test func mojibakeApostrophesAndAccentsComeBackAsTheCharactersMeant() {
        #expect(repaired("The mayorâ€™s office in BÃ©ziers said so.") == "The mayor's office in Béziers said so.")
        #expect(repaired("He said â€œnoâ€\u{9D} twice â€” then left.").contains("\"no\" twice – then left"))
        // a lone accented capital followed by ordinary text is left alone
        #expect(repaired("Ã la carte") == "Ã la carte")
    }

    @Test func aQuestionMarkOrReplacementCharacterInsideAWordIsAnApostrophe() {
        #expect(repaired("Lattakia?s port and the governor?s office; don?t go.") == "Lattakia's port and the governor's office; don't go.")
        #expect(repaired("Lattakia\u{FFFD}s port") == "Lattakia's port")
        #expect(repaired("Is it over? Someone asked.") == "Is it over? Someone asked.")
    }

    @Test func aStrippedPossessiveOfANameInTheTextGetsItsApostropheBack() {
        let raw = "Lattakia was calm. On Monday Lattakias governor and Tartouss port reopened while Tartous traders waited. Syrians and Kurds marched in the United States capital."
        let text = repaired(raw)
        #expect(text.contains("Lattakia's governor"))
        // Tartous+s: the stem stands alone elsewhere; plurals and names ending in -s stay as written
        #expect(text.contains("Tartous's port") || text.contains("Tartouss port"))
        #expect(text.contains("Syrians and Kurds"))
        #expect(text.contains("United States capital"))
        // a name ending in a vowel has no plural in -s: the possessive is back even where the name stands nowhere alone
        #expect(repaired("Fighting since Lattakias siege began.").contains("Lattakia's siege"))
        #expect(repaired("The talks with Mahmoud Abbas began. Abbas said no.").contains("Abbas said"))
        #expect(repaired("By Hana Morcos and Emre Kaplan").contains("Morcos and"))
        #expect(repaired("A Transfer desk opened. Transfers were split later.").contains("Transfers were"))
        #expect(repaired("He met Bashar al-Assads envoy. Assad was absent.").contains("al-Assad's envoy"))
    }

    @Test func aStrippedPossessiveNeverBecomesANewPlace() {
        let raw = "Shelling hit Lattakia on Monday. The city and Lattakias governor said four people were killed in Lattakia.\n"
        let x = extract(raw)
        #expect(!x.entities.contains { $0.name.hasSuffix("Lattakias") })
        #expect(offsetsAreExact(x, raw))
    }

    @Test func repairedTextStillMapsBackToTheRawOffsets() {
        let raw = "The mayorâ€™s aide met Lattakias governor in Lattakia.\n"
        let x = extract(raw)
        #expect(offsetsAreExact(x, raw))
        let rt = TextRepair.repair(raw)
        #expect(rt.map.count == rt.text.count + 1)
        #expect(zip(rt.map, rt.map.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func theFakesGoldLineBecomesAGoldDocumentWithOffsetsQuantitiesAndDates() throws {
        let text = "Monitor: 12 killed in Harim. At least 12 people were killed on Sunday, the Syrian Observatory for Human Rights said."
        let evidence = "At least 12 people were killed on Sunday"
        let start = Array(text.unicodeScalars).count - Array(text[text.range(of: evidence)!.lowerBound...].unicodeScalars).count
        let line = """
        {"unit_id": "42", "source": "x", "date": "2015-01-01", "published": "2015-01-05", "split": "tune", "text_sha256": "abc", \
        "entities": [{"id": "sohr", "type": "ORG", "mentions": ["Syrian Observatory for Human Rights"]}], \
        "claims": [{"evidence": "\(evidence)", "start": \(start), "end": \(start + evidence.unicodeScalars.count), "speaker": "sohr", \
        "verb": "say", "event": "kill", "actor": null, "target": null, "quantity": 12, "quantity_qualifier": "at_least", \
        "date": "2015-01-04", "polarity": "asserted"}]}
        """
        #expect(FakesGoldArticle.looksLike(Substring(line)))
        #expect(!FakesGoldArticle.looksLike(Substring(#"{"document": "docs/a.txt", "entities": []}"#)))
        let articles = try FakesGoldArticle.parse(line + "\n")
        let a = try #require(articles.first)
        #expect(a.unit_id == "42" && a.split == "tune" && a.published == "2015-01-05")
        #expect(a.problems(text: text, textSHA256: "abc").isEmpty)
        #expect(!a.problems(text: text, textSHA256: "other").isEmpty)
        #expect(!a.problems(text: text.replacingOccurrences(of: "12 people", with: "13 people"), textSHA256: "abc").isEmpty)
        let claims = a.goldClaims.claims
        #expect(claims.first?.start == start && claims.first?.quantity == 12 && claims.first?.date == "2015-01-04")
        #expect(a.goldDocument.entities.first?.id == "sohr")

        // scored against the engine with the publication date as the document date
        let predicted = extract(text, date: a.published)
        let report = ClaimEvaluator.evaluate([(gold: a.goldDocument, claims: a.goldClaims, text: text, predicted: predicted)])
        #expect(report.score("claim").truePositives == 1)
        #expect(report.score("quantity").truePositives == 1)
        #expect(report.score("date").truePositives == 1)
        #expect(report.score("speaker").truePositives == 1)
    }

    @Test func theFakesCSVKeepsQuotedFieldsByteForByteAndSkipsRepeatedIDs() {
        let csv = "unit_id,article_content,source\r\n1,\"He said \"\"no\"\", twice,\r\nthen left\",sana\r\n2,plain text,trt\r\n2,again,trt\r\n"
        let rows = FakesCSV.parse(Array(csv.utf8))
        #expect(rows.count == 3)
        #expect(rows[0]["article_content"] == "He said \"no\", twice,\r\nthen left")
        #expect(rows[0]["source"] == "sana")
        let articles = FakesCSV.articles(rows)
        #expect(articles["1"] != nil && articles["2"] == nil)
    }

    @Test func quantityTextsBecomeNumbers() {
        #expect(QuantityValue.of("more than 100 fighters") == 100)
        #expect(QuantityValue.of("at least 1,300 people") == 1300)
        #expect(QuantityValue.of("four people") == 4)
        #expect(QuantityValue.of("twenty five civilians") == 25)
        #expect(QuantityValue.of("dozens of people") == nil)
    }
}

/// Claims in the shapes real reporting uses (texts written for these tests).
@Suite("Claims on real reporting: organs, nested reports, foiled plots, dates against publication")
struct RealReportingClaimScenarioTests {
    func kills(_ body: String, date: String = "2023-08-10") -> (Extraction, [ExtractedClaim]) {
        let x = extract("Test report\n\n" + body + "\n", date: date)
        return (x, x.claims.filter { $0.event?.type == .kill })
    }

    @Test func anOrganOfAGroupSpeaksForTheGroup() {
        let (x, k) = kills("The General Security Service of HTS said its fighters killed two ISIS commanders near Sarmada.")
        #expect(k.first?.speaker?.entityID == x.entity("HTS")?.id)
    }

    @Test func anOutletNamedAsSourceIsTheSpeaker() {
        let (x, k) = kills("Three soldiers were killed in the attack, according to SANA.")
        #expect(k.first?.speaker?.entityID == x.entity("SANA")?.id)
    }

    @Test func aRefutedClaimGoesToItsMakerAndTheDenialToTheRefuter() {
        let (x, _) = kills("HTS refuted the Islamic State's claim that it had killed Abu Omar al-Hamawi.")
        let hts = x.entity("HTS")?.id, isis = x.entity("Islamic State")?.id
        let inner = x.claims.first { $0.event?.type == .kill && $0.speaker?.entityID == isis }
        #expect(inner?.event?.actor?.entityID == hts)
        #expect(inner?.polarity == .asserted)
        let denial = x.claims.first { $0.speaker?.entityID == hts && ($0.polarity == .denied || $0.event?.type == .deny) }
        #expect(denial != nil)
    }

    @Test func aFoiledPlotToKillIsNoKilling() {
        let (_, k) = kills("Security forces foiled a plot to kill the governor of Idlib, officials said.")
        #expect(k.isEmpty)
    }

    @Test func aDescriptionIsNoTarget() {
        let (_, k) = kills("Gunmen killed a leader of the local council in Maarat al-Numan.")
        #expect(k.allSatisfy { $0.event?.target?.entityID == nil })
    }

    @Test func relativeDatesResolveAgainstThePublicationDate() {
        // published Thursday 2023-08-10
        let cases: [(String, String)] = [
            ("Gunmen killed four soldiers on Tuesday in Daraa.", "2023-08-08"),
            ("Gunmen killed four soldiers on April 30 in Daraa.", "2023-04-30"),
            ("Gunmen killed four soldiers two days ago in Daraa.", "2023-08-08"),
            ("Gunmen killed four soldiers last December in Daraa.", "2022-12"),
            ("Gunmen killed four soldiers in 2019 in Daraa.", "2019"),
        ]
        for (text, want) in cases {
            let (_, k) = kills(text)
            #expect(k.first?.event?.date == want, "\(text)")
        }
        // no date in the sentence: the claim carries none, and the document's date stands for it
        let (x, k) = kills("Gunmen killed four soldiers in Daraa.")
        #expect(k.first?.event?.date == nil && x.date == "2023-08-10")
    }

    @Test func anOperationThatIsTheSubjectOfATollGivesItsActor() {
        // the operation before "on <place>" is the subject; a headline tells one event, so no attack claim beside it
        let x = extract("Hezbollah attack on Qusayr depot kills 14\n\nThe depot burned for a day.\n", date: "2023-08-10")
        let kill = x.claims.first { $0.event?.type == .kill }
        #expect(kill?.event?.actor?.entityID == x.entity("Hezbollah")?.id)
        #expect(!x.claims.contains { $0.event?.type == .attack })
        // a country's operations are its own: "Jordan air raids"
        let (y, k) = kills("Jordan air raids near Daraa killed seven smugglers, the army said.")
        #expect(k.first?.event?.actor?.entityID == y.entity("Jordan")?.id)
    }

    @Test func aGovernmentWithoutItsNameActsForTheStateTheReportIsAbout() {
        let (x, k) = kills("In Syria, at least nine people were killed on Monday in government air strikes, a monitor said.")
        let syria = x.entity("Syria")?.id
        #expect(syria != nil && k.first?.event?.actor?.state == syria)
        // the air strikes add nothing the toll's claim lacks: no second claim
        #expect(!x.claims.contains { $0.event?.type == .attack })
        let (_, shelled) = kills("In Syria, a woman died after regime shelling on Sunday.")
        #expect(shelled.first?.event?.actor?.state == syria)
        let (_, agent) = kills("In Syria, six children were killed in a barrel bomb attack carried out by government forces.")
        #expect(agent.first?.event?.actor?.state == syria)
    }

    @Test func aPossessiveBeforeAnAttackOnATargetPointsBackToTheSide() {
        let x = extract("Test report\n\nThe Jordanian air force stepped up its raids against ISIS positions in the south.\n", date: "2023-08-10")
        let attack = x.claims.first { $0.event?.type == .attack }
        #expect(attack?.event?.target?.entityID == x.entity("ISIS")?.id)
        #expect(attack?.event?.actor != nil && attack?.event?.actor?.entityID != x.entity("ISIS")?.id)
    }

    @Test func theGroupsSpokesmanAfterAnAsideSpeaksForTheGroupThatSpokeLast() {
        let x = extract("Test report\n\nIslamic State said its leader Abu Yahya al-Shami was killed in fighting with HTS. The group's spokesman, "
                        + "in an audio recording posted on Telegram, accused HTS of killing him.\n", date: "2023-08-10")
        let isis = x.entity("Islamic State")?.id, hts = x.entity("HTS")?.id
        let accusation = x.claims.first { $0.event?.type == .accuse }
        #expect(accusation?.speaker?.entityID == isis && accusation?.event?.target?.entityID == hts)
        // "…, accused HTS": an object after the verb is never its speaker
        #expect(!x.claims.contains { $0.speaker?.entityID == hts || $0.speaker?.entityID == x.entity("Telegram")?.id })
    }

    @Test func aGroupsSuspectedLeaderIsThePersonNotTheGroup() {
        let (x, k) = kills("Islamic State said Abu Yahya al-Shami was killed in Idlib. Erdogan said in April that Turkish forces had killed "
                           + "the Islamic State's suspected leader in Syria.")
        let erdogan = k.first { $0.speaker?.entityID == x.entity("Erdogan")?.id }
        #expect(erdogan?.event?.target?.entityID == x.entity("Abu Yahya al-Shami")?.id)
    }

    @Test func aHeadlineNameBeforeAColonIsItsSpeaker() {
        let x = extract("Erdogan: Turkish intelligence killed ISIS chief in Syria\n\nThe operation took place on Saturday.\n", date: "2023-05-01")
        let kill = x.claims.first { $0.event?.type == .kill }
        #expect(kill?.speaker?.entityID == x.entity("Erdogan")?.id)
        // a place before a colon is a dateline, not a speaker
        let y = extract("Test report\n\nAleppo: rebels killed four soldiers on Monday.\n", date: "2023-05-01")
        #expect(y.claims.allSatisfy { $0.speaker == nil })
    }

    @Test func anOrganisationOrStateThatSaysItDidItIsTheActor() {
        let (x, k) = kills("Turkey says it killed an Islamic State commander. Jordan said its air force killed six smugglers on Monday.")
        #expect(k.first?.event?.actor?.entityID == x.entity("Turkey")?.id)
        #expect(k.last?.event?.actor?.entityID == x.entity("Jordan")?.id || k.last?.event?.actor?.state == x.entity("Jordan")?.id)
        // a denier's "its fighters" stay the denier's, inside a claim it rejects
        let (y, d) = kills("HTS rejected claims by the Islamic State that its fighters killed the group's former leader Abu Yahya al-Shami.")
        let denied = d.first { $0.polarity == .denied }
        #expect(denied?.event?.actor?.entityID == y.entity("HTS")?.id)
        #expect(denied?.event?.target?.entityID == y.entity("Abu Yahya al-Shami")?.id)
    }

    @Test func theEventsPlaceIsTheFinestTheSentenceNames() {
        // a country only when nothing finer is named; "the town of X", "Syria's X" name X
        let (_, k) = kills("Air strikes on a market in the rebel-held town of Maarat al-Numan in Syria's Idlib province killed 45 people.")
        #expect(k.first?.event?.location?.text == "Maarat al-Numan")
        let (_, h) = kills("Air strikes kill 45 in Syria's Maarat al-Numan, a monitor said.")
        #expect(h.first?.event?.location?.text == "Maarat al-Numan")
        let (_, c) = kills("Air strikes killed 45 people in Syria on Monday.")
        #expect(c.first?.event?.location?.text == "Syria")
        // a place described is no actor
        #expect(k.first?.event?.actor == nil)
    }

    @Test func aStatesIntelligenceServiceActsForTheState() {
        // the dictionary knows MIT by "Turkish intelligence" too: its actions are Turkey's
        let (x, k) = kills("Erdogan said MIT killed an Islamic State commander in Syria.")
        #expect(k.first?.event?.actor?.entityID == x.entity("MIT")?.id)
        #expect(k.first?.event?.actor?.state == x.entity("Turkey")?.id ?? "loc:turkey")
    }

    @Test func aNisbahAloneAfterAKunyaNameIsThatPerson() {
        let x = extract("Test report\n\nThe group said its leader Abu Omar al-Shishani al-Muhajir was killed. Later al-Shishani was buried.\n",
                        date: "2023-08-10")
        let people = x.entities.filter { $0.type == .person }
        #expect(people.count == 1 && people.first?.mentions.count == 2)
    }

    @Test func rebelsOfANationalityAreNotItsState() {
        let (_, k) = kills("Syrian rebels killed six soldiers near Hama on Monday.")
        #expect(k.first?.event?.actor?.state == nil)
        let (_, jets) = kills("Syrian jets killed six fighters near Hama on Monday.")
        #expect(jets.first?.event?.actor?.state != nil)
    }

    @Test func aWarTollIsNoEventAndAWoundingIsAnAttackWithoutAToll() {
        let (x, k) = kills("More than 300000 people have been killed since the conflict began in 2011. A car bomb wounded 12 people in Azaz.")
        #expect(k.isEmpty)
        let attack = x.claims.first { $0.event?.type == .attack }
        #expect(attack != nil && attack?.event?.quantity == nil)
    }
}

import Testing
@testable import SiftwireEvaluation
@testable import SiftwireExtraction

@Suite struct TextRepairScenarios {
    @Test func hardWrappedGroupNameIsOneMention() {
        let raw = "Fighters loyal to Hay’at Tahrir\nal-Sham moved into the area around the town on Friday, witnesses said.\n"
        let x = extract(raw)
        let hts = x.entity(id: "org:hts")
        #expect(hts?.mentions.first?.text == "Hay’at Tahrir\nal-Sham")
        #expect(offsetsAreExact(x, raw))
    }

    @Test func mentionOffsetsAreCodePointsIntoRawText() {
        let raw = "🇸🇾 Über-report — “Ahrar ash‑Sham” fighters met Abu Maria al‑Qahtani in Idleb.\nSecond line with Aleppo."
        let x = extract(raw)
        #expect(offsetsAreExact(x, raw))
        #expect(x.entity(id: "org:ahrar") != nil)
        #expect(x.entity(id: "person:qahtani") != nil)
        #expect(x.entity(id: "loc:aleppo")?.mentions.first?.text == "Aleppo")
    }

    @Test func boilerplateLinesYieldNothing() {
        let raw = """
        Clashes reported near Sarmada

        Residents of Sarmada reported shelling on Tuesday night.

        Leave a Reply
        Subscribe to our newsletter for daily Syria updates
        Tags: Aleppo, HTS, Damascus
        Share this: Facebook, Twitter
        Related: Erdogan visits Moscow
        © 2023 Some Outlet. All rights reserved.
        """
        let x = extract(raw)
        let ids = Set(x.entities.map(\.id))
        #expect(ids.contains("loc:sarmada"))
        for bad in ["loc:aleppo", "org:hts", "loc:damascus", "person:erdogan", "loc:moscow"] { #expect(!ids.contains(bad), "\(bad)") }
    }

    @Test func repairMapsJoinedLinesBackToRawOffsets() {
        let raw = "The convoy left Jisr al-\nShughur at dawn and headed for the border with Turkey, officials said today."
        let rt = TextRepair.repair(raw)
        let repaired = Scalars.string(rt.text[...])
        #expect(repaired.contains("Jisr al-Shughur"))
        let x = extract(raw)
        #expect(x.entity(id: "loc:jisr-shughur")?.mentions.first?.text == "Jisr al-\nShughur")
        #expect(offsetsAreExact(x, raw))
    }
}

@Suite struct DictionaryFileScenarios {
    @Test func seedDictionaryParsesWithEnoughEntries() throws {
        let entries = try ActorDictionaryFile.parse(seedText)
        #expect(entries.count >= 150)
        #expect(Set(entries.map(\.id)).count == entries.count)
        #expect(entries.contains { $0.id == "org:hts" && $0.type == .org })
    }

    @Test func badLineReportsItsLineNumber() {
        let text = "# header\n\norg:a\tORG\tAlpha\tA1|A2\nperson:b\tPERSONA\tBeta\n"
        #expect(throws: ActorDictionaryError.self) { try ActorDictionaryFile.parse(text) }
        do { _ = try ActorDictionaryFile.parse(text) } catch let e as ActorDictionaryError { #expect(e.line == 4) } catch { Issue.record("wrong error") }
        do { _ = try ActorDictionaryFile.parse("org:a\tORG\n") } catch let e as ActorDictionaryError { #expect(e.line == 1) } catch { Issue.record("wrong error") }
        do { _ = try ActorDictionaryFile.parse("org:a\tORG\tA\norg:a\tORG\tB\n") } catch let e as ActorDictionaryError { #expect(e.line == 2) } catch { Issue.record("wrong error") }
    }

    @Test func aliasesAndCommentsAreRead() throws {
        let e = try ActorDictionaryFile.parse("# c\nloc:x\tLOCATION\tXanadu\tXan | Xandu\n")
        #expect(e == [DictionaryEntry(id: "loc:x", type: .location, name: "Xanadu", aliases: ["Xan", "Xandu"])])
    }
}

@Suite struct AliasScenarios {
    @Test func acronymInParenthesesJoinsEntity() {
        let raw = "The Levant Reconstruction Council (LRC) met in Binnish on Sunday. Critics say the LRC answers to HTS."
        let x = extract(raw)
        let e = x.entity("Levant Reconstruction Council")
        #expect(e?.type == .org)
        #expect(e?.mentions.map(\.text) == ["Levant Reconstruction Council", "LRC", "LRC"])
    }

    @Test func alsoKnownAsMergesUnknownAlias() {
        let raw = "Commanders of the Free Idlib Army, also known as the \"Northern Division\", refused to join. Later the Northern Division withdrew."
        let x = extract(raw)
        let e = x.entity("Free Idlib Army")
        #expect(e?.type == .org)
        #expect(e?.mentions.count == 3)
    }

    @Test func realNameStatementKeepsOnePerson() {
        let raw = "Ahmed al-Sharaa, better known by his nom de guerre Abu Mohammad al-Julani, spoke in Idlib. Al-Sharaa later left."
        let x = extract(raw)
        let persons = x.entities.filter { $0.type == .person }
        #expect(persons.count == 1)
        #expect(persons.first?.id == "person:julani")
        #expect(persons.first?.mentions.count == 3)
    }

    @Test func formerlyKnownAsKeepsDistinctDictionaryOrganisations() {
        let raw = "Hay'at Tahrir al-Sham, formerly known as Jabhat al-Nusra, controls the city of Idlib."
        let x = extract(raw)
        #expect(x.entity(id: "org:hts") != nil)
        #expect(x.entity(id: "org:nusra") != nil)
        #expect(x.entity(id: "org:hts")?.aliases.contains("Jabhat al-Nusra") == true)
    }

    @Test func aliasStatementJoiningTwoKnownOrganisationsAddsNoAlias() {
        // A careless or hostile "also known as" between two listed groups must not make either a
        // spelling of the other (search expansion would then widen every later query).
        let raw = "Hay'at Tahrir al-Sham, also known as Hezbollah, was named in the report. Hezbollah denied it."
        let x = extract(raw)
        let hts = x.entity(id: "org:hts"), hezbollah = x.entity("Hezbollah")
        #expect(hts != nil && hezbollah != nil && hezbollah?.id != "org:hts")
        #expect(hts?.aliases.contains("Hezbollah") == false)
        #expect(hezbollah?.aliases.contains("Hay'at Tahrir al-Sham") == false)
    }
}

@Suite struct ResolutionScenarios {
    @Test func surnameResolvesToFullNameInDocument() {
        let raw = "The analyst Sharifa Nour al-Hamdan visited the camp last month. Hamdan said conditions were poor, and al-Hamdan urged donors to act."
        let x = extract(raw)
        let e = x.entity("Sharifa Nour al-Hamdan")
        #expect(e?.type == .person)
        #expect(e?.mentions.count == 3)
        #expect(x.entities.filter { $0.type == .person }.count == 1)
    }

    @Test func ambiguousQurashiResolvesToNearestCaliph() {
        let raw = "Abu Ibrahim al-Hashimi al-Qurashi was killed in Atmeh in 2022. Weeks later Abu al-Hasan al-Hashimi al-Qurashi was named. Al-Qurashi was himself killed months after."
        let x = extract(raw)
        #expect(x.entity(id: "person:hasan-hashimi")?.mentions.count == 2)
        #expect(x.entity(id: "person:hashimi-ibrahim")?.mentions.count == 1)
    }

    @Test func crossDocumentSpellingsShareId() {
        let a = extract("Ahrar al Sham and the Al Nusrah Front fought near al-Bab. Abu Mohamed al-Jolani gave a speech.")
        let b = extract("Ahrar ash-Sham criticised Jabhat al-Nusra in Al Bab, and al-Golani responded.")
        for id in ["org:ahrar", "org:nusra", "loc:al-bab", "person:julani"] {
            #expect(a.entity(id: id) != nil, "\(id) in a")
            #expect(b.entity(id: id) != nil, "\(id) in b")
        }
    }

    @Test func unknownNamesGetStableIdsAcrossDocuments() {
        let a = extract("Researcher Mohamed Haj Kheder said the road was closed.")
        let b = extract("According to Mohammed Hajj Khedr, the road was closed.")
        let ia = a.entities.first { $0.type == .person }?.id
        let ib = b.entities.first { $0.type == .person }?.id
        #expect(ia != nil && ia == ib)
        let c = extract("Researcher Samir Haj Kheder said the road was open.")
        #expect(c.entities.first { $0.type == .person }?.id != ia)
    }
}

@Suite struct UnknownNameScenarios {
    @Test func unknownPersonWithTitleKeepsRole() {
        let x = extract("In a sermon on Friday, Sheikh Abdul Rahim Attoun defended the decision.")
        let e = x.entity("Abdul Rahim Attoun")
        #expect(e?.type == .person)
        #expect(e?.role == "Sheikh")
        #expect(x.entity("Sheikh Abdul Rahim Attoun") == nil)
    }

    @Test func unknownOrganisationByCueWord() {
        let x = extract("Fighters from the Mountain Hawks Brigade and the Idlib Reconstruction Committee were present.")
        #expect(x.entity("Mountain Hawks Brigade")?.type == .org)
        #expect(x.entity("Idlib Reconstruction Committee")?.type == .org)
    }

    @Test func unknownLocationByCue() {
        let x = extract("Shelling hit the village of Kansafra and residents fled from Batabo camp toward Qorqanya.")
        #expect(x.entity("Kansafra")?.type == .location)
        #expect(x.entity("Batabo")?.type == .location)
        #expect(x.entity("Qorqanya")?.type == .location)
    }

    @Test func sentenceInitialWordsAreNotEntities() {
        let x = extract("The fighting resumed. But On Monday the shelling stopped. Meanwhile Residents returned. However, Turkey objected.")
        let names = x.entities.flatMap { $0.mentions.map(\.text) }
        for bad in ["The", "But", "On", "Monday", "Meanwhile", "Residents", "However"] { #expect(!names.contains(bad), "\(bad)") }
        #expect(names.contains("Turkey"))
    }

    @Test func acronymDefaultsToOrganisation() {
        let x = extract("A statement by the KLMN was read out in Sarmin.")
        #expect(x.entity("KLMN")?.type == .org)
    }
}

@Suite struct DateScenarios {
    @Test func absoluteAndAbbreviatedDates() {
        let raw = "IDLIB, Aug. 3, 2023 — The raid happened on 9 July 2023. It followed clashes in Apr. 2013 and the events of 2023-07-09."
        let x = extract(raw)
        #expect(x.date == "2023-08-03")
        let v = Dictionary(x.dates.map { ($0.text, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(v["Aug. 3, 2023"] == "2023-08-03")
        #expect(v["9 July 2023"] == "2023-07-09")
        #expect(v["Apr. 2013"] == "2013-04")
        #expect(v["2023-07-09"] == "2023-07-09")
        #expect(offsetsAreExact(x, raw))
    }

    @Test func relativeDatesUseDocumentDate() {
        let x = extract("Officials said on Monday that the attack two days ago, in December last year and in July 2016 were linked. Talks resume August 3.", date: "2023-08-10")
        let v = Dictionary(x.dates.map { ($0.text, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(x.date == "2023-08-10")
        #expect(v["Monday"] == "2023-08-07")
        #expect(v["two days ago"] == "2023-08-08")
        #expect(v["December last year"] == "2022-12")
        #expect(v["July 2016"] == "2016-07")
        #expect(v["August 3"] == "2023-08-03")
    }

    @Test func documentDateFromHeaderLine() {
        #expect(extract("Title here\ndate 2023-07-09\n\nBody text in Idlib.").date == "2023-07-09")
        #expect(extract("Title here\nPublished 9 July 2023\n\nBody text.").date == "2023-07-09")
        #expect(extract("Title here\nPosted on 01/11/2019\n\nBody text.").date == "2019-11-01")
        #expect(extract("No dates at all here.").date == nil)
    }

    @Test func titleFallsBackToFirstLine() {
        #expect(extract("\n# Big headline\nBody.").title == "Big headline")
        #expect(seedEngine.extract(SourceDocument(text: "x", title: "Given")).title == "Given")
    }
}

@Suite struct RobustnessScenarios {
    @Test func emptyWhitespaceAndCRLFDocuments() {
        #expect(extract("").entities.isEmpty)
        #expect(extract(" \n\n\t ").entities.isEmpty)
        let raw = "Report\r\n\r\nFighters of Hurras al-Din\r\nentered Sarmada on Friday, 6 March 2020.\r\n"
        let x = extract(raw)
        #expect(offsetsAreExact(x, raw))
        #expect(x.entity(id: "org:hurras") != nil)
        #expect(x.entity(id: "loc:sarmada") != nil)
        #expect(x.dates.first?.text == "Friday, 6 March 2020")
        #expect(x.dates.first?.value == "2020-03-06")
    }

    @Test func benchmarkCorpusIsDeterministic() {
        let a = ExtractionBenchmark.syntheticCorpus(documents: 3, seed: 7, entries: seedEntries)
        #expect(a == ExtractionBenchmark.syntheticCorpus(documents: 3, seed: 7, entries: seedEntries))
        #expect(a != ExtractionBenchmark.syntheticCorpus(documents: 3, seed: 8, entries: seedEntries))
        #expect(a.allSatisfy { (2000...5000).contains($0.utf8.count) })
        for d in a { #expect(offsetsAreExact(extract(d), d)) }
    }

    @Test func usLedIsACountryNotAnArticle() {
        let x = extract("Strikes by the US-led coalition and U.S. forces hit al-Bab.")
        #expect(x.entity(id: "loc:usa")?.mentions.map(\.text) == ["US", "U.S."])
        #expect(x.entity(id: "loc:al-bab")?.mentions.first?.text == "al-Bab")
    }
}

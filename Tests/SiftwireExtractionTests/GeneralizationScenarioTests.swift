import Testing
@testable import SiftwireExtraction

/// Scenario tests for the generalisation rules (sentences written for these tests).
@Suite struct GeneralizationScenarios {
    @Test func sectionHeaderIsNotJoinedToTheNextLine() {
        let raw = "Weekly update\nBy Staff\n\nShelters\nThe Orchard Relief Network said tents were full in Binnish.\n"
        let x = extract(raw)
        #expect(x.entity("Orchard Relief Network")?.type == .org)
        #expect(!x.entities.contains { $0.mentions.contains { $0.text.contains("Shelters") } })
    }

    @Test func allCapsDatelinePlaceIsALocation() {
        let x = extract("Briefs\nBy Staff\n\n* TAL ABYAD — Shelling hit a market on Monday, medics said.\n")
        #expect(x.entity("TAL ABYAD")?.type == .location)
    }

    @Test func labelWordsAndClauseStartsAreNotPeople() {
        let raw = "Claims roundup\nBy Staff\n\nClaim: a convoy was hit near Saraqib.\nStatus: Partly confirmed by two witnesses.\n"
        let x = extract(raw)
        for w in ["Status", "Partly", "Claim"] { #expect(x.entity(w) == nil, "\(w)") }
    }

    @Test func bylineNamesArePeople() {
        let x = extract("Water returns to eastern towns\nBy Lina Haddour and Sami Qattan | Valley Courier | 3 May 2024\n\nPumps restarted in Binnish.\n")
        #expect(x.entity("Lina Haddour")?.type == .person)
        #expect(x.entity("Sami Qattan")?.type == .person)
    }

    @Test func sanctionsEntryAndAliasesArePeople() {
        let raw = "Notice\nIssued 1 June 2026\n\n1. AL-QADDOUR, Yasin Faraj (a.k.a. ABU BARAA AL-HALABI; also spelled Yaseen Faraj al-Qaddour); DOB 1979.\n"
        let x = extract(raw)
        #expect(offsetsAreExact(x, raw))
        let p = x.entity("AL-QADDOUR, Yasin Faraj")
        #expect(p?.type == .person)
        #expect(x.entity("ABU BARAA AL-HALABI")?.type == .person)
        #expect(x.entity("DOB") == nil)
    }

    @Test func commonPhraseIsNotAPersonWhenTheDocumentUsesItsWordsInLowerCase() {
        let raw = "Transfers slow\nBy Staff\n\nThe shop offered Money Transfer services to families. Sending money abroad is costly, traders said.\n"
        let x = extract(raw)
        #expect(x.entity("Money Transfer")?.type != .person)
    }

    @Test func incidentLogPlaceAfterClockTime() {
        let raw = "Daily log\nCompiled 2 May 2023\n\n06:15 Qurqaniya — Two shells landed near the school.\n"
        #expect(extract(raw).entity("Qurqaniya")?.type == .location)
    }

    @Test func capitalisedFacilityAfterAKnownPlaceIsPartOfTheName() {
        let x = extract("Engineers inspected the Tabqa Dam after the floods, while Idlib Governorate officials met in Sarmada.")
        #expect(x.entity("Tabqa Dam")?.type == .location)
        #expect(x.entity("Idlib Governorate")?.id == "loc:idlib")
    }

    @Test func ministryNameWithAnd() {
        let x = extract("Officials from the Ministry of Water and Sanitation said the pumps were repaired.")
        #expect(x.entity("Ministry of Water and Sanitation")?.type == .org)
    }

    @Test func holidayIsNotAnEntity() {
        let x = extract("Families shopped in Binnish before Eid al-Fitr, and Kurds lit fires for Newroz on Friday.")
        #expect(x.entity("Eid al-Fitr") == nil)
        #expect(x.entity("Newroz") == nil)
    }
}

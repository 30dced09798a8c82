import Foundation
import Testing
@testable import SiftwireExtraction

/// Claims and events on short texts written for these tests (none of them is in the dev set or the demo corpus).
@Suite("Claims: attribution, events and slots, polarity, modality, provenance")
struct ClaimScenarioTests {
    func claims(_ body: String, date: String? = nil) -> (Extraction, String) {
        let text = "Test report\n\n" + body + "\n"
        return (extract(text, date: date), text)
    }

    func slice(_ text: String, _ s: Int, _ e: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        var v = String.UnicodeScalarView(); v.append(contentsOf: scalars[s..<e]); return String(v)
    }

    @Test func anUnnamedSourceReportsAKillingWithActorCountAndPlace() {
        let (x, _) = claims("Kurdish officials said on Monday that Turkish drones had killed three fighters near Qamishli.")
        let c = try? #require(x.claims.first { $0.event?.type == .kill })
        #expect(c?.speaker?.entityID == nil)
        #expect(c?.speaker?.text == "Kurdish officials")
        #expect(c?.verb == "say")
        #expect(c?.event?.actor?.entityID == x.entity("Turkish")?.id)
        #expect(c?.event?.quantity == "three fighters")
        #expect(c?.event?.location?.entityID == x.entity("Qamishli")?.id)
        #expect(c?.content?.text.hasPrefix("Turkish drones had killed") == true)
    }

    @Test func anAccusationGivesTheEventToTheAccusedAndADenialGivesItToTheDenier() {
        let (x, _) = claims("The Islamic State accused Hay'at Tahrir al-Sham of arresting dozens of its members in Idlib. HTS denied killing the journalist.")
        let hts = x.entity("HTS")?.id
        #expect(hts != nil)
        let accusation = x.claims.first { $0.event?.type == .arrest }
        #expect(accusation?.speaker?.entityID == x.entity("Islamic State")?.id)
        #expect(accusation?.verb == "accuse")
        #expect(accusation?.event?.actor?.entityID == hts)
        #expect(accusation?.event?.quantity == "dozens of its members")
        #expect(accusation?.modality == .alleged)
        #expect(accusation?.polarity == .asserted)
        let denial = x.claims.first { $0.event?.type == .kill }
        #expect(denial?.speaker?.entityID == hts)
        #expect(denial?.verb == "deny")
        #expect(denial?.polarity == .denied)
        #expect(denial?.event?.actor?.entityID == hts)
        #expect(denial?.sentence == (accusation?.sentence ?? 0) + 1)
    }

    @Test func aPassiveWithAnAgentAndTheSpeakerAfterTheContent() {
        let (x, _) = claims("Abu Bakr al-Baghdadi was killed by U.S. special forces in Barisha on 26 October 2019, the Pentagon said.")
        let c = x.claims.first { $0.event?.type == .kill }
        #expect(c?.speaker?.entityID == x.entity("Pentagon")?.id)
        #expect(c?.event?.target?.entityID == x.entity("Abu Bakr al-Baghdadi")?.id)
        #expect(c?.event?.actor?.entityID != nil)
        #expect(c?.event?.actor?.entityID == x.entities.first { $0.mentions.contains { $0.text.hasPrefix("U.S") } }?.id)
        #expect(c?.event?.location?.entityID == x.entity("Barisha")?.id)
        #expect(c?.event?.date == "2019-10-26")
    }

    @Test func negationAndAllegationAreMarked() {
        let (x, _) = claims("Government forces allegedly shelled the village, according to local sources. The defence ministry said its troops did not attack the camp.")
        let shelling = x.claims.first { $0.event?.trigger.text == "shelled" }
        #expect(shelling?.modality == .alleged)
        #expect(shelling?.speaker?.text == "local sources")
        #expect(shelling?.speaker?.entityID == nil)
        let denied = x.claims.first { $0.event?.trigger.text == "attack" }
        #expect(denied?.event?.type == .attack)
        #expect(denied?.polarity == .negated)
        #expect(denied?.speaker?.entityID == nil) // "the defence ministry" names no ministry known here
    }

    @Test func pronounsAndDescriptionsResolveToTheDocumentsEntities() {
        let (x, _) = claims("""
            The group's spokesman, Abu Hudhayfa al-Ansari, released a recording. The spokesman said the leader had \
            been killed in clashes with Hay'at Tahrir al-Sham. He accused HTS of handing the body to Turkey.
            """)
        let ansari = x.entity("Abu Hudhayfa al-Ansari")?.id
        #expect(ansari != nil)
        let killing = x.claims.first { $0.event?.type == .kill }
        #expect(killing?.speaker?.entityID == ansari)
        #expect(killing?.speaker?.text == "The spokesman")
        #expect(killing?.event?.actor?.entityID == x.entity("HTS")?.id)
        let accusation = x.claims.first { $0.verb == "accuse" }
        #expect(accusation?.speaker?.entityID == ansari) // "He"
        #expect(accusation?.event?.type == .accuse)
        #expect(accusation?.event?.target?.entityID == x.entity("HTS")?.id)
    }

    @Test func offsetsAreCodePointsOfTheOriginalTextEvenWhenWrappedAndCurlyQuoted() {
        let (x, text) = claims("Turkish President Recep Tayyip Erdoğan said that\nTurkey’s intelligence service had “neutralised” the man\nin Jindires.")
        let c = x.claims.first { $0.event != nil }
        #expect(c != nil)
        for c in x.claims {
            #expect(slice(text, c.start, c.end).contains(c.verbMention?.text ?? ""))
            for a in [c.speaker, c.event?.actor, c.event?.target, c.event?.location].compactMap({ $0 }) {
                #expect(slice(text, a.start, a.end) == a.text)
            }
            if let m = c.event?.trigger { #expect(slice(text, m.start, m.end) == m.text) }
            if let m = c.content { #expect(slice(text, m.start, m.end) == m.text) }
        }
        #expect(c?.event?.trigger.text == "neutralised")
        #expect(c?.speaker?.entityID == x.entity("Recep Tayyip Erdoğan")?.id)
    }

    @Test func aTextWithoutCuesHasNoClaimsAndDiedOfIllnessIsNoKilling() {
        #expect(claims("It rained in Idlib on Tuesday, and the roads were closed.").0.claims.isEmpty)
        #expect(claims("Dozens of children died of hypothermia in the camp, aid agencies said.").0.claims.allSatisfy { $0.event == nil })
    }

    @Test func claimsRoundTripThroughJSONAndOldExtractionsWithoutClaimsStillDecode() throws {
        let (x, _) = claims("HTS denied killing the journalist.")
        let data = try JSONEncoder().encode(x)
        #expect(try JSONDecoder().decode(Extraction.self, from: data) == x)
        let old = #"{"title":"t","entities":[],"dates":[]}"#
        #expect(try JSONDecoder().decode(Extraction.self, from: Data(old.utf8)).claims.isEmpty)
    }
}

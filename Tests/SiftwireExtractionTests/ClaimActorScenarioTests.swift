import Foundation
import Testing
@testable import SiftwireExtraction

/// Who may act in a claim, and which tolls are running totals; on short texts written for these tests.
@Suite("Claims: states as actors, places that are no actors, running totals")
struct ClaimActorScenarioTests {
    func kill(_ body: String) -> (ExtractedClaim?, Extraction) {
        let x = extract("Test report\n\n" + body + "\n", date: "2016-07-05")
        return (x.claims.first { $0.event?.type == .kill }, x)
    }

    @Test func aNationalityThatActsStandsForItsStateAndKeepsItsWords() {
        let (c, x) = kill("Turkish drones killed three fighters near Qamishli on Monday, local officials said.")
        #expect(c?.event?.actor?.entityID == x.entity("Turkish")?.id)
        #expect(c?.event?.actor?.state == "loc:turkey")
    }

    @Test func aStatesOwnForcesActForItButRebelArmiesDoNot() {
        let (army, _) = kill("The Syrian Arab Army killed twelve militants near Palmyra on Sunday.")
        #expect(army?.event?.actor?.state == "loc:syria")
        let (rebels, _) = kill("The Free Syrian Army killed twelve soldiers near Palmyra on Sunday.")
        #expect(rebels?.event?.actor?.entityID != nil)
        #expect(rebels?.event?.actor?.state == nil)
    }

    @Test func aCityIsNoActorButTheCountryIs() {
        let (city, _) = kill("Shelling from Aleppo killed four civilians in Azaz on Tuesday.")
        #expect(city?.event?.actor == nil || city?.event?.actor?.entityID == nil)
        let (country, x) = kill("Israel killed four fighters in a strike near Quneitra on Tuesday.")
        #expect(country?.event?.actor?.entityID == x.entity("Israel")?.id)
    }

    @Test func aCountryAsThePlaceIsMarkedAsAState() {
        let (c, _) = kill("Air strikes killed 14 people in Syria on Tuesday, a monitor said.")
        #expect(c?.event?.location?.state == "loc:syria")
        let (town, _) = kill("Air strikes killed 14 people in Saraqib on Tuesday, a monitor said.")
        #expect(town?.event?.location?.entityID != nil && town?.event?.location?.state == nil)
    }

    @Test func aTollSinceADateOrOverAPeriodIsARunningTotal() {
        for body in ["At least 327 civilians have been killed in Aleppo province since July 31, the monitor said.",
                     "The monitor said 45 people were killed in Aleppo in the past 24 hours.",
                     "So far 90 fighters have been killed in the clashes around Manbij, the group said."] {
            #expect(kill(body).0?.event?.runningTotal == true, "\(body)")
        }
        let (one, _) = kill("A car bomb killed 12 people in Azaz on Tuesday, the monitor said.")
        #expect(one?.event?.runningTotal == nil)
    }
}

extension ClaimActorScenarioTests {
    @Test func aCountBeforeAWoundWordIsNoDeathToll() {
        let (c, _) = kill("Civilian killed, 3 injured in rocket attack on Azaz")
        #expect(c?.event?.quantity == nil)
    }
}

import Foundation
import Testing
import SiftwireExtraction
import SiftwireProtocol
@testable import SiftwireIndex

/// Contradictions are about one event: a person, or a place finer than a country within a day; tolls of
/// the same victims from different outlets that are far apart are a casualty dispute.
@Suite("Index store: events from places and days, casualty disputes, states as actors")
struct EventContradictionStoreTests {
    static func entity(_ id: String, _ name: String, _ type: EntityType) -> ExtractedEntity {
        ExtractedEntity(id: id, name: name, type: type, aliases: [name], mentions: [Mention(text: name, start: 0, end: name.count)])
    }
    static let douma = entity("loc:douma", "Douma", .location)
    static let syria = entity("loc:syria", "Syria", .location)
    static let sohr = entity("org:sohr", "Syrian Observatory for Human Rights", .org)
    static let nusra = entity("org:nusra", "Jabhat al-Nusra", .org)
    static let army = entity("org:saa", "Syrian Arab Army", .org)
    static let russian = entity("norp:russian", "Russian", .norp)
    static let russia = entity("loc:russia", "Russia", .location)

    static func arg(_ id: String?, _ text: String, state: String? = nil) -> ClaimArgument {
        ClaimArgument(entityID: id, text: text, start: 0, end: text.count, state: state)
    }

    static func kill(_ quantity: String?, in place: ClaimArgument?, by actor: ClaimArgument? = nil, speaker: ClaimArgument? = nil,
                     target: ClaimArgument? = nil) -> ExtractedClaim {
        ExtractedClaim(sentence: 0, start: 0, end: 10, speaker: speaker, verb: speaker == nil ? nil : "say", verbMention: nil, content: nil,
                       event: ClaimEvent(type: .kill, trigger: Mention(text: "killed", start: 0, end: 6), actor: actor, target: target,
                                         location: place, quantity: quantity),
                       polarity: .asserted, modality: .asserted)
    }

    static func put(_ id: String, outlet: String, published: String, claims: [ExtractedClaim],
                    entities: [ExtractedEntity] = [douma, syria, sohr, nusra, army, russian, russia], text: String? = nil) -> IndexPut {
        // as an extractor sends it: the document's date is the day it was published
        IndexPut(document: IndexedDocument(id: id, hash: "h-\(id)", title: "Title \(id)", text: text ?? "Text of \(id) from \(outlet).", source: outlet,
                                           date: published, url: nil, published: published, language: "en", author: nil, tags: []),
                 extraction: Extraction(title: "Title \(id)", date: published, entities: entities, dates: [], claims: claims),
                 workerID: "w")
    }

    static let inDouma = arg("loc:douma", "Douma")

    @Test func twoOutletsFarApartOnOneDaysTollInOnePlaceAreACasualtyDispute() throws {
        let store = try IndexStore(path: nil)
        _ = try store.write([
            Self.put("a", outlet: "reuters", published: "2016-07-02", claims: [Self.kill("45 people", in: Self.inDouma, speaker: Self.arg("org:sohr", "the Observatory"))]),
            Self.put("b", outlet: "sana", published: "2016-07-02", claims: [Self.kill("12 terrorists", in: Self.inDouma, by: Self.arg("org:saa", "army units"))]),
            Self.put("c", outlet: "ahram", published: "2016-07-03", claims: [Self.kill("at least 43 people", in: Self.inDouma)]),
        ])
        let group = try #require(try store.contradictions(ContradictionsQuery()).groups.first)
        #expect(group.reasons == ["different figures"])
        #expect(group.location?.entityID == "loc:douma")
        let figures = Set(group.versions.compactMap(\.figure))
        #expect(figures == [45, 12, 43])
        let fortyFive = try #require(group.versions.first { $0.figure == 45 })
        #expect(fortyFive.outlets == ["reuters"] && fortyFive.claimants == ["Syrian Observatory for Human Rights"])
    }

    @Test func tollsOfDifferentVictimsOrCloseFiguresAreNoDispute() throws {
        let store = try IndexStore(path: nil)
        _ = try store.write([
            Self.put("a", outlet: "reuters", published: "2016-07-02", claims: [Self.kill("45 civilians", in: Self.inDouma)]),
            Self.put("b", outlet: "sana", published: "2016-07-02", claims: [Self.kill("12 terrorists", in: Self.inDouma)]),
            Self.put("c", outlet: "ahram", published: "2016-07-02", claims: [Self.kill("at least 41 civilians", in: Self.inDouma)]),
        ])
        #expect(try store.contradictions(ContradictionsQuery()).groups.isEmpty)
    }

    @Test func tollsOfOnePlaceAndDayToldAsDifferentMeansAreTwoIncidents() throws {
        // the claim's sentence (its span in the text) says how the toll came about
        func sentence(_ id: String, _ outlet: String, _ text: String, _ quantity: String) -> IndexPut {
            var claim = Self.kill(quantity, in: Self.inDouma)
            claim.end = text.unicodeScalars.count
            return Self.put(id, outlet: outlet, published: "2016-07-02", claims: [claim], text: text)
        }
        let store = try IndexStore(path: nil)
        _ = try store.write([
            sentence("a", "reuters", "Air strikes on a market in Douma killed 45 people.", "45 people"),
            sentence("b", "sana", "A car bomb exploded in Douma, killing 12 people.", "12 people"),
        ])
        #expect(try store.contradictions(ContradictionsQuery()).groups.isEmpty)
        // told the same way (or one way not said), the same tolls dispute each other
        _ = try store.write([sentence("c", "ahram", "Warplanes struck Douma, killing 12 people.", "12 people")])
        let group = try #require(try store.contradictions(ContradictionsQuery()).groups.first)
        #expect(group.reasons == ["different figures"] && Set(group.versions.compactMap(\.figure)) == [45, 12])
        #expect(EventMeans.of("Barrel bombs dropped by helicopters killed 9") == [.air])
        #expect(EventMeans.of("Rebel shelling and a car bomb killed 4") == [.shelling, .bombing])
    }

    @Test func theSamePlaceOnDaysApartOrACountryWideTollAreSeparateEvents() throws {
        let store = try IndexStore(path: nil)
        _ = try store.write([
            Self.put("a", outlet: "reuters", published: "2016-07-02", claims: [Self.kill("45 people", in: Self.inDouma)]),
            Self.put("b", outlet: "sana", published: "2016-07-09", claims: [Self.kill("12 people", in: Self.inDouma)]),
            Self.put("c", outlet: "ahram", published: "2016-07-02", claims: [Self.kill("300 people", in: Self.arg("loc:syria", "Syria", state: "loc:syria"))]),
            Self.put("d", outlet: "sana", published: "2016-07-02", claims: [Self.kill("8 people", in: Self.arg("loc:syria", "Syria", state: "loc:syria"))]),
        ])
        #expect(try store.contradictions(ContradictionsQuery()).groups.isEmpty)
    }

    @Test func aNationalityThatActsIsFiledUnderItsStateSoItAgreesWithTheCountry() throws {
        let store = try IndexStore(path: nil)
        _ = try store.write([
            Self.put("a", outlet: "reuters", published: "2016-07-02", claims: [Self.kill(nil, in: Self.inDouma, by: Self.arg("norp:russian", "Russian jets", state: "loc:russia"))]),
            Self.put("b", outlet: "trt", published: "2016-07-02", claims: [Self.kill(nil, in: Self.inDouma, by: Self.arg("loc:russia", "Russia"))]),
        ])
        #expect(try store.contradictions(ContradictionsQuery()).groups.isEmpty)
        let claims = try store.claims(ClaimsQuery(actor: "Russia"))
        #expect(claims.total == 2)
        #expect(claims.claims.allSatisfy { $0.event?.actor?.entityID == "loc:russia" })
        #expect(Set(claims.claims.compactMap { $0.event?.actor?.text }) == ["Russian jets", "Russia"])
    }

    @Test func differentActorsNamedForTheSameTargetByDifferentClaimantsConflict() throws {
        let store = try IndexStore(path: nil)
        let convoy = Self.arg("org:redcrescent", "the aid convoy")
        _ = try store.write([
            Self.put("a", outlet: "sana", published: "2016-07-02", claims: [Self.kill(nil, in: Self.inDouma, by: Self.arg("org:nusra", "Nusra"), target: convoy)]),
            Self.put("b", outlet: "reuters", published: "2016-07-02", claims: [Self.kill(nil, in: Self.inDouma, by: Self.arg("org:saa", "government forces"),
                                                                                        speaker: Self.arg("org:sohr", "the Observatory"), target: convoy)]),
        ])
        let group = try #require(try store.contradictions(ContradictionsQuery()).groups.first)
        #expect(group.reasons == ["conflicting actors"])
        #expect(Set(group.versions.compactMap { $0.actor?.entityID }) == ["org:nusra", "org:saa"])
    }

    @Test func differentActorsInOneCityWithoutASharedTargetAreTwoIncidents() throws {
        let store = try IndexStore(path: nil)
        _ = try store.write([
            Self.put("a", outlet: "sana", published: "2016-07-02", claims: [Self.kill("3 people", in: Self.inDouma, by: Self.arg("org:nusra", "terrorist rockets"))]),
            Self.put("b", outlet: "reuters", published: "2016-07-02", claims: [Self.kill("30 people", in: Self.inDouma, by: Self.arg("org:saa", "government air strikes"))]),
        ])
        #expect(try store.contradictions(ContradictionsQuery()).groups.isEmpty)
    }

    @Test func aRunningTotalIsNoIncidentToll() throws {
        let store = try IndexStore(path: nil)
        var total = Self.kill("327 civilians", in: Self.inDouma)
        total.event?.runningTotal = true
        _ = try store.write([
            Self.put("a", outlet: "ahram", published: "2016-08-14", claims: [total]),
            Self.put("b", outlet: "sana", published: "2016-08-14", claims: [Self.kill("3 civilians", in: Self.inDouma)]),
        ])
        #expect(try store.contradictions(ContradictionsQuery()).groups.isEmpty)
        #expect(try store.claims(ClaimsQuery()).claims.contains { $0.event?.runningTotal == true })
    }
}

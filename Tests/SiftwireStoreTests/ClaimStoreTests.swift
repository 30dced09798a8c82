import Foundation
import Testing
import SiftwireExtraction
import SiftwireProtocol
@testable import SiftwireIndex

@Suite("Index store: claims, claim filters, contradictions, claims in profiles")
struct ClaimStoreTests {
    let store: IndexStore

    static let isis = IndexStoreTests.entity("org:isis", "Islamic State", .org, mentions: ["Islamic State"])
    static let hts = IndexStoreTests.entity("org:hts", "Hay'at Tahrir al-Sham", .org, mentions: ["HTS"])
    static let mit = IndexStoreTests.entity("org:mit", "National Intelligence Organization", .org, mentions: ["MIT"])
    static let leader = IndexStoreTests.entity("person:hussein", "Abu al-Hussein al-Qurashi", .person, mentions: ["Abu al-Hussein"])
    static let erdogan = IndexStoreTests.entity("person:erdogan", "Recep Tayyip Erdogan", .person, mentions: ["Erdogan"])

    static func arg(_ id: String?, _ text: String) -> ClaimArgument { ClaimArgument(entityID: id, text: text, start: 0, end: text.count) }

    static func claim(speaker: ClaimArgument?, verb: String?, type: EventType, actor: ClaimArgument?, target: ClaimArgument?,
                      polarity: ClaimPolarity = .asserted, date: String? = nil) -> ExtractedClaim {
        ExtractedClaim(sentence: 0, start: 0, end: 10, speaker: speaker, verb: verb, verbMention: nil, content: nil,
                       event: ClaimEvent(type: type, trigger: Mention(text: type.rawValue, start: 0, end: 4), actor: actor, target: target, date: date),
                       polarity: polarity, modality: .asserted)
    }

    static func put(_ id: String, date: String, entities: [ExtractedEntity], claims: [ExtractedClaim], text: String? = nil) -> IndexPut {
        var p = IndexStoreTests.put(id, text: text ?? "Text of \(id).", date: date, entities: entities)
        p.extraction.claims = claims
        return p
    }

    /// Three versions of one death: Erdogan says MIT did it, ISIS says HTS did, HTS denies; plus the same claim
    /// repeated long after, and an uncontested attack.
    static let puts: [IndexPut] = [
        put("d1", date: "2023-04-30", entities: [erdogan, mit, leader], claims: [
            claim(speaker: arg("person:erdogan", "Erdogan"), verb: "say", type: .kill, actor: arg("org:mit", "MIT"), target: arg("person:hussein", "the leader"), date: "2023-04-29"),
        ]),
        put("d2", date: "2023-08-04", entities: [isis, hts, leader], claims: [
            claim(speaker: arg("org:isis", "Islamic State"), verb: "accuse", type: .kill, actor: arg("org:hts", "HTS"), target: arg("person:hussein", "him")),
            claim(speaker: nil, verb: nil, type: .attack, actor: arg("org:hts", "HTS"), target: arg("org:isis", "ISIS cells")),
        ]),
        put("d3", date: "2023-08-05", entities: [hts, leader], claims: [
            claim(speaker: arg("org:hts", "HTS"), verb: "deny", type: .kill, actor: arg("org:hts", "HTS"), target: arg("person:hussein", "the ISIS leader"), polarity: .denied),
        ]),
        put("d4", date: "2025-06-01", entities: [hts, leader], claims: [
            claim(speaker: arg(nil, "local sources"), verb: "say", type: .kill, actor: arg("org:hts", "HTS"), target: arg("person:hussein", "him")),
        ]),
    ]

    init() throws {
        store = try IndexStore(path: nil)
        _ = try store.write(Self.puts)
    }

    @Test func contradictionsGroupTheVersionsOfOneEventWithTheirClaimantsAndDocuments() throws {
        let reply = try store.contradictions(ContradictionsQuery())
        #expect(reply.groups.count == 1)
        let group = try #require(reply.groups.first)
        #expect(group.eventType == .kill)
        #expect(group.target.entityID == "person:hussein")
        #expect(group.location == nil) // a person's death is one event wherever it is reported
        #expect(group.reasons == ["conflicting actors", "denial"])
        #expect(group.from == "2023-04-29" && group.to == "2023-08-05") // d4 is two years later: another event
        let byActor = Dictionary(grouping: group.versions) { "\($0.actor?.entityID ?? "-") \($0.polarity.rawValue)" }
        #expect(Set(byActor.keys) == ["org:mit asserted", "org:hts asserted", "org:hts denied"])
        #expect(byActor["org:mit asserted"]?.first?.claimants == ["Recep Tayyip Erdogan"])
        #expect(byActor["org:mit asserted"]?.first?.documentIDs == ["d1"])
        #expect(byActor["org:hts asserted"]?.first?.claims.map(\.speaker?.entityID) == ["org:isis"])
        #expect(byActor["org:hts denied"]?.first?.documentIDs == ["d3"])
        #expect(byActor["org:hts denied"]?.first?.claims.first?.documentTitle == "Title d3")
    }

    @Test func aNarrowWindowLeavesOnlyTheDenialAndAWideOneTakesTheLaterClaimIn() throws {
        let narrow = try store.contradictions(ContradictionsQuery(windowDays: 30))
        #expect(narrow.groups.map(\.reasons) == [["denial"]])
        #expect(Set(narrow.groups.first?.versions.flatMap(\.documentIDs) ?? []) == ["d2", "d3"])
        let wide = try store.contradictions(ContradictionsQuery(windowDays: 3650))
        #expect(Set(wide.groups.first?.versions.flatMap(\.documentIDs) ?? []) == ["d1", "d2", "d3", "d4"])
    }

    @Test func contradictionsFilterByEntityAndType() throws {
        #expect(try store.contradictions(ContradictionsQuery(entity: "MIT")).groups.count == 1)
        #expect(try store.contradictions(ContradictionsQuery(entity: "Abu al-Hussein")).groups.count == 1)
        #expect(try store.contradictions(ContradictionsQuery(entity: "Islamic State")).groups.count == 1) // as a speaker
        #expect(try store.contradictions(ContradictionsQuery(eventType: "attack")).groups.isEmpty)
        #expect(throws: SiftwireError.self) { try store.contradictions(ContradictionsQuery(eventType: "deny")) }
        #expect(throws: SiftwireError.self) { try store.contradictions(ContradictionsQuery(entity: "Nobody Known")) }
    }

    @Test func claimsAreFilteredBySpeakerActorTargetTypeAndDate() throws {
        #expect(try store.claims(ClaimsQuery()).total == 5)
        #expect(try store.claims(ClaimsQuery(speaker: "Erdogan")).claims.map(\.documentID) == ["d1"])
        #expect(try store.claims(ClaimsQuery(actor: "HTS")).total == 4)
        #expect(try store.claims(ClaimsQuery(target: "Abu al-Hussein", eventType: "kill")).total == 4)
        #expect(try store.claims(ClaimsQuery(entity: "Islamic State")).total == 2) // speaker in d2, target in d2
        #expect(try store.claims(ClaimsQuery(dateFrom: "2023-08-01", dateTo: "2023-12-31")).total == 3)
        let page = try store.claims(ClaimsQuery(limit: 2, offset: 1))
        #expect(page.claims.count == 2 && page.total == 5)
        #expect(page.claims.first?.documentID == "d3") // newest document first: d4, then d3
        #expect(throws: SiftwireError.self) { try store.claims(ClaimsQuery(eventType: "bombing")) }
        #expect(throws: SiftwireError.self) { try store.claims(ClaimsQuery(speaker: "Nobody Known")) }
    }

    @Test func claimsAreFilteredByDocument() throws {
        let d2 = try store.claims(ClaimsQuery(document: "d2"))
        #expect(d2.total == 2 && d2.claims.map(\.documentID) == ["d2", "d2"])
        #expect(d2.claims.map { $0.event?.type } == [.kill, .attack]) // in the document's order
        #expect(try store.claims(ClaimsQuery(eventType: "attack", document: "d2")).claims.map(\.event?.target?.entityID) == ["org:isis"])
        #expect(try store.claims(ClaimsQuery(actor: "HTS", document: "d1")).total == 0)
        #expect(try store.claims(ClaimsQuery(document: "no-such-document")).total == 0)
        #expect(throws: SiftwireError.self) { try store.claims(ClaimsQuery(document: " ")) }
    }

    @Test func theProfileListsClaimsWhereTheEntityIsSpeakerActorOrTarget() throws {
        let hts = try store.profile(EntityQuery(name: "HTS"))
        #expect(hts.claimCount == 4)
        #expect(hts.claims?.first?.documentID == "d4")
        let erdogan = try store.profile(EntityQuery(name: "Erdogan"))
        #expect(erdogan.claimCount == 1)
        #expect(erdogan.claims?.first?.event?.actor?.name == "National Intelligence Organization")
    }

    @Test func rewritingADocumentReplacesItsClaimsAndRepeatingItChangesNothing() throws {
        _ = try store.write(Self.puts)
        #expect(try store.claims(ClaimsQuery()).total == 5)
        let changed = Self.put("d4", date: "2025-06-01", entities: [Self.hts], claims: [], text: "A new text for d4.")
        _ = try store.write([changed])
        #expect(try store.claims(ClaimsQuery()).total == 4)
    }

    @Test func aMergeMovesTheMergedEntitysClaimRoles() throws {
        let tahrir = IndexStoreTests.entity("org:tahrir", "Tahrir al-Sham", .org, mentions: ["Tahrir al-Sham"])
        _ = try store.write([Self.put("d5", date: "2023-08-06", entities: [tahrir, Self.leader], claims: [
            Self.claim(speaker: Self.arg("org:tahrir", "Tahrir al-Sham"), verb: "deny", type: .kill, actor: Self.arg("org:tahrir", "Tahrir al-Sham"),
                       target: Self.arg("person:hussein", "him"), polarity: .denied),
        ])])
        #expect(try store.claims(ClaimsQuery(speaker: "org:hts")).total == 1)
        _ = try store.merge(MergeEntities(into: "org:hts", from: "org:tahrir"))
        #expect(try store.claims(ClaimsQuery(speaker: "org:hts")).total == 2)
        let group = try #require(try store.contradictions(ContradictionsQuery()).groups.first)
        #expect(group.versions.first { $0.polarity == .denied }?.documentIDs == ["d3", "d5"])
    }
}

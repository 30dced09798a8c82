import Foundation
import Testing
import SiftwireExtraction
import SiftwireProtocol
@testable import SiftwireIndex

/// Cross-document name links: a new person's shorter or longer name form joins the one existing
/// person it fits, explainably and reversibly; never when two people fit.
@Suite("Index store: cross-document person name links")
struct NameLinkStoreTests {
    typealias T = IndexStoreTests
    let store: IndexStore

    init() throws { store = try IndexStore(path: nil) }

    /// A person as the engine extracts an unknown name: id derived from the name.
    static func person(_ name: String, mentions: [String]? = nil) -> ExtractedEntity {
        T.entity(ArabicName.derivedPersonID(name), name, .person, mentions: mentions ?? [name])
    }

    var counter: Int { (try? store.documentCount()) ?? 0 }

    func index(_ entities: ExtractedEntity...) throws {
        let n = counter + 1
        _ = try store.write([T.put("d\(n)", text: "document \(n) " + entities.map(\.name).joined(separator: ", "), date: "2023-0\(min(n, 9))-01",
                                   entities: entities)])
    }

    static let husseini = "Abu al-Hussein al-Husseini al-Qurashi"

    @Test func aBareNisbahLinksToTheOnlyPersonCarryingItAndSaysWhy() throws {
        try index(Self.person(Self.husseini))
        try index(Self.person("Qurashi"))
        let profile = try store.profile(EntityQuery(name: "Qurashi"))
        #expect(profile.id == ArabicName.derivedPersonID(Self.husseini) && profile.documentCount == 2)
        #expect(profile.aliases.first { $0.text == "Qurashi" }?.reason == "contained name (nisbah)")
        let link = try #require(profile.judgements?.first)
        #expect(link.kind == "merge" && link.by == IndexStore.nameLinker && link.note?.contains("contained name (nisbah)") == true)
        #expect(try store.stats().entities == 1)
        // looked up with or without the article
        #expect(try store.profile(EntityQuery(name: "al-Qurashi", fuzzy: false)).id == profile.id)
    }

    @Test func aLongerFormArrivingLaterBecomesTheName() throws {
        try index(Self.person("Abu al-Hussein al-Husseini"))
        try index(Self.person(Self.husseini))
        let profile = try store.profile(EntityQuery(name: Self.husseini))
        #expect(profile.name == Self.husseini && profile.documentCount == 2)
        #expect(profile.aliases.first { $0.text == "Abu al-Hussein al-Husseini" }?.reason == "contained name")
        // transliterations of the long form are one entity too
        try index(Self.person("Abu al-Husayn al-Husayni al-Qurashi"))
        #expect(try store.profile(EntityQuery(name: Self.husseini)).documentCount == 3)
        #expect(try store.stats().entities == 1)
    }

    @Test func twoCarriersKeepTheShortFormApart() throws {
        try index(Self.person(Self.husseini), Self.person("Abu Ibrahim al-Hashimi al-Qurashi"))
        try index(Self.person("al-Qurashi"))
        #expect(try store.stats().entities == 3)
        #expect(try store.profile(EntityQuery(name: "al-Qurashi")).id == ArabicName.derivedPersonID("al-Qurashi"))
        // two Abu Mohammads with different nisbahs: a bare "Abu Mohammad" links to neither
        try index(Self.person("Abu Mohammad al-Julani"), Self.person("Abu Mohammad al-Adnani"))
        try index(Self.person("Abu Mohammad"))
        #expect(try store.stats().entities == 6)
    }

    @Test func aFormFittingOneFullerNameLinksThoughABareShorterFormIsStoredToo() throws {
        // the bare "al-Qurashi" (two carriers: kept apart) does not make "Abu Hussein al-Qurashi" ambiguous
        try index(Self.person(Self.husseini), Self.person("Abu Hafs al-Hashimi al-Qurashi"))
        try index(Self.person("al-Qurashi"))
        try index(Self.person("Abu Hussein al-Qurashi"))
        #expect(try store.profile(EntityQuery(name: "Abu Hussein al-Qurashi", fuzzy: false)).id == ArabicName.derivedPersonID(Self.husseini))
        #expect(try store.stats().entities == 3)
    }

    @Test func aShortFormReportedKilledLinksToTheOnlyCarrierReportedKilled() throws {
        func killed(_ e: ExtractedEntity) -> ExtractedClaim {
            ExtractedClaim(sentence: 0, start: 0, end: 10, speaker: nil, verb: nil, verbMention: nil, content: nil,
                           event: ClaimEvent(type: .kill, trigger: Mention(text: "killed", start: 0, end: 6),
                                             target: ClaimArgument(entityID: e.id, text: e.name, start: 0, end: e.name.count)),
                           polarity: .asserted, modality: .asserted)
        }
        func put(_ id: String, _ entities: [ExtractedEntity], claims: [ExtractedClaim]) -> IndexPut {
            var p = T.put(id, text: "document \(id)", date: "2023-08-0\(counter + 1)", entities: entities)
            p.extraction.claims = claims
            return p
        }
        let husseini = Self.person(Self.husseini), hafs = Self.person("Abu Hafs al-Hashimi al-Qurashi")
        _ = try store.write([put("d1", [husseini, hafs], claims: [killed(husseini)])])
        // named only as "al-Qurashi" in a report of his killing: the carrier reported killed, not his successor
        let bare = Self.person("al-Qurashi")
        _ = try store.write([put("d2", [bare], claims: [killed(bare)])])
        let profile = try store.profile(EntityQuery(name: Self.husseini))
        #expect(profile.documentCount == 2)
        #expect(profile.judgements?.first?.note?.contains("reported killed") == true)
        // not reported killed there: two carriers, no link
        let other = try IndexStore(path: nil)
        _ = try other.write([put("d1", [husseini, hafs], claims: [killed(husseini)])])
        _ = try other.write([put("d2", [bare], claims: [])])
        #expect(try other.stats().entities == 3)
    }

    @Test func swapsFathersSonsAndBrothersNeverLink() throws {
        try index(Self.person("Abu Bakr al-Baghdadi"), Self.person("Hafez al-Assad"), Self.person("Mohammed bin Zayed"))
        try index(Self.person("Abu Bakr al-Iraqi"), Self.person("Bashar al-Assad"), Self.person("Abdullah bin Zayed"))
        #expect(try store.stats().entities == 6)
        #expect(try store.allJudgements().isEmpty)
    }

    @Test func aKunyaLinksToItsOnlyCarrierAndNotToOrganisations() throws {
        try index(Self.person("Abu Ibrahim al-Hashimi al-Qurashi"), T.entity("org:hts", "Hay'at Tahrir al-Sham", .org, mentions: ["HTS"]))
        try index(Self.person("Abu Ibrahim"))
        let profile = try store.profile(EntityQuery(name: "Abu Ibrahim"))
        #expect(profile.name == "Abu Ibrahim al-Hashimi al-Qurashi")
        #expect(profile.aliases.first { $0.text == "Abu Ibrahim" }?.reason == "contained name (kunya)")
    }

    @Test func splitUndoesALinkAndLaterDocumentsFollowTheSplit() throws {
        try index(Self.person(Self.husseini))
        try index(Self.person("Qurashi"))
        let long = ArabicName.derivedPersonID(Self.husseini)
        let split = try store.split(SplitEntity(entity: long, alias: "Qurashi", by: "ana"))
        #expect(split.changed && split.mentionsMoved == 1)
        #expect(try store.profile(EntityQuery(name: long)).documentCount == 1)
        // the next "Qurashi" goes to the split-off entity, not back into the long name
        try index(Self.person("Qurashi"))
        let qurashi = try store.profile(EntityQuery(name: "Qurashi"))
        #expect(qurashi.id == split.newEntity && qurashi.documentCount == 2)
        #expect(try store.profile(EntityQuery(name: long)).documentCount == 1)
    }

    @Test func dictionaryIdsAreNotRelinkedButNewFormsLinkToThem() throws {
        let julani = T.entity("person:julani", "Abu Mohammad al-Julani", .person, mentions: ["Abu Mohammad al-Julani"])
        try index(julani)
        // a dictionary id arriving new is never linked into another entity
        try index(T.entity("person:adnani", "Abu Mohammad al-Adnani", .person, mentions: ["al-Adnani"]))
        // an unknown fuller form links to the dictionary person and keeps its name
        try index(Self.person("Abu Mohammad al-Julani al-Shami"))
        let profile = try store.profile(EntityQuery(name: "person:julani"))
        #expect(profile.name == "Abu Mohammad al-Julani" && profile.documentCount == 2)
        #expect(profile.aliases.first { $0.text == "Abu Mohammad al-Julani al-Shami" }?.reason == "contained name")
        #expect(try store.stats().entities == 2)
    }
}

extension NameLinkStoreTests {
    /// The three outlets: a short form, the dictionary's full name, a bare nisbah.
    @Test func theQurashiStoryEndsAsOnePerson() throws {
        try index(Self.person("Abu al-Hussein al-Husseini"))
        try index(T.entity("person:hussein-husseini", Self.husseini, .person, mentions: [Self.husseini]))
        try index(Self.person("Qurashi"))
        let profile = try store.profile(EntityQuery(name: "Qurashi"))
        #expect(profile.id == "person:hussein-husseini" && profile.name == Self.husseini && profile.documentCount == 3)
        #expect(profile.aliases.first { $0.text == "Abu al-Hussein al-Husseini" }?.reason == "contained name")
        #expect(profile.judgements?.count == 2 && profile.judgements?.allSatisfy { $0.by == IndexStore.nameLinker } == true)
        #expect(try store.stats().entities == 1)
        // the merged-away unknown id still resolves
        #expect(try store.profile(EntityQuery(name: ArabicName.derivedPersonID("Abu al-Hussein al-Husseini"))).match == "merged")
    }
}

extension NameLinkStoreTests {
    /// The outlets arrive in another order: two shorter forms (different nisbahs, so not forms of each other) are
    /// stored before the full name, which both fit.
    @Test func twoShorterFormsStoredFirstJoinTheFullNameWhenItArrives() throws {
        try index(Self.person("Abu Hussein al-Qurashi"))
        try index(Self.person("Abu al-Hussein al-Husseini"))
        #expect(try store.stats().entities == 2)
        try index(T.entity("person:hussein-husseini", Self.husseini, .person, mentions: [Self.husseini]))
        let profile = try store.profile(EntityQuery(name: "Abu Hussein al-Qurashi"))
        #expect(profile.id == "person:hussein-husseini" && profile.documentCount == 3)
        #expect(try store.stats().entities == 1)
        #expect(profile.judgements?.allSatisfy { $0.by == IndexStore.nameLinker } == true)
    }
}

import Foundation
import Testing
import SiftwireExtraction
import SiftwireProtocol
@testable import SiftwireIndex

@Suite("Index store: full text, entities, idempotent writes")
struct IndexStoreTests {
    let store: IndexStore

    init() throws {
        store = try IndexStore(path: nil)
    }

    static func put(_ id: String, text: String, date: String?, entities: [ExtractedEntity], worker: String = "w") -> IndexPut {
        IndexPut(
            document: IndexedDocument(id: id, hash: "hash-\(text.hashValue)", title: "Title \(id)", text: text, source: "test", date: date),
            extraction: Extraction(title: "Title \(id)", date: date, entities: entities, dates: []),
            workerID: worker)
    }

    static func entity(_ id: String, _ name: String, _ type: EntityType, mentions: [String]) -> ExtractedEntity {
        ExtractedEntity(id: id, name: name, type: type, aliases: mentions,
                        mentions: mentions.enumerated().map { Mention(text: $1, start: $0 * 10, end: $0 * 10 + $1.count) })
    }

    let julani = entity("person:julani", "Abu Mohammad al-Julani", .person, mentions: ["Abu Mohammad al-Julani", "al-Julani"])
    let hts = entity("org:hts", "Hay'at Tahrir al-Sham", .org, mentions: ["HTS"])
    let idlib = entity("loc:idlib", "Idlib", .location, mentions: ["Idleb"])

    func seed() throws {
        _ = try store.write([
            Self.put("d1", text: "Abu Mohammad al-Julani leads HTS in Idleb province.", date: "2023-08-03", entities: [julani, hts, idlib]),
            Self.put("d2", text: "A drone strike near Jindires killed a commander.", date: "2022-07-12", entities: []),
            Self.put("d3", text: "al-Julani spoke in Idlib about HTS.", date: "2024-12-08", entities: [julani, hts]),
        ])
    }

    @Test func searchRanksMatchesAndHighlightsThem() throws {
        try seed()
        let results = try store.search(SearchQuery(text: "Jindires"))
        #expect(results.total == 1)
        #expect(results.hits.first?.id == "d2")
        #expect(results.hits.first?.snippet.contains("[Jindires]") == true)
    }

    @Test func searchSupportsPhrasesBooleansAndPrefixes() throws {
        try seed()
        #expect(try store.search(SearchQuery(text: "\"drone strike\"")).total == 1)
        #expect(try store.search(SearchQuery(text: "HTS NOT Idleb")).hits.map(\.id) == ["d3"])
        #expect(try store.search(SearchQuery(text: "Jin*")).total == 1)
    }

    @Test func ftsSyntaxErrorIsAnInvalidQueryNotACrash() throws {
        try seed()
        for bad in ["\"unbalanced", "NEAR(", "title:", "AND OR", "'; DROP TABLE document; --"] {
            do {
                _ = try store.search(SearchQuery(text: bad))
            } catch {
                #expect(error.code == .invalidQuery, "\(bad)")
            }
        }
        #expect(try store.documentCount() == 3)
    }

    @Test func sameDocumentTwiceIsStoredOnce() throws {
        let put = Self.put("d1", text: "HTS in Idlib.", date: nil, entities: [hts])
        let first = try store.write([put])
        let second = try store.write([put, put])
        #expect(first.map(\.alreadyStored) == [false])
        #expect(second.map(\.alreadyStored) == [true, true])
        #expect(try store.documentCount() == 1)
        #expect(try store.search(SearchQuery(text: "Idlib")).total == 1)
        #expect(try store.profile(EntityQuery(name: "HTS")).mentionCount == 1)
    }

    @Test func changedContentReplacesTheDocumentAndItsMentions() throws {
        _ = try store.write([Self.put("d1", text: "HTS in Idlib.", date: nil, entities: [hts])])
        _ = try store.write([Self.put("d1", text: "Only Idleb now.", date: nil, entities: [idlib])])
        #expect(try store.documentCount() == 1)
        #expect(try store.search(SearchQuery(text: "HTS")).total == 0)
        #expect(try store.profile(EntityQuery(name: "HTS")).documentCount == 0)
    }

    @Test func profileIsFoundByIDAliasOrTransliterationVariant() throws {
        try seed()
        for name in ["person:julani", "al-Julani", "al-Jolani", "Abu Muhammad al-Golani"] {
            #expect(try store.resolveEntity(name) == "person:julani", "\(name)")
        }
        let profile = try store.profile(EntityQuery(name: "al-Jolani"))
        #expect(profile.name == "Abu Mohammad al-Julani")
        #expect(profile.documentCount == 2)
        #expect(profile.mentionCount == 4)
        #expect(profile.firstSeen == "2023-08-03" && profile.lastSeen == "2024-12-08")
        #expect(profile.documents.map(\.id) == ["d3", "d1"])
        #expect(profile.aliases.contains(EntityProfile.Alias(text: "al-Julani", count: 2, reason: "contained name (nisbah)")))
        #expect(profile.comentions.first == EntityProfile.Related(id: "org:hts", name: "Hay'at Tahrir al-Sham", type: .org, documents: 2))
    }

    @Test func unknownEntityIsNotFound() throws {
        try seed()
        #expect(throws: SiftwireError.self) { try store.profile(EntityQuery(name: "Nobody al-Nobody")) }
    }

    @Test func documentViewListsMentionsInOrder() throws {
        try seed()
        let view = try store.document(DocumentQuery(id: "d1"))
        #expect(view.document.title == "Title d1")
        #expect(view.mentions.map(\.start) == view.mentions.map(\.start).sorted())
        #expect(Set(view.mentions.map(\.entityID)) == ["person:julani", "org:hts", "loc:idlib"])
        #expect(throws: SiftwireError.self) { try store.document(DocumentQuery(id: "missing")) }
    }

    @Test func writesQueueConfirmationsUntilAcknowledged() throws {
        try seed()
        #expect(try store.pendingConfirmations(limit: 10).map(\.id).sorted() == ["d1", "d2", "d3"])
        try store.confirmationsAcknowledged(["d1", "d2"])
        #expect(try store.pendingConfirmations(limit: 10).map(\.id) == ["d3"])
    }

    @Test func statsCountWhatIsStored() throws {
        try seed()
        let stats = try store.stats()
        #expect(stats.documents == 3 && stats.entities == 3)
        #expect(stats.entitiesByType == ["PERSON": 1, "ORG": 1, "LOCATION": 1])
        #expect(stats.mentions == 7)
        #expect(stats.indexBytes > 0)
    }
}

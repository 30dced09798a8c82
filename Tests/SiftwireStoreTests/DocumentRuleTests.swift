import Foundation
import GRDB
import Testing
import SiftwireExtract
import SiftwireExtraction
import SiftwireProtocol
@testable import SiftwireIndex

/// One answer for a document's title and date (the extraction's), one put for the first send and
/// every resend, and an index that stores what it was sent: titles, dates and matching keys as
/// sent, spans checked in place.
@Suite("One document rule: the put carries the extraction's title, date and keys; the index stores them as sent")
struct DocumentRuleTests {
    static let engine: ExtractionEngine? = try? EngineFactory.rulesEngine()

    static let text = """
        HTS fighters shelled Idlib

        On 3 August 2023, Abu Mohammad al-Julani, the leader of Hay'at Tahrir al-Sham (HTS), visited Idlib.
        """

    static func item(title: String? = nil, date: String? = nil, published: String? = nil) -> WorkItem {
        WorkItem(id: "d-rule", hash: "h-rule", text: text, title: title, source: "wire", date: date, attempt: 1,
                 url: "https://example.org/rule", published: published, language: "en", author: "Staff", tags: ["idlib"])
    }

    @Test func aDocumentWithoutTitleOrDateIsPutUnderTheOnesTheEngineFound() throws {
        let engine = try #require(Self.engine)
        let item = Self.item()
        let extraction = engine.extract(SourceDocument(text: item.text, title: item.title, date: item.date))
        let put = IndexPut(item: item, extraction: extraction, workerID: "w", engineVersion: engine.version)
        #expect(put.document.title == "HTS fighters shelled Idlib" && put.document.title == extraction.title)
        #expect(put.document.date == "2023-08-03" && put.document.date == extraction.date)
        #expect(put.document.metadata == DocumentMetadata(source: "wire", url: "https://example.org/rule", language: "en",
                                                          author: "Staff", tags: ["idlib"]))
        #expect(put.engineVersion == engine.version)
    }

    @Test func aSubmittedTitleAndPublicationDayWinAndThePutSaysSo() throws {
        let engine = try #require(Self.engine)
        // Ingest hands out the publication day as the item's date.
        let item = Self.item(title: "Julani in Idlib", date: "2023-09-01", published: "2023-09-01T08:00:00Z")
        let extraction = engine.extract(SourceDocument(text: item.text, title: item.title, date: item.date))
        let put = IndexPut(item: item, extraction: extraction, workerID: "w", engineVersion: nil)
        #expect(put.document.title == "Julani in Idlib" && extraction.title == "Julani in Idlib")
        #expect(put.document.date == "2023-09-01" && extraction.date == "2023-09-01")
        #expect(put.document.published == "2023-09-01T08:00:00Z")
    }

    @Test func thePutCarriesTheMatchingKeyOfEveryNameAndStoredAlias() throws {
        let engine = try #require(Self.engine)
        let item = Self.item()
        let extraction = engine.extract(SourceDocument(text: item.text))
        let put = IndexPut(item: item, extraction: extraction, workerID: "w", engineVersion: nil)
        let keys = try #require(put.keys)
        #expect(!extraction.entities.isEmpty)
        for entity in extraction.entities {
            #expect(keys[entity.name] == MatchingKey.key(entity.name))
            for text in entity.mentions.map(\.text) + entity.aliases {
                let stored = IndexPut.aliasText(text)
                #expect(keys[stored] == MatchingKey.key(stored), "no key for '\(stored)'")
            }
        }
        try put.validate()
    }

    @Test func theIndexStoresTheTitleDateAndKeysItWasSent() throws {
        let store = try IndexStore(path: nil)
        let idlib = ExtractedEntity(id: "loc:idlib", name: "Idlib", type: .location, aliases: ["Idleb"],
                                    mentions: [Mention(text: "Idlib", start: 0, end: 5)])
        let put = IndexPut(
            document: IndexedDocument(id: "d1", hash: "h1", title: "Sent title", text: "Idlib was shelled.", source: nil,
                                      date: "2020-01-02", published: "2019-05-05"),
            extraction: Extraction(title: "Engine title", date: "2011-11-11", entities: [idlib], dates: []),
            workerID: "w", keys: ["Idlib": "sent-key", "Idleb": "sent-alias-key"])
        _ = try store.write([put])
        let (title, date, entityKey, aliasKeys) = try store.db.read { db in
            (try String.fetchOne(db, sql: "SELECT title FROM document WHERE id = 'd1'"),
             try String.fetchOne(db, sql: "SELECT date FROM document WHERE id = 'd1'"),
             try String.fetchOne(db, sql: "SELECT matchKey FROM entity WHERE id = 'loc:idlib'"),
             try Row.fetchAll(db, sql: "SELECT text, matchKey FROM alias WHERE entityId = 'loc:idlib' ORDER BY text")
                .map { "\($0["text"] as String)=\($0["matchKey"] as String)" })
        }
        #expect(title == "Sent title" && date == "2020-01-02", "the title and date sent, not re-decided")
        #expect(entityKey == "sent-key")
        #expect(aliasKeys == ["Idleb=sent-alias-key", "Idlib=sent-key"])

        // A put from an older extractor carries no keys: the index keys the names itself.
        let older = IndexPut(document: IndexedDocument(id: "d2", hash: "h2", title: "t", text: "Aleppo again.", source: nil, date: nil),
                             extraction: Extraction(title: "t", date: nil, entities: [
                                ExtractedEntity(id: "loc:aleppo", name: "Aleppo", type: .location, aliases: [],
                                                mentions: [Mention(text: "Aleppo", start: 0, end: 6)]),
                             ], dates: []), workerID: "w")
        _ = try store.write([older])
        let olderKey = try store.db.read { try String.fetchOne($0, sql: "SELECT matchKey FROM entity WHERE id = 'loc:aleppo'") }
        #expect(olderKey == MatchingKey.key("Aleppo"))
    }

    static func put(text: String, mentions: [Mention], dates: [ExtractedDate] = [], keys: [String: String]? = nil) -> IndexPut {
        IndexPut(document: IndexedDocument(id: "d", hash: "h", title: "t", text: text, source: nil, date: nil),
                 extraction: Extraction(title: "t", date: nil, entities: [
                    ExtractedEntity(id: "person:x", name: "X", type: .person, aliases: [], mentions: mentions),
                 ], dates: dates), workerID: "w", keys: keys)
    }

    static func refusal(_ put: IndexPut) -> SiftwireError? {
        do throws(SiftwireError) { try put.validate(); return nil } catch { return error }
    }

    @Test func spansOutOfOrderOverlappingAndAfterCombiningMarksAreAccepted() throws {
        // "é" written as e + U+0301 is two code points; offsets count code points.
        let text = "Caf\u{65}\u{301} owner Ahmad al-Ahmad met Ahmad in Idlib 🇸🇾 on 3 May."
        let scalars = Array(text.unicodeScalars)
        func mention(_ s: String) -> Mention {
            let target = Array(s.unicodeScalars)
            let start = (0...(scalars.count - target.count)).first { Array(scalars[$0..<$0 + target.count]) == target }!
            return Mention(text: s, start: start, end: start + target.count)
        }
        let later = mention("Idlib 🇸🇾"), full = mention("Ahmad al-Ahmad"), first = mention("Ahmad")
        let date = mention("3 May")
        let put = Self.put(text: text, mentions: [later, full, first, Mention(text: "e\u{301}", start: 3, end: 5)],
                           dates: [ExtractedDate(text: date.text, value: nil, start: date.start, end: date.end)])
        #expect(Self.refusal(put) == nil)
    }

    @Test func malformedSpansAndKeysAreRefusedWithAReason() throws {
        let text = "Ahmad met Julani in Idlib."
        let cases: [(IndexPut, String)] = [
            (Self.put(text: text, mentions: [Mention(text: "Ahmad", start: 0, end: 5), Mention(text: "Idlib", start: 20, end: 99)]),
             "mentions[1] spans 20..<99 but the text has 26 characters"),
            (Self.put(text: text, mentions: [Mention(text: "Ahmad", start: -1, end: 4)]), "spans -1..<4"),
            (Self.put(text: text, mentions: [Mention(text: "Ahmad", start: 5, end: 3)]), "spans 5..<3"),
            (Self.put(text: text, mentions: [Mention(text: "Julani", start: 0, end: 6)]),
             "mentions[0] text does not equal the text at 0..<6"),
            (Self.put(text: text, mentions: [Mention(text: "Ahma", start: 0, end: 5)]), "does not equal"),
            (Self.put(text: text, mentions: [Mention(text: "Ahmad met", start: 0, end: 5)]), "does not equal"),
            (Self.put(text: text, mentions: [], dates: [ExtractedDate(text: "x", value: nil, start: 26, end: 27)]),
             "extraction.dates[0] spans 26..<27"),
            (Self.put(text: text, mentions: [], keys: ["X": String(repeating: "k", count: IndexPut.maxKeyBytes + 1)]),
             "keys['X'] is"),
        ]
        for (put, reason) in cases {
            let error = try #require(Self.refusal(put), "accepted: \(reason)")
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains(reason), "\(error.message)")
        }
    }
}

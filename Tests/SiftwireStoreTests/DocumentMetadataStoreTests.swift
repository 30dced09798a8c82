import Foundation
import Testing
import SiftwireExtraction
import SiftwireProtocol
@testable import SiftwireIndex
@testable import SiftwireIngest
import SiftwireExtract

@Suite("Document metadata: stored by ingest, carried to the index, shown in listings")
struct DocumentMetadataStoreTests {
    let limits = IngestStore.Limits(maxDocumentBytes: 10_000)

    @Test func ingestStoresMetadataAndHandsItToExtractors() throws {
        let store = try IngestStore(path: nil)
        let results = try store.accept([
            NewDocument(text: "Shelling hit Idlib.", title: "Idlib shelled", source: "sana", id: "fakes-1", url: "https://sana.sy/1",
                        published: "2016-07-05T10:00:00Z", language: "ar", author: "Staff", tags: ["idlib", "shelling"]),
        ], limits: limits)
        #expect(results == [SubmitAccepted.Result(id: "fakes-1", outcome: .accepted)])
        let item = try #require(try store.leaseNext(count: 1, to: "w", lease: 30).first)
        #expect(item.id == "fakes-1")
        #expect(item.source == "sana" && item.url == "https://sana.sy/1" && item.published == "2016-07-05T10:00:00Z")
        #expect(item.language == "ar" && item.author == "Staff" && item.tags == ["idlib", "shelling"])
        #expect(item.date == "2016-07-05", "the publication day is the document's date")
    }

    @Test func oneTextUnderTwoHeadlinesIsTwoDocumentsTheSameTwiceIsADuplicate() throws {
        let store = try IngestStore(path: nil)
        let text = "At least 70 fighters were killed in 24 hours, a monitor said."
        let results = try store.accept([
            NewDocument(text: text, title: "At least 70 killed in Aleppo", published: "2016-07-01"),
            NewDocument(text: text, title: "At least 70 killed in Aleppo – monitor", published: "2016-07-06"),
            NewDocument(text: text, title: "At least 70 killed in Aleppo", published: "2016-07-01"),
        ], limits: limits)
        #expect(results.map(\.outcome) == [.accepted, .accepted, .duplicate])
        #expect(results[2].id == results[0].id)
    }

    @Test func badMetadataIsRejectedWithAReasonAndTheRestIsStored() throws {
        let store = try IngestStore(path: nil)
        _ = try store.accept([NewDocument(text: "first", id: "taken")], limits: limits)
        let results = try store.accept([
            NewDocument(text: "a", published: "7/5/2016"),
            NewDocument(text: "b", published: "2016-02-30"),
            NewDocument(text: "c", id: "has space"),
            NewDocument(text: "d", id: "taken"),
            NewDocument(text: "e", tags: [String(repeating: "t", count: 300)]),
            NewDocument(text: "f", language: String(repeating: "x", count: 65)),
            NewDocument(text: "g", published: "2016-07-05T25:00:00Z"),
            NewDocument(text: "fine", published: "2016-07-05T10:00:00+03:00"),
        ], limits: limits)
        #expect(results.map(\.outcome) == [.rejected, .rejected, .rejected, .rejected, .rejected, .rejected, .rejected, .accepted])
        #expect(results[0].reason?.contains("published '7/5/2016'") == true)
        #expect(results[3].reason?.contains("already used") == true)
        #expect(try store.counts().received == 2)
    }

    /// The put an extractor sends for an item ingest handed out: the item's date is the publication
    /// day when one was submitted, and the engine answers that date when given, else the one it read.
    static func put(_ id: String, text: String, source: String?, published: String?, engineDate: String?, entities: [ExtractedEntity] = []) -> IndexPut {
        let day = published.flatMap { DocumentMetadataRules.day(ofPublished: $0) }
        let item = WorkItem(id: id, hash: "h-\(id)", text: text, title: "Title \(id)", source: source, date: day, attempt: 1,
                            url: "https://example.org/\(id)", published: published, language: "en", author: nil, tags: ["t"])
        return IndexPut(item: item, extraction: Extraction(title: "Title \(id)", date: day ?? engineDate, entities: entities, dates: []),
                        workerID: "w", engineVersion: nil)
    }

    static let idlib = ExtractedEntity(id: "loc:idlib", name: "Idlib", type: .location, aliases: ["Idlib"],
                                       mentions: [Mention(text: "Idlib", start: 0, end: 5)])

    @Test func thePublicationDateIsTheDocumentDateAndListingsShowTheMetadata() throws {
        let store = try IndexStore(path: nil)
        _ = try store.write([
            Self.put("a", text: "Idlib was shelled.", source: "sana", published: "2016-07-05T10:00:00Z", engineDate: "2012-01-01", entities: [Self.idlib]),
            Self.put("b", text: "Idlib market reopened.", source: "SANA", published: "2017-04-04", engineDate: nil, entities: [Self.idlib]),
            Self.put("c", text: "Idlib talks resumed.", source: "reuters", published: nil, engineDate: "2015-03-02", entities: [Self.idlib]),
            Self.put("d", text: "Idlib without an outlet.", source: nil, published: nil, engineDate: nil),
        ])
        let hits = try store.search(SearchQuery(text: "Idlib", source: "Sana")).hits
        #expect(Set(hits.map(\.id)) == ["a", "b"], "the source filter ignores case")
        let a = try #require(hits.first { $0.id == "a" })
        #expect(a.date == "2016-07-05")
        #expect(a.metadata == DocumentMetadata(source: "sana", url: "https://example.org/a", published: "2016-07-05T10:00:00Z", language: "en", tags: ["t"]))
        #expect(try store.search(SearchQuery(text: "Idlib", dateFrom: "2016-01-01", source: "sana")).hits.map(\.id).sorted() == ["a", "b"])
        #expect(try store.search(SearchQuery(text: "Idlib", dateFrom: "2017-01-01")).hits.map(\.id) == ["b"])
        #expect(try store.search(SearchQuery(text: "Idlib", dateTo: "2015-12-31")).hits.map(\.id) == ["c"], "engine date is the fallback")

        let profile = try store.profile(EntityQuery(name: "Idlib"))
        #expect(profile.firstSeen == "2015-03-02" && profile.lastSeen == "2017-04-04")
        #expect(profile.documents.first { $0.id == "a" }?.metadata?.url == "https://example.org/a")

        let timeline = try store.timeline(TimelineQuery(names: ["Idlib"], bucket: "year"))
        let buckets = try #require(timeline.series.first).buckets
        #expect(buckets.map(\.start) == ["2015-01-01", "2016-01-01", "2017-01-01"])
        #expect(buckets[1].metadata?["a"]?.published == "2016-07-05T10:00:00Z")

        let view = try store.document(DocumentQuery(id: "a"))
        #expect(view.document.published == "2016-07-05T10:00:00Z" && view.document.tags == ["t"] && view.document.language == "en")

        let sources = try store.sources(SourcesQuery())
        #expect(sources.total == 2 && sources.unattributed == 1)
        #expect(sources.sources.first == SourceList.Source(source: "sana", documents: 2, undated: 0, first: "2016-07-05", last: "2017-04-04")
                || sources.sources.first == SourceList.Source(source: "SANA", documents: 2, undated: 0, first: "2016-07-05", last: "2017-04-04"))
        #expect(try store.sources(SourcesQuery(prefix: "reu")).sources.map(\.source) == ["reuters"])
        #expect(throws: SiftwireError.self) { try store.sources(SourcesQuery(limit: 0)) }
    }
}

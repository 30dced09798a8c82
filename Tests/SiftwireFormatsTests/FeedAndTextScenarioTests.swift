import Foundation
import Testing
@testable import SiftwireFormats

@Suite("Feeds, text files with front matter, format detection")
struct FeedAndTextScenarioTests {
    @Test func rssItemsBecomeRecordsWithContentEncodedCDATAEntitiesAndTheChannelAsSource() throws {
        let feed = try FeedReader.read(xml: try Paths.fixture("feeds/rss2.xml"))
        #expect(feed.kind == .rss && feed.title == "Euphrates Bulletin" && feed.language == "en-us")
        #expect(feed.items.count == 4)
        let first = try #require(feed.items[0].record)
        #expect(first.title == "Ferry crossings resume on the Euphrates near Deir ez-Zor")
        #expect(first.text == "Small ferries began carrying passengers across the Euphrates again on Monday after a three-week halt.\n\nBoatmen said fuel was still \"scarce\" & expensive.")
        #expect(first.source == "Euphrates Bulletin")
        #expect(first.url == "https://euphrates.example/2018/03/ferries")
        #expect(first.id == "euphrates-2018-0312")
        #expect(first.published == "2018-03-12T05:15:00Z")
        #expect(first.author == "Hassan al-Ali")
        #expect(first.tags == ["Deir ez-Zor", "Transport"])
        #expect(first.language == "en-us")
        let second = try #require(feed.items[1].record)
        #expect(second.title == "Market reopens in Mayadin & prices fall")
        #expect(second.text == "Traders returned to the covered market in Mayadin on Tuesday.\n\nPrices of bread & sugar fell.")
        #expect(second.author == "Noura Saleh")
        #expect(second.published == "2018-03-13T17:40:00Z")
        let third = try #require(feed.items[2].record)
        #expect(third.text == "Headline only, with a date nobody can read" && third.published == nil)
        #expect(feed.items[3].error?.code == .missingText)
        #expect(feed.items[3].line == 4)
    }

    @Test func atomEntriesReadHTMLAndXHTMLContentAuthorsCategoriesAndLanguages() throws {
        let feed = try FeedReader.read(xml: try Paths.fixture("feeds/atom.xml"))
        #expect(feed.kind == .atom && feed.title == "Idlib Desk" && feed.link == "https://idlibdesk.example/")
        let records = feed.items.compactMap(\.record)
        #expect(records.count == 3)
        #expect(records[0].title == "Displaced families reach camps near Atmeh")
        #expect(records[0].text == "Thousands of families fleeing bombardment in southern Idlib arrived at camps near the Turkish border this week.\n\nTents are short.")
        #expect(records[0].url == "https://idlibdesk.example/2019/05/atmeh-camps")
        #expect(records[0].published == "2019-05-09T18:30:00Z")
        #expect(records[0].author == "Mariam Kassem, Omar Haj")
        #expect(records[0].tags == ["Displacement", "idlib"])
        #expect(records[0].id == "tag:idlibdesk.example,2019:entry-1")
        #expect(records[0].source == "Idlib Desk" && records[0].language == "en")
        #expect(records[1].text == "Three bakeries closed after strikes nearby.\n\nOwners said they would reopen when it was safe.")
        #expect(records[1].published == "2019-05-08T10:00:00Z" && records[1].language == "ar")
        #expect(records[2].text == "Water trucks reached two villages." && records[2].published == "2019-05-07")
    }

    @Test func namespacePrefixesAreResolvedNotMatchedByName() throws {
        let feed = try FeedReader.read(xml: try Paths.fixture("feeds/prefixed_atom.xml"))
        #expect(feed.kind == .atom && feed.title == "Prefixed Desk")
        #expect(feed.items.first?.record?.text == "Text of entry one.")
        #expect(feed.items.first?.record?.published == "2020-01-02T03:04:05Z")
    }

    @Test func aDocumentThatIsNoFeedSaysSo() {
        #expect(throws: FormatError.self) { try FeedReader.read(xml: "<html><body>hi</body></html>") }
        #expect(throws: FormatError.self) { try FeedReader.read(xml: "just text") }
    }

    @Test func frontMatterGivesMetadataAndTheBodyIsTheText() throws {
        let file = """
        ---
        title: "Shelling near Kafr Nabl"
        source: Idlib Desk
        published: 2019-05-04
        url: https://idlibdesk.example/kafr-nabl
        tags: [Idlib, shelling]
        author: 'M. Kassem'
        ---

        Shells fell near the town overnight.
        Second line.
        """
        let r = try TextDocument.record(text: file)
        #expect(r == DocumentRecord(text: "Shells fell near the town overnight.\nSecond line.", title: "Shelling near Kafr Nabl",
                                    source: "Idlib Desk", url: "https://idlibdesk.example/kafr-nabl", published: "2019-05-04",
                                    author: "M. Kassem", tags: ["Idlib", "shelling"]))
        let blockList = try TextDocument.record(text: "---\ntags:\n  - one\n  - two\ndate: not a date\n---\nBody.")
        #expect(blockList.tags == ["one", "two"] && blockList.published == nil && blockList.text == "Body.")
    }

    @Test func plainTextStaysAsItIsReadToday() throws {
        let plain = "Title line\n\nBody of the note.\n"
        #expect(try TextDocument.record(text: plain) == DocumentRecord(text: plain))
        // A rule with no closing rule is Markdown, not front matter.
        let rule = "---\nNot front matter\n"
        #expect(try TextDocument.record(text: rule).text == rule)
        #expect(throws: FormatError.self) { try TextDocument.record(text: "  \n") }
    }

    @Test func formatsAreToldByExtensionAndCanBeNamed() {
        #expect(InputFormat.detect(path: "/x/a.jsonl") == .jsonLines)
        #expect(InputFormat.detect(path: "a.NDJSON") == .jsonLines)
        #expect(InputFormat.detect(path: "FA-KES-Dataset.csv") == .csv)
        #expect(InputFormat.detect(path: "page.htm") == .html)
        #expect(InputFormat.detect(path: "feed.rss") == .feed && InputFormat.detect(path: "f.atom") == .feed && InputFormat.detect(path: "f.xml") == .feed)
        #expect(InputFormat.detect(path: "note.md") == .text && InputFormat.detect(path: "note.txt") == .text)
        #expect(InputFormat.detect(path: "data.parquet") == nil)
        #expect(InputFormat(name: "ndjson") == .jsonLines && InputFormat(name: "RSS") == .feed && InputFormat(name: "markdown") == .text)
        #expect(InputFormat(name: "pdf") == nil)
        do {
            _ = try InputReader.records(at: URL(fileURLWithPath: "/tmp/x.parquet"))
            Issue.record("expected unknown_format")
        } catch {
            #expect(error.code == .unknownFormat)
        }
    }

    @Test func theReaderOverridesTheExtensionAndReadsWholeFileFormats() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("export.txt")
        try Data("{\"text\":\"A\"}\n{\"text\":\"B\"}\n".utf8).write(to: file)
        #expect(Array(try InputReader.records(at: file, format: .jsonLines)).compactMap(\.record?.text) == ["A", "B"])
        #expect(Array(try InputReader.records(at: file)).compactMap(\.record?.text) == ["{\"text\":\"A\"}\n{\"text\":\"B\"}\n"])
        let page = dir.appendingPathComponent("p.html")
        try Data(try Paths.fixture("html/minimal.html").utf8).write(to: page)
        #expect(Array(try InputReader.records(at: page)).first?.record?.title == "Evacuation buses leave eastern Aleppo")
        let feed = dir.appendingPathComponent("f.rss")
        try Data(try Paths.fixture("feeds/rss2.xml").utf8).write(to: feed)
        #expect(Array(try InputReader.records(at: feed)).count == 4)
    }
}

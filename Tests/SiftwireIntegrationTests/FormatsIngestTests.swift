import Foundation
import Testing
import SiftwireProtocol

/// `siftwire ingest` on every input format against a real stack: metadata through the pipeline,
/// per-record errors with their line/row, the FA-KES export, and the Python client's ingest helper.
@Suite("Ingesting JSON Lines, CSV, HTML, feeds and text with metadata, end to end", .serialized)
struct FormatsIngestTests {
    static var repositoryRoot: URL { QueryKindsTests.repositoryRoot }
    static var faKES: URL { repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/news/fa-kes/FA-KES-Dataset.csv") }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text)")
    }

    @Test func everyFormatIngestsWithItsMetadataAndBadRecordsAreReportedByLine() throws {
        let stack = try TestStack(extractors: 1)
        defer { _ = stack.stop() }
        let folder = stack.directory.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            {"id":"wire-1","title":"Shelling in Idlib","text":"Shelling hit Idlib city on Monday, residents said.","source":"Wire One","published":"2016-07-05T10:00:00Z","url":"https://wire.example/1","language":"en","author":"Staff","tags":["idlib","shelling"]}
            {"title":"no text"}
            this is not JSON
            {"text":"Aid convoys reached Idlib province.","outlet":"Wire One","date":"31 July 2016"}
            {"text":"A date nobody can read in Idlib.","date":"someday"}

            """.write(to: folder.appendingPathComponent("wire.jsonl"), atomically: true, encoding: .utf8)
        try """
            headline,content,outlet,when
            Market reopens in Idlib,"Traders reopened the market in Idlib, officials said.",Daily Two,7/5/2016
            Short row,only two
            Idlib council meets,"The council of Idlib met on Sunday.",Daily Two,2017-01-15

            """.write(to: folder.appendingPathComponent("export.csv"), atomically: true, encoding: .utf8)
        try """
            <html><head><title>Idlib water | Page Three</title><meta property="og:site_name" content="Page Three">
            <link rel="canonical" href="https://three.example/water"><meta property="article:published_time" content="2016-09-01T08:00:00Z"></head>
            <body><nav>Home | World | Sport</nav><article><h1>Idlib water station repaired</h1>
            <p>Engineers repaired the main water station in Idlib after weeks of outages, the council said.</p>
            <p>Residents said supply returned to most districts by evening.</p></article>
            <footer>Copyright Page Three. Share on social media.</footer></body></html>
            """.write(to: folder.appendingPathComponent("page.html"), atomically: true, encoding: .utf8)

        try """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Feed Four</title><link>https://four.example/</link>
            <item><title>Idlib schools reopen</title><link>https://four.example/schools</link><guid>four-schools</guid>
            <pubDate>Mon, 03 Oct 2016 09:00:00 GMT</pubDate><description>Schools in Idlib reopened after the summer.</description></item>
            <item><title>Idlib bakery</title><link>https://four.example/bakery</link><guid>four-bakery</guid>
            <pubDate>Tue, 04 Oct 2016 09:00:00 GMT</pubDate><description>A bakery in Idlib doubled its output.</description></item>
            </channel></rss>
            """.write(to: folder.appendingPathComponent("feed.xml"), atomically: true, encoding: .utf8)
        try """
            ---
            title: Idlib notes
            source: Notebook Five
            published: 2016-12-01
            url: https://five.example/notes
            ---
            Field notes from Idlib on the first of December.
            """.write(to: folder.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        let inputs = ["wire.jsonl", "page.html", "feed.xml", "notes.md"].map { folder.appendingPathComponent($0).path }
        // JSON Lines, the page, the feed and the note with the standard field names; the CSV export with a mapping.
        let run = try stack.cli(["ingest"] + inputs + ["--wait", "--json"])
        let report = try Self.json(run.output)
        #expect(run.status == 2, "bad records make the exit status 2")
        #expect(report["accepted"] as? Int == 6, "\(report)")
        #expect(report["indexed"] as? Int == 6)
        #expect(report["records"] as? Int == 6)
        #expect(report["unreadable"] as? Int == 3, "\(report)")
        let rejected = try #require(report["rejected"] as? [[String: String]]).map { "\($0["document"] ?? "") \($0["reason"] ?? "")" }
        #expect(rejected.count == 3)
        #expect(rejected.contains { $0.contains("wire.jsonl line 2") && $0.contains("missing_text") }, "\(rejected)")
        #expect(rejected.contains { $0.contains("wire.jsonl line 3") && $0.contains("invalid_json") }, "\(rejected)")
        #expect(rejected.contains { $0.contains("wire.jsonl line 5") && $0.contains("invalid_date") }, "\(rejected)")
        let export = try stack.cli(["ingest", folder.appendingPathComponent("export.csv").path,
                                    "--map", "headline=title,content=text,outlet=source,when=published", "--wait", "--json"])
        let exported = try Self.json(export.output)
        #expect(exported["accepted"] as? Int == 2 && exported["indexed"] as? Int == 2, "\(exported)")
        let csvRejected = try #require(exported["rejected"] as? [[String: String]])
        #expect(csvRejected.count == 1 && csvRejected[0]["document"]?.hasSuffix("export.csv row 2 (line 3)") == true
                && csvRejected[0]["reason"]?.hasPrefix("field_count") == true, "\(csvRejected)")

        let hit = try #require(try stack.client.ask(SearchQuery(text: "Shelling", expand: false)).hits.first)
        #expect(hit.id == "wire-1" && hit.date == "2016-07-05" && hit.source == "Wire One")
        #expect(hit.metadata == DocumentMetadata(source: "Wire One", url: "https://wire.example/1", published: "2016-07-05T10:00:00Z",
                                                 language: "en", author: "Staff", tags: ["idlib", "shelling"]))
        let page = try #require(try stack.client.ask(SearchQuery(text: "water", expand: false)).hits.first)
        #expect(page.source == "Page Three" && page.date == "2016-09-01" && page.metadata?.url == "https://three.example/water")
        let view = try stack.client.ask(DocumentQuery(id: page.id))
        #expect(!view.document.text.contains("Sport") && !view.document.text.contains("Copyright"), "boilerplate dropped")

        let item = try #require(try stack.client.ask(SearchQuery(text: "bakery", expand: false)).hits.first)
        #expect(item.id == "four-bakery" && item.date == "2016-10-04" && item.metadata?.url == "https://four.example/bakery", "\(item)")
        let note = try #require(try stack.client.ask(SearchQuery(text: "notes", expand: false)).hits.first)
        #expect(note.title == "Idlib notes" && note.source == "Notebook Five" && note.date == "2016-12-01", "\(note)")

        let sources = try stack.client.sources()
        #expect(sources.sources.map(\.source).sorted() == ["Daily Two", "Feed Four", "Notebook Five", "Page Three", "Wire One"], "\(sources)")
        #expect(sources.sources.first { $0.source == "Daily Two" }.map { [$0.first, $0.last] } == ["2016-07-05", "2017-01-15"])
        let cli = try stack.cli(["query", "search", "Idlib", "--source", "daily two", "--from", "2017-01-01", "--json"])
        let found = try JSONDecoder().decode(SearchResults.self, from: Data(cli.output.utf8))
        #expect(found.hits.map(\.title) == ["Idlib council meets"])

        // The same files again: every readable record is a duplicate.
        let again = try Self.json(try stack.cli(["ingest"] + inputs + ["--json"]).output)
        #expect(again["accepted"] as? Int == 0 && again["duplicates"] as? Int == 6, "\(again)")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: FormatsIngestTests.faKES.path),
                   "FA-KES-Dataset.csv is not at ../shared/data/news/fa-kes (third-party, not in the repository)"))
    func faKESIngestsFromItsCSVWithOutletsAndDates() throws {
        let stack = try TestStack(extractors: 2)
        defer { _ = stack.stop() }
        let run = try stack.cli(["ingest", Self.faKES.path, "--map", "article_content=text,article_title=title,source=source,date=published",
                                 "--wait", "--json"])
        let report = try Self.json(run.output)
        #expect(run.status == 0, "\(run.output.prefix(2000))")
        #expect(report["records"] as? Int == 804)
        #expect(report["accepted"] as? Int == 790)
        #expect(report["duplicates"] as? Int == 14)
        #expect((report["rejected"] as? [Any])?.count == 0)
        #expect(report["indexed"] as? Int == 790)

        let sources = try stack.client.sources()
        #expect(sources.total == 15 && sources.unattributed == 0)
        let sana = try #require(sources.sources.first { $0.source == "sana" })
        #expect(sana.documents == 51 && sana.undated == 0 && sana.first == "2014-12-07" && sana.last == "2017-10-10", "\(sana)")

        let cli = try stack.cli(["query", "search", "Idlib", "--source", "sana", "--from", "2016-01-01", "--limit", "50", "--json"])
        #expect(cli.status == 0)
        let found = try JSONDecoder().decode(SearchResults.self, from: Data(cli.output.utf8))
        #expect(found.total > 0, "SANA writes Idleb: the name-aware expansion finds it")
        #expect(found.hits.allSatisfy { $0.source == "sana" && ($0.date ?? "") >= "2016-01-01" })
        #expect(found.hits.allSatisfy { $0.metadata?.published != nil })
    }

    @Test func thePythonClientSubmitsMetadataAndIngestsJSONLinesAndCSV() throws {
        let stack = try TestStack(extractors: 1)
        defer { _ = stack.stop() }
        let (status, text, errorText) = try QueryKindsTests.runPython("ingest_example.py", arguments: [
            stack.launcher.options.endpoints.query, stack.launcher.options.endpoints.ingest])
        #expect(status == 0, "stderr: \(errorText)\nstdout: \(text)")
        #expect(text.hasSuffix("done\n"), "\(text)")
    }
}

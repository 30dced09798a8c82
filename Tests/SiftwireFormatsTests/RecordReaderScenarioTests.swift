import Foundation
import Testing
@testable import SiftwireFormats

@Suite("JSON Lines and CSV readers")
struct RecordReaderScenarioTests {
    func jsonl(_ text: String, mapping: FieldMapping = .standard, chunk: Int = 7) -> [RecordResult] {
        var parser = JSONLinesParser(mapping: mapping)
        var results: [RecordResult] = []
        let bytes = Array(text.utf8)
        // Fed in small chunks, so lines cross chunk boundaries.
        var i = 0
        while i < bytes.count {
            parser.consume(bytes[i..<min(i + chunk, bytes.count)], into: &results)
            i += chunk
        }
        parser.finish(into: &results)
        return results
    }

    @Test func badJSONLinesAreReportedByLineAndNeverHideTheGoodOnes() {
        let input = """
        {"text": "Barrel bombs fell on Daraya.", "source": "SOHR", "date": "2016-02-01", "tags": ["Daraya"]}
        {"text": "truncated
        [1, 2]

        {"title": "no text here"}
        {"body": "Convoy reached Madaya.", "published": "Jan 11, 2016", "id": 42}
        {"text": "Bad date.", "date": "someday"}
        {"text": "Last line, no newline.", "url": "https://example.org/a"}
        """
        let results = jsonl(input)
        #expect(results.map(\.line) == [1, 2, 3, 5, 6, 7, 8])
        #expect(results.compactMap(\.error?.code) == [.invalidJSON, .notAnObject, .missingText, .invalidDate])
        #expect(results.compactMap(\.error?.line) == [2, 3, 5, 7])
        let good = results.compactMap(\.record)
        #expect(good.map(\.text) == ["Barrel bombs fell on Daraya.", "Convoy reached Madaya.", "Last line, no newline."])
        #expect(good[0].source == "SOHR" && good[0].published == "2016-02-01" && good[0].tags == ["Daraya"])
        #expect(good[1].id == "42" && good[1].published == "2016-01-11")
        #expect(good[2].url == "https://example.org/a")
    }

    @Test func aMappedExportAndCRLFLinesRead() throws {
        let input = "{\"article_content\":\"Text one.\",\"outlet\":\"SANA\"}\r\n{\"article_content\":\"Text two.\",\"outlet\":\"Reuters\"}\r\n"
        let results = jsonl(input, mapping: try FieldMapping(parsing: "article_content=text"))
        #expect(results.compactMap(\.record).map(\.text) == ["Text one.", "Text two."])
        #expect(results.compactMap(\.record).map(\.source) == ["SANA", "Reuters"])
    }

    @Test func aLineOverTheLimitIsSkippedWithAnErrorAndReadingGoesOn() {
        var parser = JSONLinesParser(maxLineBytes: 100)
        let long = "{\"text\": \"" + String(repeating: "x", count: 500) + "\"}"
        let results = parser.parseAll(Array("{\"text\":\"a\"}\n\(long)\n{\"text\":\"b\"}\n".utf8))
        #expect(results.map(\.line) == [1, 2, 3])
        #expect(results[1].error?.code == .tooLarge)
        #expect(results.compactMap(\.record).map(\.text) == ["a", "b"])
        #expect(parser.peakBufferedBytes <= 100)
    }

    func csv(_ text: String, mapping: FieldMapping = .standard, chunk: Int = 5) -> [RecordResult] {
        var parser = CSVParser(mapping: mapping)
        var results: [RecordResult] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            parser.consume(bytes[i..<min(i + chunk, bytes.count)], into: &results)
            i += chunk
        }
        parser.finish(into: &results)
        return results
    }

    @Test func quotedFieldsWithCommasDoubledQuotesAndNewlinesReadAsOneField() throws {
        let input = "\u{FEFF}id,Title,Body,Outlet,When\r\n"
            + "1,\"Talks, again\",\"He said \"\"no\"\".\r\nThen left.\",SANA,4/5/2017\r\n"
            + "2,Plain,Simple text,Reuters,7/10/2016\r\n"
            + "\r\n"
            + "3,Short row,only three\r\n"
            + "4,Last,\"No final newline\",TASS,5 July 2016"
        let results = csv(input, mapping: try FieldMapping(parsing: "body=text,outlet=source,when=published"))
        #expect(results.map(\.row) == [1, 2, 3, 4])
        #expect(results.map(\.line) == [2, 4, 6, 7])
        let first = try #require(results[0].record)
        #expect(first.title == "Talks, again")
        #expect(first.text == "He said \"no\".\nThen left.")
        #expect(first.source == "SANA" && first.published == "2017-04-05" && first.id == "1")
        #expect(results[1].record?.published == "2016-07-10")
        #expect(results[2].error?.code == .fieldCount)
        #expect(results[2].error?.description == "field_count: row 3 (line 6): 3 fields where the header has 5")
        #expect(results[3].record?.text == "No final newline")
    }

    @Test func anUnclosedQuoteIsOneErrorAndTheRowsAfterItAreStillRead() {
        let input = "text,source\n\"Opened but never closed,SANA\nSecond row,Reuters\nThird row,TASS\n"
        let results = csv(input)
        #expect(results.first?.error?.code == .unterminatedQuote)
        #expect(results.first?.error?.line == 2)
        #expect(results.compactMap(\.record).map(\.source) == ["Reuters", "TASS"])
        #expect(results.compactMap(\.record).map(\.text) == ["Second row", "Third row"])
    }

    @Test func anEmptyCSVFileSaysItNeedsAHeader() {
        #expect(csv("").first?.error?.code == .missingHeader)
    }

    /// The FA-KES data set (third-party; read in place next to the repository, never copied).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Paths.faKes.path)))
    func theFAKESDatasetReadsAll804RowsWithOutletsAndDates() throws {
        let mapping = try FieldMapping(parsing: "article_content=text,article_title=title,source=source,date=published")
        let stream = try InputReader.records(at: Paths.faKes, format: .csv, mapping: mapping)
        var records: [DocumentRecord] = []
        var errors: [FormatError] = []
        for item in stream {
            switch item.result {
            case .success(let r): records.append(r)
            case .failure(let e): errors.append(e)
            }
        }
        let distinct = Set(records.map { [$0.title ?? "", $0.text] }).count
        print("FA-KES: \(records.count) records, \(errors.count) errors, \(distinct) distinct title+text pairs")
        #expect(distinct == 790)
        #expect(errors.isEmpty, "\(errors.prefix(3))")
        #expect(records.count == 804)
        #expect(records.allSatisfy { $0.source != nil && $0.published != nil && $0.title != nil })
        #expect(Set(records.compactMap(\.source)).contains("sana"))
        #expect(records.first?.published == "2017-04-05")
    }
}

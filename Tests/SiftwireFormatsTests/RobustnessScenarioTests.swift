import Foundation
import Testing
@testable import SiftwireFormats

/// The readers never crash and never depend on where chunk boundaries fall.
@Suite("Robustness: chunk boundaries, hostile and random input")
struct RobustnessScenarioTests {
    /// A small deterministic generator (SplitMix64), so failures replay.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func summary(_ results: [RecordResult]) -> [String] {
        results.map { r in "\(r.line)/\(r.row ?? 0)/" + (r.record.map { "\($0.text)|\($0.title ?? "")|\($0.published ?? "")" } ?? r.error!.description) }
    }

    static func feed<P: RecordParser>(_ parser: P, _ bytes: [UInt8], chunk: Int) -> [RecordResult] {
        var parser = parser
        var results: [RecordResult] = []
        var i = 0
        while i < bytes.count {
            parser.consume(bytes[i..<min(i + chunk, bytes.count)], into: &results)
            i += chunk
        }
        parser.finish(into: &results)
        return results
    }

    @Test func csvAndJSONLinesGiveTheSameRecordsWhateverTheChunkSize() {
        let csv = Array("title,text,date\r\n\"A, b\",\"x \"\"y\"\"\r\nz\",4/5/2017\r\nB,plain,bad date\r\n\"C\",\"unclosed,7/5/2016\r\nD,after,5 July 2016\r\n".utf8)
        let jsonl = Array("{\"text\":\"a\",\"date\":\"2016-07-05\"}\r\n\n{bad}\n[]\n{\"text\":\"b\"}".utf8)
        let csvWhole = Self.summary(Self.feed(CSVParser(), csv, chunk: csv.count))
        let jsonWhole = Self.summary(Self.feed(JSONLinesParser(), jsonl, chunk: jsonl.count))
        #expect(csvWhole.count == 4)
        #expect(jsonWhole.count == 4)
        for chunk in [1, 2, 3, 5, 7, 13, 64] {
            #expect(Self.summary(Self.feed(CSVParser(), csv, chunk: chunk)) == csvWhole, "CSV, chunks of \(chunk)")
            #expect(Self.summary(Self.feed(JSONLinesParser(), jsonl, chunk: chunk)) == jsonWhole, "JSONL, chunks of \(chunk)")
        }
    }

    @Test func deeplyNestedMarkupDoesNotExhaustTheStack() {
        let depth = 100_000
        let html = String(repeating: "<div>", count: depth) + "<p>Deep text that is still read as an article paragraph here.</p>" + String(repeating: "</div>", count: depth)
        #expect(HTMLArticleExtractor.extract(html: html).text.contains("Deep text"))
        let xml = "<rss><channel>" + String(repeating: "<x>", count: depth) + "</channel></rss>"
        _ = try? FeedReader.read(xml: xml)
    }

    @Test func randomlyMutatedPagesFeedsAndFilesNeverCrashTheReaders() throws {
        var rng = Seeded(state: 16)
        let seeds = [try Paths.fixture("html/news_heavy_nav.html"), try Paths.fixture("feeds/rss2.xml"),
                     try Paths.fixture("feeds/atom.xml"), "a,b\n\"1\",\"2\"\n", "{\"text\":\"x\",\"date\":\"Tue, 05 Jul 2016 10:30:00 GMT\"}\n",
                     "---\ntitle: x\n---\nbody"]
        let alphabet = Array("<>/\"'=&#;![]-:\r\n ,{}\\x0aé".utf8)
        for round in 0..<300 {
            var bytes = Array(seeds[round % seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...20, using: &rng) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[at] = alphabet.randomElement(using: &rng)!
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &rng)))
                default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: at)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            _ = HTMLArticleExtractor.extract(html: text)
            _ = try? FeedReader.read(xml: text)
            _ = try? TextDocument.record(text: text)
            _ = PublicationDate.normalize(String(text.prefix(40)))
            var csv = CSVParser()
            _ = csv.parseAll(bytes)
            var json = JSONLinesParser()
            _ = json.parseAll(bytes)
        }
    }
}

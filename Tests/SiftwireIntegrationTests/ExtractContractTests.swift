import Foundation
import SiftwireClient
import Testing
import SiftwireCLI
import SiftwireProtocol
import SiftwireResources

/// `siftwire extract FILE... --format jsonl`, run as the real binary, against its output contract.
@Suite("siftwire extract output contract")
struct ExtractContractTests {
    func runExtract(_ files: [String]) throws -> (status: Int32, lines: [[String: Any]]) {
        let (status, output) = try TestStack.siftwire(["extract"] + files + ["--format", "jsonl", "--data", "/nonexistent"])
        let lines = try output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        return (status, lines)
    }

    @Test func oneObjectPerFileWithOffsetsIntoTheRawText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("extract-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try SiftwireResources.demoCorpus()
        var paths: [String] = []
        for item in corpus {
            let url = folder.appendingPathComponent(item.name)
            try item.text.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let (status, lines) = try runExtract(paths)
        #expect(status == 0)
        #expect(lines.count == corpus.count)
        var mentionsChecked = 0, claimSpansChecked = 0
        for (line, item) in zip(lines, corpus) {
            #expect(Set(line.keys) == ["document", "title", "date", "entities", "dates", "claims"])
            #expect(line["document"] as? String == folder.appendingPathComponent(item.name).path)
            let scalars = Array(item.text.unicodeScalars)
            func slice(_ span: [String: Any]) -> String? {
                guard let start = span["start"] as? Int, let end = span["end"] as? Int, 0 <= start, start < end, end <= scalars.count else { return nil }
                return String(String.UnicodeScalarView(scalars[start..<end]))
            }
            for entity in line["entities"] as? [[String: Any]] ?? [] {
                #expect(entity["id"] is String && entity["name"] is String && entity["aliases"] is [String])
                #expect(["PERSON", "ORG", "LOCATION", "NORP"].contains(entity["type"] as? String ?? ""))
                for mention in entity["mentions"] as? [[String: Any]] ?? [] {
                    #expect(slice(mention) == mention["text"] as? String, "\(item.name): \(mention)")
                    mentionsChecked += 1
                }
            }
            for date in line["dates"] as? [[String: Any]] ?? [] {
                #expect(slice(date) == date["text"] as? String, "\(item.name): \(date)")
                if let value = date["value"] as? String {
                    #expect([4, 7, 10].contains(value.count), "\(value) is YYYY, YYYY-MM or YYYY-MM-DD")
                }
            }
            let entityIDs = Set((line["entities"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
            for claim in line["claims"] as? [[String: Any]] ?? [] {
                #expect(slice(claim) != nil && claim["sentence"] is Int)
                #expect(["asserted", "denied", "negated"].contains(claim["polarity"] as? String ?? ""))
                #expect(["asserted", "alleged"].contains(claim["modality"] as? String ?? ""))
                let event = claim["event"] as? [String: Any]
                let spans = [claim["speaker"], claim["verbMention"], claim["content"], event?["trigger"], event?["actor"], event?["target"], event?["location"]]
                for case let span as [String: Any] in spans {
                    #expect(slice(span) == span["text"] as? String, "\(item.name): \(span)")
                    if let id = span["entityID"] as? String { #expect(entityIDs.contains(id), "\(id) is an entity of the same document") }
                    claimSpansChecked += 1
                }
                if let type = event?["type"] as? String { #expect(["kill", "attack", "arrest", "accuse", "deny"].contains(type)) }
            }
        }
        #expect(mentionsChecked > 300)
        #expect(claimSpansChecked > 100)
    }

    @Test func missingFileIsReportedAndTheRestStillExtracted() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("one-\(UUID()).txt")
        try "Hay'at Tahrir al-Sham (HTS) holds Idlib.".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, lines) = try runExtract([file.path, "/nonexistent/article.txt"])
        #expect(status != 0)
        #expect(lines.count == 1)
    }

    @Test func entityIDsEqualTheIDsTheIndexUses() throws {
        let stack = try TestStack(extractors: 1)
        defer { _ = stack.stop() }
        let item = try #require(try SiftwireResources.demoCorpus().first { $0.text.contains("Jolani") || $0.text.contains("Julani") })
        let file = stack.directory.appendingPathComponent(item.name)
        try item.text.write(to: file, atomically: true, encoding: .utf8)
        let extracted = try runExtract([file.path]).lines[0]
        let ids = Set((extracted["entities"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        #expect(!ids.isEmpty)

        var summary = try Ingestor(client: stack.client, showProgress: false).submit([(item.name, NewDocument(text: item.text))])
        try Ingestor(client: stack.client, showProgress: false).wait(for: summary.accepted, summary: &summary, timeout: .seconds(60))
        let view = try stack.client.ask(DocumentQuery(id: summary.accepted[0]))
        #expect(Set(view.mentions.map(\.entityID)) == ids)
    }
}

import Foundation
import Testing
@testable import SiftwireExtraction

/// `siftwire extract` writes its lines by hand (`Extraction.writeLine`); they must be the same JSON values
/// JSONEncoder writes, on written documents and on text with control characters, quotes, backslashes and
/// non-ASCII letters.
@Suite("Extraction JSON written by hand equals JSONEncoder's")
struct ExtractionJSONTests {
    /// The reference: what `siftwire extract` wrote with JSONEncoder before.
    struct Reference: Encodable {
        var document: String
        var extraction: Extraction
        enum CodingKeys: String, CodingKey { case document, title, date, entities, dates, claims }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(document, forKey: .document)
            try c.encode(extraction.title, forKey: .title)
            try c.encode(extraction.date, forKey: .date)
            try c.encode(extraction.entities, forKey: .entities)
            try c.encode(extraction.dates, forKey: .dates)
            try c.encode(extraction.claims, forKey: .claims)
        }
    }

    /// The same JSON value as JSONEncoder's (whose key order varies from run to run on this platform; ours is
    /// the declaration order, every time).
    static func same(_ document: String, _ x: Extraction) throws -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let reference = try JSONSerialization.jsonObject(with: encoder.encode(Reference(document: document, extraction: x))) as? NSDictionary
        var out = JSONBytes()
        x.writeLine(document: document, &out)
        let ours = try JSONSerialization.jsonObject(with: Data(out.bytes)) as? NSDictionary
        return reference != nil && reference == ours
    }

    @Test func theKeysComeInDeclarationOrderEveryTime() throws {
        var out = JSONBytes()
        extract("Report: HTS said on Monday that its fighters killed 12 militants in Idlib.", date: "2023-08-05").writeLine(document: "d", &out)
        let line = String(decoding: out.bytes, as: UTF8.self)
        #expect(line.hasPrefix("{\"document\":\"d\",\"title\":"))
        #expect(line.contains("\"polarity\":\"asserted\",\"modality\":\"asserted\"}"))
    }

    @Test func writtenDocumentsWithEveryKindOfFieldMatch() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../devset/docs").standardized
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "txt" }
        #expect(files.count >= 20)
        var claims = 0, runningTotals = 0, states = 0
        for file in files {
            let x = extract(try String(contentsOf: file, encoding: .utf8), date: "2023-08-05")
            claims += x.claims.count
            runningTotals += x.claims.filter { $0.event?.runningTotal != nil }.count
            states += x.claims.filter { $0.event?.actor?.state != nil || $0.event?.location?.state != nil }.count
            #expect(try Self.same(file.lastPathComponent, x), "\(file.lastPathComponent)")
        }
        #expect(claims > 50)
        #expect(states > 0)
    }

    @Test func awkwardCharactersAreEscapedAsJSONEncoderDoes() throws {
        let text = "Quote \"HTS\" said\t\u{1}back\\slash / slash — Idlib’s ‘office’ é\r\nReport: a car bomb killed 12 people in Azaz since Monday, the monitor said.\u{7f}"
        let x = extract(text, date: nil)
        #expect(x.date == nil)
        #expect(try Self.same("a/b \"c\"\n", x))
    }
}

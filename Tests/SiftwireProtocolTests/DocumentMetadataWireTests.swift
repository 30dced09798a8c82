import Foundation
import Testing
import SiftwireProtocol

@Suite("Document metadata on the wire: optional, compatible with older clients")
struct DocumentMetadataWireTests {
    @Test func anOldShapedSubmitStillDecodes() throws {
        let body = #"{"documents":[{"text":"HTS took Idlib.","title":"t","source":"s","date":"2026-11-18"},{"text":"plain"}]}"#
        let submit = try JSONDecoder().decode(SubmitDocuments.self, from: Data(body.utf8))
        #expect(submit.documents == [NewDocument(text: "HTS took Idlib.", title: "t", source: "s", date: "2026-11-18"), NewDocument(text: "plain")])
        #expect(submit.documents[0].effectiveDate == "2026-11-18")
    }

    @Test func metadataIsOptionalAndLeftOutWhenAbsent() throws {
        let plain = String(decoding: try JSONEncoder().encode(NewDocument(text: "x")), as: UTF8.self)
        #expect(plain == #"{"text":"x"}"#)
        let full = NewDocument(text: "x", source: "sana", id: "a-1", url: "https://u", published: "2016-07-05T10:00:00Z",
                               language: "ar", author: "me", tags: ["a", "b"])
        let decoded = try JSONDecoder().decode(NewDocument.self, from: JSONEncoder().encode(full))
        #expect(decoded == full)
        #expect(full.effectiveDate == "2016-07-05")
        // An older extractor's index.put (no metadata) decodes too.
        let put = #"{"id":"d1","hash":"h","title":"t","text":"x","source":"s","date":"2020-01-01"}"#
        #expect(try JSONDecoder().decode(IndexedDocument.self, from: Data(put.utf8)).published == nil)
    }

    @Test(arguments: [
        ("2016-07-05", true), ("2016-07-05T10:00:00Z", true), ("2016-07-05T10:00Z", true), ("2016-07-05T10:00:00.123Z", true),
        ("2016-07-05T10:00:00+03:00", true), ("2016-07-05 10:00:00-05:00", true),
        ("2016-02-30", false), ("7/5/2016", false), ("2016-07-05T24:00:00Z", false), ("2016-07-05T10:00:00", false),
        ("2016-07-05T10:00:00+0300", false), ("2016-7-5", false), ("", false), ("2016-07-05Tjunk", false),
    ])
    func publishedValues(_ value: String, _ valid: Bool) {
        #expect(DocumentMetadataRules.isValidPublished(value) == valid, "\(value)")
    }

    @Test func aSourcesQueryDefaultsItsFields() throws {
        let query = try JSONDecoder().decode(SourcesQuery.self, from: Data("{}".utf8))
        #expect(query.limit == 100 && query.prefix == nil)
    }
}

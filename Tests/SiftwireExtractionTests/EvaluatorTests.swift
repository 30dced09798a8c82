import Testing
@testable import SiftwireEvaluation
import Foundation
@testable import SiftwireExtraction

@Suite struct EvaluatorScenarios {
    static let textA = "Hay’at Tahrir al-Sham (HTS) said Sheikh Abu Mohammad al-Julani met\nal-Julani's aides in Idlib on August 3."
    static let goldA = """
    {"document": "docs/a.txt", "date": "2023-08-03", "entities": [{"id": "hts", "type": "ORG", "mentions": ["Hay'at Tahrir al-Sham", "HTS"]}, {"id": "julani", "type": "PERSON", "mentions": ["Abu Mohammad al-Julani", "al-Julani"]}, {"id": "idlib", "type": "LOCATION", "mentions": ["Idlib"]}], "dates": [{"text": "August 3", "value": "2023-08-03"}]}
    {"document": "docs/b.txt", "entities": [{"id": "julani", "type": "PERSON", "mentions": ["Julani"]}, {"id": "idlib", "type": "LOCATION", "mentions": ["Idlib"]}]}
    """
    static let textB = "Julani returned to Idlib. Idlib was calm."

    static func span(_ text: String, _ s: String, from: Int = 0) -> Mention {
        let sc = Array(text.unicodeScalars)
        let p = Array(s.unicodeScalars)
        for i in from...(sc.count - p.count) where Array(sc[i..<(i + p.count)]) == p { return Mention(text: s, start: i, end: i + p.count) }
        fatalError("not found")
    }

    @Test func goldFileParsesAndMatchesSpansByRule() throws {
        let gold = try GoldFile.parse(Self.goldA)
        #expect(gold.count == 2)
        #expect(gold[1].dates.isEmpty && gold[1].date == nil)
        let strings = gold[0].entities.enumerated().flatMap { i, e in e.mentions.map { ($0, i) } }
        let spans = GoldFile.spans(of: strings, in: Self.textA)
        // curly apostrophe matches; "Abu Mohammad al-Julani" wins over its inner "al-Julani"; the wrapped al-Julani's counts
        #expect(spans.map(\.owner) == [0, 0, 1, 1, 2])
        #expect(throws: GoldFileError.self) { try GoldFile.parse("{not json}\n") }
    }

    @Test func evaluatorCountsMentionsEntitiesAndIdentity() throws {
        let gold = try GoldFile.parse(Self.goldA)
        let a = Self.textA, b = Self.textB
        // doc A: HTS found with both mentions; Julani found with one of three mentions; Idlib typed wrongly as ORG.
        let predA = Extraction(title: "", date: "2023-08-03", entities: [
            ExtractedEntity(id: "org:hts", name: "HTS", type: .org, aliases: [], mentions: [Self.span(a, "Hay’at Tahrir al-Sham"), Self.span(a, "HTS")]),
            ExtractedEntity(id: "person:julani", name: "J", type: .person, aliases: [], mentions: [Self.span(a, "Abu Mohammad al-Julani")]),
            ExtractedEntity(id: "org:idlib", name: "Idlib", type: .org, aliases: [], mentions: [Self.span(a, "Idlib")]),
        ], dates: [ExtractedDate(text: "August 3", value: "2023-08-03", start: Self.span(a, "August 3").start, end: Self.span(a, "August 3").end)])
        // doc B: Julani with a different id (identity miss), Idlib both mentions.
        let predB = Extraction(title: "", date: nil, entities: [
            ExtractedEntity(id: "person:jolani", name: "J", type: .person, aliases: [], mentions: [Self.span(b, "Julani")]),
            ExtractedEntity(id: "loc:idlib", name: "Idlib", type: .location, aliases: [], mentions: [Self.span(b, "Idlib"), Self.span(b, "Idlib", from: 20)]),
        ], dates: [])
        let r = Evaluator.evaluate([(gold[0], a, predA), (gold[1], b, predB)])
        // mentions: gold P/O/L = 2 ORG + 2+1 PERSON + 1+2 LOC = 8; predicted judged = 2+1+1 + 1+2 = 7; correct = 2+1+0 + 1+2 = 6
        #expect(r.mentionScore(for: nil) == Score(truePositives: 6, predicted: 7, gold: 8))
        #expect(r.mentionScore(for: .location) == Score(truePositives: 2, predicted: 2, gold: 3))
        #expect(abs(r.mentionF1(for: nil) - 2 * 6.0 / 15.0) < 1e-9)
        // entities: gold 5 (hts, julani, idlib, julani, idlib); predicted 5; found: hts, julani, julani, idlib(B) = 4
        #expect(r.entityScore(for: nil) == Score(truePositives: 4, predicted: 5, gold: 5))
        #expect(r.entityF1(for: .org) == 2 * 0.5 * 1.0 / 1.5)
        // identity nodes: (A,hts) (A,julani) (B,julani) (B,idlib): gold pairs 1 (julani), predicted pairs 0
        #expect(r.identity == Score(truePositives: 0, predicted: 0, gold: 1))
        #expect(r.identityF1 == 0)
        #expect(r.dates == Score(truePositives: 1, predicted: 1, gold: 1))
        #expect(r.table().contains("identity"))
        let json = try JSONEncoder().encode(r)
        #expect(try JSONDecoder().decode(EvaluationReport.self, from: json).mention == r.mention)
    }

    @Test func perfectPredictionScoresOne() throws {
        let gold = try GoldFile.parse(Self.goldA)
        let x = extract(Self.textA)
        let y = extract(Self.textB)
        let r = Evaluator.evaluate([(gold[0], Self.textA, x), (gold[1], Self.textB, y)])
        #expect(r.mentionF1(for: .org) == 1)
        #expect(r.entityF1(for: .location) == 1)
        #expect(r.identityF1 == 1)
    }
}

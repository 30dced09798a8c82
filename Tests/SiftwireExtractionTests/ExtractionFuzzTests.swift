import Foundation
import Testing
import SiftwireFuzzing
import SiftwireResources
@testable import SiftwireExtraction

/// Seeded fuzzing of text repair and of the extraction engine with mutated articles: spliced
/// articles, truncation at any scalar, byte damage decoded with U+FFFD repair, unicode edge cases
/// (bidi controls, combining marks, Arabic, NUL, lone line separators), pathological repetition.
/// Invariants: no crash; the repair map is monotonic and in range; every mention and date lies
/// inside the raw text and its `text` equals the raw slice at its offsets.
///
/// `SIFTWIRE_FUZZ_ITERATIONS` sets the documents per test (`make fuzz`); the CI default is small.
@Suite("Fuzzing: text repair and the extraction engine")
struct ExtractionFuzzTests {
    static let seeds: [String] = ((try? SiftwireResources.demoCorpus().map(\.text)) ?? []) + [
        "Abu Mohammad al-Julani (also known as Ahmed al-Sharaa) said on 3 August 2023 that HTS would stay in Idlib.",
        "إدلب — قال أبو محمد الجولاني إن هيئة تحرير الشام ستبقى. Idlib, 3 Aug. 2023: HTS said so.",
    ]

    /// One hostile document built from the seeds.
    static func document(_ mutator: inout Mutator) -> String {
        var text = mutator.pick(seeds)
        for _ in 0..<(1 + mutator.int(4)) {
            switch mutator.int(9) {
            case 0: // truncate at a random scalar
                let scalars = Array(text.unicodeScalars)
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars.prefix(mutator.int(scalars.count + 1)))
                text = String(view)
            case 1: // splice two articles at random scalar positions
                let a = Array(text.unicodeScalars), b = Array(mutator.pick(seeds).unicodeScalars)
                var view = String.UnicodeScalarView()
                view.append(contentsOf: a.prefix(mutator.int(a.count + 1)))
                view.append(contentsOf: b.suffix(mutator.int(b.count + 1)))
                text = String(view)
            case 2: // byte damage, decoded the way the CLI reads files (invalid UTF-8 becomes U+FFFD)
                text = String(decoding: mutator.mutate(Data(text.utf8)), as: UTF8.self)
            case 3: // edge strings inserted at random scalar positions
                var scalars = Array(text.unicodeScalars)
                for _ in 0..<(1 + mutator.int(8)) {
                    scalars.insert(contentsOf: Array(mutator.randomString().unicodeScalars), at: mutator.int(scalars.count + 1))
                }
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                text = String(view)
            case 4: // pathological repetition
                text += String(repeating: mutator.pick(["al-", "Abu ", "(HTS) ", "also known as ", "\n", "-\n", "Sheikh ", "3 August ", "The ", "ال"]),
                               count: 1 + mutator.int(400))
            case 5: // one long line: every line break removed
                text = text.replacingOccurrences(of: "\n", with: " ")
            case 6: // hard wraps everywhere
                text = text.replacingOccurrences(of: " ", with: mutator.pick(["\n", "\r\n", "\u{2028}", " \n "]))
            case 7: // random scalars
                text = mutator.randomString() + text + mutator.randomString()
            default: // HTML around the text
                text = "<html><script>alert('Idlib')</script><p>" + text + "</p></html>"
            }
        }
        return text
    }

    @Test func repairMapsEveryRepairedScalarBackIntoTheRawText() {
        let iterations = FuzzBudget.iterations(default: 400)
        var mutator = Mutator(seed: FuzzBudget.seed(77))
        let deadline = ContinuousClock.now + FuzzBudget.seconds(default: 8)
        var tried = 0
        for _ in 0..<iterations where ContinuousClock.now < deadline {
            let raw = Self.document(&mutator)
            tried += 1
            let repaired = TextRepair.repair(raw)
            let rawCount = raw.unicodeScalars.count
            #expect(repaired.raw.count == rawCount)
            #expect(repaired.map.count == repaired.text.count + 1, "map has one entry per repaired scalar plus the end")
            #expect(repaired.map.last.map(Int.init) == rawCount)
            var previous: Int32 = 0, ordered = true
            for value in repaired.map {
                if value < previous || Int(value) > rawCount { ordered = false; break }
                previous = value
            }
            #expect(ordered, "the map is monotonic and inside the raw text")
            if !repaired.text.isEmpty {
                let start = mutator.int(repaired.text.count), end = start + mutator.int(repaired.text.count - start + 1)
                let range = repaired.rawRange(start, end)
                #expect(range.lowerBound >= 0 && range.upperBound <= rawCount)
                _ = repaired.rawString(start, end)
                _ = repaired.cleanString(start, end)
            }
        }
        print("fuzz text repair: \(tried) documents")
    }

    @Test func extractionOffsetsAlwaysPointAtTheirText() {
        let iterations = FuzzBudget.iterations(default: 250)
        var mutator = Mutator(seed: FuzzBudget.seed(1312))
        let deadline = ContinuousClock.now + FuzzBudget.seconds(default: 12)
        var tried = 0, mentions = 0
        for _ in 0..<iterations where ContinuousClock.now < deadline {
            let raw = Self.document(&mutator)
            tried += 1
            let date: String? = mutator.chance(3) ? mutator.pick(["2023-08-03", "", "not a date", "2024-02-30"]) : nil
            let title: String? = mutator.chance(5) ? mutator.randomString() : nil
            let extraction = seedEngine.extract(SourceDocument(text: raw, title: title, date: date))
            #expect(offsetsAreExact(extraction, raw), "offsets off in a document of \(raw.unicodeScalars.count) scalars (seed \(FuzzBudget.seed(1312)), document \(tried))")
            for entity in extraction.entities {
                #expect(!entity.id.isEmpty && !entity.mentions.isEmpty)
                mentions += entity.mentions.count
            }
            if title?.isEmpty ?? true { #expect(extraction.title.count <= ExtractionRun.titleCap + 1, "a title taken from the text is capped") }
        }
        print("fuzz extraction: \(tried) documents, \(mentions) mentions checked")
        #expect(mentions > 0)
    }

    @Test func aDocumentThatIsOneLongLineKeepsAShortTitle() {
        let line = String(repeating: "Fighters from HTS clashed near Idlib on Monday ", count: 2000)
        let extraction = seedEngine.extract(SourceDocument(text: line))
        #expect(extraction.title.count <= ExtractionRun.titleCap + 1)
        #expect(extraction.title.hasSuffix("…"))
        #expect(offsetsAreExact(extraction, line))
        #expect(extraction.entities.contains { $0.id == "org:hts" })
    }
}

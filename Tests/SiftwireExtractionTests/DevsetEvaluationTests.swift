import Testing
@testable import SiftwireEvaluation
import Foundation
@testable import SiftwireExtraction

/// Runs the engine on the development set (`devset/gold.jsonl`) when it is present and prints the report.
/// Set SIFT_DEVSET_VERBOSE=1 to list every missed and spurious mention.
@Test func developmentSetReport() throws {
    let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let goldURL = root.appendingPathComponent("devset/gold.jsonl")
    guard let jsonl = try? String(contentsOf: goldURL, encoding: .utf8) else { return }
    let gold = try GoldFile.parse(jsonl)
    var items = [(gold: GoldDocument, text: String, predicted: Extraction)]()
    let verbose = ProcessInfo.processInfo.environment["SIFT_DEVSET_VERBOSE"] != nil
    for g in gold {
        guard let text = try? String(contentsOf: goldURL.deletingLastPathComponent().appendingPathComponent(g.document), encoding: .utf8) else { continue }
        let x = seedEngine.extract(SourceDocument(text: text))
        #expect(offsetsAreExact(x, text))
        items.append((g, text, x))
        if verbose {
            let report = Evaluator.evaluate([(g, text, x)])
            let strings = g.entities.enumerated().flatMap { i, e in e.mentions.map { ($0, i) } }
            let spans = GoldFile.spans(of: strings, in: text)
            var goldSet = [Range<Int>: EntityType]()
            for s in spans { goldSet[s.start..<s.end] = g.entities[s.owner].type }
            var predSet = [Range<Int>: (EntityType, String)]()
            for e in x.entities { for m in e.mentions { predSet[m.start..<m.end] = (e.type, e.id) } }
            print("== \(g.document)  mentionF1 \(String(format: "%.3f", report.mentionF1(for: nil)))  date \(x.date ?? "nil") gold \(g.date ?? "nil")")
            let scalars = Array(text.unicodeScalars)
            func sl(_ r: Range<Int>) -> String { var v = String.UnicodeScalarView(); v.append(contentsOf: scalars[r]); return String(v).replacingOccurrences(of: "\n", with: "⏎") }
            for (r, t) in goldSet.sorted(by: { $0.key.lowerBound < $1.key.lowerBound }) where predSet[r]?.0 != t {
                print("  MISS \(t.rawValue) '\(sl(r))'" + (predSet[r].map { " (pred \($0.0.rawValue))" } ?? ""))
            }
            for (r, p) in predSet.sorted(by: { $0.key.lowerBound < $1.key.lowerBound }) where goldSet[r] == nil {
                print("  SPUR \(p.0.rawValue) '\(sl(r))' \(p.1)")
            }
        }
    }
    let report = Evaluator.evaluate(items)
    print(report.table())
}

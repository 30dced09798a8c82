import Testing
import Foundation
import SiftwireResources
@testable import SiftwireExtraction

@Test func debugDump() throws {
    guard let path = ProcessInfo.processInfo.environment["SIFT_DUMP"] else { return }
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let x = extract(text)
    print("TITLE:", x.title, "DATE:", x.date ?? "nil")
    for e in x.entities { print(e.type.rawValue, e.id, "|", e.name, "| role:", e.role ?? "-", "|", e.mentions.map { $0.text.replacingOccurrences(of: "\n", with: "⏎") }) }
    for d in x.dates { print("DATE", d.text, d.value ?? "nil") }
}

@Test func debugDict() throws {
    guard ProcessInfo.processInfo.environment["SIFT_DUMP"] != nil else { return }
    do { let t = try SiftwireResources.seedDictionary(); print("LEN", t.count); _ = try ActorDictionaryFile.parse(t) } catch { print("ERR", error) }
}

@Test func debugDates() throws {
    guard ProcessInfo.processInfo.environment["SIFT_DATES"] != nil else { return }
    let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let goldURL = root.appendingPathComponent("devset/gold.jsonl")
    let gold = try GoldFile.parse(try String(contentsOf: goldURL, encoding: .utf8))
    for g in gold {
        let text = try String(contentsOf: goldURL.deletingLastPathComponent().appendingPathComponent(g.document), encoding: .utf8)
        let x = extract(text)
        let spans = GoldFile.spans(of: g.dates.enumerated().map { ($0.element.text, $0.offset) }, in: text)
        var goldMap = [Range<Int>: String]()
        for s in spans { goldMap[s.start..<s.end] = "\(g.dates[s.owner].text)=\(g.dates[s.owner].value ?? "nil")" }
        var predMap = [Range<Int>: String]()
        for d in x.dates { predMap[d.start..<d.end] = "\(d.text)=\(d.value ?? "nil")" }
        for (r, v) in goldMap where predMap[r] != v { print("DMISS \(g.document.prefix(12)) gold \(v) pred \(predMap[r] ?? "-")") }
        for (r, v) in predMap where goldMap[r] == nil { print("DSPUR \(g.document.prefix(12)) \(v)") }
    }
}

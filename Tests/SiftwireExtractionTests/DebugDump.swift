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

@Test func debugIdentity() throws {
    guard ProcessInfo.processInfo.environment["SIFT_IDS"] != nil else { return }
    let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let goldURL = root.appendingPathComponent("devset/gold.jsonl")
    let gold = try GoldFile.parse(try String(contentsOf: goldURL, encoding: .utf8))
    var map = [String: Set<String>]()
    for g in gold {
        let text = try String(contentsOf: goldURL.deletingLastPathComponent().appendingPathComponent(g.document), encoding: .utf8)
        let x = extract(text)
        let strings = g.entities.enumerated().flatMap { i, e in e.mentions.map { ($0, i) } }
        var owner = [Range<Int>: Int]()
        for s in GoldFile.spans(of: strings, in: text) { owner[s.start..<s.end] = s.owner }
        for e in x.entities { for m in e.mentions { if let o = owner[m.start..<m.end], g.entities[o].type == e.type { map[g.entities[o].id, default: []].insert(e.id) } } }
    }
    for (k, v) in map where v.count > 1 { print("IDSPLIT \(k): \(v.sorted())") }
    var rev = [String: Set<String>]()
    for (k, v) in map { for p in v { rev[p, default: []].insert(k) } }
    for (k, v) in rev where v.count > 1 { print("IDMERGE \(k): \(v.sorted())") }
}

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

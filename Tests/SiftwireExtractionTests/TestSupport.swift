import Testing
import Foundation
import SiftwireResources
@testable import SiftwireExtraction

/// The engine as it ships: the seed dictionary, the generated gazetteer and the trained tagger.
let seedEngine: ExtractionEngine = ExtractionEngine(dictionary: seedEntries, gazetteer: gazetteerEntries, tagger: bundledTagger)
/// The dictionary and rules alone (no tagger, no gazetteer).
let rulesEngine: ExtractionEngine = ExtractionEngine(dictionary: seedEntries)

let gazetteerEntries: [DictionaryEntry] = ((try? SiftwireResources.gazetteerFiles()) ?? []).flatMap { (try? Gazetteer.parse($0.text)) ?? [] }
let bundledTagger: NERModel? = (try? SiftwireResources.nerModel()).flatMap { $0 }.flatMap { try? NERModel(serialized: $0) }

/// The shipped seed dictionary, read from the resource bundle as the services read it.
let seedText: String = (try? SiftwireResources.seedDictionary()) ?? ""
let seedEntries: [DictionaryEntry] = (try? ActorDictionaryFile.parse(seedText)) ?? []

func extract(_ text: String, date: String? = nil) -> Extraction {
    seedEngine.extract(SourceDocument(text: text, date: date))
}

extension Extraction {
    func entity(_ mentionText: String) -> ExtractedEntity? {
        entities.first { e in e.mentions.contains { $0.text == mentionText } }
    }
    func entity(id: String) -> ExtractedEntity? { entities.first { $0.id == id } }
}

/// Every mention's text must equal the raw slice at its code-point offsets.
func offsetsAreExact(_ x: Extraction, _ raw: String) -> Bool {
    let scalars = Array(raw.unicodeScalars)
    func slice(_ s: Int, _ e: Int) -> String {
        guard s >= 0, e <= scalars.count, s <= e else { return "<out of range>" }
        var v = String.UnicodeScalarView(); v.append(contentsOf: scalars[s..<e]); return String(v)
    }
    for e in x.entities { for m in e.mentions where slice(m.start, m.end) != m.text { return false } }
    for d in x.dates where slice(d.start, d.end) != d.text { return false }
    return true
}

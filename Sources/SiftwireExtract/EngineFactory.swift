import Foundation
import SiftwireExtraction
import SiftwireResources

/// Builds the extraction engine as Siftwire ships it: the actor dictionary, the generated world gazetteer and
/// the trained tagger (all bundled resources).
public enum EngineFactory {
    /// The shipped engine over `dictionary` (the seed dictionary when nil).
    public static func standard(dictionary: [DictionaryEntry]? = nil) throws -> ExtractionEngine {
        try rulesEngine(dictionary: dictionary).with(tagger: try bundledTagger())
    }

    /// The dictionary and gazetteer without the tagger (what the tagger is trained beside).
    public static func rulesEngine(dictionary: [DictionaryEntry]? = nil) throws -> ExtractionEngine {
        ExtractionEngine(dictionary: try dictionary ?? SeedDictionary.load().entries, gazetteer: try gazetteer())
    }

    /// The bundled tagger, or nil when the package ships none.
    public static func bundledTagger() throws -> NERModel? {
        guard let data = try SiftwireResources.nerModel() else { return nil }
        return try NERModel(serialized: data)
    }

    /// The generated world gazetteer (empty when none ships).
    public static func gazetteer() throws -> [DictionaryEntry] {
        try SiftwireResources.gazetteerFiles().flatMap { try Gazetteer.parse($0.text) }
    }
}

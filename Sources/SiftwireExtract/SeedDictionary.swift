import Foundation
import SiftwireExtraction
import SiftwireResources
import SiftwireRuntime

/// The shipped actor dictionary, parsed, with a version that changes when the file does.
public enum SeedDictionary {
    public static func load() throws -> (entries: [DictionaryEntry], version: String) {
        let text = try SiftwireResources.seedDictionary()
        return (try ActorDictionaryFile.parse(text), SHA256.hex(text))
    }

    /// Opens (or creates) an extractor store, seeds it, and returns the dictionary it now holds.
    public static func prepare(_ store: ExtractStore) throws -> [DictionaryEntry] {
        let seed = try load()
        try store.seed(with: seed.entries, version: seed.version)
        return try store.dictionary()
    }

    /// The dictionary for one-shot commands (`extract`, `eval`, `dictionary list`): the seed, plus
    /// the user's entries from the extractor store under `layout` when one exists.
    public static func local(_ layout: StoreLayout) throws -> [DictionaryEntry] {
        guard FileManager.default.fileExists(atPath: layout.extract) else { return try load().entries }
        return try prepare(ExtractStore(path: layout.extract))
    }
}

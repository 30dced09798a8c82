import Foundation

/// A text file shipped inside the package (demo article, seed dictionary), with the name it ships under.
public struct BundledText: Sendable, Hashable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// The text data that ships with Siftwire: the demo corpus and the seed actor dictionary.
/// All of it was written by the Siftwire team.
public enum SiftwireResources {
    /// The directory holding the bundled files.
    public static var directory: URL {
        Bundle.module.bundleURL.appendingPathComponent("Resources", isDirectory: true)
    }

    /// The built-in demo corpus, one article per file, sorted by file name.
    public static func demoCorpus() throws -> [BundledText] {
        let folder = directory.appendingPathComponent("demo", isDirectory: true)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".md") || $0.hasSuffix(".txt") }
            .sorted()
        return try names.map { name in
            BundledText(name: name, text: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// The seed actor dictionary (`actors.tsv`), as text.
    public static func seedDictionary() throws -> String {
        try String(contentsOf: directory.appendingPathComponent("actors.tsv"), encoding: .utf8)
    }
}

extension SiftwireResources {
    /// The trained entity tagger (`models/ner-news.swner`), or nil when none ships.
    public static func nerModel() throws -> Data? {
        let url = directory.appendingPathComponent("models/ner-news.swner")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try Data(contentsOf: url)
    }

    /// The generated gazetteer files (`gazetteer/*.tsv`), sorted by name.
    public static func gazetteerFiles() throws -> [BundledText] {
        let folder = directory.appendingPathComponent("gazetteer", isDirectory: true)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return try names.filter { $0.hasSuffix(".tsv") }.sorted().map { name in
            BundledText(name: name, text: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }
}

import ArgumentParser
import Foundation
import SiftwireRuntime
import SiftwireExtract
import SiftwireExtraction

/// The `siftwire extract` output contract: one object per input file.
struct ExtractOutput: Encodable {
    var document: String
    var title: String
    var date: String?
    var entities: [ExtractedEntity]
    var dates: [ExtractedDate]
    var claims: [ExtractedClaim]

    enum CodingKeys: String, CodingKey { case document, title, date, entities, dates, claims }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(document, forKey: .document)
        try container.encode(title, forKey: .title)
        try container.encode(date, forKey: .date)  // null when unknown, never omitted
        try container.encode(entities, forKey: .entities)
        try container.encode(dates, forKey: .dates)
        try container.encode(claims, forKey: .claims)
    }
}

struct ExtractFilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Extract entities, dates and claims from files, without any service running.")

    enum Format: String, ExpressibleByArgument { case jsonl }

    @Argument(help: "Text or Markdown files.") var files: [String]
    @Option(help: "Output format.") var format: Format = .jsonl
    @Option(help: "Data directory whose extractor dictionary (with user additions) to use, if present.")
    var data = "./siftwire-data"

    func run() async throws {
        let engine = ExtractionEngine(dictionary: try SeedDictionary.local(StoreLayout(data: data)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var failed = false
        for file in files {
            do {
                let text = try DocumentFiles.text(of: URL(fileURLWithPath: file))
                let extraction = engine.extract(SourceDocument(text: text))
                let output = ExtractOutput(document: file, title: extraction.title, date: extraction.date,
                                           entities: extraction.entities, dates: extraction.dates,
                                           claims: extraction.claims)
                print(String(decoding: try encoder.encode(output), as: UTF8.self))
            } catch {
                failed = true
                FileHandle.standardError.write(Data("error: \(file): \(error.localizedDescription)\n".utf8))
            }
        }
        if failed { throw ExitCode(2) }
    }
}

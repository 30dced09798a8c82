import ArgumentParser
import Foundation
import SiftwireRuntime
import SiftwireExtract
import SiftwireExtraction

/// The `siftwire extract` output contract: one JSON object per input file, written by `Extraction.writeLine`
/// (SiftwireModel): `{"document", "title", "date" (null when unknown), "entities", "dates", "claims"}`.
struct ExtractFilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Extract entities, dates and claims from files, without any service running.",
        discussion: """
        PATHS are text or Markdown files, folders (walked for .txt/.md), or - for JSON Lines on standard input: one \
        document per line, {"text": …} with optional "id", "title" and "date" (YYYY-MM-DD). One JSON line is written per document.
        """)

    enum Format: String, ExpressibleByArgument { case jsonl }

    @Argument(help: "Files, folders, or - for JSON Lines on standard input.") var paths: [String]
    @Option(help: "Output format.") var format: Format = .jsonl
    @Option(help: "Data directory whose extractor dictionary (with user additions) to use, if present.")
    var data = "./siftwire-data"
    @Flag(help: "The rules alone, without the trained tagger.") var rulesOnly = false

    func run() async throws {
        let dictionary = try SeedDictionary.local(StoreLayout(data: data))
        let engine = rulesOnly ? try EngineFactory.rulesEngine(dictionary: dictionary) : try EngineFactory.standard(dictionary: dictionary)
        var output = ExtractWriter()
        var failed = false
        func fail(_ what: String, _ why: String) {
            failed = true
            FileHandle.standardError.write(Data("error: \(what): \(why)\n".utf8))
        }
        for path in paths {
            if path == "-" {
                var line = 0
                while let text = readLine(strippingNewline: true) {
                    line += 1
                    if text.allSatisfy(\.isWhitespace) { continue }
                    do {
                        let item = try JSONDecoder().decode(ExtractInput.self, from: Data(text.utf8))
                        let document = SourceDocument(text: item.text, title: item.title, date: item.date)
                        output.write(item.id ?? "stdin:\(line)", engine.extract(document))
                    } catch {
                        fail("standard input line \(line)", "not a JSON object with a \"text\" string (\(error.localizedDescription))")
                    }
                }
                continue
            }
            let files: [URL]
            do { files = try DocumentFiles.list([path]) } catch { fail(path, "\(error)"); continue }
            for file in files {
                do {
                    let text = try DocumentFiles.text(of: file)
                    output.write(file.relativePath, engine.extract(SourceDocument(text: text)))
                } catch {
                    fail(file.path, error.localizedDescription)
                }
            }
        }
        output.flush()
        if failed { throw ExitCode(2) }
    }
}

/// One line of `siftwire extract -` input.
struct ExtractInput: Decodable {
    var id: String?
    var text: String
    var title: String?
    var date: String?
}

/// Buffers JSON lines and writes them to standard output in large blocks.
struct ExtractWriter {
    private var buffer = JSONBytes()

    mutating func write(_ document: String, _ extraction: Extraction) {
        extraction.writeLine(document: document, &buffer)
        buffer.newline()
        if buffer.bytes.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(buffer.bytes))
        buffer.removeAll()
    }
}

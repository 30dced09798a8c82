import ArgumentParser
import Foundation
import SiftwireExtraction

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Score extraction against a gold file: P/R/F1 per type, mention- and entity-level, and identity.")

    @Argument(help: "Gold JSONL file (see devset/README.md); document paths are relative to it.") var gold: String
    @Option(help: "Fail (exit 1) when overall entity-level F1 over PERSON/ORG/LOCATION is below this.")
    var minEntityF1: Double?
    @Option(help: "Fail (exit 1) when overall mention-level F1 over PERSON/ORG/LOCATION is below this.")
    var minMentionF1: Double?
    @Option(help: "Fail (exit 1) when cross-document identity F1 is below this.")
    var minIdentityF1: Double?
    @Flag(help: "Print the report as JSON.") var json = false

    func run() async throws {
        let goldURL = URL(fileURLWithPath: gold)
        let documents = try GoldFile.parse(String(decoding: try Data(contentsOf: goldURL), as: UTF8.self))
        let engine = ExtractionEngine(dictionary: try LocalDictionary.load(data: "/nonexistent"))
        let folder = goldURL.deletingLastPathComponent()
        let items = try documents.map { document in
            let text = try DocumentFiles.text(of: folder.appendingPathComponent(document.document))
            return (gold: document, text: text, predicted: engine.extract(SourceDocument(text: text)))
        }
        let report = Evaluator.evaluate(items)
        json ? printJSON(report) : print(report.table())

        var failures: [String] = []
        func check(_ name: String, _ value: Double, _ floor: Double?) {
            if let floor, value < floor { failures.append(String(format: "%@ %.3f is below the floor %.3f", name, value, floor)) }
        }
        check("entity F1", report.entityF1(for: EntityType?.none), minEntityF1)
        check("mention F1", report.mentionF1(for: EntityType?.none), minMentionF1)
        check("identity F1", report.identityF1, minIdentityF1)
        if !failures.isEmpty {
            FileHandle.standardError.write(Data((failures.map { "eval: \($0)" }.joined(separator: "\n") + "\n").utf8))
            throw ExitCode(1)
        }
    }
}

import ArgumentParser
import Foundation
import SiftwireConsole
import SiftwireExtraction
import SiftwireResources

/// `siftwire eval …/pairs.jsonl`: precision and recall of the same/different decision on a name-pair
/// set, overall, per kind, and with and without the `alias-knowledge` kind. The linker uses the seed
/// actor dictionary and `ArabicName` structure, as the index does.
enum NamePairsEval {
    static func run(path: String, json: Bool, minPrecision: Double?, minRecall: Double?) throws {
        let pairs = try NamePair.parse(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self))
        let dictionary = try ActorDictionaryFile.parse(SiftwireResources.seedDictionary())
        let report = NamePairReport.evaluate(pairs, linker: NameLinker(dictionary: dictionary))
        json ? printJSON(report) : print(report.table(title: URL(fileURLWithPath: path).lastPathComponent))
        var failures: [String] = []
        let score = report.withoutAliasKnowledge
        if let minPrecision, score.precision < minPrecision {
            failures.append(String(format: "name-pair precision %.3f is below the floor %.3f", score.precision, minPrecision))
        }
        if let minRecall, score.recall < minRecall {
            failures.append(String(format: "name-pair recall %.3f is below the floor %.3f", score.recall, minRecall))
        }
        if !failures.isEmpty {
            FileHandle.standardError.write(Data((failures.map { "eval: \($0)" }.joined(separator: "\n") + "\n").utf8))
            throw ExitCode(1)
        }
    }
}

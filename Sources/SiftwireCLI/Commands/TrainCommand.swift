import ArgumentParser
import Foundation
import SiftwireEvaluation
import SiftwireExtract
import SiftwireExtraction

/// `siftwire train ner`: trains the sequence tagger from annotated news (see ../shared/data/ner/README.md).
struct TrainGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train the extraction models from annotated data.", subcommands: [TrainNERCommand.self])
}

struct TrainNERCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Train the entity tagger (averaged perceptron over BILOU tags) from CoNLL-2003 and GMB files.")

    @Option(help: "CoNLL-2003 training file(s) (IOB1/IOB2).") var conll: [String] = []
    @Option(help: "GMB CSV (ner_dataset.csv, or the .zip holding it).") var gmb: String?
    @Option(help: "Our own gold files (devset/gold.jsonl format) to train on as well; never the held-out set.") var gold: [String] = []
    @Option(help: "How many times each of our own gold documents is given.") var goldWeight = 1
    @Option(help: "GMB sentences to train on, as FIRST-LAST (1-based, inclusive).") var gmbSentences = GMBSlice.train.description
    @Option(help: "CoNLL file to score after each epoch (development only).") var dev: String?
    @Option(help: "Passes over the training data.") var epochs = 10
    @Option(help: "Seed for the shuffling of sentences.") var seed: UInt64 = 1
    @Option(help: "Feature buckets are 2^bits.") var bits = 18
    @Option(help: "Where to write the model.") var out: String

    func run() async throws {
        var docs = [AnnotatedDocument]()
        for path in conll {
            let text = try AnnotatedNews.readText(URL(fileURLWithPath: path))
            docs += AnnotatedNews.conllDocuments(text).map { AnnotatedNews.document($0, scheme: .conll) }
        }
        if let gmb {
            let slice = try GMBSlice(parsing: gmbSentences)
            let sentences = try GMBFile.sentences(gmb)
            docs += AnnotatedNews.gmbDocuments(slice.slice(of: sentences))
        }
        for path in gold {
            let url = URL(fileURLWithPath: path)
            let folder = url.deletingLastPathComponent()
            for document in try GoldFile.parse(String(decoding: try Data(contentsOf: url), as: UTF8.self)) {
                let text = try DocumentFiles.text(of: folder.appendingPathComponent(document.document))
                docs += Array(repeating: document.annotated(text: text), count: max(1, goldWeight))
            }
        }
        guard !docs.isEmpty else { throw ValidationError("nothing to train on: give --conll and/or --gmb") }
        let engine = try EngineFactory.rulesEngine()
        let devDocs = try dev.map { try AnnotatedNews.conllDocuments(AnnotatedNews.readText(URL(fileURLWithPath: $0))).map { AnnotatedNews.document($0, scheme: .conll) } }
        let command = CommandLine.arguments.dropFirst().map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
            .replacingOccurrences(of: FileManager.default.currentDirectoryPath + "/", with: "")
        let provenance: [String: String] = [
            "id": "ner-news-s\(seed)-e\(epochs)-b\(bits)",
            "command": "siftwire " + command,
            "data": (conll.map { URL(fileURLWithPath: $0).lastPathComponent } + (gmb == nil ? [] : ["GMB 2.2 sentences \(gmbSentences)"])
                + gold.map { "\($0) ×\(goldWeight) (ours)" }).joined(separator: ", "),
            "licence": "weights only (hashed features, no training text); CoNLL-2003 (Reuters RCV1) and GMB 2.2 data stay in ../shared/data/ner",
            "method": "averaged structured perceptron, BILOU over PER/ORG/LOC/MISC, Viterbi, hashed features v\(NERModel.featureVersion)",
        ]
        let started = ContinuousClock.now
        let model = NERTrainer.train(docs, engine: engine, options: NERTrainingOptions(epochs: epochs, seed: seed, bits: bits),
                                     provenance: provenance) { epoch, total, errorRate in
            print(String(format: "epoch %d/%d: %.2f%% of training tokens mistagged (%.0f s)", epoch, total, errorRate * 100,
                         (ContinuousClock.now - started).inSeconds))
        }
        let data = model.serialized()
        let outURL = URL(fileURLWithPath: out)
        try data.write(to: outURL)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let provenanceURL = outURL.deletingPathExtension().appendingPathExtension("json")
        try encoder.encode(model.provenance).write(to: provenanceURL)
        print("wrote \(out) (\(data.count / 1024) KiB, \(docs.count) training documents) and \(provenanceURL.lastPathComponent)")
        if let devDocs {
            let scores = AnnotatedNewsEvaluation.score(devDocs, engine: engine.with(tagger: try NERModel(serialized: data)))
            print(scores.table(title: "dev"))
        }
    }
}

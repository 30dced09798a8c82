import ArgumentParser
import SiftwireConsole
import Foundation
import SiftwireExtract
import SiftwireRuntime
import SiftwireExtraction
import SiftwireEvaluation

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Score extraction against a gold file: P/R/F1 per type, mention- and entity-level, and identity.")

    @Argument(help: "Gold JSONL file (see devset/README.md; document paths are relative to it), a CoNLL-2003 file, or the GMB CSV (or its .zip).")
    var gold: String
    @Option(help: "How to read the file: gold, conll, gmb, namepairs or fakes (default: by its name and content; *pairs.jsonl is namepairs).") var format: AnnotatedFormat?
    @Option(help: "FA-KES: the articles CSV (default: ../shared/data/news/fa-kes/FA-KES-Dataset.csv beside the repository).") var articles: String?
    @Option(help: "FA-KES: the split to score, tune, heldout or all (all prints the three).") var split: FakesEvaluation.Split = .all
    @Flag(help: "FA-KES: list gold and predicted claims per article (tune on the tune split only).") var errors = false
    @Option(help: "Fail when claim F1 (a predicted event claim aligned with a gold one) is below this.")
    var minClaimF1: Double?
    @Option(help: "Fail when claim quantity F1 is below this (FA-KES).")
    var minQuantityF1: Double?
    @Option(help: "GMB sentences to score, FIRST-LAST (default: the held-out slice \(GMBSlice.heldOut)).") var sentences: String?
    @Option(help: "Fail when exact-span F1 over PERSON/ORG/LOCATION (CoNLL, GMB) is below this.") var minExactF1: Double?
    @Option(help: "Fail when overlapping-span F1 over PERSON/ORG/LOCATION (CoNLL, GMB) is below this.") var minOverlapF1: Double?
    @Flag(help: "Score the rules alone, without the trained tagger.") var rulesOnly = false
    @Option(help: "A tagger model file to use instead of the bundled one.") var model: String?
    @Option(help: "Fail (exit 1) when overall entity-level F1 over PERSON/ORG/LOCATION is below this.")
    var minEntityF1: Double?
    @Option(help: "Fail (exit 1) when overall mention-level F1 over PERSON/ORG/LOCATION is below this.")
    var minMentionF1: Double?
    @Option(help: "Fail (exit 1) when cross-document identity F1 is below this.")
    var minIdentityF1: Double?
    @Option(help: "Fail when claim speaker F1 is below this (needs claims.jsonl next to the gold file).")
    var minSpeakerF1: Double?
    @Option(help: "Fail when claim event-type F1 is below this.")
    var minEventF1: Double?
    @Option(help: "Fail when claim actor F1 is below this.")
    var minActorF1: Double?
    @Option(help: "Fail when claim target F1 is below this.")
    var minTargetF1: Double?
    @Option(help: "Fail when name-pair precision (without alias-knowledge) is below this.") var minPairPrecision: Double?
    @Option(help: "Fail when name-pair recall (without alias-knowledge) is below this.") var minPairRecall: Double?
    @Flag(help: "Print the report as JSON.") var json = false

    func run() async throws {
        if (format ?? AnnotatedFormat(path: gold)) == .namepairs {
            try NamePairsEval.run(path: gold, json: json, minPrecision: minPairPrecision, minRecall: minPairRecall)
            return
        }
        let engine = try model.map { try EngineFactory.rulesEngine().with(tagger: NERModel(serialized: Data(contentsOf: URL(fileURLWithPath: $0)))) }
            ?? (rulesOnly ? EngineFactory.rulesEngine() : EngineFactory.standard())
        var kind = format ?? AnnotatedFormat(path: gold)
        if format == nil, kind == .gold, let head = try? Data(contentsOf: URL(fileURLWithPath: gold)).prefix(1 << 16),
           FakesGoldArticle.looksLike(Substring(String(decoding: head, as: UTF8.self))) { kind = .fakes }
        if kind == .fakes {
            try FakesEvaluation.run(goldPath: gold, articlesPath: articles, split: split, engine: engine, json: json,
                                    floors: [("claim", minClaimF1), ("speaker", minSpeakerF1), ("event", minEventF1), ("actor", minActorF1),
                                             ("target", minTargetF1), ("quantity", minQuantityF1)], errors: errors)
            return
        }
        if kind != .gold {
            try AnnotatedNewsEvaluation.run(path: gold, format: kind, sentences: sentences, engine: engine, json: json,
                                            minExactF1: minExactF1, minOverlapF1: minOverlapF1)
            return
        }
        let goldURL = URL(fileURLWithPath: gold)
        let documents = try GoldFile.parse(String(decoding: try Data(contentsOf: goldURL), as: UTF8.self))
        let folder = goldURL.deletingLastPathComponent()
        let items = try documents.map { document in
            let text = try DocumentFiles.text(of: folder.appendingPathComponent(document.document))
            return (gold: document, text: text, predicted: engine.extract(SourceDocument(text: text)))
        }
        var report = Evaluator.evaluate(items)
        // gold claims, when the set has them: claims.jsonl next to the gold file
        let claimsURL = folder.appendingPathComponent("claims.jsonl")
        if FileManager.default.fileExists(atPath: claimsURL.path) {
            let goldClaims = try GoldClaimDocument.parse(String(decoding: try Data(contentsOf: claimsURL), as: UTF8.self))
            let byPath = Dictionary(items.map { ($0.gold.document, $0) }, uniquingKeysWith: { a, _ in a })
            let claimItems = goldClaims.compactMap { g in
                byPath[g.document].map { (gold: $0.gold, claims: g, text: $0.text, predicted: $0.predicted) }
            }
            report.claims = ClaimEvaluator.evaluate(claimItems)
        }
        json ? printJSON(report) : print(report.table())

        var failures: [String] = []
        func check(_ name: String, _ value: Double, _ floor: Double?) {
            if let floor, value < floor { failures.append(String(format: "%@ %.3f is below the floor %.3f", name, value, floor)) }
        }
        check("entity F1", report.entityF1(for: EntityType?.none), minEntityF1)
        check("mention F1", report.mentionF1(for: EntityType?.none), minMentionF1)
        check("identity F1", report.identityF1, minIdentityF1)
        for (field, floor) in [("claim", minClaimF1), ("speaker", minSpeakerF1), ("event", minEventF1), ("actor", minActorF1), ("target", minTargetF1)] where floor != nil {
            guard let claims = report.claims else { failures.append("a claim floor was given but there is no claims.jsonl next to the gold file"); break }
            check("claim \(field) F1", claims.f1(field), floor)
        }
        if !failures.isEmpty {
            FileHandle.standardError.write(Data((failures.map { "eval: \($0)" }.joined(separator: "\n") + "\n").utf8))
            throw ExitCode(1)
        }
    }
}

import ArgumentParser
import Foundation
import SiftwireExtraction
import SiftwireEvaluation
import SiftwireConsole
import SiftwireRuntime

/// `siftwire eval realdev/fakes/claims.jsonl`: the FA-KES claim gold scored per split against the articles read
/// from the FA-KES CSV (never copied into the repository; see realdev/fakes/README.md).
enum FakesEvaluation {
    enum Split: String, ExpressibleByArgument, CaseIterable { case tune, heldout, all }

    /// The CSV's default place: `../shared/data/news/fa-kes/FA-KES-Dataset.csv` beside the repository holding the gold
    /// file (the repository root is found as the folder above `realdev/`), else relative to the working directory.
    static func defaultArticlesPath(goldPath: String) -> String {
        var dir = URL(fileURLWithPath: goldPath).standardizedFileURL.deletingLastPathComponent()
        for _ in 0..<4 {
            if dir.lastPathComponent == "realdev" {
                return dir.deletingLastPathComponent().appendingPathComponent("../shared/data/news/fa-kes/FA-KES-Dataset.csv").standardizedFileURL.path
            }
            dir = dir.deletingLastPathComponent()
        }
        return "../shared/data/news/fa-kes/FA-KES-Dataset.csv"
    }

    struct Item {
        var article: FakesGoldArticle
        var text: String
        var predicted: Extraction
    }

    static func load(goldPath: String, articlesPath: String?, engine: ExtractionEngine) throws -> [Item] {
        let gold = try FakesGoldArticle.parse(String(decoding: try Data(contentsOf: URL(fileURLWithPath: goldPath)), as: UTF8.self))
        let csvPath = articlesPath ?? defaultArticlesPath(goldPath: goldPath)
        guard let data = FileManager.default.contents(atPath: csvPath) else {
            throw ValidationError("cannot read the FA-KES articles at \(csvPath) (give the CSV with --articles PATH)")
        }
        let texts = FakesCSV.articles(FakesCSV.parse([UInt8](data)))
        var problems = [String]()
        var items = [Item]()
        for article in gold {
            guard let text = texts[article.unit_id] else { problems.append("article \(article.unit_id): not in \(csvPath)"); continue }
            let p = article.problems(text: text, textSHA256: SHA256.hex(text))
            if !p.isEmpty { problems += p; continue }
            // The publication date is the document's date (what relative dates resolve against); the CSV's `date`
            // column is often the event's date, so it is not used.
            let predicted = engine.extract(SourceDocument(text: text, date: article.published))
            items.append(Item(article: article, text: text, predicted: predicted))
        }
        if !problems.isEmpty {
            throw ValidationError("the FA-KES gold does not match its articles:\n" + problems.prefix(20).joined(separator: "\n"))
        }
        return items
    }

    static func report(_ items: [Item]) -> ClaimEvaluationReport {
        ClaimEvaluator.evaluate(items.map { (gold: $0.article.goldDocument, claims: $0.article.goldClaims, text: $0.text, predicted: $0.predicted) }, actors: .states)
    }

    /// Floors by field name ("claim", "speaker", …); returns the failures.
    static func run(goldPath: String, articlesPath: String?, split: Split, engine: ExtractionEngine, json: Bool,
                    floors: [(String, Double?)], errors: Bool) throws {
        let items = try load(goldPath: goldPath, articlesPath: articlesPath, engine: engine)
        let splits: [Split] = split == .all ? [.tune, .heldout, .all] : [split]
        var reports = [(Split, ClaimEvaluationReport)]()
        for s in splits {
            let chosen = s == .all ? items : items.filter { $0.article.split == s.rawValue }
            reports.append((s, report(chosen)))
        }
        if json {
            printJSON(Dictionary(uniqueKeysWithValues: reports.map { ($0.0.rawValue, $0.1) }))
        } else {
            for (s, r) in reports {
                print("FA-KES \(s.rawValue): " + r.table())
            }
        }
        if errors {
            for item in items where split == .all || item.article.split == split.rawValue { print(FakesErrors.describe(item)) }
        }
        // floors apply to the split asked for (all when none)
        let scored = reports.last!.1
        var failures = [String]()
        for (field, floor) in floors {
            guard let floor else { continue }
            let value = scored.f1(field)
            if value < floor { failures.append(String(format: "FA-KES %@ claims %@ F1 %.3f is below the floor %.3f", split.rawValue, field, value, floor)) }
        }
        if !failures.isEmpty {
            FileHandle.standardError.write(Data((failures.map { "eval: \($0)" }.joined(separator: "\n") + "\n").utf8))
            throw ExitCode(1)
        }
    }
}

/// A per-article listing of gold claims next to the predicted claims whose trigger lies in their evidence, and of
/// predicted claims that align with no gold claim (for tuning on the `tune` split only).
enum FakesErrors {
    static func describe(_ item: FakesEvaluation.Item) -> String {
        // the scorer's own mapping, so that a listed slot is right exactly when it is scored right
        let (speaker, argument) = ClaimEvaluator.slotMappings(item.article.goldDocument, item.text, item.predicted, actors: .states)
        func id(_ x: ClaimArgument?) -> String { argument(x).map { $0.replacingOccurrences(of: "predicted:", with: "?") } ?? "-" }
        func show(_ c: ExtractedClaim) -> String {
            guard let e = c.event else { return "" }
            let sp = c.speaker.map { s in speaker(s) + (s.entityID == nil ? "(\(s.text))" : "") } ?? "-"
            return "\(e.type.rawValue) '\(e.trigger.text)' sp=\(sp) a=\(id(e.actor))[\(e.actor?.text ?? "")] t=\(id(e.target))[\(e.target?.text ?? "")] q=\(e.quantity ?? "-") d=\(e.date ?? "-")"
        }
        var lines = ["== \(item.article.unit_id) \(item.article.source) \(item.article.split) published \(item.article.published ?? "-")"]
        var used = Set<Int>()
        for g in item.article.claims {
            lines.append("  GOLD \(g.event) sp=\(g.speaker ?? "-") a=\(g.actor ?? "-") t=\(g.target ?? "-") q=\(g.quantity.map(String.init) ?? "-") d=\(g.date ?? "-")  «\(g.evidence)»")
            for (i, c) in item.predicted.claims.enumerated() {
                guard let e = c.event, e.trigger.start >= g.start, e.trigger.end <= g.end else { continue }
                used.insert(i)
                lines.append("    pred " + show(c))
            }
        }
        for (i, c) in item.predicted.claims.enumerated() where !used.contains(i) && c.event != nil {
            let s = Array(item.text.unicodeScalars)
            var v = String.UnicodeScalarView(); v.append(contentsOf: s[max(0, c.event!.trigger.start - 60)..<min(s.count, c.event!.trigger.end + 40)])
            lines.append("  EXTRA " + show(c) + "  «…\(String(v).replacingOccurrences(of: "\n", with: " "))…»")
        }
        return lines.joined(separator: "\n")
    }
}

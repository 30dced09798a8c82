import ArgumentParser
import Foundation
import SiftwireEvaluation
import SiftwireExtraction

/// A range of GMB sentences, 1-based and inclusive ("1-40000"). The defaults split the 47,959 sentences into
/// training, tuning and a held-out slice that is never trained or tuned on.
struct GMBSlice: CustomStringConvertible {
    var first: Int
    var last: Int
    static let train = GMBSlice(first: 1, last: 40000)
    static let tune = GMBSlice(first: 40001, last: 44000)
    static let heldOut = GMBSlice(first: 44001, last: 47959)

    var description: String { "\(first)-\(last)" }

    init(first: Int, last: Int) { self.first = first; self.last = last }
    init(parsing text: String) throws {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 1, b >= a else {
            throw ValidationError("a sentence range is FIRST-LAST, e.g. 44001-47959 (got '\(text)')")
        }
        first = a; last = b
    }
    func slice<T>(of all: [T]) -> ArraySlice<T> { all[min(first - 1, all.count)..<min(last, all.count)] }
}

/// Reads the GMB CSV from the file or from the zip it ships in (through `unzip -p` or Python's zipfile).
enum GMBFile {
    static func sentences(_ path: String) throws -> [AnnotatedNews.Sentence] {
        let url = URL(fileURLWithPath: path)
        guard path.hasSuffix(".zip") else { return AnnotatedNews.gmbSentences(try AnnotatedNews.readText(url)) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); sys.stdout.buffer.write(z.read(z.namelist()[0]))", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("could not read \(path) (python3 zipfile exited \(process.terminationStatus))") }
        let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) ?? ""
        return AnnotatedNews.gmbSentences(text)
    }
}

/// Scores the engine's PERSON/ORG/LOCATION mentions on annotated news documents.
enum AnnotatedNewsEvaluation {
    static func score(_ docs: [AnnotatedDocument], engine: ExtractionEngine) -> SpanScores {
        var scores = SpanScores()
        for doc in docs {
            let predicted = engine.extract(SourceDocument(text: doc.text)).typedSpans
            scores.add(gold: doc.spans, predicted: predicted)
        }
        return scores
    }
}

/// The kinds of file `siftwire eval` reads.
enum AnnotatedFormat: String, ExpressibleByArgument {
    case gold, conll, gmb, namepairs, fakes

    init(path: String) {
        if path.hasSuffix("pairs.jsonl") { self = .namepairs } else if path.hasSuffix(".jsonl") { self = .gold } else if path.hasSuffix(".csv") || path.hasSuffix(".zip") { self = .gmb } else { self = .conll }
    }
}

extension AnnotatedNewsEvaluation {
    static func run(path: String, format: AnnotatedFormat, sentences: String?, engine: ExtractionEngine, json: Bool,
                    minExactF1: Double?, minOverlapF1: Double?) throws {
        let docs: [AnnotatedDocument]
        var title = URL(fileURLWithPath: path).lastPathComponent
        switch format {
        case .conll:
            docs = AnnotatedNews.conllDocuments(try AnnotatedNews.readText(URL(fileURLWithPath: path))).map { AnnotatedNews.document($0, scheme: .conll) }
        case .gmb:
            let slice = try sentences.map(GMBSlice.init(parsing:)) ?? .heldOut
            docs = AnnotatedNews.gmbDocuments(slice.slice(of: try GMBFile.sentences(path)))
            title += " sentences \(slice)"
        case .gold, .namepairs, .fakes:
            docs = []
        }
        let scores = score(docs, engine: engine)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(scores), as: UTF8.self))
        } else {
            print(scores.table(title: title))
        }
        var failures = [String]()
        if let f = minExactF1, scores.overall.exactF1 < f { failures.append(String(format: "exact-span F1 %.3f is below the floor %.3f", scores.overall.exactF1, f)) }
        if let f = minOverlapF1, scores.overall.overlapF1 < f { failures.append(String(format: "overlapping-span F1 %.3f is below the floor %.3f", scores.overall.overlapF1, f)) }
        if !failures.isEmpty {
            FileHandle.standardError.write(Data((failures.map { "eval: \($0)" }.joined(separator: "\n") + "\n").utf8))
            throw ExitCode(1)
        }
    }
}

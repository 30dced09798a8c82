import ArgumentParser
import Foundation
import SiftwireConsole
import SiftwireExtract
import SiftwireExtraction
import SiftwireIndex
import SiftwireProtocol
import SiftwireRuntime

/// Where the index's time per document goes, stage by stage, without sockets: decoding the
/// `index.put` envelope an extractor sent, then writing batches into a real store on disk.
struct IndexBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "Time the index's write path per stage: envelope decoding, then batched store writes.")

    @Option(help: "Generated articles (2–5 KB each).") var documents = 2000
    @Option(help: "Puts per write transaction (the index batches what one wake-up brings).") var batch = 64
    @Option(help: "Corpus seed.") var seed: UInt64 = 1
    @Flag(help: "Print the report as JSON.") var json = false

    struct Report: Codable {
        var documents: Int
        var batch: Int
        var wireBytesPerDocument: Int
        var decodeMicrosecondsPerDocument: Double
        var writeMicrosecondsPerDocument: Double
        var documentsPerSecondWriteOnly: Double
        var documentsPerSecondDecodeAndWrite: Double
    }

    func run() async throws {
        let engine = try EngineFactory.standard()
        let frames = try BenchCorpus.articles(documents, seed: seed).enumerated().map { n, text in
            let extraction = engine.extract(SourceDocument(text: text))
            // The put an extractor sends (title, date and matching keys from the extraction).
            let item = WorkItem(id: "d\(n)", hash: "h\(n)", text: text, title: nil, source: nil, date: nil, attempt: 1)
            return Envelope(IndexPut(item: item, extraction: extraction, workerID: "bench", engineVersion: nil)).frames
        }
        let wireBytes = frames.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }

        var puts: [IndexPut] = []
        let decodeStart = ContinuousClock.now
        for message in frames {
            let envelope: Envelope
            do { envelope = try Envelope.decode(message) } catch { throw CommandFailure(error.error) }
            puts.append(try call { () throws(SiftwireError) in try envelope.decodeBody(IndexPut.self) })
        }
        let decode = (ContinuousClock.now - decodeStart).inSeconds

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-index-bench-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try IndexStore(path: directory.appendingPathComponent("index.sqlite").path)
        let writeStart = ContinuousClock.now
        var start = 0
        while start < puts.count {
            _ = try store.write(Array(puts[start..<min(start + batch, puts.count)]))
            start += batch
        }
        let write = (ContinuousClock.now - writeStart).inSeconds

        let n = Double(documents)
        let report = Report(documents: documents, batch: batch, wireBytesPerDocument: wireBytes / documents,
                            decodeMicrosecondsPerDocument: decode / n * 1e6, writeMicrosecondsPerDocument: write / n * 1e6,
                            documentsPerSecondWriteOnly: n / write, documentsPerSecondDecodeAndWrite: n / (write + decode))
        if json {
            printJSON(report)
            return
        }
        var table = Table("documents", "batch", "wire KB/doc", "decode µs/doc", "write µs/doc", "docs/s (write)", "docs/s (decode+write)")
        table.add("\(documents)", "\(batch)", String(format: "%.1f", Double(report.wireBytesPerDocument) / 1000),
                  String(format: "%.0f", report.decodeMicrosecondsPerDocument), String(format: "%.0f", report.writeMicrosecondsPerDocument),
                  String(format: "%.0f", report.documentsPerSecondWriteOnly), String(format: "%.0f", report.documentsPerSecondDecodeAndWrite))
        print(table.render())
    }
}

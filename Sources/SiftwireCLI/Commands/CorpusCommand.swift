import SiftwireBench
import ArgumentParser
import SiftwireConsole
import SiftwireClient
import Foundation
import SiftwireExtraction

struct CorpusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Write N generated 2–5 KB articles (deterministic for a seed) to a folder, for load tests and benchmarks.")

    @Option(help: "Number of articles.") var count = 1000
    @Option(help: "Generator seed; the same seed writes the same files.") var seed: UInt64 = 1
    @Option(help: "Folder to write into (created if missing).") var out: String

    func run() async throws {
        guard count > 0 else { throw CommandFailure("--count must be positive") }
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var progress = ProgressBar(label: "writing", total: count)
        let width = String(count).count
        var bytes = 0
        for (number, text) in try BenchCorpus.articles(count, seed: seed).enumerated() {
            let name = String(repeating: "0", count: width - String(number + 1).count) + "\(number + 1).md"
            try text.write(to: folder.appendingPathComponent("article-\(name)"), atomically: false, encoding: .utf8)
            bytes += text.utf8.count
            progress.update(number + 1)
        }
        progress.update(count, force: true)
        progress.finish()
        print(String(format: "wrote %d articles (%.1f MB) to %@", count, Double(bytes) / 1e6, folder.path))
    }
}

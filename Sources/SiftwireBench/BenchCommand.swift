import ArgumentParser
import SiftwireClient
import SiftwireStack
import Foundation
import SiftwireConsole
import SiftwireExtract
import SiftwireExtraction
import SiftwireEvaluation
import SiftwireProtocol
import SiftwireRuntime

/// `siftwire bench`: the benchmark commands, each on a generated corpus.
public struct BenchGroup: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure throughput and memory (use a release build: swift build -c release).",
        subcommands: [ExtractionBench.self, IndexBench.self, PipelineBench.self, QueryBench.self, RecoveryBench.self, CurveBench.self])

    public init() {}
}

/// Extraction throughput of the engine alone, on one core, over a generated corpus.
struct ExtractionBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extraction", abstract: "Time the extraction engine over generated articles (one core).")

    @Option(help: "Generated articles (2–5 KB each).") var documents = 3000
    @Option(help: "Timed passes over the corpus.") var repetitions = 5
    @Option(help: "Corpus seed.") var seed: UInt64 = 1
    @Flag(help: "Print the report as JSON.") var json = false

    func run() async throws {
        let engine = try EngineFactory.standard()
        let corpus = try BenchCorpus.articles(documents, seed: seed)
        let report = ExtractionBenchmark.measure(documents: corpus, engine: engine, repetitions: repetitions)
        if json {
            printJSON(report)
            return
        }
        var table = Table("documents", "MB", "passes", "MB/s median", "min", "max", "docs/s median")
        table.add("\(report.documents)", String(format: "%.1f", Double(report.bytes) / 1e6), "\(report.seconds.count)",
                  String(format: "%.1f", report.medianMBPerSecond), String(format: "%.1f", report.minMBPerSecond),
                  String(format: "%.1f", report.maxMBPerSecond), String(format: "%.0f", report.medianDocumentsPerSecond))
        print(table.render())
    }
}

/// Ingest-to-queryable throughput of a real stack on loopback, and each service's peak memory.
struct PipelineBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline", abstract: "Push N generated articles through a fresh stack and time them until all are indexed.")

    @Option(help: "Generated articles (2–5 KB each).") var documents = 10_000
    @Option(help: "Extractors to run.") var extractors = 2
    @Option(help: "Corpus seed.") var seed: UInt64 = 1
    @Flag(help: "Run the stack with CURVE on every socket.") var curve = false
    @Flag(help: "Print the report as JSON.") var json = false

    struct Report: Codable {
        var documents: Int
        var megabytes: Double
        var extractors: Int
        var seconds: Double
        var documentsPerSecond: Double
        var megabytesPerSecond: Double
        var indexBytes: Int
        /// Peak resident memory (VmHWM) of each service, in MB.
        var peakRSSMegabytes: [String: Double]
        /// CPU time (user + system) each service used, in seconds: far below `seconds` means the
        /// pipeline waited (disk syncs, round trips) rather than computed.
        var cpuSeconds: [String: Double]
    }

    func run() async throws {
        let corpus = try BenchCorpus.articles(documents, seed: seed)
        let bytes = corpus.reduce(0) { $0 + $1.utf8.count }
        let stack = try BenchStack(extractors: extractors, curve: curve)
        defer { stack.stop() }
        let started = ContinuousClock.now
        let summary = try call { () throws(SiftwireError) in try stack.ingest(corpus, showProgress: !json) }
        let elapsed = ContinuousClock.now - started
        let seconds = elapsed.inSeconds
        let stats = try call { () throws(SiftwireError) in try stack.client.ask(StatsQuery()) }
        let rss = stack.launcher.processes.mapValues { Self.peakRSSMegabytes(pid: $0.processIdentifier) }
        let cpu = stack.launcher.processes.mapValues { Self.cpuSeconds(pid: $0.processIdentifier) }

        let report = Report(documents: summary.indexed, megabytes: Double(bytes) / 1e6, extractors: extractors, seconds: seconds,
                            documentsPerSecond: Double(summary.indexed) / seconds, megabytesPerSecond: Double(bytes) / 1e6 / seconds,
                            indexBytes: stats.indexBytes, peakRSSMegabytes: rss, cpuSeconds: cpu)
        if json {
            printJSON(report)
        } else {
            var table = Table("documents", "MB", "extractors", "seconds", "docs/s", "MB/s", "index MB")
            table.add("\(report.documents)", String(format: "%.1f", report.megabytes), "\(extractors)", String(format: "%.1f", seconds),
                      String(format: "%.0f", report.documentsPerSecond), String(format: "%.2f", report.megabytesPerSecond),
                      String(format: "%.1f", Double(report.indexBytes) / 1e6))
            print(table.render())
            var memory = Table("service", "peak RSS MB", "CPU s")
            for (name, megabytes) in rss.sorted(by: { $0.key < $1.key }) {
                memory.add(name, String(format: "%.1f", megabytes), String(format: "%.1f", cpu[name] ?? 0))
            }
            print(memory.render())
        }
    }

    /// utime + stime from /proc/PID/stat (fields 14 and 15, in clock ticks).
    static func cpuSeconds(pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.lastIndex(of: ")") else { return 0 }
        // Fields after the parenthesised command name start at field 3.
        let fields = stat[stat.index(after: afterName)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// VmHWM from /proc: the process's peak resident set so far.
    static func peakRSSMegabytes(pid: Int32) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }
}

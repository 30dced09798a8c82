import ArgumentParser
import SiftwireClient
import SiftwireStack
import Foundation
import SiftwireConsole
import SiftwireExtraction
import SiftwireProtocol
import SiftwireRuntime

/// Time to recover after `kill -9` of each service: from the SIGKILL until a document submitted
/// right after the restart is indexed and found by a search through the query service — what an
/// analyst sees come back. The restart itself is immediate (as a supervisor would do it).
struct RecoveryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recovery", abstract: "Seconds from kill -9 of each service until a new document is indexed and searchable again.")

    @Option(help: "Generated articles in the stores before the kills (2–5 KB each).") var documents = 2000
    @Option(help: "Kills per service.") var repetitions = 3
    @Option(help: "Corpus seed.") var seed: UInt64 = 1
    @Flag(help: "Print the report as JSON.") var json = false

    struct Measurement: Codable {
        var service: String
        /// Seconds from the kill until the document submitted after the restart was searchable, per kill.
        var seconds: [Double]
        var medianSeconds: Double { seconds.sorted()[seconds.count / 2] }
    }

    struct Report: Codable {
        var documents: Int
        var measurements: [Measurement]
    }

    func validate() throws {
        guard documents >= 0, (1...20).contains(repetitions) else { throw ValidationError("--repetitions must be 1…20") }
    }

    func run() async throws {
        let stack = try BenchStack(extractors: 1)
        defer { stack.stop() }
        let corpus = try BenchCorpus.articles(documents, seed: seed)
        _ = try call { () throws(SiftwireError) in try stack.ingest(corpus, showProgress: !json) }
        stack.client.timeout = .seconds(2)

        var measurements: [Measurement] = []
        var probe = 0
        for service in ["ingest", "index", "query", "extract-1"] {
            var seconds: [Double] = []
            for _ in 0..<repetitions {
                probe += 1
                let started = ContinuousClock.now
                stack.launcher.kill(service)
                try stack.launcher.restart(service)
                try probeUntilSearchable(stack.client, marker: Self.marker(probe), deadline: started + .seconds(120))
                seconds.append((ContinuousClock.now - started).inSeconds)
            }
            measurements.append(Measurement(service: service, seconds: seconds))
            if !json { FileHandle.standardError.write(Data("recovered from kill -9 of \(service)\n".utf8)) }
        }
        let report = Report(documents: documents, measurements: measurements)
        if json {
            printJSON(report)
            return
        }
        var table = Table("killed", "kills", "recovered in s (median)", "min", "max")
        for m in measurements {
            table.add(m.service, "\(m.seconds.count)", String(format: "%.2f", m.medianSeconds),
                      String(format: "%.2f", m.seconds.min() ?? 0), String(format: "%.2f", m.seconds.max() ?? 0))
        }
        print(table.render())
    }

    /// A word that appears in no generated article, so one search hit means the probe is in.
    static func marker(_ n: Int) -> String {
        var n = n, letters = ""
        repeat { letters.append(Character(UnicodeScalar(UInt8(97 + n % 26)))); n /= 26 } while n > 0
        return "recoveryprobe" + letters
    }

    /// Submits a probe document (retrying while ingest is down), then waits until a search finds it.
    private func probeUntilSearchable(_ client: SiftwireClient, marker: String, deadline: ContinuousClock.Instant) throws {
        let text = "# Recovery probe \(marker)\n\nA short note that mentions Idlib and \(marker) once.\n"
        func pastDeadline() throws {
            guard ContinuousClock.now < deadline else { throw CommandFailure("the stack did not recover within 120 s (probe \(marker))") }
            Thread.sleep(forTimeInterval: 0.02)
        }
        while (try? client.submit([NewDocument(text: text)])) == nil { try pastDeadline() }
        while ((try? client.ask(SearchQuery(text: marker, expand: false)))?.total ?? 0) == 0 { try pastDeadline() }
    }
}

import Foundation
import SiftwireRuntime
import SiftwireClient
import SiftwireProtocol

/// A real stack for benchmarks: the executables beside this one, on free loopback ports, with a
/// generated corpus pushed through it. Kept in `directory` when one is given (to measure queries
/// on a large index more than once), else in a temporary folder removed by `stop()`.
public final class BenchStack {
    public let launcher: ServiceLauncher
    public let client: SiftwireClient
    public let directory: URL
    private let temporary: Bool

    public init(extractors: Int, directory given: String? = nil, curve: Bool = false) throws {
        temporary = given == nil
        directory = given.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-bench-\(UUID().uuidString.prefix(8))")
        var options = ServiceLauncher.Options(endpoints: try .freeLoopback(), dataDirectory: directory,
                                              extractors: extractors, binDirectory: ServiceLauncher.defaultBinDirectory())
        options.logLevel = "warning"
        // The pipeline's processes only: an idle feed poller would only add a line to the RSS and CPU tables.
        options.feeds = false
        if curve { options.curve = try StackCurve.prepare(in: directory.appendingPathComponent("curve")) }
        launcher = ServiceLauncher(options: options)
        try launcher.start()
        client = try SiftwireClient(ingest: options.endpoints.ingest, query: options.endpoints.query, timeout: .seconds(120),
                                    curve: options.curve?.clientSettings)
    }

    /// Submits the generated corpus and waits until every new document is indexed. Documents
    /// already in a kept directory come back as duplicates and cost one hash look-up each.
    public func ingest(_ corpus: [String], showProgress: Bool) throws(SiftwireError) -> Ingestor.Summary {
        let ingestor = Ingestor(client: client, showProgress: showProgress)
        var summary = try ingestor.submit(corpus.enumerated().map { (name: "generated-\($0.offset)", document: NewDocument(text: $0.element)) })
        try ingestor.wait(for: summary.accepted, summary: &summary)
        return summary
    }

    public var indexStorePath: String { StoreLayout(dataDirectory: directory).index }

    public func stop() {
        launcher.stop()
        if temporary { try? FileManager.default.removeItem(at: directory) }
    }
}

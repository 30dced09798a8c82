import ArgumentParser
import Foundation
import Logging
import SiftwireRuntime

/// `siftwire-index`: flags and environment variables → a running index service.
public struct IndexCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "siftwire-index",
        abstract: "Builds the full-text and entity index and answers reads.")

    @Option(help: "Endpoint to bind for extractors and the query service (env SIFTWIRE_INDEX_BIND).")
    var bind = Defaults.indexBind
    @Option(help: "Endpoint to bind the PUB socket announcing new documents (env SIFTWIRE_INDEX_PUBLISH_BIND).")
    var publishBind = Defaults.indexPublishBind
    @Option(help: "Ingest's work endpoint, for confirmations (env SIFTWIRE_WORK).")
    var ingest = Defaults.work
    @Option(help: "Data directory (env SIFTWIRE_DATA); the store is DATA/index/index.sqlite.")
    var data = Defaults.dataDirectory
    @Option(help: "Most documents written in one transaction.")
    var maxBatch = 256
    @Option(help: "Longest a put waits for others to share its transaction, in milliseconds (env SIFTWIRE_COMMIT_DELAY_MS; 0: commit each wake-up's puts at once).")
    var commitDelayMs = Defaults.commitDelayMs
    @Option(help: "Largest inbound message on the bound socket, in bytes (env SIFTWIRE_MAX_MESSAGE_BYTES; default 64 MiB).")
    var maxMessageBytes = Defaults.maxMessageBytes
    @Option(help: "Longest a read may run before it is stopped, in milliseconds (env SIFTWIRE_QUERY_TIME_LIMIT_MS).")
    var queryTimeLimitMs = Defaults.queryTimeLimitMs
    @Option(help: "Reader threads answering reads beside the writer, 1 to 64 (env SIFTWIRE_INDEX_READERS).")
    var readers = Defaults.indexReaders
    @Option(help: "Most reads waiting for a free reader; past it reads are answered busy (env SIFTWIRE_INDEX_MAX_QUEUED_READS).")
    var maxQueuedReads = Defaults.indexMaxQueuedReads
    @Option(help: "Log level (env SIFTWIRE_LOG_LEVEL).")
    var logLevel = Defaults.logLevel
    @OptionGroup var curve: CurveOptions

    public init() {}

    public func run() async throws {
        SiftwireLogging.bootstrap(level: SiftwireLogging.level(named: logLevel))
        var configuration = IndexConfiguration(
            endpoint: bind, ingestWorkEndpoint: ingest,
            storePath: StoreLayout(data: data).index,
            publishEndpoint: publishBind)
        configuration.maxBatch = max(1, maxBatch)
        configuration.commitDelay = .milliseconds(min(max(0, commitDelayMs), 1000))
        configuration.maxMessageBytes = max(1024, maxMessageBytes)
        configuration.queryTimeLimit = .milliseconds(max(1, queryTimeLimitMs))
        configuration.readers = min(max(1, readers), 64)
        configuration.maxQueuedReads = max(0, maxQueuedReads)
        configuration.curve = try curve.settings(binds: true, connects: true)
        let service = IndexService(configuration: configuration)
        try await ServiceRunner.run(service.loopService(), logger: service.logger)
    }
}

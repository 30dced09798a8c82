import ArgumentParser
import Foundation
import Logging
import SiftwireRuntime

/// `siftwire-ingest`: flags and environment variables → a running ingest service.
public struct IngestCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "siftwire-ingest",
        abstract: "Stores documents durably and leases them to extractors.")

    @Option(help: "Client endpoint to bind (env SIFTWIRE_INGEST_BIND).")
    var bind = Defaults.ingestBind
    @Option(help: "Work endpoint to bind for extractors and the index (env SIFTWIRE_WORK_BIND).")
    var workBind = Defaults.workBind
    @Option(help: "Data directory (env SIFTWIRE_DATA); the store is DATA/ingest/ingest.sqlite.")
    var data = Defaults.dataDirectory
    @Option(help: "Seconds an extractor may hold a document before it is redelivered.")
    var leaseSeconds = 30.0
    @Option(help: "Failures before a document is dead-lettered.")
    var maxFailures = 3
    @Option(help: "Largest document accepted, in UTF-8 bytes (env SIFTWIRE_MAX_DOCUMENT_BYTES; default 16 MiB).")
    var maxDocumentBytes = Defaults.maxDocumentBytes
    @Option(help: "Most documents in one ingest.submit (env SIFTWIRE_MAX_BATCH).")
    var maxBatch = Defaults.maxBatch
    @Option(help: "Largest inbound message on the bound sockets, in bytes (env SIFTWIRE_MAX_MESSAGE_BYTES; default 64 MiB).")
    var maxMessageBytes = Defaults.maxMessageBytes
    @Option(help: "Log level (env SIFTWIRE_LOG_LEVEL).")
    var logLevel = Defaults.logLevel
    @OptionGroup var curve: CurveOptions

    public init() {}

    public func run() async throws {
        SiftwireLogging.bootstrap(level: SiftwireLogging.level(named: logLevel))
        var configuration = IngestConfiguration(
            clientEndpoint: bind, workEndpoint: workBind,
            storePath: StoreLayout(data: data).ingest)
        configuration.lease = .milliseconds(Int(leaseSeconds * 1000))
        configuration.maxFailures = maxFailures
        configuration.limits.maxDocumentBytes = max(1, maxDocumentBytes)
        configuration.maxBatch = max(1, maxBatch)
        configuration.maxMessageBytes = max(1024, maxMessageBytes)
        configuration.curve = try curve.settings(binds: true, connects: false)
        let service = IngestService(configuration: configuration)
        try await ServiceRunner.run(service.loopService(), logger: service.logger)
    }
}

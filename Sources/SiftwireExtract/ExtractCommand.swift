import ArgumentParser
import Foundation
import Logging
import SiftwireRuntime

/// `siftwire-extract`: flags and environment variables → a running extractor.
public struct ExtractCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "siftwire-extract",
        abstract: "Turns leased documents into entities, aliases and dates, and sends them to the index.")

    @Option(help: "Ingest's work endpoint (env SIFTWIRE_WORK).")
    var work = Defaults.work
    @Option(help: "The index's endpoint (env SIFTWIRE_INDEX).")
    var index = Defaults.index
    @Option(help: "Data directory (env SIFTWIRE_DATA); the store is DATA/extract/extract.sqlite, shared by replicas on one host.")
    var data = Defaults.dataDirectory
    @Option(help: "Worker id shown in status (default extract-<host>-<pid>).")
    var workerID = ExtractConfiguration.defaultWorkerID()
    @Option(help: "Documents held at once.")
    var capacity = 32
    @Option(help: "Answer `health` here, e.g. tcp://127.0.0.1:5556 inside a container (env SIFTWIRE_EXTRACT_HEALTH_BIND; default: none).")
    var healthBind = Defaults.extractHealthBind
    @Option(help: "Largest inbound message, in bytes (env SIFTWIRE_MAX_MESSAGE_BYTES; default 64 MiB).")
    var maxMessageBytes = Defaults.maxMessageBytes
    @Option(help: "Testing aid: documents containing this text trigger --fault-mode.")
    var faultMarker: String?
    @Option(help: "Testing aid: 'fail' reports the document as failed, 'crash' exits the process.")
    var faultMode: FaultInjection.Mode = .fail
    @Option(help: "Engine: 'standard' (rules, dictionary and the trained tagger) or 'rules' (no tagger) (env SIFTWIRE_ENGINE).")
    var engine = ProcessInfo.processInfo.environment["SIFTWIRE_ENGINE"] ?? ExtractConfiguration.Engine.standard.rawValue
    @Option(help: "Log level (env SIFTWIRE_LOG_LEVEL).")
    var logLevel = Defaults.logLevel
    @OptionGroup var curve: CurveOptions

    public init() {}

    public func validate() throws {
        guard ExtractConfiguration.Engine(rawValue: engine) != nil else {
            throw ValidationError("--engine must be 'standard' or 'rules', got '\(engine)'")
        }
    }

    public func run() async throws {
        SiftwireLogging.bootstrap(level: SiftwireLogging.level(named: logLevel))
        var configuration = ExtractConfiguration(
            workEndpoint: work, indexEndpoint: index,
            storePath: StoreLayout(data: data).extract,
            workerID: workerID)
        configuration.capacity = max(1, capacity)
        configuration.healthEndpoint = healthBind.isEmpty ? nil : healthBind
        configuration.curve = try curve.settings(binds: false, connects: true)
        configuration.maxMessageBytes = max(1024, maxMessageBytes)
        configuration.engine = ExtractConfiguration.Engine(rawValue: engine) ?? .standard
        configuration.fault = faultMarker.map { FaultInjection(marker: $0, mode: faultMode) }
        let service = ExtractService(configuration: configuration)
        try await ServiceRunner.run(service.loopService(), logger: service.logger)
    }
}

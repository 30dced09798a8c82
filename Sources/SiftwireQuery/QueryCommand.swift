import ArgumentParser
import Foundation
import Logging
import SiftwireRuntime

/// `siftwire-query`: flags and environment variables → a running query service.
public struct QueryCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "siftwire-query",
        abstract: "Answers client query messages by asking the index.")

    @Option(help: "Client endpoint to bind (env SIFTWIRE_QUERY_BIND).")
    var bind = Defaults.queryBind
    @Option(help: "The index's endpoint (env SIFTWIRE_INDEX).")
    var index = Defaults.index
    @Option(help: "The index's announcement endpoint to subscribe to (env SIFTWIRE_INDEX_PUBLISH).")
    var indexPublish = Defaults.indexPublish
    @Option(help: "Endpoint to bind the PUB socket publishing alerts (env SIFTWIRE_QUERY_PUBLISH_BIND).")
    var publishBind = Defaults.queryPublishBind
    @Option(help: "Data directory (env SIFTWIRE_DATA); the store is DATA/query/query.sqlite.")
    var data = Defaults.dataDirectory
    @Option(help: "Largest inbound message on the bound socket, in bytes (env SIFTWIRE_MAX_MESSAGE_BYTES; default 64 MiB).")
    var maxMessageBytes = Defaults.maxMessageBytes
    @Option(help: "Log level (env SIFTWIRE_LOG_LEVEL).")
    var logLevel = Defaults.logLevel
    @OptionGroup var curve: CurveOptions

    public init() {}

    public func run() async throws {
        SiftwireLogging.bootstrap(level: SiftwireLogging.level(named: logLevel))
        var configuration = QueryConfiguration(
            endpoint: bind, indexEndpoint: index,
            storePath: StoreLayout(data: data).query,
            indexPublishEndpoint: indexPublish, publishEndpoint: publishBind)
        configuration.maxMessageBytes = max(1024, maxMessageBytes)
        configuration.curve = try curve.settings(binds: true, connects: true)
        let service = QueryService(configuration: configuration)
        try await ServiceRunner.run(service.loopService(), logger: service.logger)
    }
}

import ArgumentParser
import Foundation
import Logging
import SiftwireRuntime

/// `siftwire-feeds`: flags and environment variables → a running feed poller.
public struct FeedsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "siftwire-feeds",
        abstract: "Polls RSS/Atom feed URLs and submits their new items to ingest.")

    @Option(help: "Control endpoint to bind (env SIFTWIRE_FEEDS_BIND).")
    var bind = Defaults.feedsBind
    @Option(help: "Ingest's client endpoint (env SIFTWIRE_INGEST).")
    var ingest = Defaults.ingest
    @Option(help: "Data directory (env SIFTWIRE_DATA); the store is DATA/feeds/feeds.sqlite.")
    var data = Defaults.dataDirectory
    @Option(help: "Interval of a feed added without one, in seconds.")
    var defaultIntervalSeconds = 300
    @Option(help: "Shortest interval a feed may have, in seconds (lower only for tests and local servers; at least 1).")
    var minIntervalSeconds = 60
    @Option(help: "Longest wait between polls of a failing feed, in seconds (its interval doubles per failure up to this).")
    var maxBackoffSeconds = 3600
    @Option(help: "Seconds an HTTP request may take.")
    var httpTimeoutSeconds = 10.0
    @Option(help: "Largest feed read, in bytes.")
    var maxFeedBytes = 16 << 20
    @Option(help: "Log level (env SIFTWIRE_LOG_LEVEL).")
    var logLevel = Defaults.logLevel
    @OptionGroup var curve: CurveOptions

    public init() {}

    public func validate() throws {
        guard minIntervalSeconds >= 1 else { throw ValidationError("--min-interval-seconds must be at least 1") }
        guard defaultIntervalSeconds >= minIntervalSeconds else {
            throw ValidationError("--default-interval-seconds must be at least --min-interval-seconds (\(minIntervalSeconds))")
        }
        guard httpTimeoutSeconds > 0 else { throw ValidationError("--http-timeout-seconds must be positive") }
    }

    public func run() async throws {
        SiftwireLogging.bootstrap(level: SiftwireLogging.level(named: logLevel))
        var configuration = FeedsConfiguration(endpoint: bind, ingestEndpoint: ingest, storePath: StoreLayout(data: data).feeds)
        configuration.defaultIntervalSeconds = defaultIntervalSeconds
        configuration.minimumIntervalSeconds = minIntervalSeconds
        configuration.schedule = FeedSchedule(maxBackoffSeconds: max(1, maxBackoffSeconds))
        configuration.httpTimeout = .milliseconds(Int(httpTimeoutSeconds * 1000))
        configuration.maxFeedBytes = max(1024, maxFeedBytes)
        configuration.curve = try curve.settings(binds: true, connects: true)
        let service = FeedsService(configuration: configuration)
        try await ServiceRunner.run(service.loopService(), logger: service.logger)
    }
}

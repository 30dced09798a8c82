import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SiftwireAccounts
import SiftwireRuntime
import ServiceLifecycle

/// `siftwire-web`: the analyst's workbench over HTTP.
public struct WebCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "siftwire-web", abstract: "Serve the analyst's workbench (HTML pages over the query service).")

    @Option(help: "Address to listen on, host:port (env SIFTWIRE_WEB_BIND).")
    var bind = ProcessInfo.processInfo.environment["SIFTWIRE_WEB_BIND"] ?? "127.0.0.1:5580"
    @Option(help: "Query service endpoint (env SIFTWIRE_QUERY).")
    var query = Defaults.query
    @Option(help: "Ingest service endpoint, for the status page (env SIFTWIRE_INGEST).")
    var ingest = Defaults.ingest
    @Option(help: "The query service's alert endpoint, for the watch page (env SIFTWIRE_QUERY_PUBLISH).")
    var queryPublish = Defaults.queryPublish
    @Option(help: "Accounts store (env SIFTWIRE_WEB_ACCOUNTS; default DATA/web/accounts.sqlite).")
    var accounts = AccountStore.defaultPath
    @Flag(help: "Mark cookies Secure (when served over HTTPS; env SIFTWIRE_WEB_SECURE_COOKIES=1).")
    var secureCookies = false
    @Option(help: "Log level.")
    var logLevel = Defaults.logLevel
    @OptionGroup var curve: CurveOptions
    @Flag(help: "Do not serve: ask the server at --bind for /healthz and exit 0 when it answers 200 (container probes).")
    var probe = false

    public init() {}

    public func run() async throws {
        guard let (host, port) = WebConfiguration.parseBind(bind) else { throw ValidationError("--bind takes host:port, not \(bind)") }
        if probe {
            let answered = HealthProbe.ok(host: host == "0.0.0.0" ? "127.0.0.1" : host, port: port)
            print(answered ? "ok" : "no answer from http://\(host):\(port)/healthz")
            throw ExitCode(answered ? 0 : 1)
        }
        SiftwireLogging.bootstrap(level: SiftwireLogging.level(named: logLevel))
        let curveSettings: CurveSettings?
        do {
            curveSettings = try curve.settings(binds: false, connects: true)
        } catch {
            throw ValidationError(error.description)
        }
        let logger = Logger(label: "siftwire-web")
        let configuration = WebConfiguration(host: host, port: port, queryEndpoint: query, ingestEndpoint: ingest,
                                             accountsPath: accounts,
                                             secureCookies: secureCookies || ProcessInfo.processInfo.environment["SIFTWIRE_WEB_SECURE_COOKIES"] == "1", curve: curveSettings,
                                             queryPublishEndpoint: queryPublish.isEmpty ? nil : queryPublish)
        let app = try await buildApplication(configuration, logger: logger)
        logger.info("siftwire-web on http://\(host):\(port) (query \(query), accounts \(accounts), CURVE \(curveSettings == nil ? "off" : "on"))")
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

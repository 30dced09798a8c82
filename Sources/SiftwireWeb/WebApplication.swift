import Foundation
import Hummingbird
import Logging
import NIOCore
import SiftwireAccounts
import SiftwireProtocol
import SiftwireRuntime

/// Where siftwire-web listens, which services it talks to, where its accounts are.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var queryEndpoint: String
    public var ingestEndpoint: String
    /// The query service's alert PUB endpoint (the watch page's alerts); nil follows none.
    public var queryPublishEndpoint: String?
    /// The accounts store; nil keeps accounts in memory (tests).
    public var accountsPath: String?
    /// Mark cookies `Secure` (set when served over HTTPS, e.g. behind a TLS proxy).
    public var secureCookies: Bool
    /// Seconds a request to the query service may take.
    public var queryTimeout: Duration
    /// CURVE for the sockets to the query and ingest services; nil is plain text.
    public var curve: CurveSettings?

    public init(host: String = "127.0.0.1", port: Int = 5580, queryEndpoint: String = "tcp://127.0.0.1:5553",
                ingestEndpoint: String = "tcp://127.0.0.1:5550", accountsPath: String? = nil, secureCookies: Bool = false,
                queryTimeout: Duration = .seconds(10), curve: CurveSettings? = nil, queryPublishEndpoint: String? = nil) {
        self.curve = curve
        self.queryPublishEndpoint = queryPublishEndpoint
        self.host = host
        self.port = port
        self.queryEndpoint = queryEndpoint
        self.ingestEndpoint = ingestEndpoint
        self.accountsPath = accountsPath
        self.secureCookies = secureCookies
        self.queryTimeout = queryTimeout
    }

    /// `host:port`, `http://host:port` or `:port`.
    public static func parseBind(_ bind: String) -> (host: String, port: Int)? {
        var text = Substring(bind)
        if text.hasPrefix("http://") { text = text.dropFirst(7) }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        let host = text[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return (host.isEmpty ? "127.0.0.1" : host, port)
    }
}

/// A request's context: Hummingbird's, plus the peer's address (for the sign-in rate limit).
public struct WebRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Forms and uploads are small.
    public var maxUploadSize: Int { 256 * 1024 }
}

/// Builds the application: the router with every page, the security headers, the accounts store.
/// `accounts` replaces the store at `configuration.accountsPath` (tests hand in one they filled).
public func buildApplication(_ configuration: WebConfiguration, accounts: AccountStore? = nil, logger: Logger = Logger(label: "siftwire-web"))
    async throws -> some ApplicationProtocol {
    let accounts = try accounts ?? AccountStore(path: configuration.accountsPath)
    let gateway = QueryGateway(query: configuration.queryEndpoint, ingest: configuration.ingestEndpoint, timeout: configuration.queryTimeout,
                               curve: configuration.curve)
    let alerts = configuration.queryPublishEndpoint.map { AlertFeed(endpoint: $0, curve: configuration.curve) }
    let site = Site(accounts: accounts, gateway: gateway, secureCookies: configuration.secureCookies, alerts: alerts)
    let router = Router(context: WebRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ServerTimingMiddleware())
    site.addRoutes(to: router)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "siftwire-web"),
        services: alerts.map { [$0] } ?? [],
        logger: logger)
}

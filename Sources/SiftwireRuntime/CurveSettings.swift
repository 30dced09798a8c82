import Foundation
import Logging
import SiftwireMessaging

/// A process's CURVE settings once read: its own key pair, the server key it trusts when it
/// connects, and the client keys its bound sockets accept. Nil settings mean CURVE is off.
public struct CurveSettings: Sendable {
    public var keyPair: CurveKeyPair
    /// The public key the servers of this stack present (needed to connect).
    public var serverKey: CurveKey?
    /// The client keys this process's bound sockets accept (needed to bind).
    public var allowList: CurveAllowList?
    /// When set, the keys accepted by the sockets only services use (ingest work, index, index
    /// publish) instead of `allowList`: an analyst's key then reaches the client endpoints only.
    public var serviceAllowList: CurveAllowList?

    public init(keyPair: CurveKeyPair, serverKey: CurveKey? = nil, allowList: CurveAllowList? = nil,
                serviceAllowList: CurveAllowList? = nil) {
        self.keyPair = keyPair
        self.serverKey = serverKey
        self.allowList = allowList
        self.serviceAllowList = serviceAllowList
    }

    /// The allow-list of each ZAP domain, for the process's ZAP handler.
    var allowListsByDomain: [String: CurveAllowList] {
        guard let allowList else { return [:] }
        return [CurveAudience.clients.zapDomain: allowList, CurveAudience.services.zapDomain: serviceAllowList ?? allowList]
    }
}

/// Who a bound socket serves, which picks the allow-list its clients are checked against.
public enum CurveAudience: Sendable {
    /// Client endpoints: ingest client, query client, query publish (`--curve-allow`).
    case clients
    /// Endpoints only services use: ingest work, index, index publish
    /// (`--curve-allow-services`, or `--curve-allow` when that is not set).
    case services

    public var zapDomain: String {
        switch self {
        case .clients: "siftwire.clients"
        case .services: "siftwire.services"
        }
    }
}

/// CURVE is on but a setting it needs is missing or unreadable. The process does not start.
public struct CurveConfigurationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension SocketOptions {
    /// These options for a socket that binds: a CURVE server when `curve` is set, whose clients
    /// are checked against the allow-list of `audience`.
    public func serving(_ curve: CurveSettings?, _ audience: CurveAudience) throws(CurveConfigurationError) -> SocketOptions {
        guard let curve else { return self }
        guard curve.allowList != nil else {
            throw CurveConfigurationError("CURVE is on but no allow-list of client keys is set (--curve-allow, SIFTWIRE_CURVE_ALLOW)")
        }
        var options = self
        options.curve = .server(curve.keyPair, domain: audience.zapDomain)
        return options
    }

    /// These options for a socket that connects: a CURVE client of the stack's server key when `curve` is set.
    public func connecting(_ curve: CurveSettings?) throws(CurveConfigurationError) -> SocketOptions {
        guard let curve else { return self }
        guard let serverKey = curve.serverKey else {
            throw CurveConfigurationError("CURVE is on but the servers' public key is not set (--curve-server-key, SIFTWIRE_CURVE_SERVER_KEY)")
        }
        var options = self
        options.curve = .client(curve.keyPair, serverKey: serverKey)
        return options
    }
}

/// Runs `body` with a fresh context. When CURVE is on and this process binds, the context's ZAP
/// handler is bound first and stopped after `body`, once its sockets are closed.
public func withServiceContext<T>(curve: CurveSettings?, logger: Logger, _ body: (ZMQContext) throws -> T) throws -> T {
    let context = ZMQContext()
    guard let allowLists = curve?.allowListsByDomain, !allowLists.isEmpty else { return try body(context) }
    let zap = try ZAPHandler.start(context: context, allowLists: allowLists, logger: logger)
    defer { zap.stop() }
    return try body(context)
}

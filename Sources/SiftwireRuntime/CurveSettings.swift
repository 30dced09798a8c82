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

    public init(keyPair: CurveKeyPair, serverKey: CurveKey? = nil, allowList: CurveAllowList? = nil) {
        self.keyPair = keyPair
        self.serverKey = serverKey
        self.allowList = allowList
    }
}

/// CURVE is on but a setting it needs is missing or unreadable. The process does not start.
public struct CurveConfigurationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension SocketOptions {
    /// These options for a socket that binds: a CURVE server when `curve` is set.
    public func serving(_ curve: CurveSettings?) throws(CurveConfigurationError) -> SocketOptions {
        guard let curve else { return self }
        guard curve.allowList != nil else {
            throw CurveConfigurationError("CURVE is on but no allow-list of client keys is set (--curve-allow, SIFTWIRE_CURVE_ALLOW)")
        }
        var options = self
        options.curve = .server(curve.keyPair)
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
    guard let allowList = curve?.allowList else { return try body(context) }
    let zap = try ZAPHandler.start(context: context, allowList: allowList, logger: logger)
    defer { zap.stop() }
    return try body(context)
}

import CZeroMQ
import Foundation

/// Socket options applied when a socket is made. Defaults suit loopback services.
public struct SocketOptions: Sendable {
    /// How long unsent messages are kept after close.
    public var linger: Duration = .milliseconds(200)
    /// High-water marks: messages queued per peer before sends block or fail (bounded memory).
    public var sendHighWaterMark: Int32 = 1000
    public var receiveHighWaterMark: Int32 = 1000
    /// Largest inbound message accepted; larger ones make libzmq drop the connection.
    public var maxMessageSize: Int64 = 64 << 20
    /// Identity announced to a ROUTER peer.
    public var routingID: String?
    /// Queue messages only to completed connections (DEALER/REQ clients).
    public var immediate = false
    /// ZMTP heartbeats: ping interval and the silence after which the connection is dropped.
    public var heartbeatInterval: Duration? = .seconds(1)
    public var heartbeatTimeout: Duration? = .seconds(5)
    /// ROUTER only: fail loudly instead of silently dropping messages to unknown peers.
    public var routerMandatory = true
    /// ROUTER only: a new connection with a routing id in use takes it over from the old one.
    public var routerHandover = false
    /// Delay between reconnect attempts.
    public var reconnectInterval: Duration = .milliseconds(100)
    public var reconnectIntervalMax: Duration = .seconds(2)
    /// CurveZMQ encryption and authentication; nil is plain text (ZeroMQ's NULL mechanism).
    public var curve: CurveRole?

    public init() {}

    /// For PUB and SUB sockets: no ZMTP heartbeats. A subscriber that stops reading (a full
    /// receive queue) cannot see pings, so heartbeats would cut a healthy connection, and the
    /// reconnect that follows can trip libzmq's `_input_stopped` assertion (libzmq issue 3937),
    /// aborting the process. PUB/SUB drops at the high-water mark by design instead.
    public static var publishSubscribe: SocketOptions {
        var options = SocketOptions()
        options.heartbeatInterval = nil
        options.heartbeatTimeout = nil
        return options
    }
}

extension Duration {
    var milliseconds: Int32 {
        let (seconds, attoseconds) = components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}

import Foundation
import SiftwireMessaging
import SiftwireProtocol

/// A DEALER that sends one request at a time and waits for its reply (zguide's "lazy pirate").
///
/// Replies with another request id (late answers to requests that timed out) are discarded.
/// After a timeout the socket is remade so no stale request is delivered when the peer returns.
public final class RequestClient {
    public let endpoint: String
    private let context: ZMQContext
    private let options: SocketOptions
    private var socket: ZMQSocket

    /// With `curve`, the socket is a CURVE client of the stack's server key.
    public init(context: ZMQContext, endpoint: String, identity: String? = nil, curve: CurveSettings? = nil) throws {
        self.context = context
        self.endpoint = endpoint
        var options = try SocketOptions().connecting(curve)
        options.routingID = identity
        options.linger = .zero
        self.options = options
        socket = try ZMQSocket(context, .dealer, options: options)
        try socket.connect(endpoint)
    }

    /// Sends `request` and returns its typed reply; a remote `error` reply is thrown as `SiftwireError`.
    public func request<R: Request>(_ request: R, timeout: Duration = .seconds(10)) throws(SiftwireError) -> R.Reply {
        let reply = try exchange(Envelope(request), timeout: timeout)
        if reply.kind == .error {
            throw try reply.decodeBody(ErrorReply.self).error
        }
        return try reply.decodeBody(R.Reply.self)
    }

    /// Sends an envelope and waits for the envelope that answers it.
    public func exchange(_ envelope: Envelope, timeout: Duration) throws(SiftwireError) -> Envelope {
        let deadline = ContinuousClock.now + timeout
        do {
            try socket.send(envelope.frames, dontWait: true)
            while true {
                let remaining = deadline - .now
                guard remaining > .zero, let frames = try socket.receive(timeout: remaining) else { break }
                guard let reply = try? Envelope.decode(frames), reply.requestID == envelope.requestID else { continue }
                return reply
            }
        } catch {
            resetSocket()
            throw SiftwireError(.unavailable, "\(endpoint): \(error)")
        }
        resetSocket()
        throw SiftwireError(.unavailable, "no reply from \(endpoint) within \(timeout)")
    }

    private func resetSocket() {
        socket.close()
        if let fresh = try? ZMQSocket(context, .dealer, options: options) {
            try? fresh.connect(endpoint)
            socket = fresh
        }
    }
}

import Foundation
import SiftwireMessaging
import SiftwireProtocol

/// A DEALER that sends one request at a time and waits for its reply (zguide's "lazy pirate").
///
/// Replies with another request id (late answers to requests that timed out) are discarded.
/// After a timeout the socket is remade so no stale request is delivered when the peer returns.
public final class RequestClient {
    /// How long a request may wait for a connection to its peer before saying nobody is there.
    public struct ConnectCheck: Sendable {
        /// Counted from when the socket was made (its connection attempt starts then).
        public var timeout: Duration
        /// Names the peer in the error: "no Siftwire query service at …" (empty: "no Siftwire service at …").
        public var service: String
        public init(timeout: Duration = .milliseconds(500), service: String) {
            self.timeout = timeout
            self.service = service
        }
    }

    public let endpoint: String
    private let context: ZMQContext
    private let options: SocketOptions
    private let connectCheck: ConnectCheck?
    private var socket: ZMQSocket
    private var connectDeadline: ContinuousClock.Instant
    /// A peer answered on this client before: a lost connection gets the full timeout to come back.
    private var everConnected = false

    /// With `curve`, the socket is a CURVE client of the stack's server key. With `connectCheck`,
    /// messages go only to a completed connection (`ZMQ_IMMEDIATE`), and a request made when none
    /// completed within its timeout fails at once with `unavailable`, instead of after the reply timeout.
    public init(context: ZMQContext, endpoint: String, identity: String? = nil, curve: CurveSettings? = nil,
                connectCheck: ConnectCheck? = nil) throws {
        self.context = context
        self.endpoint = endpoint
        self.connectCheck = connectCheck
        var options = try SocketOptions().connecting(curve)
        options.routingID = identity
        options.linger = .zero
        options.immediate = connectCheck != nil
        self.options = options
        socket = try ZMQSocket(context, .dealer, options: options)
        try socket.connect(endpoint)
        connectDeadline = .now + (connectCheck?.timeout ?? .zero)
    }

    /// Waits (until the connect deadline at most) for a completed connection; throws when there is none.
    private func requireConnection() throws(SiftwireError) {
        guard let connectCheck else { return }
        let wait = everConnected ? connectCheck.timeout : max(.zero, connectDeadline - .now)
        let connected: Bool
        do { connected = try Poller.isWritable(socket, timeout: wait) } catch { throw SiftwireError(.unavailable, "\(endpoint): \(error)") }
        guard connected else {
            resetSocket()
            let service = connectCheck.service.isEmpty ? "" : connectCheck.service + " "
            let curve = options.curve == nil ? "" : " (or it refused this client's CURVE key)"
            throw SiftwireError(.unavailable, "no Siftwire \(service)service at \(endpoint)\(curve); is `siftwire up` running?")
        }
        everConnected = true
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
        try requireConnection()
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

    /// Closes the socket (it is closed on release too); the client is not used after this.
    public func close() {
        socket.close()
    }

    private func resetSocket() {
        socket.close()
        if let fresh = try? ZMQSocket(context, .dealer, options: options) {
            try? fresh.connect(endpoint)
            socket = fresh
            connectDeadline = .now + (connectCheck?.timeout ?? .zero)
        }
    }
}

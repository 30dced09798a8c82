import Foundation
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// Forwards validated client requests to the index on one DEALER socket, several in flight at
/// once, and matches each answer to its client by request id.
///
/// The client's body travels unchanged under a request id of the forwarder's own (client ids are
/// only unique per client); the index's reply body goes back unchanged under the client's id.
/// A request unanswered after `timeout` is answered `unavailable`, as a blocking request was.
final class IndexForwarder {
    struct Pending {
        let request: RoutedRequest
        let reply: MessageKind
        let started: ContinuousClock.Instant
        let deadline: ContinuousClock.Instant
    }

    let endpoint: String
    let timeout: Duration
    let socket: ZMQSocket
    private var pending: [String: Pending] = [:]
    private var sequence: UInt64 = 0
    private let prefix = String(UUID().uuidString.prefix(8)).lowercased()

    init(context: ZMQContext, endpoint: String, timeout: Duration, curve: CurveSettings?) throws {
        self.endpoint = endpoint
        self.timeout = timeout
        var options = try SocketOptions().connecting(curve)
        options.linger = .zero
        socket = try ZMQSocket(context, .dealer, options: options)
        try socket.connect(endpoint)
    }

    var inFlight: Int { pending.count }

    /// Sends the client's request on; throws `unavailable` when it cannot be queued.
    func forward(_ request: RoutedRequest, reply: MessageKind, received: ContinuousClock.Instant) throws(SiftwireError) {
        sequence += 1
        let id = "\(prefix)-\(sequence)"
        let envelope = Envelope(kind: request.envelope.kind, requestID: id, body: request.envelope.body)
        do {
            try socket.send(envelope.frames, dontWait: true)
        } catch {
            throw SiftwireError(.unavailable, "\(endpoint): \(error)")
        }
        pending[id] = Pending(request: request, reply: reply, started: received, deadline: received + timeout)
    }

    /// The pending request a message from the index answers, with that message; nil for a late
    /// answer (its request already timed out) or anything that is not an envelope.
    func answered(_ frames: Frames) -> (Pending, Envelope)? {
        guard let envelope = try? Envelope.decode(frames), let waiting = pending.removeValue(forKey: envelope.requestID) else {
            return nil
        }
        return (waiting, envelope)
    }

    /// Requests whose time is up, removed from the pending set.
    func expired(now: ContinuousClock.Instant = .now) -> [Pending] {
        let late = pending.filter { $0.value.deadline <= now }
        for id in late.keys { pending[id] = nil }
        return late.values.sorted { $0.started < $1.started }
    }
}

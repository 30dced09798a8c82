import Foundation
import Logging
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// Sends `index.committed` for every document in the outbox until ingest acknowledges it.
///
/// The outbox is a table of the index's store, written in the same transaction as the documents,
/// so a confirmation survives an index crash and is sent again after restart.
final class ConfirmationSender {
    let socket: ZMQSocket
    private let store: IndexStore
    private let retry: Duration
    private let logger: Logger
    /// Requests sent and not yet acknowledged: request id → (document ids, when sent).
    private var inFlight: [String: (ids: [String], sent: ContinuousClock.Instant)] = [:]

    init(context: ZMQContext, endpoint: String, store: IndexStore, retry: Duration, curve: CurveSettings?, logger: Logger) throws {
        var options = try SocketOptions().connecting(curve)
        options.routingID = "index-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        socket = try ZMQSocket(context, .dealer, options: options)
        try socket.connect(endpoint)
        self.store = store
        self.retry = retry
        self.logger = logger
    }

    /// Sends the outbox entries not already awaiting an ack; forgets acks that took too long.
    func sendPending() {
        let now = ContinuousClock.now
        inFlight = inFlight.filter { now - $0.value.sent < retry }
        let awaiting = Set(inFlight.values.flatMap(\.ids))
        guard let pending = try? store.pendingConfirmations(limit: 2000).filter({ !awaiting.contains($0.id) }), !pending.isEmpty else { return }
        for chunk in stride(from: 0, to: pending.count, by: 500).map({ Array(pending[$0..<min($0 + 500, pending.count)]) }) {
            let envelope = Envelope(IndexCommitted(items: chunk))
            do {
                try socket.send(envelope.frames, dontWait: true)
                inFlight[envelope.requestID] = (chunk.map(\.id), now)
            } catch {
                logger.debug("confirmation deferred", metadata: ["error": "\(error)"])
                return
            }
        }
    }

    /// Ingest's ack: the confirmed documents leave the outbox.
    func handleReply(_ frames: Frames) {
        guard let reply = try? Envelope.decode(frames), let sent = inFlight.removeValue(forKey: reply.requestID) else { return }
        guard reply.kind == .ack else {
            logger.warning("confirmation refused", metadata: ["kind": "\(reply.kind.rawValue)"])
            return
        }
        do {
            try store.confirmationsAcknowledged(sent.ids)
        } catch {
            logger.error("outbox update failed", metadata: ["error": "\(error)"])
        }
    }
}

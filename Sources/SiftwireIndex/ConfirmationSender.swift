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
    /// Acknowledged documents whose outbox rows are still to be deleted: that happens in the next
    /// write transaction (or on the timer when no puts come), not in a transaction of its own. Lost
    /// in a crash, they are confirmed again after restart, which ingest answers the same way.
    private var acknowledged: [String] = []

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
    /// (After a restart and on the timer; fresh commits go out through `send` directly.)
    func sendPending() {
        let now = ContinuousClock.now
        inFlight = inFlight.filter { now - $0.value.sent < retry }
        let awaiting = Set(inFlight.values.flatMap(\.ids)).union(acknowledged)
        guard let pending = try? store.pendingConfirmations(limit: 2000).filter({ !awaiting.contains($0.id) }), !pending.isEmpty else { return }
        send(pending)
    }

    /// Confirms documents just committed (their outbox rows are in the same transaction).
    func send(_ items: [IndexCommitted.Item]) {
        let now = ContinuousClock.now
        for chunk in stride(from: 0, to: items.count, by: 500).map({ Array(items[$0..<min($0 + 500, items.count)]) }) {
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

    /// The acknowledged ids, for the write transaction that deletes their outbox rows.
    func takeAcknowledged() -> [String] {
        defer { acknowledged.removeAll() }
        return acknowledged
    }

    /// Deletes the outbox rows of acknowledged documents now (no write is coming to carry them).
    func removeAcknowledged() {
        guard !acknowledged.isEmpty else { return }
        let ids = takeAcknowledged()
        do {
            try store.confirmationsAcknowledged(ids)
        } catch {
            acknowledged += ids
            logger.error("outbox update failed", metadata: ["error": "\(error)"])
        }
    }

    /// Ingest's ack: the confirmed documents leave the outbox.
    func handleReply(_ frames: Frames) {
        guard let reply = try? Envelope.decode(frames), let sent = inFlight.removeValue(forKey: reply.requestID) else { return }
        guard reply.kind == .ack else {
            logger.warning("confirmation refused", metadata: ["kind": "\(reply.kind.rawValue)"])
            return
        }
        acknowledged += sent.ids
    }
}

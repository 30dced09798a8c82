import Foundation
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// The work channel: credit from extractors, leases, failures, confirmations from the index.
extension IngestRunner {
    func handleWork(_ frames: Frames) {
        guard let request = work.decode(frames) else { return }
        let envelope = request.envelope
        let route = request.route[0]
        do throws(SiftwireError) {
            switch envelope.kind {
            case .workReady:
                let ready = try envelope.decodeBody(WorkReady.self)
                try Self.checkWorkerID(ready.workerID)
                heard(route: route, workerID: ready.workerID)
                workers.reported(engineVersion: ready.engineVersion, route: route)
                workers.addCredit(ready.credit, route: route)
            case .workHeartbeat:
                let beat = try envelope.decodeBody(WorkHeartbeat.self)
                try Self.checkWorkerID(beat.workerID)
                // An extractor we do not know (ingest restarted) re-registers with the capacity it has free.
                if heard(route: route, workerID: beat.workerID) { workers.addCredit(beat.available, route: route) }
                workers.reported(engineVersion: beat.engineVersion, route: route)
            case .workFailed:
                let failure = try envelope.decodeBody(WorkFailed.self)
                try Self.checkWorkerID(failure.workerID)
                heard(route: route, workerID: failure.workerID)
                workers.failed(workerID: failure.workerID, id: failure.id)
                // A reason is kept for people to read: long ones are cut, never stored whole.
                let reason = String(failure.reason.prefix(Self.maxReasonCharacters))
                try storeCall { try store.recordFailure(id: failure.id, reason: reason, maxFailures: configuration.maxFailures) }
                logger.warning("extraction failed", metadata: ["doc.id": "\(failure.id)", "worker.id": "\(failure.workerID)", "reason": "\(failure.reason)"])
                work.send(envelope.reply(Ack()), to: request.route)
            case .workReturn:
                let returned = try envelope.decodeBody(WorkReturn.self)
                try Self.checkWorkerID(returned.workerID)
                heard(route: route, workerID: returned.workerID)
                let requeued = try storeCall { try store.returnLeases(returned.ids, from: returned.workerID) }
                for id in returned.ids { workers.failed(workerID: returned.workerID, id: id) }
                logger.info("work returned", metadata: ["worker.id": "\(returned.workerID)", "requeued": "\(requeued)"])
                work.send(envelope.reply(Ack()), to: request.route)
            case .indexCommitted:
                let committed = try envelope.decodeBody(IndexCommitted.self)
                _ = try storeCall { try store.markIndexed(committed.items) }
                for item in committed.items { workers.finished(workerID: item.workerID, id: item.id) }
                work.send(envelope.reply(Ack()), to: request.route)
            case .health:
                work.send(envelope.reply(healthReply()), to: request.route)
            default:
                throw SiftwireError(.unknownKind, "ingest's work endpoint does not answer '\(envelope.kind.rawValue)'")
            }
        } catch {
            work.send(envelope.reply(error: error), to: request.route)
        }
    }

    /// Longest failure reason stored, in characters.
    static let maxReasonCharacters = 2000

    /// A worker id is a name shown in status and logs: 1 to 256 bytes.
    static func checkWorkerID(_ id: String) throws(SiftwireError) {
        guard !id.isEmpty, id.utf8.count <= 256 else {
            throw SiftwireError(.invalidArgument, "workerID must be 1 to 256 bytes, got \(id.utf8.count)")
        }
    }

    /// Notes that a worker spoke; returns true when this registered it. A worker id seen on a new
    /// connection means the old process is gone: its leases are released as a lost holder's.
    @discardableResult
    func heard(route: Data, workerID: String) -> Bool {
        let known = workers.workers[route] != nil
        if let replaced = workers.heard(route: route, workerID: workerID) {
            releaseLeases(of: replaced, reason: "extractor \(workerID) restarted while holding the document")
        }
        return !known
    }

    /// Hands queued documents to extractors with credit, least loaded first, in rounds of at most
    /// `leaseBatch` documents per extractor (one transaction per lease batch), so work spreads evenly.
    func dispatch() {
        var ready = workers.ready
        while !ready.isEmpty {
            var next: [WorkerRegistry.Worker] = []
            for worker in ready {
                if worker.inFlight == 0, let suspect = try? store.leaseSuspect(to: worker.workerID, lease: configuration.lease.inSeconds) {
                    if send(WorkAssignment(items: [suspect], leaseSeconds: configuration.lease.inSeconds), to: worker) {
                        workers.assigned([suspect.id], route: worker.route)
                        workers.isolate(route: worker.route)
                    }
                    continue
                }
                let count = min(worker.credit, configuration.leaseBatch)
                guard let items = try? store.leaseNext(count: count, to: worker.workerID, lease: configuration.lease.inSeconds,
                                                  maxBytes: configuration.maxMessageBytes / 4), !items.isEmpty else { return }
                guard send(WorkAssignment(items: items, leaseSeconds: configuration.lease.inSeconds), to: worker) else { continue }
                workers.assigned(items.map(\.id), route: worker.route)
                if worker.credit > items.count {
                    next.append(worker)
                }
            }
            ready = next.compactMap { workers.workers[$0.route] }
        }
    }

    /// Sends an assignment; a worker that cannot take it is dropped and its leases returned.
    private func send(_ assignment: WorkAssignment, to worker: WorkerRegistry.Worker) -> Bool {
        do {
            try work.socket.send([worker.route] + Envelope(assignment).frames, dontWait: true)
            for item in assignment.items {
                logger.debug("document leased", metadata: ["doc.id": "\(item.id)", "worker.id": "\(worker.workerID)", "attempt": "\(item.attempt)"])
            }
            return true
        } catch {
            store.releaseUnsent(assignment.items.map(\.id))
            lose(worker, reason: "extractor \(worker.workerID) became unreachable while holding the document")
            return false
        }
    }

    /// Drops silent extractors and returns expired leases to the queue.
    func checkLeases() {
        for worker in workers.removeExpired(configuration.heartbeat) {
            lose(worker, reason: "extractor \(worker.workerID) went silent while holding the document")
        }
        if let expired = try? store.releaseExpiredLeases(), !expired.isEmpty {
            workers.expired(Set(expired))
            logger.warning("leases expired", metadata: ["count": "\(expired.count)"])
        }
        dispatch()
    }

    /// Tells extractors ingest is alive, so they can tell a dead ingest from an empty queue.
    /// A heartbeat that cannot be delivered means the extractor's connection is gone: it is lost now.
    func sendHeartbeats() {
        // The timer fires every heartbeat interval; every extractor hears from ingest on each tick.
        for worker in workers.workers.values {
            let beat = Envelope(WorkHeartbeat(workerID: "ingest", available: 0))
            do {
                try work.socket.send([worker.route] + beat.frames, dontWait: true)
                workers.sentHeartbeat(route: worker.route)
            } catch {
                lose(worker, reason: "extractor \(worker.workerID) disconnected while holding the document")
            }
        }
    }

    /// Forgets an extractor and returns its leases to the queue (see `IngestStore.releaseLeases`).
    func lose(_ worker: WorkerRegistry.Worker, reason: String) {
        workers.remove(route: worker.route)
        releaseLeases(of: worker, reason: reason)
    }

    private func releaseLeases(of worker: WorkerRegistry.Worker, reason: String) {
        let released = (try? store.releaseLeases(of: worker.workerID, reason: reason, maxFailures: configuration.maxFailures)) ?? 0
        logger.warning("extractor lost", metadata: ["worker.id": "\(worker.workerID)", "released": "\(released)"])
    }
}

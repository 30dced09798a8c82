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
                workers.heard(route: route, workerID: ready.workerID)
                workers.addCredit(ready.credit, route: route)
            case .workHeartbeat:
                let beat = try envelope.decodeBody(WorkHeartbeat.self)
                // An extractor we do not know (ingest restarted) re-registers with the capacity it has free.
                if workers.workers[route] == nil { workers.addCreditOnRegistration(beat.available, route: route, workerID: beat.workerID) }
                workers.heard(route: route, workerID: beat.workerID)
            case .workFailed:
                let failure = try envelope.decodeBody(WorkFailed.self)
                workers.heard(route: route, workerID: failure.workerID)
                workers.failed(workerID: failure.workerID)
                try storeCall { try store.recordFailure(id: failure.id, reason: failure.reason, maxFailures: configuration.maxFailures) }
                logger.warning("extraction failed", metadata: ["doc.id": "\(failure.id)", "worker.id": "\(failure.workerID)", "reason": "\(failure.reason)"])
                work.send(envelope.reply(Ack()), to: request.route)
            case .indexCommitted:
                let committed = try envelope.decodeBody(IndexCommitted.self)
                try storeCall { try store.markIndexed(committed.items.map(\.id)) }
                for item in committed.items { workers.finished(workerID: item.workerID) }
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

    /// Hands queued documents to extractors with credit, least loaded first, in rounds of at most
    /// `leaseBatch` documents per extractor (one transaction per lease batch), so work spreads evenly.
    func dispatch() {
        var ready = workers.ready
        while !ready.isEmpty {
            var next: [WorkerRegistry.Worker] = []
            for worker in ready {
                if worker.inFlight == 0, let suspect = try? store.leaseSuspect(to: worker.workerID, lease: configuration.lease.seconds) {
                    if send(WorkAssignment(items: [suspect], leaseSeconds: configuration.lease.seconds), to: worker) {
                        workers.assigned(1, route: worker.route)
                        workers.isolate(route: worker.route)
                    }
                    continue
                }
                let count = min(worker.credit, configuration.leaseBatch)
                guard let items = try? store.leaseNext(count: count, to: worker.workerID, lease: configuration.lease.seconds), !items.isEmpty else { return }
                guard send(WorkAssignment(items: items, leaseSeconds: configuration.lease.seconds), to: worker) else { continue }
                workers.assigned(items.count, route: worker.route)
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
            logger.warning("extractor unreachable", metadata: ["worker.id": "\(worker.workerID)", "error": "\(error)"])
            workers.remove(route: worker.route)
            _ = try? store.releaseLeases(of: worker.workerID, reason: "extractor \(worker.workerID) became unreachable", maxFailures: configuration.maxFailures)
            return false
        }
    }

    /// Drops silent extractors and returns expired leases to the queue.
    func checkLeases() {
        for worker in workers.removeExpired(configuration.heartbeat) {
            let released = (try? store.releaseLeases(
                of: worker.workerID, reason: "extractor \(worker.workerID) went silent while holding the document",
                maxFailures: configuration.maxFailures)) ?? 0
            logger.warning("extractor lost", metadata: ["worker.id": "\(worker.workerID)", "released": "\(released)"])
        }
        if let expired = try? store.releaseExpiredLeases(), expired > 0 {
            logger.warning("leases expired", metadata: ["count": "\(expired)"])
        }
        dispatch()
    }

    /// Tells idle extractors ingest is alive, so they can tell a dead ingest from an empty queue.
    func sendHeartbeats() {
        for worker in workers.workers.values where configuration.heartbeat.isDue(lastSent: worker.lastSent) {
            let beat = Envelope(WorkHeartbeat(workerID: "ingest", available: 0))
            if (try? work.socket.send([worker.route] + beat.frames, dontWait: true)) != nil {
                workers.sentHeartbeat(route: worker.route)
            }
        }
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

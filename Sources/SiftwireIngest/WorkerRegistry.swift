import Foundation
import SiftwireMessaging
import SiftwireProtocol

/// The extractors connected to ingest's work socket, their credit and liveness.
struct WorkerRegistry {
    struct Worker {
        /// ROUTER identity frame of the extractor's DEALER.
        let route: Data
        let workerID: String
        var credit = 0
        var inFlight = 0
        var completed = 0
        var lastHeard = ContinuousClock.now
        var lastSent = ContinuousClock.now
        /// Holding a suspect document alone: gets nothing else until it is done.
        var isolating = false
    }

    private(set) var workers: [Data: Worker] = [:]
    private var routeByWorkerID: [String: Data] = [:]

    /// Records that a worker spoke; registers it on first contact.
    mutating func heard(route: Data, workerID: String) {
        if workers[route] == nil {
            // A worker that reconnected under a new route replaces its old entry.
            if let old = routeByWorkerID[workerID] { workers[old] = nil }
            workers[route] = Worker(route: route, workerID: workerID)
            routeByWorkerID[workerID] = route
        }
        workers[route]?.lastHeard = .now
    }

    mutating func addCredit(_ credit: Int, route: Data) {
        workers[route]?.credit += max(0, credit)
    }

    mutating func addCreditOnRegistration(_ credit: Int, route: Data, workerID: String) {
        heard(route: route, workerID: workerID)
        addCredit(credit, route: route)
    }

    mutating func assigned(_ count: Int, route: Data) {
        workers[route]?.credit -= count
        workers[route]?.inFlight += count
        workers[route]?.lastSent = .now
    }

    mutating func finished(workerID: String, count: Int = 1) {
        update(workerID) {
            $0.inFlight = max(0, $0.inFlight - count)
            $0.completed += count
        }
    }

    mutating func failed(workerID: String) {
        update(workerID) { $0.inFlight = max(0, $0.inFlight - 1) }
    }

    mutating func isolate(route: Data) {
        workers[route]?.isolating = true
    }

    private mutating func update(_ workerID: String, _ change: (inout Worker) -> Void) {
        guard let route = routeByWorkerID[workerID], var worker = workers[route] else { return }
        change(&worker)
        if worker.inFlight == 0 { worker.isolating = false }
        workers[route] = worker
    }

    mutating func sentHeartbeat(route: Data) {
        workers[route]?.lastSent = .now
    }

    /// Removes and returns the workers silent for longer than the heartbeat timeout.
    mutating func removeExpired(_ heartbeat: Heartbeat) -> [Worker] {
        let now = ContinuousClock.now
        let expired = workers.values.filter { heartbeat.isExpired(lastHeard: $0.lastHeard, now: now) }
        for worker in expired { remove(route: worker.route) }
        return expired
    }

    mutating func remove(route: Data) {
        guard let worker = workers.removeValue(forKey: route) else { return }
        if routeByWorkerID[worker.workerID] == route { routeByWorkerID[worker.workerID] = nil }
    }

    /// Workers with credit and not isolating a suspect, least loaded first, so work spreads evenly.
    var ready: [Worker] {
        workers.values.filter { $0.credit > 0 && !$0.isolating }.sorted { ($0.inFlight, $0.workerID) < ($1.inFlight, $1.workerID) }
    }

    var status: [PipelineStatus.Extractor] {
        let now = ContinuousClock.now
        return workers.values.sorted { $0.workerID < $1.workerID }.map { worker in
            let silence = now - worker.lastHeard
            return PipelineStatus.Extractor(
                id: worker.workerID, credit: worker.credit, inFlight: worker.inFlight, completed: worker.completed,
                secondsSinceHeard: Double(silence.components.seconds) + Double(silence.components.attoseconds) / 1e18)
        }
    }
}

import Foundation
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// The extractors connected to ingest's work socket, their credit and liveness.
struct WorkerRegistry {
    struct Worker {
        /// ROUTER identity frame of the extractor's DEALER.
        let route: Data
        let workerID: String
        var credit = 0
        /// Ids of the documents leased to it and not yet confirmed, failed or expired.
        var held: Set<String> = []
        var completed = 0
        var lastHeard = ContinuousClock.now
        var lastSent = ContinuousClock.now
        let connected = ContinuousClock.now
        /// Holding a suspect document alone: gets nothing else until it is done.
        var isolating = false
        /// The engine version it reported (work.ready / work.heartbeat), if any.
        var engineVersion: String?

        var inFlight: Int { held.count }
    }

    private(set) var workers: [Data: Worker] = [:]
    private var routeByWorkerID: [String: Data] = [:]

    /// Records that a worker spoke; registers it on first contact. When the same worker id arrives
    /// on a new connection (a restarted extractor), the old registration is removed and returned:
    /// whatever it held was lost with the old process.
    @discardableResult
    mutating func heard(route: Data, workerID: String) -> Worker? {
        var replaced: Worker?
        if workers[route] == nil {
            if let old = routeByWorkerID[workerID], old != route {
                replaced = workers.removeValue(forKey: old)
            }
            workers[route] = Worker(route: route, workerID: workerID)
            routeByWorkerID[workerID] = route
        }
        workers[route]?.lastHeard = .now
        return replaced
    }

    /// Most credit one extractor may hold: a peer announcing `Int.max` must not overflow the count.
    static let maxCredit = 10_000

    mutating func addCredit(_ credit: Int, route: Data) {
        guard let current = workers[route]?.credit else { return }
        let added = min(max(0, credit), Self.maxCredit)
        workers[route]?.credit = min(current + added, Self.maxCredit)
    }

    mutating func assigned(_ ids: [String], route: Data) {
        workers[route]?.credit -= ids.count
        workers[route]?.held.formUnion(ids)
        workers[route]?.lastSent = .now
    }

    /// The index confirmed `id`. Counted once, however often the confirmation is resent.
    mutating func finished(workerID: String, id: String) {
        update(workerID) {
            if $0.held.remove(id) != nil { $0.completed += 1 }
        }
    }

    mutating func failed(workerID: String, id: String) {
        update(workerID) { $0.held.remove(id) }
    }

    /// Leases that expired at ingest are no longer held by anyone.
    mutating func expired(_ ids: Set<String>) {
        for route in workers.keys where !workers[route]!.held.isDisjoint(with: ids) {
            workers[route]!.held.subtract(ids)
            if workers[route]!.held.isEmpty { workers[route]!.isolating = false }
        }
    }

    mutating func isolate(route: Data) {
        workers[route]?.isolating = true
    }

    private mutating func update(_ workerID: String, _ change: (inout Worker) -> Void) {
        guard let route = routeByWorkerID[workerID], var worker = workers[route] else { return }
        change(&worker)
        if worker.held.isEmpty { worker.isolating = false }
        workers[route] = worker
    }

    /// Records the engine version a worker reported (a longer-than-an-id string is not kept).
    mutating func reported(engineVersion: String?, route: Data) {
        guard let engineVersion, !engineVersion.isEmpty, engineVersion.utf8.count <= 256 else { return }
        workers[route]?.engineVersion = engineVersion
    }

    /// The engine versions connected extractors run.
    var engineVersions: Set<String> { Set(workers.values.compactMap(\.engineVersion)) }

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
            let connected = max((now - worker.connected).inSeconds, 0.001)
            return PipelineStatus.Extractor(
                id: worker.workerID, credit: worker.credit, inFlight: worker.inFlight, completed: worker.completed,
                secondsSinceHeard: (now - worker.lastHeard).inSeconds, documentsPerSecond: Double(worker.completed) / connected,
                engineVersion: worker.engineVersion)
        }
    }
}

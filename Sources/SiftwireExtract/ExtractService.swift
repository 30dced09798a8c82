import Foundation
import Logging
import SiftwireExtraction
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// An extractor: takes leased documents from ingest, runs the extraction engine, and puts the
/// results to the index. It keeps heartbeating while it waits for the index, so a slow or
/// restarting index never makes ingest think the extractor died.
public struct ExtractService: Sendable {
    public let configuration: ExtractConfiguration
    public let logger: Logger

    public init(configuration: ExtractConfiguration, logger: Logger = Logger(label: "siftwire.extract")) {
        self.configuration = configuration
        self.logger = logger
    }

    public func loopService() -> LoopService {
        let configuration = configuration
        let logger = logger
        return LoopService(name: "siftwire-extract") { stop in
            try withServiceContext(curve: configuration.curve, logger: logger) { context in
                let runner = try ExtractRunner(configuration: configuration, context: context, logger: logger)
                try runner.run(until: stop)
            }
        }
    }
}

final class ExtractRunner {
    /// A put sent to the index and not yet answered: its encoded message is kept and resent as is.
    struct Pending {
        let id: String
        let frames: Frames
        var sent: ContinuousClock.Instant
        let leaseEnds: ContinuousClock.Instant
    }

    struct Held {
        let item: WorkItem
        let leaseEnds: ContinuousClock.Instant
    }

    let configuration: ExtractConfiguration
    let logger: Logger
    let store: ExtractStore
    let engine: ExtractionEngine
    let ingest: ZMQSocket
    let index: ZMQSocket
    let loop = MessageLoop()
    /// Answers `health` when `configuration.healthEndpoint` is set.
    let healthResponder: Responder?
    let health = ServiceHealth(service: "extract")
    /// Leased documents not yet extracted.
    var queue: [Held] = []
    /// Extracted documents whose index put awaits its reply, by request id.
    var pending: [String: Pending] = [:]
    var lastHeardIngest = ContinuousClock.now
    var extracted = 0
    /// Messages from ingest or the index that did not decode (logged and counted, never answered).
    var dropped = 0

    init(configuration: ExtractConfiguration, context: ZMQContext, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        store = try ExtractStore(path: configuration.storePath)
        let dictionary = try SeedDictionary.prepare(store)
        switch configuration.engine {
        case .standard: engine = try EngineFactory.standard(dictionary: dictionary)
        case .rules: engine = try EngineFactory.rulesEngine(dictionary: dictionary)
        }

        var options = try SocketOptions().connecting(configuration.curve)
        options.maxMessageSize = Int64(configuration.maxMessageBytes)
        // Unique per process: a restarted extractor is a new connection, even under the same worker id.
        options.routingID = "\(configuration.workerID)/\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        ingest = try ZMQSocket(context, .dealer, options: options)
        try ingest.connect(configuration.workEndpoint)
        var indexOptions = try SocketOptions().connecting(configuration.curve)
        indexOptions.maxMessageSize = Int64(configuration.maxMessageBytes)
        index = try ZMQSocket(context, .dealer, options: indexOptions)
        try index.connect(configuration.indexEndpoint)

        if let endpoint = configuration.healthEndpoint {
            var healthOptions = SocketOptions()
            healthOptions.maxMessageSize = Int64(configuration.maxMessageBytes)
            let socket = try ZMQSocket(context, .router, options: healthOptions)
            try socket.bind(endpoint)
            healthResponder = Responder(socket: socket, logger: logger)
        } else {
            healthResponder = nil
        }

        loop.on(ingest) { [unowned self] in handleIngest($0) }
        if let healthResponder { loop.on(healthResponder.socket) { [unowned self] in handleHealth($0) } }
        loop.on(index) { [unowned self] in handleIndex($0) }
        loop.afterEachBatch { [unowned self] in pump() }
        loop.every(.milliseconds(500)) { [unowned self] in resendOverdue() }
        loop.every(configuration.heartbeat.interval) { [unowned self] in heartbeat() }
        logger.info("extractor connected", metadata: [
            "worker.id": "\(configuration.workerID)", "zmq.endpoint": "\(configuration.workEndpoint)",
            "zmq.index_endpoint": "\(configuration.indexEndpoint)", "dictionary.entries": "\(dictionary.count)", "engine.version": "\(engine.version)",
            "zmq.curve": "\(configuration.curve != nil)",
        ])
    }

    func run(until stop: StopSignal) throws {
        sendToIngest(WorkReady(workerID: configuration.workerID, credit: configuration.capacity, engineVersion: engine.version))
        try loop.run(until: stop)
        let returned = try returnUnfinishedWork()
        logger.info("extractor stopping", metadata: [
            "worker.id": "\(configuration.workerID)", "returned": "\(returned)", "extracted": "\(extracted)", "dropped": "\(dropped)",
        ])
    }

    /// On shutdown: give puts already sent up to 2 s to be answered, then hand everything still
    /// held back to ingest (`work.return`), so it goes to another extractor now, not after its lease.
    private func returnUnfinishedWork() throws -> Int {
        let deadline = ContinuousClock.now + .seconds(2)
        while !pending.isEmpty, ContinuousClock.now < deadline {
            if let frames = try index.receive(timeout: .milliseconds(100)) { handleIndex(frames) }
        }
        let ids = queue.map(\.item.id) + pending.values.map(\.id)
        guard !ids.isEmpty else { return 0 }
        let envelope = Envelope(WorkReturn(workerID: configuration.workerID, ids: ids))
        send(envelope, on: ingest)
        let ackDeadline = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < ackDeadline {
            guard let frames = try ingest.receive(timeout: .milliseconds(100)) else { continue }
            if (try? Envelope.decode(frames))?.requestID == envelope.requestID { break }
        }
        queue.removeAll()
        pending.removeAll()
        return ids.count
    }

    var held: Int { queue.count + pending.count }

    /// `health` on the extractor's own endpoint: alive, and how its link to ingest looks.
    func handleHealth(_ frames: Frames) {
        guard let responder = healthResponder, let request = responder.decode(frames) else { return }
        responder.answer(request) { envelope throws(SiftwireError) in
            guard envelope.kind == .health else {
                throw SiftwireError(.unknownKind, "an extractor's health endpoint answers only 'health', not '\(envelope.kind.rawValue)'")
            }
            let silent = ContinuousClock.now - lastHeardIngest
            return envelope.reply(health.reply(details: [
                "worker.id": configuration.workerID, "held": "\(held)", "extracted": "\(extracted)",
                "ingest.silent_seconds": "\(silent.components.seconds)", "dropped": "\(dropped)", "engine.version": engine.version,
            ]))
        }
    }

    func handleIngest(_ frames: Frames) {
        lastHeardIngest = .now
        guard let envelope = try? Envelope.decode(frames) else {
            dropped += 1
            if DropLogging.shouldLog(dropped) { logger.warning("dropped malformed message from ingest", metadata: ["dropped": "\(dropped)"]) }
            return
        }
        guard envelope.kind == .workAssign else { return }
        guard let assignment = try? envelope.decodeBody(WorkAssignment.self) else {
            dropped += 1
            if DropLogging.shouldLog(dropped) { logger.warning("dropped undecodable work.assign from ingest", metadata: ["dropped": "\(dropped)"]) }
            return
        }
        // A lease is a finite, sane number of seconds whatever the peer sent (no overflow on conversion).
        let leaseSeconds = assignment.leaseSeconds.isFinite ? min(max(assignment.leaseSeconds, 0), 86_400) : 30
        let leaseEnds = ContinuousClock.now + .milliseconds(Int(leaseSeconds * 1000))
        queue += assignment.items.map { Held(item: $0, leaseEnds: leaseEnds) }
    }

    func handleIndex(_ frames: Frames) {
        guard let reply = try? Envelope.decode(frames) else {
            dropped += 1
            if DropLogging.shouldLog(dropped) { logger.warning("dropped malformed message from the index", metadata: ["dropped": "\(dropped)"]) }
            return
        }
        guard let done = pending.removeValue(forKey: reply.requestID) else { return }
        if reply.kind == .indexStored {
            extracted += 1
            logger.debug("document extracted", metadata: ["doc.id": "\(done.id)", "worker.id": "\(configuration.workerID)"])
        } else {
            let reason = (try? reply.decodeBody(ErrorReply.self).message) ?? "index answered '\(reply.kind.rawValue)'"
            sendToIngest(WorkFailed(workerID: configuration.workerID, id: done.id, reason: "index refused the result: \(reason)"))
        }
        sendToIngest(WorkReady(workerID: configuration.workerID, credit: 1))
    }

    /// Extracts queued documents and puts them to the index.
    func pump() {
        while !queue.isEmpty {
            let held = queue.removeFirst()
            let item = held.item
            if let fault = configuration.fault, fault.applies(to: item.text) {
                logger.warning("fault injected", metadata: ["doc.id": "\(item.id)", "mode": "\(fault.mode.rawValue)"])
                if fault.mode == .crash { exit(70) }
                sendToIngest(WorkFailed(workerID: configuration.workerID, id: item.id, reason: "fault injected: document contains the fault marker"))
                sendToIngest(WorkReady(workerID: configuration.workerID, credit: 1))
                continue
            }
            let extraction = engine.extract(SourceDocument(text: item.text, title: item.title, date: item.date))
            let envelope = Envelope(IndexPut(item: item, extraction: extraction, workerID: configuration.workerID,
                                             engineVersion: engine.version))
            let frames = envelope.frames
            pending[envelope.requestID] = Pending(id: item.id, frames: frames, sent: .now, leaseEnds: held.leaseEnds)
            send(frames, kind: envelope.kind, on: index)
        }
    }

    /// Puts not answered in time are sent again (the index is idempotent) until their lease ends:
    /// the same message, request id included, so whichever answer comes first settles it.
    func resendOverdue() {
        let now = ContinuousClock.now
        for (requestID, put) in pending where now - put.sent > configuration.putTimeout {
            guard now < put.leaseEnds else {
                pending[requestID] = nil
                logger.warning("lease ended before the index answered", metadata: ["doc.id": "\(put.id)"])
                sendToIngest(WorkReady(workerID: configuration.workerID, credit: 1))
                continue
            }
            pending[requestID]?.sent = now
            send(put.frames, kind: .indexPut, on: index)
        }
    }

    func heartbeat() {
        sendToIngest(WorkHeartbeat(workerID: configuration.workerID, available: max(0, configuration.capacity - held),
                                    engineVersion: engine.version))
        if configuration.heartbeat.isExpired(lastHeard: lastHeardIngest) {
            logger.warning("ingest silent", metadata: ["zmq.endpoint": "\(configuration.workEndpoint)"])
            lastHeardIngest = .now
        }
    }

    private func sendToIngest<Body: MessageBody>(_ body: Body) {
        send(Envelope(body), on: ingest)
    }

    private func send(_ envelope: Envelope, on socket: ZMQSocket) {
        send(envelope.frames, kind: envelope.kind, on: socket)
    }

    private func send(_ frames: Frames, kind: MessageKind, on socket: ZMQSocket) {
        do {
            try socket.send(frames, dontWait: true)
        } catch {
            logger.warning("message not sent", metadata: ["kind": "\(kind.rawValue)", "error": "\(error)"])
        }
    }
}

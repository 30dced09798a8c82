import Foundation
import Logging
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// The index service: writes extraction results in batched transactions, answers reads on a pool
/// of reader threads, and confirms committed documents back to ingest.
public struct IndexService: Sendable {
    public let configuration: IndexConfiguration
    public let logger: Logger

    public init(configuration: IndexConfiguration, logger: Logger = Logger(label: "siftwire.index")) {
        self.configuration = configuration
        self.logger = logger
    }

    public func loopService() -> LoopService {
        let configuration = configuration
        let logger = logger
        return LoopService(name: "siftwire-index") { stop in
            try withServiceContext(curve: configuration.curve, logger: logger) { context in
                let runner = try IndexRunner(configuration: configuration, context: context, logger: logger)
                try runner.run(until: stop)
            }
        }
    }
}

/// The index loop's state, confined to the loop's thread. The loop writes (puts in batches,
/// curation) and answers `health`; reads go to `readers`, whose replies come back to the loop to be
/// sent through the ROUTER.
final class IndexRunner {
    let configuration: IndexConfiguration
    let logger: Logger
    let store: IndexStore
    let requests: Responder
    let confirmations: ConfirmationSender
    /// Reader threads with read-only connections of their own; reads wait for them in a bounded queue.
    let readers: ReaderPool
    /// Announces newly stored documents; subscribers that are absent or slow miss them.
    let publisher: ZMQSocket
    let health = ServiceHealth(service: "index")
    let loop = MessageLoop()
    /// Puts received and not yet written: committed together when the first has waited
    /// `commitDelay` or the batch is full.
    var pendingPuts: [(request: RoutedRequest, put: IndexPut)] = []
    var flushScheduled = false
    var documentsWritten = 0
    var batchesWritten = 0

    init(configuration: IndexConfiguration, context: ZMQContext, logger: Logger, beforeRead: ReaderPool.BeforeRead? = nil) throws {
        self.configuration = configuration
        self.logger = logger
        store = try IndexStore(path: configuration.storePath)
        store.readTimeLimit = configuration.queryTimeLimit
        var options = try SocketOptions().serving(configuration.curve, .services)
        options.maxMessageSize = Int64(configuration.maxMessageBytes)
        let socket = try ZMQSocket(context, .router, options: options)
        try socket.bind(configuration.endpoint)
        requests = Responder(socket: socket, logger: logger)
        publisher = try ZMQSocket(context, .pub, options: SocketOptions.publishSubscribe.serving(configuration.curve, .services))
        try publisher.bind(configuration.publishEndpoint)
        confirmations = try ConfirmationSender(context: context, endpoint: configuration.ingestWorkEndpoint,
                                               store: store, retry: configuration.confirmationRetry, curve: configuration.curve, logger: logger)
        readers = try ReaderPool(store: store, readers: configuration.readers, queueLimit: configuration.maxQueuedReads,
                                 context: context, logger: logger, beforeRead: beforeRead)

        loop.on(socket) { [unowned self] in handle($0) }
        loop.on(confirmations.socket) { [unowned self] in confirmations.handleReply($0) }
        for replies in readers.replySockets {
            loop.on(replies) { [unowned self] in sendReadReply($0) }
        }
        loop.afterEachBatch { [unowned self] in scheduleFlush() }
        loop.every(.milliseconds(500)) { [unowned self] in
            confirmations.removeAcknowledged()
            confirmations.sendPending()
        }
        logger.info("index listening", metadata: [
            "zmq.endpoint": "\(socket.lastEndpoint)", "zmq.ingest_endpoint": "\(configuration.ingestWorkEndpoint)",
            "zmq.publish_endpoint": "\(publisher.lastEndpoint)",
            "store.path": "\(configuration.storePath)", "zmq.curve": "\(configuration.curve != nil)",
            "limit.max_message_bytes": "\(configuration.maxMessageBytes)",
            "commit_delay_ms": "\(configuration.commitDelay.wholeMilliseconds)",
            "limit.query_time_limit_ms": "\(configuration.queryTimeLimit.wholeMilliseconds)",
            "readers": "\(readers.replySockets.count)", "limit.max_queued_reads": "\(configuration.maxQueuedReads)",
        ])
    }

    func run(until stop: StopSignal) throws {
        // Confirmations left from a previous run go out first.
        confirmations.sendPending()
        try loop.run(until: stop)
        stopReaders()
        flushPuts()
        confirmations.removeAcknowledged()
        logger.info("index stopping", metadata: ["written": "\(documentsWritten)"])
    }

    func handle(_ frames: Frames) {
        guard let request = requests.decode(frames) else { return }
        if request.envelope.kind == .indexPut {
            do {
                let put = try request.envelope.decodeBody(IndexPut.self)
                try put.validate()
                pendingPuts.append((request, put))
                if pendingPuts.count >= configuration.maxBatch { flushPuts() }
            } catch {
                requests.send(request.envelope.reply(error: error), to: request.route)
            }
            return
        }
        if IndexReads.kinds.contains(request.envelope.kind) {
            read(request)
            return
        }
        requests.answer(request) { envelope throws(SiftwireError) in
            switch envelope.kind {
            case .health:
                return envelope.reply(health.reply(details: healthDetails()))
            case .queryMerge:
                return envelope.reply(try curate { () throws(SiftwireError) in try store.merge(envelope.decodeBody(MergeEntities.self)) })
            case .querySplit:
                return envelope.reply(try curate { () throws(SiftwireError) in try store.split(envelope.decodeBody(SplitEntity.self)) })
            case .queryDistinct:
                return envelope.reply(try curate { () throws(SiftwireError) in try store.distinct(envelope.decodeBody(DistinctEntities.self)) })
            default:
                throw SiftwireError(.unknownKind, "the index does not answer '\(envelope.kind.rawValue)'")
            }
        }
    }

    /// Hands a read to the reader pool; when `maxQueuedReads` reads already wait, answers `busy`.
    /// The read runs later on a reader's own connection and sees every write committed before now.
    private func read(_ request: RoutedRequest) {
        guard !readers.submit(ReadJob(route: request.route, envelope: request.envelope)) else { return }
        if DropLogging.shouldLog(readers.refused) {
            logger.warning("read refused: readers busy", metadata: [
                "kind": "\(request.envelope.kind.rawValue)", "reads.in_flight": "\(readers.inFlight)", "reads.refused": "\(readers.refused)",
            ])
        }
        let message = "the index is busy: \(readers.replySockets.count) reads running and \(readers.queue.limit) waiting; ask again shortly"
        requests.send(request.envelope.reply(error: SiftwireError(.busy, message)), to: request.route)
    }

    /// Sends a reader's reply out through the ROUTER, along the route its request came in on.
    private func sendReadReply(_ frames: Frames) {
        guard let answer = readers.answered(frames) else {
            logger.error("unreadable reply from a reader", metadata: ["frames": "\(frames.count)"])
            return
        }
        requests.send(answer.reply, to: answer.route)
    }

    /// At shutdown: reads being read finish and are answered; reads still waiting are answered `unavailable`.
    private func stopReaders() {
        let unstarted = readers.stop()
        for socket in readers.replySockets {
            while let frames = try? socket.receiveIfReady() { sendReadReply(frames) }
        }
        for job in unstarted {
            requests.send(job.envelope.reply(error: SiftwireError(.unavailable, "the index is stopping; ask again once it is back")), to: job.route)
        }
    }

    func healthDetails() -> [String: String] {
        var details = [
            "documents": "\((try? store.documentCount()) ?? 0)",
            "written": "\(documentsWritten)",
            "batches": "\(batchesWritten)",
            "commitDelayMs": "\(configuration.commitDelay.wholeMilliseconds)",
            "maxMessageBytes": "\(configuration.maxMessageBytes)",
            "queryTimeLimitMs": "\(configuration.queryTimeLimit.wholeMilliseconds)",
            "readers": "\(readers.replySockets.count)",
            "readQueueLimit": "\(readers.queue.limit)",
            "readsInFlight": "\(readers.inFlight)",
            "readsRefusedBusy": "\(readers.refused)",
            "searchLimitCap": "\(IndexStore.searchLimitCap)",
        ]
        details.merge(requests.healthDetails()) { $1 }
        return details
    }

    /// Curation changes what later puts store, so puts received before it are written first.
    private func curate<T>(_ body: () throws(SiftwireError) -> T) throws(SiftwireError) -> T {
        flushPuts()
        let result = try body()
        logger.info("curation judgement recorded")
        return result
    }

    /// Announces newly stored documents on the PUB socket (dropped when no one listens or a subscriber is slow).
    private func announce(_ ids: [String]) {
        for id in ids {
            do {
                guard let announcement = try store.announcement(documentID: id) else { continue }
                try publisher.send(Envelope(announcement).frames, dontWait: true)
            } catch {
                logger.debug("announcement not sent", metadata: ["doc.id": "\(id)", "error": "\(error)"])
            }
        }
    }

    /// After a wake-up that received puts: commit now, or once the first has waited `commitDelay`
    /// (a full batch was already written by `handle`).
    func scheduleFlush() {
        guard !pendingPuts.isEmpty else { return }
        if configuration.commitDelay <= .zero {
            flushPuts()
        } else if !flushScheduled {
            flushScheduled = true
            loop.once(at: .now + configuration.commitDelay) { [unowned self] in flushPuts() }
        }
    }

    /// Writes the pending puts in one transaction, replies to each, then confirms them to ingest.
    func flushPuts() {
        flushScheduled = false
        guard !pendingPuts.isEmpty else { return }
        let batch = pendingPuts
        pendingPuts.removeAll(keepingCapacity: true)
        do {
            let results = try store.write(batch.map(\.put), acknowledged: confirmations.takeAcknowledged())
            batchesWritten += 1
            for (item, stored) in zip(batch, results) {
                requests.send(item.request.envelope.reply(stored), to: item.request.route)
                logger.debug("document committed", metadata: ["doc.id": "\(stored.id)", "already_stored": "\(stored.alreadyStored)"])
            }
            let written = results.filter { !$0.alreadyStored }
            documentsWritten += written.count
            confirmations.send(zip(batch, results).map { IndexCommitted.Item(id: $0.put.document.id, workerID: $0.put.workerID,
                                                                              engineVersion: $1.engineVersion) })
            // A reprocessed document is not news: watches hear about each document once.
            announce(written.filter { $0.replaced != true }.map(\.id))
        } catch {
            logger.error("batch write failed", metadata: ["error": "\(error)", "batch": "\(batch.count)"])
            for item in batch {
                requests.send(item.request.envelope.reply(error: SiftwireError(.internalError, "index write failed: \(error)")), to: item.request.route)
            }
        }
    }
}

extension Duration {
    /// Whole milliseconds, for limits stated in replies and logs.
    var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}

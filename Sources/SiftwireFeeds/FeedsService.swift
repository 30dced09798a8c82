import Foundation
import Logging
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// The feed poller: polls RSS/Atom feed URLs and submits their new items to ingest. Its control
/// ROUTER answers `feeds.add`, `feeds.list`, `feeds.remove` and `health`; the polling runs on a
/// second thread (`FeedPoller`), and both share the store.
public struct FeedsService: Sendable {
    public let configuration: FeedsConfiguration
    public let logger: Logger

    public init(configuration: FeedsConfiguration, logger: Logger = Logger(label: "siftwire.feeds")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// The service's loops, ready to run in a `ServiceGroup`.
    public func loopService() -> LoopService {
        let configuration = configuration
        let logger = logger
        return LoopService(name: "siftwire-feeds") { stop in
            try withServiceContext(curve: configuration.curve, logger: logger) { context in
                let store = try FeedStore(path: configuration.storePath)
                let counters = PollCounters()
                let runner = try FeedsRunner(configuration: configuration, store: store, context: context, counters: counters, logger: logger)
                let pollerDone = DispatchSemaphore(value: 0)
                let pollerFailure = PollerFailure()
                // The poller is made on its own thread: its ingest socket belongs to that thread.
                let thread = Thread {
                    defer { pollerDone.signal() }
                    do {
                        let poller = try FeedPoller(configuration: configuration, store: store, context: context, counters: counters, logger: logger)
                        poller.run(until: stop)
                        poller.ingest.close()
                    } catch {
                        logger.critical("feed poller could not start", metadata: ["error": "\(error)"])
                        pollerFailure.set(error)
                        stop.request()
                    }
                }
                thread.name = "siftwire-feeds-poller"
                thread.start()
                let runError: (any Error)?
                do {
                    try runner.run(until: stop)
                    runError = nil
                } catch {
                    runError = error
                }
                stop.request()
                pollerDone.wait()
                if let runError { throw runError }
                // A poller that could not start ends the service with its error, not a clean exit.
                if let error = pollerFailure.error { throw error }
            }
        }
    }
}

/// The poller thread's start-up error, handed to the service's thread.
private final class PollerFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    func set(_ error: any Error) { lock.withLock { stored = error } }
    var error: (any Error)? { lock.withLock { stored } }
}

/// The control loop's state, confined to its thread.
final class FeedsRunner {
    let configuration: FeedsConfiguration
    let logger: Logger
    let store: FeedStore
    let clients: Responder
    let counters: PollCounters
    let health = ServiceHealth(service: "feeds")
    let loop = MessageLoop()

    init(configuration: FeedsConfiguration, store: FeedStore, context: ZMQContext, counters: PollCounters, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        self.store = store
        self.counters = counters
        var options = try SocketOptions().serving(configuration.curve, .clients)
        options.maxMessageSize = Int64(configuration.maxMessageBytes)
        let socket = try ZMQSocket(context, .router, options: options)
        try socket.bind(configuration.endpoint)
        clients = Responder(socket: socket, logger: logger)
        loop.on(socket) { [unowned self] in handle($0) }
        logger.info("feeds listening", metadata: [
            "zmq.endpoint": "\(socket.lastEndpoint)", "zmq.ingest": "\(configuration.ingestEndpoint)",
            "store.path": "\(configuration.storePath)", "zmq.curve": "\(configuration.curve != nil)",
            "feeds.min_interval_s": "\(configuration.minimumIntervalSeconds)",
            "feeds.max_backoff_s": "\(configuration.schedule.maxBackoffSeconds)",
            "feeds.count": "\((try? store.feeds().count) ?? 0)",
        ])
    }

    func run(until stop: StopSignal) throws {
        try loop.run(until: stop)
        logger.info("feeds stopping", metadata: ["feeds.polls": "\(counters.snapshot.polls)"])
    }

    func handle(_ frames: Frames) {
        guard let request = clients.decode(frames) else { return }
        clients.answer(request) { envelope throws(SiftwireError) in
            switch envelope.kind {
            case .health:
                return envelope.reply(healthReply())
            case .feedsAdd:
                return envelope.reply(try add(envelope.decodeBody(FeedAdd.self)))
            case .feedsList:
                _ = try envelope.decodeBody(FeedListRequest.self)
                return envelope.reply(FeedList(feeds: try storeCall { try store.feeds() }.map(\.status)))
            case .feedsRemove:
                let url = try envelope.decodeBody(FeedRemove.self).url
                guard let removed = try storeCall({ try store.removeFeed(url: url) }) else {
                    throw SiftwireError(.notFound, "no feed with url '\(url)'; `siftwire feeds list` shows them")
                }
                logger.info("feed removed", metadata: ["feed.url": "\(url)"])
                return envelope.reply(FeedRemoved(feed: removed.status))
            default:
                throw SiftwireError(.unknownKind, "the feeds service does not answer '\(envelope.kind.rawValue)'")
            }
        }
    }

    private func add(_ request: FeedAdd) throws(SiftwireError) -> FeedAdded {
        try request.validate()
        let interval = request.intervalSeconds ?? configuration.defaultIntervalSeconds
        let bounds = configuration.minimumIntervalSeconds...configuration.maximumIntervalSeconds
        guard bounds.contains(interval) else {
            throw SiftwireError(.invalidArgument, "intervalSeconds \(interval) is outside \(bounds.lowerBound)…\(bounds.upperBound)")
        }
        let (feed, created) = try storeCall { try store.addFeed(url: request.url, intervalSeconds: interval) }
        logger.info(created ? "feed added" : "feed interval changed", metadata: ["feed.url": "\(feed.url)", "feed.interval_s": "\(interval)"])
        return FeedAdded(feed: feed.status, created: created)
    }

    func healthReply() -> HealthReply {
        let values = counters.snapshot
        var details = [
            "feeds": "\((try? store.feeds().count) ?? 0)", "polls": "\(values.polls)", "notModified": "\(values.notModified)",
            "failures": "\(values.failures)", "deferred": "\(values.deferred)", "submitted": "\(values.submitted)",
            "duplicates": "\(values.duplicates)", "rejected": "\(values.rejected)",
        ]
        details.merge(clients.healthDetails()) { $1 }
        return health.reply(details: details)
    }

    /// Runs a store call, turning a database failure into an `internal` error reply.
    func storeCall<T>(_ body: () throws -> T) throws(SiftwireError) -> T {
        do {
            return try body()
        } catch {
            logger.error("store call failed", metadata: ["error": "\(error)"])
            throw SiftwireError(.internalError, "feeds store: \(error)")
        }
    }
}

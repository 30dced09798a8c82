import Foundation
import Logging
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// The query service: validates client queries, forwards them to the index, logs each query, relays the replies.
public struct QueryService: Sendable {
    public let configuration: QueryConfiguration
    public let logger: Logger

    public init(configuration: QueryConfiguration, logger: Logger = Logger(label: "siftwire.query")) {
        self.configuration = configuration
        self.logger = logger
    }

    public func loopService() -> LoopService {
        let configuration = configuration
        let logger = logger
        return LoopService(name: "siftwire-query") { stop in
            try withServiceContext(curve: configuration.curve, logger: logger) { context in
                let runner = try QueryRunner(configuration: configuration, context: context, logger: logger)
                try runner.run(until: stop)
            }
        }
    }
}

final class QueryRunner {
    let configuration: QueryConfiguration
    let logger: Logger
    let store: QueryStore
    let clients: Responder
    /// Blocking requests of the query service's own (watch checks, alert matching).
    let index: RequestClient
    /// Client queries on their way to the index and back, several at once.
    let forwarder: IndexForwarder
    let validators: QueryValidators
    /// Subscribed to the index's `index.document` announcements.
    let announcements: ZMQSocket
    /// Publishes `query.alert`; subscribers that are absent or slow miss alerts.
    let alerts: ZMQSocket
    private(set) var alertsPublished = 0
    /// Messages on the announcement socket that did not decode as `index.document` (logged, counted, dropped).
    private(set) var announcementsDropped = 0
    let health = ServiceHealth(service: "query")
    let loop = MessageLoop()

    init(configuration: QueryConfiguration, context: ZMQContext, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        store = try QueryStore(path: configuration.storePath)
        var options = try SocketOptions().serving(configuration.curve, .clients)
        options.maxMessageSize = Int64(configuration.maxMessageBytes)
        let socket = try ZMQSocket(context, .router, options: options)
        try socket.bind(configuration.endpoint)
        clients = Responder(socket: socket, logger: logger)
        index = try RequestClient(context: context, endpoint: configuration.indexEndpoint, curve: configuration.curve)
        forwarder = try IndexForwarder(context: context, endpoint: configuration.indexEndpoint, timeout: configuration.indexTimeout,
                                       curve: configuration.curve)
        validators = QueryValidators(maxQueryLength: configuration.maxQueryLength)
        var subscribeOptions = try SocketOptions.publishSubscribe.connecting(configuration.curve)
        subscribeOptions.maxMessageSize = options.maxMessageSize
        announcements = try ZMQSocket(context, .sub, options: subscribeOptions)
        try announcements.connect(configuration.indexPublishEndpoint)
        alerts = try ZMQSocket(context, .pub, options: SocketOptions.publishSubscribe.serving(configuration.curve, .clients))
        try alerts.bind(configuration.publishEndpoint)
        loop.on(socket) { [unowned self] in handle($0) }
        loop.on(forwarder.socket) { [unowned self] in indexReplied($0) }
        loop.on(announcements) { [unowned self] in announced($0) }
        loop.every(.milliseconds(100)) { [unowned self] in expireForwarded() }
        logger.info("query listening", metadata: [
            "zmq.endpoint": "\(socket.lastEndpoint)", "zmq.index_endpoint": "\(configuration.indexEndpoint)",
            "zmq.index_publish_endpoint": "\(configuration.indexPublishEndpoint)", "zmq.publish_endpoint": "\(alerts.lastEndpoint)",
            "store.path": "\(configuration.storePath)", "zmq.curve": "\(configuration.curve != nil)",
            "limit.max_message_bytes": "\(configuration.maxMessageBytes)",
        ])
    }

    func run(until stop: StopSignal) throws {
        try loop.run(until: stop)
        logger.info("query stopping")
    }

    /// A client request: forwarded to the index once its kind's validator passes (the reply comes
    /// back through `indexReplied`), or answered here (health, watches, refusals).
    func handle(_ frames: Frames) {
        guard let request = clients.decode(frames) else { return }
        let received = ContinuousClock.now
        if let rule = QueryValidators.table[request.envelope.kind] {
            do throws(SiftwireError) {
                try rule.check(request.envelope, validators)
                try forwarder.forward(request, reply: rule.reply, received: received)
            } catch {
                clients.send(request.envelope.reply(error: error), to: request.route)
                log(request, outcome: error.code.rawValue, since: received)
            }
            return
        }
        var outcome = "ok"
        clients.answer(request) { envelope throws(SiftwireError) in
            do throws(SiftwireError) {
                return try answerHere(envelope)
            } catch {
                outcome = error.code.rawValue
                throw error
            }
        }
        log(request, outcome: outcome, since: received)
    }

    /// An answer from the index: its body goes to the client unchanged, under the client's request id.
    func indexReplied(_ frames: Frames) {
        guard let (waiting, reply) = forwarder.answered(frames) else { return }
        let client = waiting.request.envelope
        var outcome = "ok"
        let answer: Envelope
        if reply.kind == waiting.reply {
            answer = Envelope(kind: reply.kind, requestID: client.requestID, body: reply.body)
        } else if reply.kind == .error {
            do throws(SiftwireError) {
                outcome = try reply.decodeBody(ErrorReply.self).error.code.rawValue
                answer = Envelope(kind: .error, requestID: client.requestID, body: reply.body)
            } catch {
                outcome = error.code.rawValue
                answer = client.reply(error: error)
            }
        } else {
            let error = SiftwireError(.unknownKind, "expected '\(waiting.reply.rawValue)', got '\(reply.kind.rawValue)'")
            outcome = error.code.rawValue
            answer = client.reply(error: error)
        }
        clients.send(answer, to: waiting.request.route)
        log(waiting.request, outcome: outcome, since: waiting.started)
    }

    /// Answers `unavailable` to every forwarded request the index left unanswered too long.
    func expireForwarded() {
        for waiting in forwarder.expired() {
            let error = SiftwireError(.unavailable, "no reply from \(forwarder.endpoint) within \(forwarder.timeout)")
            clients.send(waiting.request.envelope.reply(error: error), to: waiting.request.route)
            log(waiting.request, outcome: error.code.rawValue, since: waiting.started)
        }
    }

    private func log(_ request: RoutedRequest, outcome: String, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let entry = QueryStore.LogEntry(
            requestID: request.envelope.requestID, kind: request.envelope.kind.rawValue,
            body: String(decoding: request.envelope.body.prefix(2000), as: UTF8.self), outcome: outcome,
            durationMs: Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        do {
            try store.log(entry)
        } catch {
            logger.warning("query log write failed", metadata: ["error": "\(error)"])
        }
    }

    /// The kinds the query service answers itself: health and watches.
    private func answerHere(_ envelope: Envelope) throws(SiftwireError) -> Envelope {
        switch envelope.kind {
        case .health:
            var details = [
                "queries": "\((try? store.queryCount()) ?? 0)",
                "maxMessageBytes": "\(configuration.maxMessageBytes)", "maxQueryLength": "\(configuration.maxQueryLength)",
                "announcements.dropped": "\(announcementsDropped)", "alerts": "\(alertsPublished)",
                "index.inFlight": "\(forwarder.inFlight)",
            ]
            details.merge(clients.healthDetails()) { $1 }
            return envelope.reply(health.reply(details: details))
        case .queryWatchAdd:
            return envelope.reply(try addWatch(envelope.decodeBody(WatchAdd.self)))
        case .queryWatchList:
            _ = try envelope.decodeBody(WatchListRequest.self)
            return envelope.reply(WatchList(watches: try storeRead { try store.watches() }))
        case .queryWatchRemove:
            let request = try envelope.decodeBody(WatchRemove.self)
            guard let removed = try storeRead({ try store.removeWatch(named: request.name) }) else {
                throw SiftwireError(.notFound, "no watch named '\(request.name)'")
            }
            return envelope.reply(WatchRemoved(watch: removed))
        default:
            throw SiftwireError(.unknownKind, "the query service does not answer '\(envelope.kind.rawValue)'")
        }
    }

    private func storeRead<T>(_ body: () throws -> T) throws(SiftwireError) -> T {
        do {
            return try body()
        } catch {
            throw SiftwireError(.internalError, "query store read failed: \(error)")
        }
    }

    /// Checks a watch with the index (the entity exists, the search parses) and saves it; an
    /// entity watch keeps the id the name resolves to now.
    private func addWatch(_ request: WatchAdd) throws(SiftwireError) -> WatchAdded {
        try request.validate()
        var entityID: String?
        if let entity = request.entity {
            try validators.text(entity, field: "entity")
            entityID = try index.request(EntityQuery(name: entity, documentLimit: 1, fuzzy: false), timeout: configuration.indexTimeout).id
        }
        if let search = request.search {
            try validators.text(search, field: "search")
            _ = try index.request(SearchQuery(text: search, limit: 1), timeout: configuration.indexTimeout)
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let watch = Watch(name: request.name, entity: entityID, search: request.search, createdAt: formatter.string(from: Date()))
        try store.addWatch(watch)
        logger.info("watch added", metadata: ["watch": "\(watch.name)"])
        return WatchAdded(watch: watch)
    }

    /// A document the index just stored: asks the index which watches it matches, publishes an alert for each.
    func announced(_ frames: Frames) {
        guard let envelope = try? Envelope.decode(frames), envelope.kind == .indexDocument,
              let document = try? envelope.decodeBody(DocumentAnnouncement.self) else {
            announcementsDropped += 1
            if DropLogging.shouldLog(announcementsDropped) { logger.warning("dropped a malformed message on the announcement socket", metadata: [
                "frames": "\(frames.count)", "dropped": "\(announcementsDropped)",
            ]) }
            return
        }
        let watches: [Watch]
        do {
            watches = try store.watches()
        } catch {
            logger.warning("watch list read failed", metadata: ["error": "\(error)"])
            return
        }
        guard !watches.isEmpty else { return }
        let entities = Array(Set(watches.compactMap(\.entity))).sorted()
        let searches = Array(Set(watches.compactMap(\.search))).sorted()
        let matches: IndexMatchReply
        do {
            matches = try index.request(IndexMatch(documentID: document.id, entities: entities, searches: searches),
                                        timeout: configuration.indexTimeout)
        } catch {
            logger.warning("watch matching failed", metadata: ["doc.id": "\(document.id)", "error": "\(error)"])
            return
        }
        let entityMatches = Dictionary(matches.entities.map { ($0.name, $0.entityID) }, uniquingKeysWith: { first, _ in first })
        let searchMatches = Set(matches.searches)
        let ref = Alert.Document(id: document.id, title: document.title, date: document.date)
        for watch in watches {
            let matched: String? = if let entity = watch.entity { entityMatches[entity] }
                else if let search = watch.search, searchMatches.contains(search) { search } else { nil }
            guard let matched else { continue }
            do {
                try alerts.send(Envelope(Alert(watch: watch.name, document: ref, matched: matched)).frames, dontWait: true)
                alertsPublished += 1
                logger.info("alert published", metadata: ["watch": "\(watch.name)", "doc.id": "\(document.id)"])
            } catch {
                logger.warning("alert not published", metadata: ["watch": "\(watch.name)", "error": "\(error)"])
            }
        }
    }

}

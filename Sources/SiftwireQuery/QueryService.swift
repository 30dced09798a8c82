import Foundation
import Logging
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// The query service: validates client queries, asks the index, logs each query, replies.
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
    let index: RequestClient
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
        var subscribeOptions = try SocketOptions.publishSubscribe.connecting(configuration.curve)
        subscribeOptions.maxMessageSize = options.maxMessageSize
        announcements = try ZMQSocket(context, .sub, options: subscribeOptions)
        try announcements.connect(configuration.indexPublishEndpoint)
        alerts = try ZMQSocket(context, .pub, options: SocketOptions.publishSubscribe.serving(configuration.curve, .clients))
        try alerts.bind(configuration.publishEndpoint)
        loop.on(socket) { [unowned self] in handle($0) }
        loop.on(announcements) { [unowned self] in announced($0) }
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

    func handle(_ frames: Frames) {
        guard let request = clients.decode(frames) else { return }
        let started = ContinuousClock.now
        var outcome = "ok"
        clients.answer(request) { envelope throws(SiftwireError) in
            do throws(SiftwireError) {
                return try answer(envelope)
            } catch {
                outcome = error.code.rawValue
                throw error
            }
        }
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

    private func answer(_ envelope: Envelope) throws(SiftwireError) -> Envelope {
        switch envelope.kind {
        case .health:
            var details = [
                "queries": "\((try? store.queryCount()) ?? 0)",
                "maxMessageBytes": "\(configuration.maxMessageBytes)", "maxQueryLength": "\(configuration.maxQueryLength)",
                "announcements.dropped": "\(announcementsDropped)", "alerts": "\(alertsPublished)",
            ]
            details.merge(clients.healthDetails()) { $1 }
            return envelope.reply(health.reply(details: details))
        case .querySearch:
            let query = try envelope.decodeBody(SearchQuery.self)
            try validate(text: query.text, field: "text")
            guard query.limit >= 1, query.offset >= 0 else {
                throw SiftwireError(.invalidArgument, "limit must be at least 1 and offset at least 0")
            }
            try query.validateFilters()
            if let entity = query.entity { try validate(text: entity, field: "entity") }
            if let source = query.source { try validate(text: source, field: "source") }
            return envelope.reply(try index.request(query, timeout: configuration.indexTimeout))
        case .queryEntity:
            let query = try envelope.decodeBody(EntityQuery.self)
            try validate(text: query.name, field: "name")
            return envelope.reply(try index.request(query, timeout: configuration.indexTimeout))
        case .queryDoc:
            let query = try envelope.decodeBody(DocumentQuery.self)
            try validate(text: query.id, field: "id")
            return envelope.reply(try index.request(query, timeout: configuration.indexTimeout))
        case .queryStats:
            return envelope.reply(try index.request(try envelope.decodeBody(StatsQuery.self), timeout: configuration.indexTimeout))
        case .queryEntities:
            let query = try envelope.decodeBody(EntitiesQuery.self)
            try query.validate()
            if let prefix = query.prefix { try validate(text: prefix, field: "prefix") }
            return envelope.reply(try index.request(query, timeout: configuration.indexTimeout))
        case .queryComentions:
            let query = try envelope.decodeBody(ComentionsQuery.self)
            try validate(text: query.name, field: "name")
            try query.validate()
            return envelope.reply(try index.request(query, timeout: configuration.indexTimeout))
        case .queryTimeline:
            let query = try envelope.decodeBody(TimelineQuery.self)
            try query.validate()
            for name in query.names { try validate(text: name, field: "names[]") }
            return envelope.reply(try index.request(query, timeout: configuration.indexTimeout))
        case .queryClaims:
            let query = try envelope.decodeBody(ClaimsQuery.self)
            try query.validate()
            for (field, name) in query.names { try validate(text: name, field: field) }
            return envelope.reply(try index.request(query, timeout: configuration.indexTimeout))
        case .queryContradictions:
            let query = try envelope.decodeBody(ContradictionsQuery.self)
            try query.validate()
            try validate(optional: query.entity, field: "entity")
            return envelope.reply(try index.request(query, timeout: configuration.indexTimeout))
        case .queryMerge:
            let request = try envelope.decodeBody(MergeEntities.self)
            try validate(text: request.into, field: "into")
            try validate(text: request.from, field: "from")
            try validate(optional: request.by, field: "by")
            try validate(optional: request.note, field: "note")
            return envelope.reply(try index.request(request, timeout: configuration.indexTimeout))
        case .querySplit:
            let request = try envelope.decodeBody(SplitEntity.self)
            try validate(text: request.entity, field: "entity")
            try validate(text: request.alias, field: "alias")
            try validate(optional: request.newName, field: "newName")
            try validate(optional: request.by, field: "by")
            try validate(optional: request.note, field: "note")
            return envelope.reply(try index.request(request, timeout: configuration.indexTimeout))
        case .queryDistinct:
            let request = try envelope.decodeBody(DistinctEntities.self)
            try validate(text: request.a, field: "a")
            try validate(text: request.b, field: "b")
            try validate(optional: request.by, field: "by")
            try validate(optional: request.note, field: "note")
            return envelope.reply(try index.request(request, timeout: configuration.indexTimeout))
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

    private func validate(optional text: String?, field: String) throws(SiftwireError) {
        if let text, text.count > configuration.maxQueryLength {
            throw SiftwireError(.tooLarge, "\(field) is \(text.count) characters; the limit is \(configuration.maxQueryLength)")
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
            try validate(text: entity, field: "entity")
            entityID = try index.request(EntityQuery(name: entity, documentLimit: 1, fuzzy: false), timeout: configuration.indexTimeout).id
        }
        if let search = request.search {
            try validate(text: search, field: "search")
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

    private func validate(text: String, field: String) throws(SiftwireError) {
        if text.allSatisfy(\.isWhitespace) {
            throw SiftwireError(.invalidArgument, "\(field) is empty")
        }
        if text.count > configuration.maxQueryLength {
            throw SiftwireError(.tooLarge, "\(field) is \(text.count) characters; the limit is \(configuration.maxQueryLength)")
        }
    }
}

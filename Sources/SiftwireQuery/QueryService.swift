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
            let context = ZMQContext()
            let runner = try QueryRunner(configuration: configuration, context: context, logger: logger)
            try runner.run(until: stop)
        }
    }
}

final class QueryRunner {
    let configuration: QueryConfiguration
    let logger: Logger
    let store: QueryStore
    let clients: Responder
    let index: RequestClient
    let health = ServiceHealth(service: "query")
    let loop = MessageLoop()

    init(configuration: QueryConfiguration, context: ZMQContext, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        store = try QueryStore(path: configuration.storePath)
        let socket = try ZMQSocket(context, .router)
        try socket.bind(configuration.endpoint)
        clients = Responder(socket: socket, logger: logger)
        index = try RequestClient(context: context, endpoint: configuration.indexEndpoint)
        loop.on(socket) { [unowned self] in handle($0) }
        logger.info("query listening", metadata: [
            "zmq.endpoint": "\(socket.lastEndpoint)", "zmq.index_endpoint": "\(configuration.indexEndpoint)",
            "store.path": "\(configuration.storePath)",
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
            return envelope.reply(health.reply(details: ["queries": "\((try? store.queryCount()) ?? 0)"]))
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
        default:
            throw SiftwireError(.unknownKind, "the query service does not answer '\(envelope.kind.rawValue)'")
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

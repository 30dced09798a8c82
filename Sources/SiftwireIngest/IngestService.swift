import Foundation
import Logging
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// The ingest service: takes documents from clients, stores them durably, leases them to extractors,
/// and marks them indexed when the index confirms.
public struct IngestService: Sendable {
    public let configuration: IngestConfiguration
    public let logger: Logger

    public init(configuration: IngestConfiguration, logger: Logger = Logger(label: "siftwire.ingest")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// The service's loop, ready to run in a `ServiceGroup`.
    public func loopService() -> LoopService {
        let configuration = configuration
        let logger = logger
        return LoopService(name: "siftwire-ingest") { stop in
            try withServiceContext(curve: configuration.curve, logger: logger) { context in
                let runner = try IngestRunner(configuration: configuration, context: context, logger: logger)
                try runner.run(until: stop)
            }
        }
    }
}

/// The ingest loop's state, confined to the loop's thread.
final class IngestRunner {
    let configuration: IngestConfiguration
    let logger: Logger
    let store: IngestStore
    let clients: Responder
    let work: Responder
    var workers = WorkerRegistry()
    let health = ServiceHealth(service: "ingest")
    let loop = MessageLoop()

    init(configuration: IngestConfiguration, context: ZMQContext, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        store = try IngestStore(path: configuration.storePath)

        var clientOptions = try SocketOptions().serving(configuration.curve, .clients)
        clientOptions.maxMessageSize = Int64(configuration.maxMessageBytes)
        let clientSocket = try ZMQSocket(context, .router, options: clientOptions)
        try clientSocket.bind(configuration.clientEndpoint)
        var workOptions = try SocketOptions().serving(configuration.curve, .services)
        workOptions.maxMessageSize = Int64(configuration.maxMessageBytes)
        // A peer reconnecting under a routing id still held by a dead connection takes it over.
        workOptions.routerHandover = true
        let workSocket = try ZMQSocket(context, .router, options: workOptions)
        try workSocket.bind(configuration.workEndpoint)
        clients = Responder(socket: clientSocket, logger: logger)
        work = Responder(socket: workSocket, logger: logger)

        // Leases held by a previous run stay valid until they expire; their documents are not lost.
        loop.on(clientSocket) { [unowned self] in handleClient($0) }
        loop.on(workSocket) { [unowned self] in handleWork($0) }
        loop.afterEachBatch { [unowned self] in dispatch() }
        loop.every(.milliseconds(250)) { [unowned self] in checkLeases() }
        loop.every(configuration.heartbeat.interval) { [unowned self] in sendHeartbeats() }
        logger.info("ingest listening", metadata: [
            "zmq.endpoint": "\(clientSocket.lastEndpoint)", "zmq.work_endpoint": "\(workSocket.lastEndpoint)",
            "store.path": "\(configuration.storePath)", "zmq.curve": "\(configuration.curve != nil)",
            "limit.max_message_bytes": "\(configuration.maxMessageBytes)",
            "limit.max_document_bytes": "\(configuration.limits.maxDocumentBytes)", "limit.max_batch": "\(configuration.maxBatch)",
        ])
        if configuration.limits.maxDocumentBytes > configuration.maxMessageBytes / 3 {
            logger.warning("document limit is close to the message limit: large documents may not fit in one message", metadata: [
                "limit.max_message_bytes": "\(configuration.maxMessageBytes)",
                "limit.max_document_bytes": "\(configuration.limits.maxDocumentBytes)",
            ])
        }
    }

    func run(until stop: StopSignal) throws {
        try loop.run(until: stop)
        logger.info("ingest stopping", metadata: ["leased": "\((try? store.counts().leased) ?? 0)"])
    }

    func healthReply() -> HealthReply {
        let counts = try? store.counts()
        var details = [
            "queued": "\(counts?.queued ?? 0)", "indexed": "\(counts?.indexed ?? 0)",
            "extractors": "\(workers.workers.count)",
            "maxMessageBytes": "\(configuration.maxMessageBytes)",
            "maxDocumentBytes": "\(configuration.limits.maxDocumentBytes)", "maxBatch": "\(configuration.maxBatch)",
        ]
        details.merge(clients.healthDetails()) { $1 }
        details.merge(work.healthDetails(prefix: "work.")) { $1 }
        return health.reply(details: details)
    }
}

import CZeroMQ
import Foundation
import SiftwireModel
import Logging
import Synchronization

/// Authenticates the clients of every CURVE server socket of one context: ZeroMQ's ZAP
/// (RFC 27) as a REP socket at `inproc://zeromq.zap.01`, answered on a thread of its own.
///
/// Only CURVE clients whose long-term public key is in the allow-list of the server socket's ZAP
/// domain are let in; every other client (unknown key, unknown domain, or another mechanism) is
/// refused, counted and logged with its address and key. Start it before the context's server sockets bind: libzmq lets clients in without
/// asking when no handler is bound.
public final class ZAPHandler: @unchecked Sendable {
    public static let endpoint = "inproc://zeromq.zap.01"
    /// Refusals of one client are logged at most this often (a refused client keeps reconnecting).
    public static let refusalLogInterval: Duration = .seconds(10)

    /// ZAP domain → the client keys accepted by server sockets of that domain.
    public let allowLists: [String: CurveAllowList]
    private let socket: ZMQSocket
    private let logger: Logger
    private let acceptedCount = Atomic<Int>(0)
    private let refusedCount = Atomic<Int>(0)
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    /// Handler thread only: when each refused client was last logged, and refusals since.
    private var refusalLog: [String: (logged: ContinuousClock.Instant, since: Int)] = [:]

    private init(context: ZMQContext, allowLists: [String: CurveAllowList], logger: Logger) throws(MessagingError) {
        var options = SocketOptions()
        options.linger = .zero
        options.heartbeatInterval = nil
        options.heartbeatTimeout = nil
        socket = try ZMQSocket(context, .rep, options: options)
        try socket.bind(Self.endpoint)
        self.allowLists = allowLists
        self.logger = logger
    }

    /// Binds the handler on `context` now and answers requests on its own thread until `stop()`.
    /// `allowLists` maps each ZAP domain (`CurveRole.server(_:domain:)`) to the keys it accepts.
    public static func start(context: ZMQContext, allowLists: [String: CurveAllowList], logger: Logger) throws(MessagingError) -> ZAPHandler {
        let handler = try ZAPHandler(context: context, allowLists: allowLists, logger: logger)
        // The socket was made on this thread and is used only on the new one from here on
        // (thread start is a full memory barrier, as libzmq requires for migrating a socket).
        let thread = Thread { handler.run() }
        thread.name = "siftwire-zap"
        thread.start()
        for (domain, list) in allowLists.sorted(by: { $0.key < $1.key }) {
            logger.info("curve authentication on", metadata: [
                "zap.domain": "\(domain)", "zap.allow_list": "\(list.source)", "zap.keys": "\(list.count)",
            ])
        }
        return handler
    }

    /// One allow-list for every server socket that uses the default domain.
    public static func start(context: ZMQContext, allowList: CurveAllowList, logger: Logger) throws(MessagingError) -> ZAPHandler {
        try start(context: context, allowLists: [CurveRole.defaultDomain: allowList], logger: logger)
    }

    /// Clients let in so far.
    public var accepted: Int { acceptedCount.load(ordering: .relaxed) }
    /// Clients refused so far (each reconnect attempt of a refused client counts).
    public var refused: Int { refusedCount.load(ordering: .relaxed) }

    /// Stops answering, closes the socket and waits for the thread to end.
    public func stop() {
        guard !stopRequested.exchange(true, ordering: .acquiringAndReleasing) else { return }
        finished.wait()
    }

    private func run() {
        defer {
            socket.close()
            finished.signal()
        }
        while !stopRequested.load(ordering: .acquiring) {
            do {
                guard let request = try socket.receive(timeout: .milliseconds(100)) else { continue }
                try socket.send(answer(request))
            } catch {
                if error.contextTerminated { return }
                logger.warning("zap request not answered", metadata: ["error": "\(error)"])
            }
        }
    }

    /// The ZAP reply to one request: `1.0`, request id, status code, status text, user id, metadata.
    func answer(_ request: Frames) -> Frames {
        let requestID = request.count > 1 ? request[1] : Data()
        func reply(_ code: String, _ text: String, user: String = "") -> Frames {
            [Data("1.0".utf8), requestID, Data(code.utf8), Data(text.utf8), Data(user.utf8), Data()]
        }
        guard request.count >= 6, request[0] == Data("1.0".utf8) else {
            refuse(reason: "malformed ZAP request", domain: "-", address: "-", mechanism: "-", key: nil)
            return reply("500", "malformed ZAP request")
        }
        let text = { (frame: Data) in String(decoding: frame, as: UTF8.self) }
        let domain = text(request[2]), address = text(request[3]), mechanism = text(request[5])
        guard mechanism == "CURVE", request.count >= 7, let key = try? CurveKey(bytes: request[6]) else {
            refuse(reason: "mechanism not accepted", domain: domain, address: address, mechanism: mechanism, key: nil)
            return reply("400", "only CURVE clients are accepted")
        }
        guard let name = allowLists[domain]?.name(of: key) else {
            refuse(reason: "client key not in the allow-list", domain: domain, address: address, mechanism: mechanism, key: key)
            return reply("400", "client key not in the allow-list")
        }
        acceptedCount.add(1, ordering: .relaxed)
        logger.debug("curve client accepted", metadata: ["zap.address": "\(address)", "zap.client": "\(name)", "zap.domain": "\(domain)"])
        return reply("200", "OK", user: name)
    }

    private func refuse(reason: String, domain: String, address: String, mechanism: String, key: CurveKey?) {
        refusedCount.add(1, ordering: .relaxed)
        let client = "\(domain) \(mechanism) \(key?.z85 ?? address)"
        let now = ContinuousClock.now
        if let entry = refusalLog[client], now - entry.logged < Self.refusalLogInterval {
            refusalLog[client]?.since += 1
            return
        }
        let since = refusalLog[client]?.since ?? 0
        refusalLog[client] = (now, 0)
        logger.warning("curve client refused", metadata: [
            "zap.reason": "\(reason)", "zap.domain": "\(domain)", "zap.address": "\(address)", "zap.mechanism": "\(mechanism)",
            "zap.client_key": "\(key?.z85 ?? "-")", "zap.refused_total": "\(refused)",
            "zap.refused_unlogged": "\(since)",
        ])
    }
}

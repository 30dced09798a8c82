import Foundation
import Logging
import ServiceLifecycle
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime
import Synchronization

/// The query service's alerts (`query.alert` on its PUB socket), as they arrive: a SUB socket read
/// on its own thread, the newest `capacity` alerts kept in memory for the watch page. Runs as a
/// service of the application, stopped at graceful shutdown.
public final class AlertFeed: Service, Sendable {
    public struct Received: Sendable {
        public var alert: Alert
        public var at: Date
    }

    public let endpoint: String
    private let curve: CurveSettings?
    private let capacity: Int
    private let logger: Logger
    private let recent = Mutex<[Received]>([])
    private let stopping = Mutex(false)
    /// Open event streams (the watch page's Server-Sent Events), each given every alert as it comes.
    private let listeners = Mutex<[UUID: AsyncStream<Event>.Continuation]>([:])

    /// What an event stream carries: an alert, or a keep-alive (so a closed browser is noticed).
    public enum Event: Sendable {
        case alert(Alert)
        case keepAlive
    }

    public init(endpoint: String, curve: CurveSettings?, capacity: Int = 100, logger: Logger = Logger(label: "siftwire-web.alerts")) {
        self.endpoint = endpoint
        self.curve = curve
        self.capacity = capacity
        self.logger = logger
    }

    /// A stream of the alerts that arrive from now on, ended when the feed stops or the reader goes.
    public func subscribe() -> AsyncStream<Event> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(100))
        continuation.onTermination = { [weak self] _ in _ = self?.listeners.withLock { $0.removeValue(forKey: id) } }
        if stopping.withLock({ $0 }) {
            continuation.finish()
        } else {
            listeners.withLock { $0[id] = continuation }
        }
        return stream
    }

    private func broadcast(_ event: Event) {
        for continuation in listeners.withLock({ Array($0.values) }) { continuation.yield(event) }
    }

    /// The newest alerts first.
    public var alerts: [Received] { recent.withLock { $0.reversed() } }

    public func run() async throws {
        let finished = Mutex<CheckedContinuation<Void, Never>?>(nil)
        let done = Mutex(false)
        let thread = Thread { [self] in
            receive()
            let continuation = finished.withLock { waiting -> CheckedContinuation<Void, Never>? in
                done.withLock { $0 = true }
                return waiting
            }
            continuation?.resume()
        }
        thread.name = "siftwire-web alerts"
        thread.start()
        try? await gracefulShutdown()
        stopping.withLock { $0 = true }
        for continuation in listeners.withLock({ list in defer { list.removeAll() }; return Array(list.values) }) { continuation.finish() }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let already = finished.withLock { waiting -> Bool in
                if done.withLock({ $0 }) { return true }
                waiting = continuation
                return false
            }
            if already { continuation.resume() }
        }
    }

    private func receive() {
        let context = ZMQContext()
        let socket: ZMQSocket
        do {
            socket = try ZMQSocket(context, .sub, options: SocketOptions.publishSubscribe.connecting(curve))
            try socket.connect(endpoint)
        } catch {
            logger.error("cannot subscribe to alerts at \(endpoint): \(error)")
            return
        }
        logger.info("following alerts at \(endpoint)")
        var lastKeepAlive = ContinuousClock.now
        while !stopping.withLock({ $0 }) {
            if ContinuousClock.now - lastKeepAlive > .seconds(15) {
                broadcast(.keepAlive)
                lastKeepAlive = ContinuousClock.now
            }
            guard let frames = try? socket.receive(timeout: .milliseconds(200)) else { continue }
            guard let envelope = try? Envelope.decode(frames), envelope.kind == .queryAlert,
                  let alert = try? envelope.decodeBody(Alert.self) else { continue }
            recent.withLock { list in
                list.append(Received(alert: alert, at: Date()))
                if list.count > capacity { list.removeFirst(list.count - capacity) }
            }
            broadcast(.alert(alert))
        }
        socket.close()
    }
}

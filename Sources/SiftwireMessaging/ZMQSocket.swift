import CZeroMQ
import Foundation

/// One libzmq socket. Not thread-safe: make it, use it and drop it on one thread.
public final class ZMQSocket {
    let handle: UnsafeMutableRawPointer
    public let type: SocketType
    private var closed = false
    /// Held so the context outlives the socket: terminating a context blocks until its sockets close.
    private let context: ZMQContext

    public init(_ context: ZMQContext, _ type: SocketType, options: SocketOptions = SocketOptions()) throws(MessagingError) {
        guard let handle = zmq_socket(context.handle, type.rawValue) else {
            throw MessagingError(operation: "zmq_socket")
        }
        self.handle = handle
        self.type = type
        self.context = context
        do {
            try apply(options)
        } catch {
            zmq_close(handle)
            closed = true
            throw error
        }
    }

    deinit { close() }

    public func close() {
        guard !closed else { return }
        closed = true
        zmq_close(handle)
    }

    private func apply(_ options: SocketOptions) throws(MessagingError) {
        try set(ZMQ_LINGER, options.linger.milliseconds)
        try set(ZMQ_SNDHWM, options.sendHighWaterMark)
        try set(ZMQ_RCVHWM, options.receiveHighWaterMark)
        try set(ZMQ_MAXMSGSIZE, options.maxMessageSize)
        try set(ZMQ_RECONNECT_IVL, options.reconnectInterval.milliseconds)
        try set(ZMQ_RECONNECT_IVL_MAX, options.reconnectIntervalMax.milliseconds)
        if let interval = options.heartbeatInterval { try set(ZMQ_HEARTBEAT_IVL, interval.milliseconds) }
        if let timeout = options.heartbeatTimeout { try set(ZMQ_HEARTBEAT_TIMEOUT, timeout.milliseconds) }
        if let id = options.routingID { try set(ZMQ_ROUTING_ID, Data(id.utf8)) }
        if options.immediate { try set(ZMQ_IMMEDIATE, Int32(1)) }
        if type == .router && options.routerMandatory { try set(ZMQ_ROUTER_MANDATORY, Int32(1)) }
        if type == .router && options.routerHandover { try set(ZMQ_ROUTER_HANDOVER, Int32(1)) }
        if type == .sub { try set(ZMQ_SUBSCRIBE, Data()) }
        try apply(options.curve)
    }

    /// CURVE options must be set before the socket binds or connects.
    private func apply(_ curve: CurveRole?) throws(MessagingError) {
        switch curve {
        case nil:
            return
        case .server(let pair, let domain):
            try set(ZMQ_CURVE_SERVER, Int32(1))
            try set(ZMQ_CURVE_SECRETKEY, pair.secretKey.bytes)
            try set(ZMQ_ZAP_DOMAIN, Data(domain.utf8))
        case .client(let pair, let serverKey):
            try set(ZMQ_CURVE_SERVERKEY, serverKey.bytes)
            try set(ZMQ_CURVE_PUBLICKEY, pair.publicKey.bytes)
            try set(ZMQ_CURVE_SECRETKEY, pair.secretKey.bytes)
        }
    }

    func set(_ option: Int32, _ value: Int32) throws(MessagingError) {
        var value = value
        guard zmq_setsockopt(handle, option, &value, MemoryLayout<Int32>.size) == 0 else {
            throw MessagingError(operation: "zmq_setsockopt(\(option))")
        }
    }

    func set(_ option: Int32, _ value: Int64) throws(MessagingError) {
        var value = value
        guard zmq_setsockopt(handle, option, &value, MemoryLayout<Int64>.size) == 0 else {
            throw MessagingError(operation: "zmq_setsockopt(\(option))")
        }
    }

    func set(_ option: Int32, _ value: Data) throws(MessagingError) {
        let rc = value.withUnsafeBytes { zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }
        guard rc == 0 else { throw MessagingError(operation: "zmq_setsockopt(\(option))") }
    }

    /// Binds to an endpoint such as `tcp://127.0.0.1:5550` (`tcp://127.0.0.1:*` picks a free port).
    public func bind(_ endpoint: String) throws(MessagingError) {
        guard zmq_bind(handle, endpoint) == 0 else { throw MessagingError(operation: "zmq_bind(\(endpoint))") }
    }

    public func connect(_ endpoint: String) throws(MessagingError) {
        guard zmq_connect(handle, endpoint) == 0 else { throw MessagingError(operation: "zmq_connect(\(endpoint))") }
    }

    public func disconnect(_ endpoint: String) {
        zmq_disconnect(handle, endpoint)
    }

    /// The endpoint actually bound (resolves a `*` port).
    public var lastEndpoint: String {
        var buffer = [CChar](repeating: 0, count: 512)
        var size = buffer.count
        guard zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size) == 0 else { return "" }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

import Foundation

/// A plain TCP proxy on loopback between a ZeroMQ peer and the endpoint it means to reach. It
/// forwards bytes both ways and keeps a copy of every byte: what someone capturing the traffic
/// on the wire would see.
final class TCPRelay: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Where peers connect instead of `target`.
    let endpoint: String
    private let targetPort: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var captured = Data()
    private var connections: [Int32] = []
    private var connectionCount = 0

    /// Relays to `target`, a `tcp://127.0.0.1:PORT` endpoint.
    init(to target: String) throws {
        guard let portText = target.split(separator: ":").last, let port = UInt16(portText), target.hasPrefix("tcp://127.0.0.1:") else {
            throw Failure(description: "not a loopback endpoint: \(target)")
        }
        targetPort = port
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = Self.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { close(fd); throw Failure(description: "bind/listen: errno \(errno)") }
        listener = fd
        endpoint = "tcp://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Every byte relayed so far, both directions.
    var bytes: Data { lock.withLock { captured } }
    /// Connections relayed so far.
    var connectionsRelayed: Int { lock.withLock { connectionCount } }

    func carried(_ phrase: String) -> Bool { bytes.range(of: Data(phrase.utf8)) != nil }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        lock.withLock { connections.forEach { shutdown($0, Int32(SHUT_RDWR)) } }
    }

    deinit {
        stop()
        close(listener)
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                return
            }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: targetPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            guard connected else {
                close(client)
                close(server)
                continue
            }
            lock.withLock {
                connections += [client, server]
                connectionCount += 1
            }
            for (from, to) in [(client, server), (server, client)] {
                Thread { [self] in pump(from: from, to: to) }.start()
            }
        }
    }

    /// Copies bytes from one socket to the other until either side closes, recording them.
    private func pump(from: Int32, to: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        defer {
            shutdown(from, Int32(SHUT_RDWR))
            shutdown(to, Int32(SHUT_RDWR))
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(from, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            lock.withLock { captured.append(contentsOf: buffer[0..<count]) }
            var sent = 0
            while sent < count {
                let n = buffer.withUnsafeBytes { send(to, $0.baseAddress! + sent, count - sent, Int32(MSG_NOSIGNAL)) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                sent += n
            }
        }
    }
}

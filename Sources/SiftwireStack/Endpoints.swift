import Foundation
import SiftwireRuntime

/// The bound endpoints of one Siftwire stack: five ROUTERs (the feed poller's included) and two PUB sockets.
public struct Endpoints: Sendable, Equatable {
    public var ingest: String
    public var work: String
    public var index: String
    public var query: String
    /// The index's PUB socket (`index.document`), which the query service subscribes to.
    public var indexPublish: String
    /// The query service's PUB socket (`query.alert`), which `siftwire watch` subscribes to.
    public var queryPublish: String
    /// The feed poller's control ROUTER (`feeds.*`).
    public var feeds: String

    public init(ingest: String, work: String, index: String, query: String,
                indexPublish: String = "tcp://127.0.0.1:5554", queryPublish: String = "tcp://127.0.0.1:5555",
                feeds: String = "tcp://127.0.0.1:5557") {
        self.ingest = ingest
        self.work = work
        self.index = index
        self.query = query
        self.indexPublish = indexPublish
        self.queryPublish = queryPublish
        self.feeds = feeds
    }

    /// Ports on loopback from `base` (5550…5555 by default, as `siftwire up` uses), and `base + 7`
    /// (5557) for the feed poller: `base + 6` is the extractors' in-container health port.
    public static func loopback(basePort base: Int = 5550) -> Endpoints {
        Endpoints(ingest: "tcp://127.0.0.1:\(base)", work: "tcp://127.0.0.1:\(base + 1)",
                  index: "tcp://127.0.0.1:\(base + 2)", query: "tcp://127.0.0.1:\(base + 3)",
                  indexPublish: "tcp://127.0.0.1:\(base + 4)", queryPublish: "tcp://127.0.0.1:\(base + 5)",
                  feeds: "tcp://127.0.0.1:\(base + 7)")
    }

    /// Seven loopback ports the OS says are free now (for tests and side-by-side stacks).
    public static func freeLoopback() throws -> Endpoints {
        var ports: [Int] = []
        while ports.count < 7 {
            let port = try FreePort.find()
            if !ports.contains(port) { ports.append(port) }
        }
        return Endpoints(ingest: "tcp://127.0.0.1:\(ports[0])", work: "tcp://127.0.0.1:\(ports[1])",
                         index: "tcp://127.0.0.1:\(ports[2])", query: "tcp://127.0.0.1:\(ports[3])",
                         indexPublish: "tcp://127.0.0.1:\(ports[4])", queryPublish: "tcp://127.0.0.1:\(ports[5])",
                         feeds: "tcp://127.0.0.1:\(ports[6])")
    }
}

/// Finds an unused TCP port on 127.0.0.1 for a service to bind later.
///
/// The ports come from below the kernel's ephemeral range (`net.ipv4.ip_local_port_range`, 32768… by
/// default): a port from inside it may be taken, between the check and the service's bind, as the source port
/// of any outgoing connection or by any `bind(0)` — which, with hundreds of test connections and web servers on
/// port 0, made a test stack fail with "Address already in use" now and then. Below it only explicit binds
/// compete, and this process never hands out the same port twice.
public enum FreePort {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The ports handed out by this process (a registry, not a setting: it only grows).
    private final class HandedOut: @unchecked Sendable {
        let lock = NSLock()
        var ports = Set<Int>()
        func claim(_ port: Int) -> Bool { lock.withLock { ports.insert(port).inserted } }
    }
    private static let handedOut = HandedOut()

    /// The first port of the kernel's ephemeral range (32768 when it cannot be read).
    static func ephemeralStart() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8),
              let first = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first, let port = Int(first) else { return 32768 }
        return port
    }

    public static func find() throws -> Int {
        let low = 10_000, high = max(low + 1_000, ephemeralStart()) - 1
        var candidate = Int.random(in: low...high)
        for _ in 0...(high - low) {
            candidate = candidate >= high ? low : candidate + 1
            if isFree(candidate), handedOut.claim(candidate) { return candidate }
        }
        throw Failure(description: "no free port on 127.0.0.1 in \(low)…\(high)")
    }

    /// Whether a listening socket could bind the port now.
    static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 }
        }
    }
}

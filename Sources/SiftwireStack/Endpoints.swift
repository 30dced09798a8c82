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

/// Asks the kernel for an unused TCP port on 127.0.0.1.
public enum FreePort {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    public static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "could not bind a free port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

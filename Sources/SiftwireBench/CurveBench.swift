import ArgumentParser
import Foundation
import SiftwireConsole
import Logging
import SiftwireMessaging

/// What CURVE costs on loopback: connect-to-first-reply time (the handshake, ZAP included) and
/// round trips of a document-sized message, with and without CURVE.
struct CurveBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curve", abstract: "Time CURVE handshakes and round trips against plain text on loopback.")

    @Option(help: "Fresh connections timed (each: connect, one request, its reply).") var connections = 200
    @Option(help: "Round trips timed on one connection.") var roundTrips = 2000
    @Option(help: "Bytes per round-trip message.") var bytes = 16_384

    struct Figures {
        var firstReplyMedianMs: Double
        var firstReplyP95Ms: Double
        var roundTripMedianUs: Double
        var megabytesPerSecond: Double
    }

    func run() async throws {
        var table = Table("mode", "connect→first reply median ms", "p95 ms", "\(bytes) B round trip median µs", "MB/s both ways")
        for curve in [false, true] {
            let f = try measure(curve: curve)
            table.add(curve ? "CURVE" : "plain", String(format: "%.2f", f.firstReplyMedianMs), String(format: "%.2f", f.firstReplyP95Ms),
                      String(format: "%.0f", f.roundTripMedianUs), String(format: "%.1f", f.megabytesPerSecond))
        }
        print(table.render())
    }

    private func measure(curve: Bool) throws -> Figures {
        let serverContext = ZMQContext()
        let serverPair = try CurveKeyPair.generate()
        let clientPair = try CurveKeyPair.generate()
        let zap = curve ? try ZAPHandler.start(context: serverContext, allowList: CurveAllowList([clientPair.publicKey: "bench"]),
                                               logger: Logger(label: "bench.zap")) : nil
        defer { zap?.stop() }
        var serverOptions = SocketOptions()
        if curve { serverOptions.curve = .server(serverPair) }
        let server = try ZMQSocket(serverContext, .router, options: serverOptions)
        try server.bind("tcp://127.0.0.1:*")
        let endpoint = server.lastEndpoint
        nonisolated(unsafe) let echoSocket = server
        let stop = Atomic(false)
        let echo = Thread {
            while !stop.value {
                if let frames = try? echoSocket.receive(timeout: .milliseconds(50)) { try? echoSocket.send(frames) }
            }
            echoSocket.close()
        }
        echo.start()
        defer { stop.value = true; while !echo.isFinished { Thread.sleep(forTimeInterval: 0.01) } }

        let context = ZMQContext()
        var clientOptions = SocketOptions()
        clientOptions.linger = .zero
        if curve { clientOptions.curve = .client(clientPair, serverKey: serverPair.publicKey) }
        var firsts: [Double] = []
        for _ in 0..<connections {
            let started = ContinuousClock.now
            let socket = try ZMQSocket(context, .dealer, options: clientOptions)
            try socket.connect(endpoint)
            try socket.send([Data("ping".utf8)])
            guard try socket.receive(timeout: .seconds(10)) != nil else { throw CommandFailure("no reply from the bench server") }
            firsts.append(Self.milliseconds(ContinuousClock.now - started))
            socket.close()
        }
        let socket = try ZMQSocket(context, .dealer, options: clientOptions)
        defer { socket.close() }
        try socket.connect(endpoint)
        let payload = Data(repeating: 0x61, count: bytes)
        var trips: [Double] = []
        let all = ContinuousClock.now
        for _ in 0..<roundTrips {
            let started = ContinuousClock.now
            try socket.send([payload])
            guard try socket.receive(timeout: .seconds(10)) != nil else { throw CommandFailure("no reply from the bench server") }
            trips.append(Self.milliseconds(ContinuousClock.now - started) * 1000)
        }
        let seconds = Self.milliseconds(ContinuousClock.now - all) / 1000
        firsts.sort()
        trips.sort()
        return Figures(firstReplyMedianMs: firsts[firsts.count / 2], firstReplyP95Ms: firsts[firsts.count * 95 / 100],
                       roundTripMedianUs: trips[trips.count / 2],
                       megabytesPerSecond: Double(2 * bytes * roundTrips) / 1e6 / seconds)
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}

/// A flag shared with the echo thread.
private final class Atomic: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Bool
    init(_ value: Bool) { stored = value }
    var value: Bool {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

import Foundation
import SiftwireFuzzing
import SiftwireMessaging
import SiftwireProtocol

/// Sends hostile messages at one bound endpoint from several DEALER peers, draining replies as it
/// goes, within a frame count and a time budget.
struct FrameFlood {
    struct Result: CustomStringConvertible {
        var endpoint: String
        var sent = 0
        var replies = 0
        var errorReplies = 0
        var seconds = 0.0
        var description: String { "\(endpoint): \(sent) sent, \(replies) replies (\(errorReplies) errors) in \(String(format: "%.1f", seconds)) s" }
    }

    /// Frames per endpoint: `SIFTWIRE_FLOOD_FRAMES`, else 20,000.
    static var framesPerEndpoint: Int {
        ProcessInfo.processInfo.environment["SIFTWIRE_FLOOD_FRAMES"].flatMap { Int($0) } ?? 20_000
    }

    static func run(at endpoint: String, seeds: [Envelope], frames count: Int, seed: UInt64,
                    budget: Duration = .seconds(90), peers: Int = 4) throws -> Result {
        let context = ZMQContext()
        // No ZMTP heartbeats: a flood peer whose receive queue fills must not be cut and reconnected
        // (see SocketOptions.publishSubscribe), and replies are drained after every few sends.
        // No receive limit either: a full receive queue stops libzmq reading the connection, and
        // the service's own heartbeat then cuts it while input is stopped, which has tripped
        // libzmq 4.3.4 assertions in this process (`_input_stopped`, `!_io_error`).
        var options = SocketOptions.publishSubscribe
        options.linger = .zero
        options.receiveHighWaterMark = 0
        var sockets: [ZMQSocket] = []
        for _ in 0..<peers {
            let socket = try ZMQSocket(context, .dealer, options: options)
            try socket.connect(endpoint)
            sockets.append(socket)
        }
        var fuzzer = FrameFuzzer(seed: seed, seeds: seeds)
        var result = Result(endpoint: endpoint)
        let started = ContinuousClock.now
        let deadline = started + budget

        func drain(waiting: Duration) throws {
            var waited = false
            for socket in sockets {
                while let frames = try (waited ? socket.receiveIfReady() : socket.receive(timeout: waiting)) {
                    result.replies += 1
                    if frames.count > 1, frames[1] == Data("error".utf8) { result.errorReplies += 1 }
                }
                waited = true
            }
        }

        var frames = fuzzer.next()
        while result.sent < count, ContinuousClock.now < deadline {
            let socket = sockets[result.sent % sockets.count]
            do {
                try socket.send(frames, dontWait: true)
                result.sent += 1
                frames = fuzzer.next()
                if result.sent % 16 == 0 { try drain(waiting: .zero) }
            } catch let error as MessagingError where error.wouldBlock {
                try drain(waiting: .milliseconds(20))
            }
        }
        // Replies still in flight: wait until the service has been quiet for three seconds.
        let settle = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < settle {
            let before = result.replies
            try drain(waiting: .seconds(3))
            if result.replies == before { break }
        }
        let elapsed = ContinuousClock.now - started
        result.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return result
    }
}

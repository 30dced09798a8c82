import Dispatch
import Foundation
import Logging
import SiftwireMessaging
import SiftwireProtocol

/// The index's reader threads. Each owns a read-only store (a SQLite connection and a time limit
/// of its own) and a PAIR socket back to the loop; reads wait for a free reader in a bounded
/// `ReadQueue`. The loop offers reads (`submit`), polls `replySockets`, and sends what arrives out
/// through its ROUTER: ZeroMQ sockets are not thread-safe, so only the loop touches the ROUTER.
final class ReaderPool {
    /// Runs on a reader thread before each read (tests hold a reader busy with it).
    typealias BeforeRead = @Sendable (Envelope) -> Void

    /// The loop's ends of the readers' PAIR sockets, one per reader.
    let replySockets: [ZMQSocket]
    let queue: ReadQueue
    /// Reads offered and not yet answered (waiting or being read). Loop thread only.
    private(set) var inFlight = 0
    /// Reads refused with `busy` because `queue.limit` reads were already waiting.
    private(set) var refused = 0
    private let finished = DispatchGroup()
    private var stopped = false

    /// Opens `readers` readers of `store` (a file store) and starts their threads.
    init(store: IndexStore, readers: Int, queueLimit: Int, context: ZMQContext, logger: Logger, beforeRead: BeforeRead? = nil) throws {
        queue = ReadQueue(limit: queueLimit)
        let name = UUID().uuidString.lowercased()
        var replySockets: [ZMQSocket] = []
        var handOvers: [HandOver] = []
        for number in 0..<max(1, readers) {
            let endpoint = "inproc://siftwire-index-reader-\(number)-\(name)"
            let loopEnd = try ZMQSocket(context, .pair, options: Self.pairOptions)
            try loopEnd.bind(endpoint)
            let readerEnd = try ZMQSocket(context, .pair, options: Self.pairOptions)
            try readerEnd.connect(endpoint)
            replySockets.append(loopEnd)
            handOvers.append(HandOver(number: number, store: try store.openReader(), socket: readerEnd))
        }
        self.replySockets = replySockets
        for handOver in handOvers { start(handOver, logger: logger, beforeRead: beforeRead) }
    }

    deinit { _ = stop() }

    /// Inproc pairs never drop or block: what they hold is bounded by the queue's limit plus one
    /// read per reader.
    private static var pairOptions: SocketOptions {
        var options = SocketOptions()
        options.linger = .zero
        options.sendHighWaterMark = 0
        options.receiveHighWaterMark = 0
        options.heartbeatInterval = nil
        options.heartbeatTimeout = nil
        return options
    }

    /// Queues a read for the next free reader; false when the queue is full (answer `busy`).
    func submit(_ job: ReadJob) -> Bool {
        guard queue.offer(job) else {
            refused += 1
            return false
        }
        inFlight += 1
        return true
    }

    /// The route and reply in a message from a reader (nil for anything a reader did not make).
    func answered(_ frames: Frames) -> (route: Frames, reply: Envelope)? {
        guard let answer = ReadReply.decode(frames) else { return nil }
        inFlight -= 1
        return answer
    }

    /// Stops the readers: reads still waiting come back unstarted; reads being read finish (each
    /// within the time limit) and their replies wait on `replySockets` for the loop to send.
    func stop() -> [ReadJob] {
        guard !stopped else { return [] }
        stopped = true
        let unstarted = queue.close()
        finished.wait()
        inFlight -= unstarted.count
        return unstarted
    }

    private func start(_ handOver: HandOver, logger: Logger, beforeRead: BeforeRead?) {
        let queue = queue
        let finished = finished
        finished.enter()
        let thread = Thread {
            Self.serve(handOver, queue: queue, logger: logger, beforeRead: beforeRead)
            finished.leave()
        }
        thread.name = "siftwire-index-reader-\(handOver.number)"
        thread.start()
    }

    /// A reader thread: takes reads until the queue closes, answers each on its own store and
    /// hands the encoded reply to the loop.
    private static func serve(_ handOver: HandOver, queue: ReadQueue, logger: Logger, beforeRead: BeforeRead?) {
        let store = handOver.store
        let socket = handOver.socket
        defer { socket.close() }
        let me = ReadQueue.Idle()
        while let job = queue.take(as: me) {
            beforeRead?(job.envelope)
            let reply = IndexReads.answer(job.envelope, with: store)
            do {
                try socket.send(ReadReply.frames(route: job.route, reply: reply))
            } catch {
                logger.error("read reply not handed to the loop", metadata: [
                    "reader": "\(handOver.number)", "kind": "\(job.envelope.kind.rawValue)", "error": "\(error)",
                ])
            }
        }
    }

    /// A reader's store and socket, made on the loop's thread and handed to the reader's thread
    /// once, when it starts (a full memory barrier, which libzmq asks for when a socket changes
    /// threads); only that thread uses them afterwards.
    private struct HandOver: @unchecked Sendable {
        let number: Int
        let store: IndexStore
        let socket: ZMQSocket
    }
}

/// A reader's reply as it crosses to the loop: `[route frame count, route…, envelope frames…]`.
enum ReadReply {
    static func frames(route: Frames, reply: Envelope) -> Frames {
        [Data([UInt8(clamping: route.count)])] + route + reply.frames
    }

    static func decode(_ frames: Frames) -> (route: Frames, reply: Envelope)? {
        guard let count = frames.first?.first.map(Int.init), count >= 1, frames.count > count + 1,
              let reply = try? Envelope.decode(Array(frames[(count + 1)...]))
        else { return nil }
        return (Array(frames[1...count]), reply)
    }
}

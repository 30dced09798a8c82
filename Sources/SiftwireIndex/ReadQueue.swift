import Foundation
import SiftwireProtocol

/// A read received by the loop and not yet answered: the route back to its sender and its envelope.
struct ReadJob: Sendable {
    var route: Frames
    var envelope: Envelope
}

/// Reads waiting for a reader thread, first in first out, at most `limit` of them: the loop
/// offers, the readers take. Shared between threads (a lock and a condition guard every field).
final class ReadQueue: @unchecked Sendable {
    /// Most reads waiting for a reader (those being read are not counted).
    let limit: Int
    private let condition = NSCondition()
    private var waiting: [ReadJob] = []
    private var closed = false

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Queues `job` for the next free reader; false (nothing queued) when `limit` reads already
    /// wait or the queue is closed.
    func offer(_ job: ReadJob) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed, waiting.count < limit else { return false }
        waiting.append(job)
        condition.signal()
        return true
    }

    /// The oldest waiting read, waiting for one to arrive; nil once the queue is closed.
    func take() -> ReadJob? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty, !closed { condition.wait() }
        guard !closed else { return nil }
        return waiting.removeFirst()
    }

    /// Reads waiting now.
    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return waiting.count
    }

    /// Closes the queue: readers waiting in `take` get nil, later offers are refused. Returns the
    /// reads that were still waiting (never started).
    func close() -> [ReadJob] {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        let left = waiting
        waiting.removeAll()
        condition.broadcast()
        return left
    }
}

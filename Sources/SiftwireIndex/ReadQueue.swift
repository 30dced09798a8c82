import Dispatch
import Foundation
import SiftwireProtocol

/// A read received by the loop and not yet answered: the route back to its sender and its envelope.
struct ReadJob: Sendable {
    var route: Frames
    var envelope: Envelope
}

/// Reads on their way to reader threads. A read offered while a reader is idle goes straight to
/// the reader that became idle last (its connection's page cache and its CPU caches are the
/// warmest, so at low concurrency one reader does most of the work, as one connection did before);
/// otherwise it waits, first in first out, at most `limit` of them. The loop offers, the readers
/// take. Shared between threads: one lock guards every field.
final class ReadQueue: @unchecked Sendable {
    /// A reader waiting for a read: woken with `job` set, or with nothing once the queue closes.
    final class Idle: @unchecked Sendable {
        fileprivate let wake = DispatchSemaphore(value: 0)
        fileprivate var job: ReadJob?
    }

    /// Most reads waiting for a reader (those being read are not counted).
    let limit: Int
    private let lock = NSLock()
    private var waiting: [ReadJob] = []
    /// Idle readers, the one idle the shortest time last.
    private var idle: [Idle] = []
    private var closed = false

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Hands `job` to an idle reader, or queues it; false (nothing done) when `limit` reads already
    /// wait or the queue is closed.
    func offer(_ job: ReadJob) -> Bool {
        lock.lock()
        guard !closed else {
            lock.unlock()
            return false
        }
        if let reader = idle.popLast() {
            reader.job = job
            lock.unlock()
            reader.wake.signal()
            return true
        }
        defer { lock.unlock() }
        guard waiting.count < limit else { return false }
        waiting.append(job)
        return true
    }

    /// The next read for the reader `me`, waiting for one to arrive; nil once the queue is closed.
    func take(as me: Idle) -> ReadJob? {
        lock.lock()
        if closed {
            lock.unlock()
            return nil
        }
        if !waiting.isEmpty {
            defer { lock.unlock() }
            return waiting.removeFirst()
        }
        idle.append(me)
        lock.unlock()
        me.wake.wait()
        lock.lock()
        defer { lock.unlock() }
        let job = me.job
        me.job = nil
        return job
    }

    /// Reads waiting now.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return waiting.count
    }

    /// Closes the queue: idle readers wake with nothing, later offers are refused. Returns the
    /// reads that were still waiting (never started).
    func close() -> [ReadJob] {
        lock.lock()
        closed = true
        let left = waiting
        waiting.removeAll()
        let sleepers = idle
        idle.removeAll()
        lock.unlock()
        for reader in sleepers { reader.wake.signal() }
        return left
    }
}

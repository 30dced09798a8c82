import SiftwireMessaging
import SiftwireModel

/// A poll loop over a few sockets and periodic timers, confined to the thread that runs it.
public final class MessageLoop {
    private struct Entry {
        let socket: ZMQSocket
        let handler: (Frames) -> Void
    }

    private struct Timer {
        let interval: Duration
        var next: ContinuousClock.Instant
        let action: () -> Void
    }

    private var entries: [Entry] = []
    private var timers: [Timer] = []
    private var afterDispatch: [() -> Void] = []
    private var oneShots: [(at: ContinuousClock.Instant, action: () -> Void)] = []
    /// Messages taken from one socket per wake-up before others get a turn.
    public var burst = 256

    public init() {}

    /// Calls `handler` with every message that arrives on `socket`.
    public func on(_ socket: ZMQSocket, _ handler: @escaping (Frames) -> Void) {
        entries.append(Entry(socket: socket, handler: handler))
    }

    /// Calls `action` every `interval` (first after one interval).
    public func every(_ interval: Duration, _ action: @escaping () -> Void) {
        timers.append(Timer(interval: interval, next: .now + interval, action: action))
    }

    /// Calls `action` once, at `deadline` (the loop wakes for it).
    public func once(at deadline: ContinuousClock.Instant, _ action: @escaping () -> Void) {
        oneShots.append((deadline, action))
    }

    /// Calls `action` after each wake-up that handled messages (e.g. to commit a batch).
    public func afterEachBatch(_ action: @escaping () -> Void) {
        afterDispatch.append(action)
    }

    /// Runs until `stop` is requested. `tick` bounds how late a stop request is noticed.
    public func run(until stop: StopSignal, tick: Duration = .milliseconds(100)) throws(MessagingError) {
        let sockets = entries.map(\.socket)
        while !stop.isRequested {
            let wait = min(tick, timeUntilNextTimer())
            let ready = try Poller.readable(sockets, timeout: max(wait, .zero))
            var handled = false
            for index in ready {
                let entry = entries[index]
                for _ in 0..<burst {
                    guard let frames = try entry.socket.receiveIfReady() else { break }
                    entry.handler(frames)
                    handled = true
                }
            }
            if handled { afterDispatch.forEach { $0() } }
            fireDueTimers()
        }
    }

    private func timeUntilNextTimer() -> Duration {
        guard let next = (timers.map(\.next) + oneShots.map(\.at)).min() else { return .seconds(1) }
        return next - .now
    }

    private func fireDueTimers() {
        let now = ContinuousClock.now
        if oneShots.contains(where: { $0.at <= now }) {
            let due = oneShots.filter { $0.at <= now }
            oneShots.removeAll { $0.at <= now }
            due.forEach { $0.action() }
        }
        for index in timers.indices where timers[index].next <= now {
            timers[index].next = now + timers[index].interval
            timers[index].action()
        }
    }
}

/// Liveness of a peer judged by when it was last heard from (zguide's "paranoid pirate" rule).
public struct Heartbeat: Sendable {
    /// How often we tell the peer we are alive.
    public var interval: Duration
    /// Silence after which the peer counts as gone.
    public var timeout: Duration

    public init(interval: Duration = .seconds(1), timeout: Duration = .seconds(5)) {
        self.interval = interval
        self.timeout = timeout
    }

    public func isExpired(lastHeard: ContinuousClock.Instant, now: ContinuousClock.Instant = .now) -> Bool {
        now - lastHeard > timeout
    }

    public func isDue(lastSent: ContinuousClock.Instant, now: ContinuousClock.Instant = .now) -> Bool {
        now - lastSent >= interval
    }
}

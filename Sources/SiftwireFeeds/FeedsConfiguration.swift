import Foundation
import SiftwireRuntime

/// Everything the feed poller needs to run.
public struct FeedsConfiguration: Sendable {
    /// ROUTER for clients (`feeds.*`, `health`).
    public var endpoint: String
    /// Ingest's client endpoint, where new items are submitted.
    public var ingestEndpoint: String
    /// SQLite file of the store.
    public var storePath: String
    /// Interval of a feed added without one, in seconds.
    public var defaultIntervalSeconds = 300
    /// Shortest interval `feeds.add` accepts, in seconds (lower it only for tests and local servers).
    public var minimumIntervalSeconds = 60
    /// Longest interval `feeds.add` accepts, in seconds.
    public var maximumIntervalSeconds = 7 * 24 * 3600
    /// Backoff of failing feeds.
    public var schedule = FeedSchedule()
    /// Longest an HTTP request may take, connection included.
    public var httpTimeout: Duration = .seconds(10)
    /// Largest feed body read, in bytes; a larger one is a failed poll.
    public var maxFeedBytes = 16 << 20
    /// How long a submission waits for ingest's answer.
    public var ingestTimeout: Duration = .seconds(10)
    /// How often the poller looks for due feeds.
    public var tick: Duration = .milliseconds(250)
    /// Sent as `User-Agent`.
    public var userAgent = "siftwire-feeds/1"
    /// CURVE encryption and client authentication; nil (the default) is plain text.
    public var curve: CurveSettings?
    /// Largest inbound message on the bound ROUTER (`ZMQ_MAXMSGSIZE`).
    public var maxMessageBytes = 1 << 20

    public init(endpoint: String, ingestEndpoint: String, storePath: String) {
        self.endpoint = endpoint
        self.ingestEndpoint = ingestEndpoint
        self.storePath = storePath
    }
}

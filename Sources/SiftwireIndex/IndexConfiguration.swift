import Foundation
import SiftwireRuntime

/// Everything the index service needs to run.
public struct IndexConfiguration: Sendable {
    /// ROUTER for extractors (`index.put`) and the query service (`query.*`).
    public var endpoint: String
    /// Ingest's work endpoint, where the index confirms committed documents.
    public var ingestWorkEndpoint: String
    public var storePath: String
    /// PUB socket announcing each newly stored document (`index.document`).
    public var publishEndpoint: String
    /// Most puts written in one transaction.
    public var maxBatch = 256
    /// How long the first put of a batch may wait for others before the batch is committed
    /// (group commit: one fsync and one pass over per-entity rows for all of them).
    public var commitDelay: Duration = .milliseconds(5)
    /// Largest inbound message on the bound ROUTER (`ZMQ_MAXMSGSIZE`); over it libzmq drops the connection.
    public var maxMessageBytes = 64 << 20
    /// Longest a read (search, profile, co-mentions…) may run before it is interrupted (`time_limit`).
    public var queryTimeLimit: Duration = .milliseconds(2000)
    /// Reader threads answering reads beside the loop's writes, each on a read-only connection of
    /// its own to the WAL store.
    public var readers = 4
    /// Most reads waiting for a free reader; past it a read is answered `busy` at once.
    public var maxQueuedReads = 64
    /// How long a confirmation waits for ingest's ack before it is sent again.
    public var confirmationRetry: Duration = .seconds(2)
    /// CURVE encryption and client authentication; nil (the default) is plain text.
    public var curve: CurveSettings?

    public init(endpoint: String, ingestWorkEndpoint: String, storePath: String, publishEndpoint: String = "tcp://127.0.0.1:5554") {
        self.endpoint = endpoint
        self.publishEndpoint = publishEndpoint
        self.ingestWorkEndpoint = ingestWorkEndpoint
        self.storePath = storePath
    }
}

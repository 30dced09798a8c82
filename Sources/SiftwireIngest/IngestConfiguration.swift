import Foundation
import SiftwireMessaging
import SiftwireRuntime
import SiftwireProtocol

/// Everything the ingest service needs to run.
public struct IngestConfiguration: Sendable {
    /// ROUTER for clients (`ingest.*`, `health`).
    public var clientEndpoint: String
    /// ROUTER for extractors (`work.*`) and the index (`index.committed`).
    public var workEndpoint: String
    /// SQLite file of the store.
    public var storePath: String
    /// How long an extractor holds a document before it goes back to the queue.
    public var lease: Duration = .seconds(30)
    /// Failures (explicit, or its extractor lost while holding it) after which a document is dead-lettered.
    public var maxFailures = 3
    /// Liveness of extractors.
    public var heartbeat = Heartbeat(interval: .seconds(1), timeout: .seconds(5))
    public var limits = IngestStore.Limits()
    /// Most documents leased to one extractor in one assignment.
    public var leaseBatch = 8
    /// Most documents in one `ingest.submit`.
    public var maxBatch = 1000
    /// CURVE encryption and client authentication; nil (the default) is plain text.
    public var curve: CurveSettings?

    /// Largest inbound message on either bound socket (`ZMQ_MAXMSGSIZE`); over it libzmq drops the connection.
    public var maxMessageBytes = 64 << 20

    /// The limits a client must respect, as stated in `ingest.accepted` and `health`.
    public var statedLimits: SubmitAccepted.Limits {
        SubmitAccepted.Limits(maxDocumentBytes: limits.maxDocumentBytes, maxBatch: maxBatch, maxMessageBytes: maxMessageBytes)
    }

    public init(clientEndpoint: String, workEndpoint: String, storePath: String) {
        self.clientEndpoint = clientEndpoint
        self.workEndpoint = workEndpoint
        self.storePath = storePath
    }
}

import Foundation

/// Everything the index service needs to run.
public struct IndexConfiguration: Sendable {
    /// ROUTER for extractors (`index.put`) and the query service (`query.*`).
    public var endpoint: String
    /// Ingest's work endpoint, where the index confirms committed documents.
    public var ingestWorkEndpoint: String
    public var storePath: String
    /// Most puts written in one transaction.
    public var maxBatch = 256
    /// How long a confirmation waits for ingest's ack before it is sent again.
    public var confirmationRetry: Duration = .seconds(2)

    public init(endpoint: String, ingestWorkEndpoint: String, storePath: String) {
        self.endpoint = endpoint
        self.ingestWorkEndpoint = ingestWorkEndpoint
        self.storePath = storePath
    }
}

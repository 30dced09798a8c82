/// Everything the query service needs to run.
public struct QueryConfiguration: Sendable {
    /// ROUTER for clients (`query.*`, `health`).
    public var endpoint: String
    /// The index's endpoint.
    public var indexEndpoint: String
    public var storePath: String
    /// How long a query may wait for the index.
    public var indexTimeout: Duration = .seconds(10)
    /// Longest query text accepted.
    public var maxQueryLength = 1000

    public init(endpoint: String, indexEndpoint: String, storePath: String) {
        self.endpoint = endpoint
        self.indexEndpoint = indexEndpoint
        self.storePath = storePath
    }
}

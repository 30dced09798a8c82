import SiftwireRuntime

/// Everything the query service needs to run.
public struct QueryConfiguration: Sendable {
    /// ROUTER for clients (`query.*`, `health`).
    public var endpoint: String
    /// The index's endpoint.
    public var indexEndpoint: String
    public var storePath: String
    /// The index's PUB socket announcing new documents (`index.document`), which this service subscribes to.
    public var indexPublishEndpoint: String
    /// PUB socket this service binds to publish `query.alert`.
    public var publishEndpoint: String
    /// How long a query may wait for the index.
    public var indexTimeout: Duration = .seconds(10)
    /// Longest query text accepted.
    public var maxQueryLength = 1000
    /// CURVE encryption and client authentication; nil (the default) is plain text.
    public var curve: CurveSettings?

    /// Largest inbound message on the bound ROUTER (`ZMQ_MAXMSGSIZE`); over it libzmq drops the connection.
    public var maxMessageBytes = 64 << 20

    public init(endpoint: String, indexEndpoint: String, storePath: String,
                indexPublishEndpoint: String = "tcp://127.0.0.1:5554", publishEndpoint: String = "tcp://127.0.0.1:5555") {
        self.endpoint = endpoint
        self.indexPublishEndpoint = indexPublishEndpoint
        self.publishEndpoint = publishEndpoint
        self.indexEndpoint = indexEndpoint
        self.storePath = storePath
    }
}

import Foundation
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// A client of a running stack: ingest for documents and status, query for questions.
public final class SiftwireClient {
    public let ingestEndpoint: String
    public let queryEndpoint: String
    private let context = ZMQContext()
    private let ingest: RequestClient
    private let query: RequestClient
    public var timeout: Duration
    /// CURVE settings of every socket this client opens; nil is plain text.
    public let curve: CurveSettings?

    public init(ingest: String, query: String, timeout: Duration = .seconds(30), curve: CurveSettings? = nil) throws {
        ingestEndpoint = ingest
        queryEndpoint = query
        self.curve = curve
        self.ingest = try RequestClient(context: context, endpoint: ingest, curve: curve)
        self.query = try RequestClient(context: context, endpoint: query, curve: curve)
        self.timeout = timeout
    }

    public func submit(_ documents: [NewDocument]) throws(SiftwireError) -> SubmitAccepted {
        try ingest.request(SubmitDocuments(documents: documents), timeout: timeout)
    }

    public func track(_ ids: [String]) throws(SiftwireError) -> TrackReply {
        try ingest.request(TrackDocuments(ids: ids), timeout: timeout)
    }

    public func status() throws(SiftwireError) -> PipelineStatus {
        try ingest.request(PipelineStatusRequest(), timeout: timeout)
    }

    public func retry(_ ids: [String]) throws(SiftwireError) -> RetryReply {
        try ingest.request(RetryDeadDocuments(ids: ids), timeout: timeout)
    }

    public func ingestHealth(timeout: Duration? = nil) throws(SiftwireError) -> HealthReply {
        try ingest.request(HealthRequest(), timeout: timeout ?? self.timeout)
    }

    public func queryHealth(timeout: Duration? = nil) throws(SiftwireError) -> HealthReply {
        try query.request(HealthRequest(), timeout: timeout ?? self.timeout)
    }

    public func ask<R: Request>(_ request: R) throws(SiftwireError) -> R.Reply {
        try query.request(request, timeout: timeout)
    }

    /// Health of any endpoint (index included), for `up` and `status`.
    public func health(of endpoint: String, timeout: Duration) throws(SiftwireError) -> HealthReply {
        let client: RequestClient
        do {
            client = try RequestClient(context: context, endpoint: endpoint, curve: curve)
        } catch {
            throw SiftwireError(.unavailable, "\(endpoint): \(error)")
        }
        return try client.request(HealthRequest(), timeout: timeout)
    }
}

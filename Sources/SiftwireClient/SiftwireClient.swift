import Foundation
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// A client of a running stack: ingest for documents and status, query for questions.
///
/// Each service's socket is opened on first use (a query-only command never connects to ingest).
/// When nothing completes a connection at an endpoint within `connectTimeout` (counted from when
/// its socket was made), a request fails at once with `unavailable` — "no Siftwire query service
/// at …; is `siftwire up` running?" — instead of waiting out the reply timeout.
public final class SiftwireClient {
    public let ingestEndpoint: String
    public let queryEndpoint: String
    private let context = ZMQContext()
    private var ingestSocket: RequestClient?
    private var querySocket: RequestClient?
    public var timeout: Duration
    /// How long a request waits for a connection before saying no service is there.
    public var connectTimeout: Duration
    /// CURVE settings of every socket this client opens; nil is plain text.
    public let curve: CurveSettings?

    public init(ingest: String, query: String, timeout: Duration = .seconds(30), connectTimeout: Duration = .milliseconds(500),
                curve: CurveSettings? = nil) throws {
        ingestEndpoint = ingest
        queryEndpoint = query
        self.curve = curve
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }

    /// Starts connecting to both services now, so their connect timeouts run side by side (`status`).
    public func connectBoth() throws(SiftwireError) {
        _ = try ingest()
        _ = try query()
    }

    private func ingest() throws(SiftwireError) -> RequestClient {
        if let ingestSocket { return ingestSocket }
        let made = try open(ingestEndpoint, service: "ingest")
        ingestSocket = made
        return made
    }

    private func query() throws(SiftwireError) -> RequestClient {
        if let querySocket { return querySocket }
        let made = try open(queryEndpoint, service: "query")
        querySocket = made
        return made
    }

    private func open(_ endpoint: String, service: String) throws(SiftwireError) -> RequestClient {
        do {
            return try RequestClient(context: context, endpoint: endpoint, curve: curve,
                                     connectCheck: .init(timeout: connectTimeout, service: service))
        } catch {
            throw SiftwireError(.unavailable, "\(endpoint): \(error)")
        }
    }

    public func submit(_ documents: [NewDocument]) throws(SiftwireError) -> SubmitAccepted {
        try ingest().request(SubmitDocuments(documents: documents), timeout: timeout)
    }

    public func track(_ ids: [String]) throws(SiftwireError) -> TrackReply {
        try ingest().request(TrackDocuments(ids: ids), timeout: timeout)
    }

    public func status() throws(SiftwireError) -> PipelineStatus {
        try ingest().request(PipelineStatusRequest(), timeout: timeout)
    }

    public func retry(_ ids: [String]) throws(SiftwireError) -> RetryReply {
        try ingest().request(RetryDeadDocuments(ids: ids), timeout: timeout)
    }

    public func reprocess(_ selection: ReprocessDocuments.Selection) throws(SiftwireError) -> ReprocessReply {
        try ingest().request(ReprocessDocuments(selection: selection), timeout: timeout)
    }

    public func ingestHealth(timeout: Duration? = nil) throws(SiftwireError) -> HealthReply {
        try ingest().request(HealthRequest(), timeout: timeout ?? self.timeout)
    }

    public func queryHealth(timeout: Duration? = nil) throws(SiftwireError) -> HealthReply {
        try query().request(HealthRequest(), timeout: timeout ?? self.timeout)
    }

    public func ask<R: Request>(_ request: R) throws(SiftwireError) -> R.Reply {
        try query().request(request, timeout: timeout)
    }

    /// `query.sources`: outlets with document counts and date ranges.
    public func sources(prefix: String? = nil, limit: Int = 100) throws(SiftwireError) -> SourceList {
        try ask(SourcesQuery(prefix: prefix, limit: limit))
    }

    /// Health of any endpoint (index included), for `up` and `status`. Waits for a connection up
    /// to `timeout` too: a fresh socket is made for each call.
    public func health(of endpoint: String, timeout: Duration) throws(SiftwireError) -> HealthReply {
        let client: RequestClient
        do {
            client = try RequestClient(context: context, endpoint: endpoint, curve: curve,
                                       connectCheck: .init(timeout: min(timeout, max(connectTimeout, timeout)), service: ""))
        } catch {
            throw SiftwireError(.unavailable, "\(endpoint): \(error)")
        }
        return try client.request(HealthRequest(), timeout: timeout)
    }
}

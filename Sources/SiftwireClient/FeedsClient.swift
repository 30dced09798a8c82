import Foundation
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// A client of the feed poller's control endpoint (`feeds.add`, `feeds.list`, `feeds.remove`).
///
/// Like `SiftwireClient`, a request made when nothing completes a connection within
/// `connectTimeout` fails at once with `unavailable`: "no Siftwire feeds service at …".
public final class FeedsClient {
    public let endpoint: String
    private let context = ZMQContext()
    private let client: RequestClient
    public var timeout: Duration

    public init(endpoint: String, timeout: Duration = .seconds(30), connectTimeout: Duration = .milliseconds(500),
                curve: CurveSettings? = nil) throws(SiftwireError) {
        self.endpoint = endpoint
        self.timeout = timeout
        do {
            client = try RequestClient(context: context, endpoint: endpoint, curve: curve,
                                       connectCheck: .init(timeout: connectTimeout, service: "feeds"))
        } catch {
            throw SiftwireError(.unavailable, "\(endpoint): \(error)")
        }
    }

    deinit { client.close() }

    public func add(url: String, intervalSeconds: Int? = nil) throws(SiftwireError) -> FeedAdded {
        try client.request(FeedAdd(url: url, intervalSeconds: intervalSeconds), timeout: timeout)
    }

    public func list() throws(SiftwireError) -> FeedList {
        try client.request(FeedListRequest(), timeout: timeout)
    }

    public func remove(url: String) throws(SiftwireError) -> FeedRemoved {
        try client.request(FeedRemove(url: url), timeout: timeout)
    }

    public func health() throws(SiftwireError) -> HealthReply {
        try client.request(HealthRequest(), timeout: timeout)
    }
}

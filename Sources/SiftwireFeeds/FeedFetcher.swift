import Foundation
import SiftwireRuntime
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Conditional HTTP GETs of feed URLs, several at once, each under a timeout.
///
/// No cache of its own: the validators come from the store and are sent as `If-None-Match` and
/// `If-Modified-Since`, so a `304` reaches the poller as such.
final class FeedFetcher: Sendable {
    struct Request: Sendable {
        var feedID: Int64
        var url: URL
        var etag: String?
        var lastModified: String?
    }

    enum Outcome: Sendable {
        /// `200`: the body and the validators to send next time.
        case fetched(body: Data, etag: String?, lastModified: String?)
        case notModified
        /// Anything else, said for `lastError`: `HTTP 404`, a timeout, a body over the limit.
        case failed(String)
    }

    private let session: URLSession
    private let timeout: Duration
    private let maxBytes: Int
    private let userAgent: String

    init(timeout: Duration, maxBytes: Int, userAgent: String) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = timeout.inSeconds
        configuration.timeoutIntervalForResource = timeout.inSeconds
        configuration.httpMaximumConnectionsPerHost = 2
        session = URLSession(configuration: configuration)
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.userAgent = userAgent
    }

    /// Fetches every request at once and waits for all (each ends by its timeout at the latest).
    /// Blocks the calling thread; `stop` ends the wait early (outcomes not in yet are dropped).
    func fetch(_ requests: [Request], stop: () -> Bool) -> [Int64: Outcome] {
        let results = Results()
        let group = DispatchGroup()
        var tasks: [URLSessionDataTask] = []
        for request in requests {
            var http = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout.inSeconds)
            http.httpMethod = "GET"
            http.setValue(userAgent, forHTTPHeaderField: "User-Agent")
            http.setValue("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
                          forHTTPHeaderField: "Accept")
            if let etag = request.etag { http.setValue(etag, forHTTPHeaderField: "If-None-Match") }
            if let lastModified = request.lastModified { http.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
            group.enter()
            let maxBytes = maxBytes
            let feedID = request.feedID
            let task = session.dataTask(with: http) { data, response, error in
                results.set(feedID, Self.outcome(data: data, response: response, error: error, maxBytes: maxBytes))
                group.leave()
            }
            tasks.append(task)
            task.resume()
        }
        // A little past the request timeout: URLSession ends each task by then.
        let deadline = ContinuousClock.now + timeout + .seconds(2)
        while group.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
            if stop() || ContinuousClock.now > deadline {
                tasks.forEach { $0.cancel() }
                break
            }
        }
        return results.all
    }

    static func outcome(data: Data?, response: URLResponse?, error: (any Error)?, maxBytes: Int) -> Outcome {
        if let error {
            if let urlError = error as? URLError, urlError.code == .timedOut { return .failed("timed out") }
            return .failed("fetch failed: \(error.localizedDescription)")
        }
        guard let http = response as? HTTPURLResponse else { return .failed("not an HTTP response") }
        switch http.statusCode {
        case 304:
            return .notModified
        case 200..<300:
            let body = data ?? Data()
            guard body.count <= maxBytes else { return .failed("body is \(body.count) bytes; the limit is \(maxBytes)") }
            return .fetched(body: body, etag: header(http, "ETag"), lastModified: header(http, "Last-Modified"))
        default:
            return .failed("HTTP \(http.statusCode)")
        }
    }

    static func header(_ response: HTTPURLResponse, _ name: String) -> String? {
        for (key, value) in response.allHeaderFields {
            if let key = key as? String, key.caseInsensitiveCompare(name) == .orderedSame, let value = value as? String, !value.isEmpty {
                return value
            }
        }
        return nil
    }

    /// Outcomes as they come in, from URLSession's delegate queue.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [Int64: Outcome] = [:]
        func set(_ id: Int64, _ outcome: Outcome) { lock.withLock { outcomes[id] = outcome } }
        var all: [Int64: Outcome] { lock.withLock { outcomes } }
    }
}

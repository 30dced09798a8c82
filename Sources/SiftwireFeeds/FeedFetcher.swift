import Foundation
import SiftwireRuntime
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Conditional HTTP GETs of feed URLs, each under a timeout and a body limit, several at once.
///
/// `start` returns at once; finished fetches are collected with `finished()` by the poller's
/// thread, so a slow feed never holds up the handling of the others. There is no cache: the
/// validators come from the store and are sent as `If-None-Match` and `If-Modified-Since`, so a
/// `304` reaches the poller as such. A body is read as it arrives and the fetch is cancelled as
/// soon as it passes the limit (a declared `Content-Length` over it is refused before any body).
final class FeedFetcher: @unchecked Sendable {
    struct Request: Sendable {
        var feedID: Int64
        var url: URL
        var etag: String?
        var lastModified: String?
    }

    enum Outcome: Sendable, Equatable {
        /// `2xx`: the body and the validators to send next time.
        case fetched(body: Data, etag: String?, lastModified: String?)
        case notModified
        /// Anything else, said for `lastError`: `HTTP 404`, `timed out`, a body over the limit.
        case failed(String)
    }

    private let session: URLSession
    private let receiver: Receiver
    private let timeout: Duration
    private let userAgent: String

    init(timeout: Duration, maxBytes: Int, userAgent: String) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = timeout.inSeconds
        configuration.timeoutIntervalForResource = timeout.inSeconds
        configuration.httpMaximumConnectionsPerHost = 2
        receiver = Receiver(maxBytes: maxBytes)
        session = URLSession(configuration: configuration, delegate: receiver, delegateQueue: nil)
        self.timeout = timeout
        self.userAgent = userAgent
    }

    /// Starts fetching; the outcome comes back through `finished()`.
    func start(_ request: Request) {
        var http = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout.inSeconds)
        http.httpMethod = "GET"
        http.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        http.setValue("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
                      forHTTPHeaderField: "Accept")
        if let etag = request.etag { http.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified = request.lastModified { http.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        let task = session.dataTask(with: http)
        receiver.track(task, feedID: request.feedID)
        task.resume()
    }

    /// Outcomes of the fetches that ended since the last call, by feed id.
    func finished() -> [(feedID: Int64, outcome: Outcome)] {
        receiver.takeFinished()
    }

    /// Cancels whatever is in flight (at shutdown).
    func cancelAll() {
        session.invalidateAndCancel()
    }

    static func header(_ response: HTTPURLResponse, _ name: String) -> String? {
        for (key, value) in response.allHeaderFields {
            if let key = key as? String, key.caseInsensitiveCompare(name) == .orderedSame, let value = value as? String, !value.isEmpty {
                return value
            }
        }
        return nil
    }

    /// URLSession's delegate: bodies as they arrive, outcomes as fetches end (on URLSession's
    /// queue; everything it holds is behind one lock).
    private final class Receiver: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        private struct InFlight {
            var feedID: Int64
            var body = Data()
            /// Set when the fetch was cancelled on purpose, with the reason to report.
            var refusal: String?
        }

        private let lock = NSLock()
        private var inFlight: [Int: InFlight] = [:]
        private var done: [(feedID: Int64, outcome: Outcome)] = []
        let maxBytes: Int

        init(maxBytes: Int) {
            self.maxBytes = maxBytes
        }

        func track(_ task: URLSessionTask, feedID: Int64) {
            lock.withLock { inFlight[task.taskIdentifier] = InFlight(feedID: feedID) }
        }

        func takeFinished() -> [(feedID: Int64, outcome: Outcome)] {
            lock.withLock {
                defer { done.removeAll() }
                return done
            }
        }

        private func refuse(_ task: URLSessionTask, _ reason: String) {
            lock.withLock { inFlight[task.taskIdentifier]?.refusal = reason }
            task.cancel()
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
            if response.expectedContentLength > Int64(maxBytes) {
                lock.withLock { inFlight[dataTask.taskIdentifier]?.refusal = "body is \(response.expectedContentLength) bytes; the limit is \(maxBytes)" }
                completionHandler(.cancel)
                return
            }
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            let over: Bool = lock.withLock {
                guard var entry = inFlight[dataTask.taskIdentifier] else { return false }
                entry.body.append(data)
                inFlight[dataTask.taskIdentifier] = entry
                return entry.body.count > maxBytes
            }
            if over { refuse(dataTask, "body is over the limit of \(maxBytes) bytes") }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            lock.withLock {
                guard let entry = inFlight.removeValue(forKey: task.taskIdentifier) else { return }
                done.append((entry.feedID, Self.outcome(entry, response: task.response, error: error)))
            }
        }

        private static func outcome(_ entry: InFlight, response: URLResponse?, error: (any Error)?) -> Outcome {
            if let refusal = entry.refusal { return .failed(refusal) }
            if let error {
                if let urlError = error as? URLError, urlError.code == .timedOut { return .failed("timed out") }
                return .failed("fetch failed: \(error.localizedDescription)")
            }
            guard let http = response as? HTTPURLResponse else { return .failed("not an HTTP response") }
            switch http.statusCode {
            case 304:
                return .notModified
            case 200..<300:
                return .fetched(body: entry.body, etag: FeedFetcher.header(http, "ETag"),
                                lastModified: FeedFetcher.header(http, "Last-Modified"))
            default:
                return .failed("HTTP \(http.statusCode)")
            }
        }
    }
}

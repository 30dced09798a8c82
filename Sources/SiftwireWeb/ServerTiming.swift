import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Where a page's time went: each query-service request a page makes is added here (by `QueryGateway`,
/// through the task-local `current`), and the response carries it as a `Server-Timing` header — per
/// message kind, the summed time and count of its requests (concurrent ones overlap), then the total —
/// which a browser's developer tools and `scripts/bench_web.py` read.
final class RequestTimings: Sendable {
    @TaskLocal static var current: RequestTimings?

    private let entries = Mutex<[(kind: String, duration: Duration)]>([])

    func add(_ kind: String, _ duration: Duration) {
        entries.withLock { $0.append((kind, duration)) }
    }

    /// `query.entity;dur=3.1;desc="1", …, total;dur=9.8`: milliseconds, kinds in the order first asked.
    func header(total: Duration) -> String {
        let all = entries.withLock { $0 }
        var order: [String] = []
        var sums: [String: (Duration, Int)] = [:]
        for entry in all {
            if sums[entry.kind] == nil { order.append(entry.kind) }
            let (sum, count) = sums[entry.kind] ?? (.zero, 0)
            sums[entry.kind] = (sum + entry.duration, count + 1)
        }
        let parts = order.map { kind in
            let (sum, count) = sums[kind] ?? (.zero, 0)
            return "\(kind);dur=\(Self.milliseconds(sum));desc=\"\(count)\""
        }
        return (parts + ["total;dur=\(Self.milliseconds(total))"]).joined(separator: ", ")
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.2f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}

/// Times every request and adds its `Server-Timing` header.
struct ServerTimingMiddleware<Context: RequestContext>: RouterMiddleware {
    static var header: HTTPField.Name { HTTPField.Name("Server-Timing")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let timings = RequestTimings()
        let started = ContinuousClock.now
        var response = try await RequestTimings.$current.withValue(timings) { try await next(request, context) }
        response.headers[Self.header] = timings.header(total: ContinuousClock.now - started)
        return response
    }
}

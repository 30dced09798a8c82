import Foundation
import Logging
import SiftwireClient
import SiftwireProtocol
import SiftwireRuntime

/// The web server's way to the query and ingest services: a small pool of `SiftwireClient`s (REQ
/// sockets are one request at a time), each request run on a Dispatch thread so that a blocking
/// ZeroMQ exchange never holds up Swift's cooperative threads.
public final class QueryGateway: Sendable {
    public let queryEndpoint: String
    public let ingestEndpoint: String
    private let pool: ClientPool
    private let timeout: Duration
    private let curve: CurveSettings?
    private let logger: Logger

    public init(query: String, ingest: String, size: Int = 8, timeout: Duration = .seconds(10), curve: CurveSettings? = nil,
                logger: Logger = Logger(label: "siftwire-web.gateway")) {
        self.curve = curve
        self.logger = logger
        queryEndpoint = query
        ingestEndpoint = ingest
        self.timeout = timeout
        pool = ClientPool(size: size)
    }

    /// Asks the query service.
    public func ask<R: Request>(_ request: R) async throws(SiftwireError) -> R.Reply {
        let started = ContinuousClock.now
        defer {
            let took = ContinuousClock.now - started
            RequestTimings.current?.add(R.kind.rawValue, took)
            logger.debug("\(R.kind.rawValue) took \(took)")
        }
        return try await run { client throws(SiftwireError) in try client.ask(request) }
    }

    /// Sends documents to the ingest service.
    public func submit(_ documents: [NewDocument]) async throws(SiftwireError) -> SubmitAccepted {
        try await run { client throws(SiftwireError) in try client.submit(documents) }
    }

    /// Puts dead documents back in ingest's queue.
    public func retry(_ ids: [String]) async throws(SiftwireError) -> RetryReply {
        try await run { client throws(SiftwireError) in try client.retry(ids) }
    }

    /// The ingest service's pipeline status.
    public func pipelineStatus() async throws(SiftwireError) -> PipelineStatus {
        try await run { client throws(SiftwireError) in try client.status() }
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (SiftwireClient) throws(SiftwireError) -> T) async throws(SiftwireError) -> T {
        let box: ClientBox
        if let idle = await pool.checkOut() {
            box = idle
        } else {
            do {
                box = ClientBox(client: try SiftwireClient(ingest: ingestEndpoint, query: queryEndpoint, timeout: timeout, curve: curve))
            } catch {
                await pool.discard()
                throw SiftwireError(.unavailable, "cannot make a client: \(error)")
            }
        }
        let result: Result<T, SiftwireError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                do throws(SiftwireError) {
                    continuation.resume(returning: .success(try body(box.client)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        switch result {
        case .success(let value):
            await pool.checkIn(box)
            return value
        case .failure(let error):
            // A socket whose exchange failed in transport is not reused; one that got an error reply is.
            if [.unavailable, .timeLimit, .internalError].contains(error.code) { await pool.discard() } else { await pool.checkIn(box) }
            throw error
        }
    }
}

/// A client used by one request at a time (the pool hands it out exclusively).
final class ClientBox: @unchecked Sendable {
    let client: SiftwireClient

    init(client: SiftwireClient) {
        self.client = client
    }
}

/// Up to `size` clients; a request beyond that waits for one to come back.
actor ClientPool {
    private let size: Int
    private var idle: [ClientBox] = []
    private var made = 0
    private var waiting: [CheckedContinuation<ClientBox?, Never>] = []

    init(size: Int) {
        self.size = max(1, size)
    }

    /// An idle client, or nil when the caller should make one (a slot is reserved for it).
    func checkOut() async -> ClientBox? {
        if let box = idle.popLast() { return box }
        if made < size {
            made += 1
            return nil
        }
        return await withCheckedContinuation { waiting.append($0) }
    }

    func checkIn(_ box: ClientBox) {
        if waiting.isEmpty { idle.append(box) } else { waiting.removeFirst().resume(returning: box) }
    }

    /// A checked-out client is dropped: its slot goes to a waiter (who makes a new one) or is freed.
    func discard() {
        if waiting.isEmpty { made -= 1 } else { waiting.removeFirst().resume(returning: nil) }
    }
}

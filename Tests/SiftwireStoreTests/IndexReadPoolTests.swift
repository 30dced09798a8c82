import Foundation
import Testing
import SiftwireMessaging
import SiftwireProtocol
@testable import SiftwireIndex
@testable import SiftwireRuntime

/// The index service's reads on its reader pool, through real sockets on loopback and a real
/// SQLite file: a read that takes long holds up neither other reads nor writes, many clients are
/// answered while puts are written, each reader keeps the time limit, and past the queue's bound
/// reads are answered `busy`.
@Suite("Index service: reads on reader threads", .serialized)
struct IndexReadPoolTests {
    /// An index service running on a thread of its own, on loopback ports the kernel picks.
    final class RunningIndex: @unchecked Sendable {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-read-pool-\(UUID().uuidString.prefix(8))")
        private(set) var endpoint = ""
        private let stop = StopSignal()
        private let stopped = DispatchSemaphore(value: 0)

        init(readers: Int = 4, maxQueuedReads: Int = 64, timeLimit: Duration = .seconds(10),
             beforeRead: ReaderPool.BeforeRead? = nil) throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = IndexConfiguration(endpoint: "tcp://127.0.0.1:*", ingestWorkEndpoint: "tcp://127.0.0.1:9",
                                                   storePath: directory.appendingPathComponent("index.sqlite").path,
                                                   publishEndpoint: "tcp://127.0.0.1:*")
            configuration.readers = readers
            configuration.maxQueuedReads = maxQueuedReads
            configuration.queryTimeLimit = timeLimit
            let started = DispatchSemaphore(value: 0)
            let failure = Failure()
            Thread { [stop, stopped, configuration] in
                do {
                    let runner = try IndexRunner(configuration: configuration, context: ZMQContext(),
                                                 logger: IndexService(configuration: configuration).logger, beforeRead: beforeRead)
                    self.endpoint = runner.requests.socket.lastEndpoint
                    started.signal()
                    try runner.run(until: stop)
                } catch {
                    failure.error = "\(error)"
                    started.signal()
                }
                stopped.signal()
            }.start()
            started.wait()
            if let error = failure.error { throw SiftwireError(.internalError, error) }
        }

        func shutDown() {
            stop.request()
            stopped.wait()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    final class Failure: @unchecked Sendable { var error: String? }

    /// A DEALER client that may have several requests out at once.
    final class Peer {
        let socket: ZMQSocket

        init(_ context: ZMQContext, _ endpoint: String) throws {
            var options = SocketOptions()
            options.linger = .zero
            socket = try ZMQSocket(context, .dealer, options: options)
            try socket.connect(endpoint)
        }

        func send<R: Request>(_ request: R, id: String) throws {
            try socket.send(Envelope(request, requestID: id).frames)
        }

        func send(kind: MessageKind, body: String, id: String) throws {
            try socket.send(Envelope(kind: kind, requestID: id, body: Data(body.utf8)).frames)
        }

        /// The next reply, or nil when none came within `timeout`.
        func receive(timeout: Duration = .seconds(10)) throws -> Envelope? {
            guard let frames = try socket.receive(timeout: timeout) else { return nil }
            return try Envelope.decode(frames)
        }
    }

    static func put(_ id: String, _ text: String) -> IndexPut {
        IndexStoreTests.put(id, text: text, date: "2023-08-03", entities: [])
    }

    /// Writes `count` documents through `peer` and waits for every `index.stored`.
    static func seed(_ peer: Peer, count: Int, prefix: String = "d") throws {
        for n in 0..<count {
            try peer.send(put("\(prefix)\(n)", "Fighters from HTS clashed near Idlib on day \(n); residents of Idlib said HTS withdrew."),
                          id: "put-\(prefix)\(n)")
        }
        for _ in 0..<count {
            let reply = try #require(try peer.receive())
            #expect(reply.kind == .indexStored, "\(String(decoding: reply.body, as: UTF8.self))")
        }
    }

    static func error(_ envelope: Envelope?) throws -> SiftwireError? {
        guard let envelope, envelope.kind == .error else { return nil }
        return try envelope.decodeBody(ErrorReply.self).error
    }

    @Test func aReadThatTakesLongHoldsUpNeitherAShortReadNorAWriteBatch() throws {
        // The read with id "slow" keeps its reader busy until the test releases it.
        let slowRead = HeldRead()
        let index = try RunningIndex(readers: 2, beforeRead: slowRead.hook)
        defer { index.shutDown() }
        let context = ZMQContext()
        let slow = try Peer(context, index.endpoint)
        let other = try Peer(context, index.endpoint)
        try Self.seed(other, count: 10)

        try slow.send(SearchQuery(text: "Idlib"), id: "slow")
        slowRead.held.wait()
        // While that read is held: a put is committed and a short read sees it.
        try other.send(Self.put("late", "A late report on a convoy near Aleppo."), id: "late-put")
        let stored = try #require(try other.receive())
        #expect(stored.kind == .indexStored)
        try other.send(StatsQuery(), id: "stats")
        let stats = try #require(try other.receive())
        #expect(stats.kind == .queryStatsReply)
        #expect(try stats.decodeBody(IndexStats.self).documents == 11, "a read sees every write committed before it arrived")
        try other.send(SearchQuery(text: "convoy"), id: "short")
        let short = try #require(try other.receive())
        #expect(try short.decodeBody(SearchResults.self).hits.map(\.id) == ["late"])
        // The long read is still out; released, it is answered too.
        #expect(try slow.receive(timeout: .milliseconds(50)) == nil)
        slowRead.release.signal()
        let answer = try #require(try slow.receive())
        #expect(answer.requestID == "slow")
        #expect(try answer.decodeBody(SearchResults.self).total == 10)
    }

    @Test func eightClientsReadingWhilePutsAreWrittenAreAllAnsweredCorrectly() throws {
        let index = try RunningIndex()
        defer { index.shutDown() }
        let context = ZMQContext()
        let writer = try Peer(context, index.endpoint)
        try Self.seed(writer, count: 20)
        let results = Outcomes()
        let group = DispatchGroup()
        let endpoint = index.endpoint
        for client in 0..<8 {
            group.enter()
            Thread {
                defer { group.leave() }
                results.record(Self.readRepeatedly(client: client, context: context, endpoint: endpoint))
            }.start()
        }
        // Puts keep arriving while the clients read: 100 more documents, in several batches.
        try Self.seed(writer, count: 100, prefix: "more")
        group.wait()
        #expect(results.failures.isEmpty, "\(results.failures)")
        #expect(results.answered == 8 * 30)
        try writer.send(StatsQuery(), id: "final")
        let last = try #require(try writer.receive())
        #expect(try last.decodeBody(IndexStats.self).documents == 120)
    }

    /// One client's 30 reads in turn (search, stats, a document); what is wrong with any answer.
    static func readRepeatedly(client: Int, context: ZMQContext, endpoint: String) -> (answered: Int, failures: [String]) {
        var failures: [String] = []
        var answered = 0
        var lastCount = 0
        do {
            let peer = try Peer(context, endpoint)
            for n in 0..<30 {
                let id = "c\(client)-\(n)"
                switch n % 3 {
                case 0: try peer.send(SearchQuery(text: "Idlib"), id: id)
                case 1: try peer.send(StatsQuery(), id: id)
                default: try peer.send(DocumentQuery(id: "d\(n % 20)"), id: id)
                }
                guard let reply = try peer.receive() else {
                    failures.append("\(id): no answer")
                    continue
                }
                answered += 1
                guard reply.requestID == id, reply.kind != .error else {
                    failures.append("\(id): \(reply.kind.rawValue) \(String(decoding: reply.body, as: UTF8.self))")
                    continue
                }
                switch n % 3 {
                case 0:
                    let total = try reply.decodeBody(SearchResults.self).total
                    if total < max(20, lastCount) || total > 120 { failures.append("\(id): search total \(total) after \(lastCount)") }
                    lastCount = max(lastCount, total)
                case 1:
                    let documents = try reply.decodeBody(IndexStats.self).documents
                    // Each read starts after the previous one was answered: it never sees fewer documents.
                    if documents < max(20, lastCount) || documents > 120 { failures.append("\(id): \(documents) documents after \(lastCount)") }
                    lastCount = max(lastCount, documents)
                default:
                    let view = try reply.decodeBody(DocumentView.self)
                    if view.document.id != "d\(n % 20)" { failures.append("\(id): document \(view.document.id)") }
                }
            }
        } catch {
            failures.append("client \(client): \(error)")
        }
        return (answered, failures)
    }

    @Test func aReaderStillStopsAReadAtTheTimeLimitAndAnswersBadInputWithAnError() throws {
        let index = try RunningIndex(readers: 2, timeLimit: .zero)
        defer { index.shutDown() }
        let context = ZMQContext()
        let peer = try Peer(context, index.endpoint)
        try Self.seed(peer, count: 400)
        try peer.send(SearchQuery(text: "Idlib OR HTS", limit: 100), id: "long")
        let limited = try #require(try Self.error(try peer.receive()))
        #expect(limited.code == .timeLimit && limited.message.contains("0 ms"), "\(limited.message)")
        try peer.send(kind: .querySearch, body: #"{"text": 7"#, id: "bad")
        #expect(try Self.error(try peer.receive())?.code == .invalidBody)
        try peer.send(kind: .querySearch, body: #"{"text": "\"unclosed"}"#, id: "unparsable")
        let unparsable = try #require(try Self.error(try peer.receive()))
        #expect([.invalidQuery, .timeLimit].contains(unparsable.code))
        // The readers are still there: a read without a time limit (a document by id) is answered.
        try peer.send(DocumentQuery(id: "d7"), id: "doc")
        #expect(try peer.receive()?.kind == .queryDocReply)
    }

    @Test func readsPastTheQueueBoundAreAnsweredBusyAndTheRestInTurn() throws {
        let slowRead = HeldRead()
        let index = try RunningIndex(readers: 1, maxQueuedReads: 1, beforeRead: slowRead.hook)
        defer { index.shutDown() }
        let context = ZMQContext()
        let peer = try Peer(context, index.endpoint)
        try Self.seed(peer, count: 3)
        try peer.send(SearchQuery(text: "Idlib"), id: "slow")
        slowRead.held.wait()
        try peer.send(StatsQuery(), id: "queued")
        try peer.send(StatsQuery(), id: "refused")
        let refused = try #require(try peer.receive())
        #expect(refused.requestID == "refused")
        let busy = try #require(try Self.error(refused))
        #expect(busy.code == .busy && busy.message.contains("1 waiting"), "\(busy.message)")
        // Health is answered on the loop, busy readers or not.
        try peer.send(HealthRequest(), id: "health")
        let health = try #require(try peer.receive())
        #expect(health.requestID == "health")
        let details = try health.decodeBody(HealthReply.self).details
        #expect(details["readsRefusedBusy"] == "1" && details["readers"] == "1" && details["readsInFlight"] == "2", "\(details)")
        slowRead.release.signal()
        let answers = try [#require(try peer.receive()), #require(try peer.receive())]
        #expect(answers.map(\.requestID) == ["slow", "queued"])
        #expect(answers.allSatisfy { $0.kind != .error })
    }
}

/// A reader-pool test hook: the read with request id "slow" signals `held` and keeps its reader busy until the test
/// signals `release`.
final class HeldRead: Sendable {
    let held = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)

    var hook: ReaderPool.BeforeRead {
        { [held, release] envelope in
            guard envelope.requestID == "slow" else { return }
            held.signal()
            release.wait()
        }
    }
}

/// What the reading clients found, gathered from their threads.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var answeredCount = 0
    private var found: [String] = []

    func record(_ result: (answered: Int, failures: [String])) {
        lock.lock(); defer { lock.unlock() }
        answeredCount += result.answered
        found += result.failures
    }

    var answered: Int {
        lock.lock(); defer { lock.unlock() }
        return answeredCount
    }

    var failures: [String] {
        lock.lock(); defer { lock.unlock() }
        return found
    }
}

import Synchronization
import SiftwireProtocol
import Testing
@testable import SiftwireWeb

@Suite("Reply cache: one ask for many callers, kept a while, forgotten on curation")
struct ReplyCacheTests {
    final class Counter: Sendable {
        let asked = Mutex(0)
        func next() -> Int { asked.withLock { $0 += 1; return $0 } }
    }

    @Test func concurrentCallersShareOneAskAndLaterOnesReadIt() async throws {
        let cache = ReplyCache<String, Int>(lifetime: .seconds(60))
        let counter = Counter()
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await cache.value(for: "all") { () throws(SiftwireError) in
                        try? await Task.sleep(for: .milliseconds(50))
                        return counter.next()
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(values == Array(repeating: 1, count: 8))
        #expect(try await cache.value(for: "all") { () throws(SiftwireError) in counter.next() } == 1)
        #expect(try await cache.value(for: "other") { () throws(SiftwireError) in counter.next() } == 2)
        await cache.removeAll()
        #expect(try await cache.value(for: "all") { () throws(SiftwireError) in counter.next() } == 3)
    }

    @Test func failuresAndExpiredRepliesAreAskedAgain() async throws {
        let cache = ReplyCache<String, Int>(lifetime: .milliseconds(30))
        await #expect(throws: SiftwireError.self) {
            try await cache.value(for: "k") { () throws(SiftwireError) in throw SiftwireError(.unavailable, "down") }
        }
        #expect(try await cache.value(for: "k") { () throws(SiftwireError) in 1 } == 1)
        #expect(try await cache.value(for: "k") { () throws(SiftwireError) in 2 } == 1)
        try await Task.sleep(for: .milliseconds(60))
        #expect(try await cache.value(for: "k") { () throws(SiftwireError) in 3 } == 3)
    }
}

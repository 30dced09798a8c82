import Foundation
import Testing
import SiftwireFormats
@testable import SiftwireFeeds

@Suite("Feed store: feeds, schedule, seen items")
struct FeedStoreTests {
    let store: FeedStore
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    init() throws { store = try FeedStore(path: nil) }

    @Test func anAddedFeedIsDueAtOnceAndAddingItAgainOnlyChangesItsInterval() throws {
        let (feed, created) = try store.addFeed(url: "http://news.example/rss", intervalSeconds: 300, at: t0)
        #expect(created)
        #expect(feed.intervalSeconds == 300 && feed.consecutiveFailures == 0 && feed.itemsSeen == 0)
        #expect(try store.dueFeeds(at: t0).map(\.url) == ["http://news.example/rss"])
        try store.recordNotModified(feedID: feed.id, at: t0)
        let (again, createdAgain) = try store.addFeed(url: "http://news.example/rss", intervalSeconds: 60, at: t0)
        #expect(!createdAgain)
        #expect(again.id == feed.id && again.intervalSeconds == 60 && again.lastSuccessAt == t0)
        #expect(try store.feeds().count == 1)
    }

    @Test func aFetchedFeedKeepsItsValidatorsAndIsDueOneIntervalLater() throws {
        let feed = try store.addFeed(url: "http://news.example/rss", intervalSeconds: 300, at: t0).feed
        try store.recordFetched(feedID: feed.id, etag: "\"v1\"", lastModified: "Sat, 05 Dec 2026 02:00:00 GMT", at: t0)
        let stored = try #require(try store.feed(url: feed.url))
        #expect(stored.etag == "\"v1\"" && stored.lastModified == "Sat, 05 Dec 2026 02:00:00 GMT")
        #expect(stored.nextPollAt == t0.addingTimeInterval(300))
        #expect(try store.dueFeeds(at: t0.addingTimeInterval(299)).isEmpty)
        #expect(try store.dueFeeds(at: t0.addingTimeInterval(300)).count == 1)
        #expect(try store.nextPollAt() == t0.addingTimeInterval(300))
    }

    @Test func failuresBackOffExponentiallyUpToTheCapAndASuccessClearsThem() throws {
        let schedule = FeedSchedule(maxBackoffSeconds: 1000)
        let feed = try store.addFeed(url: "http://broken.example/feed", intervalSeconds: 100, at: t0).feed
        #expect(try store.recordFailure(feedID: feed.id, error: "HTTP 404", schedule: schedule, at: t0) == 1)
        #expect(try store.feed(url: feed.url)?.nextPollAt == t0.addingTimeInterval(200))
        try store.recordFailure(feedID: feed.id, error: "HTTP 404", schedule: schedule, at: t0)
        #expect(try store.feed(url: feed.url)?.nextPollAt == t0.addingTimeInterval(400))
        for _ in 0..<5 { try store.recordFailure(feedID: feed.id, error: "timed out", schedule: schedule, at: t0) }
        let failing = try #require(try store.feed(url: feed.url))
        #expect(failing.consecutiveFailures == 7 && failing.lastError == "timed out")
        #expect(failing.nextPollAt == t0.addingTimeInterval(1000))
        try store.recordNotModified(feedID: feed.id, at: t0)
        let recovered = try #require(try store.feed(url: feed.url))
        #expect(recovered.consecutiveFailures == 0 && recovered.lastError == nil && recovered.nextPollAt == t0.addingTimeInterval(100))
    }

    @Test func theBackoffIsNeverShorterThanTheInterval() {
        let schedule = FeedSchedule(maxBackoffSeconds: 60)
        #expect(schedule.delay(intervalSeconds: 300, failures: 0) == 300)
        #expect(schedule.delay(intervalSeconds: 300, failures: 4) == 300)
        #expect(schedule.delay(intervalSeconds: 1, failures: 3) == 8)
        #expect(schedule.delay(intervalSeconds: 1, failures: 10_000) == 60)
    }

    @Test func anItemIsUnseenUntilIngestAnsweredForIt() throws {
        let feed = try store.addFeed(url: "http://news.example/rss", intervalSeconds: 300, at: t0).feed
        #expect(try store.unseen(["a", "b", "a", "c"], feedID: feed.id) == ["a", "b", "c"])
        try store.markSeen([.init(key: "a", outcome: "accepted", documentID: "d1"), .init(key: "b", outcome: "duplicate", documentID: "d0")],
                           feedID: feed.id, at: t0)
        #expect(try store.unseen(["a", "b", "c"], feedID: feed.id) == ["c"])
        // Marking twice is harmless.
        try store.markSeen([.init(key: "a", outcome: "accepted", documentID: "d1")], feedID: feed.id, at: t0)
        #expect(try store.feed(url: feed.url)?.itemsSeen == 2)
        // Seen items belong to their feed: another feed with the same item still gets it.
        let other = try store.addFeed(url: "http://other.example/atom", intervalSeconds: 300, at: t0).feed
        #expect(try store.unseen(["a"], feedID: other.id) == ["a"])
    }

    @Test func deferringForAnUnavailableIngestKeepsTheOldValidatorsAndTheFailureCount() throws {
        let feed = try store.addFeed(url: "http://news.example/rss", intervalSeconds: 30, at: t0).feed
        try store.recordFetched(feedID: feed.id, etag: "\"v1\"", lastModified: nil, at: t0)
        try store.recordDeferred(feedID: feed.id, reason: "ingest: no Siftwire ingest service", at: t0.addingTimeInterval(30))
        let stored = try #require(try store.feed(url: feed.url))
        #expect(stored.etag == "\"v1\"" && stored.consecutiveFailures == 0)
        #expect(stored.lastError == "ingest: no Siftwire ingest service")
        #expect(stored.nextPollAt == t0.addingTimeInterval(60))
    }

    @Test func removingAFeedForgetsItsSeenItemsAndLateWritesForItAreDropped() throws {
        let feed = try store.addFeed(url: "http://news.example/rss", intervalSeconds: 300, at: t0).feed
        try store.markSeen([.init(key: "a", outcome: "accepted", documentID: "d1")], feedID: feed.id, at: t0)
        let removed = try #require(try store.removeFeed(url: feed.url))
        #expect(removed.itemsSeen == 1)
        #expect(try store.removeFeed(url: feed.url) == nil)
        #expect(try store.feeds().isEmpty && store.dueFeeds(at: t0).isEmpty)
        // The poller may finish a round for a feed removed meanwhile: nothing comes back.
        try store.markSeen([.init(key: "b", outcome: "accepted", documentID: "d2")], feedID: feed.id, at: t0)
        try store.recordFetched(feedID: feed.id, etag: "x", lastModified: nil, at: t0)
        #expect(try store.feeds().isEmpty)
        let readded = try store.addFeed(url: feed.url, intervalSeconds: 300, at: t0)
        #expect(readded.created && readded.feed.itemsSeen == 0)
    }

    @Test func aStoreOnDiskKeepsFeedsAndSeenItemsAcrossReopening() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("feeds-store-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("feeds.sqlite").path
        do {
            let disk = try FeedStore(path: path)
            let feed = try disk.addFeed(url: "https://news.example/atom", intervalSeconds: 120, at: t0).feed
            try disk.markSeen([.init(key: "k", outcome: "accepted", documentID: "d")], feedID: feed.id, at: t0)
        }
        let reopened = try FeedStore(path: path)
        let feed = try #require(try reopened.feed(url: "https://news.example/atom"))
        #expect(feed.intervalSeconds == 120 && feed.itemsSeen == 1)
        #expect(try reopened.unseen(["k"], feedID: feed.id).isEmpty)
    }

    @Test func itemKeysPreferTheGuidThenTheLink() {
        let withGuid = DocumentRecord(text: "t", title: "A", url: "http://x/1", id: "guid-1")
        let sameGuidOtherLink = DocumentRecord(text: "changed", title: "A2", url: "http://x/2", id: "guid-1")
        let linkOnly = DocumentRecord(text: "t", title: "A", url: "http://x/1")
        #expect(FeedPoller.itemKey(withGuid) == FeedPoller.itemKey(sameGuidOtherLink))
        #expect(FeedPoller.itemKey(withGuid) != FeedPoller.itemKey(linkOnly))
        #expect(FeedPoller.itemKey(linkOnly) == FeedPoller.itemKey(DocumentRecord(text: "edited", url: "http://x/1")))
        #expect(FeedPoller.itemKey(withGuid).count == 64)
    }
}

import Foundation
import GRDB
import SiftwireProtocol
import SiftwireRuntime

/// The feed poller's own store: the feeds it polls (with their HTTP validators and schedule) and
/// the items it has handed to ingest, so that an item is submitted once.
///
/// Opened by the control loop and the poller thread alike (a `DatabaseQueue` serialises them).
/// `synchronous = FULL`: a seen item is the poller's promise never to submit it again.
public final class FeedStore: Sendable {
    let db: DatabaseQueue

    /// Opens the store at `path` (nil: in memory) and migrates it.
    public init(path: String?) throws {
        db = try SQLiteStoreOpening.open(path: path, migrator: Self.migrator, durability: .full)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("feeds v1: feeds and seen items") { db in
            try db.execute(sql: """
                CREATE TABLE feed (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    url TEXT NOT NULL UNIQUE,
                    intervalSeconds INTEGER NOT NULL,
                    etag TEXT,
                    lastModified TEXT,
                    nextPollAt REAL NOT NULL,
                    consecutiveFailures INTEGER NOT NULL DEFAULT 0,
                    lastError TEXT,
                    lastSuccessAt REAL,
                    addedAt REAL NOT NULL
                );
                CREATE INDEX feed_by_next_poll ON feed(nextPollAt);
                CREATE TABLE seen_item (
                    feedId INTEGER NOT NULL REFERENCES feed(id) ON DELETE CASCADE,
                    itemKey TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    documentId TEXT,
                    seenAt REAL NOT NULL,
                    PRIMARY KEY (feedId, itemKey)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }

    /// One feed as stored.
    public struct Feed: Sendable, Equatable {
        public var id: Int64
        public var url: String
        public var intervalSeconds: Int
        public var etag: String?
        public var lastModified: String?
        public var nextPollAt: Date
        public var consecutiveFailures: Int
        public var lastError: String?
        public var lastSuccessAt: Date?
        public var addedAt: Date
        /// Items seen (answered by ingest).
        public var itemsSeen: Int

        init(row: Row) {
            id = row["id"]
            url = row["url"]
            intervalSeconds = row["intervalSeconds"]
            etag = row["etag"]
            lastModified = row["lastModified"]
            nextPollAt = Date(timeIntervalSince1970: row["nextPollAt"])
            consecutiveFailures = row["consecutiveFailures"]
            lastError = row["lastError"]
            lastSuccessAt = (row["lastSuccessAt"] as Double?).map(Date.init(timeIntervalSince1970:))
            addedAt = Date(timeIntervalSince1970: row["addedAt"])
            itemsSeen = row["itemsSeen"] ?? 0
        }

        /// As the wire shows it.
        public var status: FeedStatus {
            FeedStatus(url: url, intervalSeconds: intervalSeconds, etag: etag, lastModified: lastModified,
                       nextPollAt: FeedStore.iso(nextPollAt), consecutiveFailures: consecutiveFailures, lastError: lastError,
                       lastSuccessAt: lastSuccessAt.map(FeedStore.iso), itemsSeen: itemsSeen, addedAt: FeedStore.iso(addedAt))
        }
    }

    /// What ingest answered for one submitted item.
    public struct SeenItem: Sendable, Equatable {
        public var key: String
        /// `accepted`, `duplicate` or `rejected`.
        public var outcome: String
        public var documentID: String?
        public init(key: String, outcome: String, documentID: String?) {
            self.key = key
            self.outcome = outcome
            self.documentID = documentID
        }
    }

    static let selectFeed = """
        SELECT feed.*, (SELECT COUNT(*) FROM seen_item WHERE seen_item.feedId = feed.id) AS itemsSeen FROM feed
        """

    // MARK: control (feeds.add, feeds.list, feeds.remove)

    /// Starts polling `url` every `intervalSeconds`, first at `now`. A URL already polled keeps its
    /// state and takes the new interval; `created` says which happened.
    public func addFeed(url: String, intervalSeconds: Int, at now: Date = Date()) throws -> (feed: Feed, created: Bool) {
        try db.write { db in
            let existing = try Row.fetchOne(db, sql: Self.selectFeed + " WHERE url = ?", arguments: [url])
            if existing == nil {
                try db.execute(sql: "INSERT INTO feed (url, intervalSeconds, nextPollAt, addedAt) VALUES (?, ?, ?, ?)",
                               arguments: [url, intervalSeconds, now.timeIntervalSince1970, now.timeIntervalSince1970])
            } else {
                try db.execute(sql: "UPDATE feed SET intervalSeconds = ? WHERE url = ?", arguments: [intervalSeconds, url])
            }
            guard let row = try Row.fetchOne(db, sql: Self.selectFeed + " WHERE url = ?", arguments: [url]) else {
                throw SiftwireError(.internalError, "feed '\(url)' not found right after it was written")
            }
            return (Feed(row: row), existing == nil)
        }
    }

    /// Every feed, by URL.
    public func feeds() throws -> [Feed] {
        try db.read { db in try Row.fetchAll(db, sql: Self.selectFeed + " ORDER BY url").map(Feed.init(row:)) }
    }

    public func feed(url: String) throws -> Feed? {
        try db.read { db in try Row.fetchOne(db, sql: Self.selectFeed + " WHERE url = ?", arguments: [url]).map(Feed.init(row:)) }
    }

    /// Stops polling `url` and forgets its seen items; returns the feed as it was, or nil when unknown.
    public func removeFeed(url: String) throws -> Feed? {
        try db.write { db in
            guard let row = try Row.fetchOne(db, sql: Self.selectFeed + " WHERE url = ?", arguments: [url]) else { return nil }
            try db.execute(sql: "DELETE FROM feed WHERE url = ?", arguments: [url])
            return Feed(row: row)
        }
    }

    // MARK: polling

    /// Feeds whose next poll is due at `now`, most overdue first.
    public func dueFeeds(at now: Date = Date()) throws -> [Feed] {
        try db.read { db in
            try Row.fetchAll(db, sql: Self.selectFeed + " WHERE nextPollAt <= ? ORDER BY nextPollAt, id",
                             arguments: [now.timeIntervalSince1970]).map(Feed.init(row:))
        }
    }

    /// When the next poll of any feed is due (nil: no feeds).
    public func nextPollAt() throws -> Date? {
        try db.read { db in
            try Double.fetchOne(db, sql: "SELECT MIN(nextPollAt) FROM feed").map(Date.init(timeIntervalSince1970:))
        }
    }

    /// The keys among `keys` not yet seen for the feed, in their order (each once).
    public func unseen(_ keys: [String], feedID: Int64) throws -> [String] {
        try db.read { db in
            var fresh: [String] = []
            var considered = Set<String>()
            for key in keys where considered.insert(key).inserted {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM seen_item WHERE feedId = ? AND itemKey = ?", arguments: [feedID, key]) != true {
                    fresh.append(key)
                }
            }
            return fresh
        }
    }

    /// Records items ingest answered, in one transaction. Items of a feed removed meanwhile are dropped.
    public func markSeen(_ items: [SeenItem], feedID: Int64, at now: Date = Date()) throws {
        guard !items.isEmpty else { return }
        try db.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM feed WHERE id = ?", arguments: [feedID]) == true else { return }
            for item in items {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO seen_item (feedId, itemKey, outcome, documentId, seenAt) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [feedID, item.key, item.outcome, item.documentID, now.timeIntervalSince1970])
            }
        }
    }

    /// A poll answered with a feed whose new items all reached ingest: keeps the validators for the
    /// next conditional GET, clears the failures, schedules the next poll one interval on.
    public func recordFetched(feedID: Int64, etag: String?, lastModified: String?, at now: Date = Date()) throws {
        try db.write { db in
            try db.execute(sql: """
                UPDATE feed SET etag = ?, lastModified = ?, consecutiveFailures = 0, lastError = NULL, lastSuccessAt = ?,
                    nextPollAt = ? + intervalSeconds WHERE id = ?
                """, arguments: [etag, lastModified, now.timeIntervalSince1970, now.timeIntervalSince1970, feedID])
        }
    }

    /// A poll answered `304 Not Modified`.
    public func recordNotModified(feedID: Int64, at now: Date = Date()) throws {
        try db.write { db in
            try db.execute(sql: """
                UPDATE feed SET consecutiveFailures = 0, lastError = NULL, lastSuccessAt = ?, nextPollAt = ? + intervalSeconds WHERE id = ?
                """, arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, feedID])
        }
    }

    /// A poll that failed (HTTP error, timeout, unreadable feed): one more failure in a row, and the
    /// next poll after the backoff `schedule` gives for that count. Returns the new count.
    @discardableResult
    public func recordFailure(feedID: Int64, error: String, schedule: FeedSchedule, at now: Date = Date()) throws -> Int {
        try db.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT intervalSeconds, consecutiveFailures FROM feed WHERE id = ?",
                                             arguments: [feedID]) else { return 0 }
            let failures: Int = row["consecutiveFailures"] + 1
            let delay = schedule.delay(intervalSeconds: row["intervalSeconds"], failures: failures)
            try db.execute(sql: "UPDATE feed SET consecutiveFailures = ?, lastError = ?, nextPollAt = ? WHERE id = ?",
                           arguments: [failures, error, now.timeIntervalSince1970 + delay, feedID])
            return failures
        }
    }

    /// A poll whose feed was read but whose new items did not all reach ingest (it was down): the
    /// validators stay as they were, so the next poll is a full GET and the unsent items come again.
    /// The feed is not at fault, so its failures are unchanged; the next poll is one interval on.
    public func recordDeferred(feedID: Int64, reason: String, at now: Date = Date()) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE feed SET lastError = ?, nextPollAt = ? + intervalSeconds WHERE id = ?",
                           arguments: [reason, now.timeIntervalSince1970, feedID])
        }
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// When a feed is polled next: every interval while it answers; after failures, the interval
/// doubled per failure in a row, capped.
public struct FeedSchedule: Sendable, Equatable {
    /// Longest wait between polls of a failing feed, in seconds (never less than the feed's interval).
    public var maxBackoffSeconds: Int

    public init(maxBackoffSeconds: Int = 3600) {
        self.maxBackoffSeconds = maxBackoffSeconds
    }

    /// Seconds to the next poll after `failures` failures in a row (0: one interval).
    public func delay(intervalSeconds: Int, failures: Int) -> Double {
        let interval = Double(max(1, intervalSeconds))
        guard failures > 0 else { return interval }
        let doubled = interval * pow(2, Double(min(failures, 30)))
        return max(interval, min(doubled, Double(maxBackoffSeconds)))
    }
}

import Foundation
import Logging
import SiftwireFormats
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// The polling side of the service, on a thread of its own (HTTP must not hold up the control
/// socket): fetches the due feeds side by side, reads each with `FeedReader` as its fetch ends,
/// submits its unseen items to ingest, and marks items seen only once ingest has answered for them.
///
/// Nothing is lost when ingest is down: the unsent items are not marked, and the feed keeps its
/// old validators, so the next round fetches the whole feed again and sends them then.
final class FeedPoller {
    let configuration: FeedsConfiguration
    let store: FeedStore
    let logger: Logger
    let fetcher: FeedFetcher
    /// Ingest's client endpoint; made on the poller's thread, used only there.
    let ingest: RequestClient
    /// Counters for `health` (read from the control thread).
    let counters: PollCounters

    init(configuration: FeedsConfiguration, store: FeedStore, context: ZMQContext, counters: PollCounters, logger: Logger) throws {
        self.configuration = configuration
        self.store = store
        self.logger = logger
        self.counters = counters
        fetcher = FeedFetcher(timeout: configuration.httpTimeout, maxBytes: configuration.maxFeedBytes, userAgent: configuration.userAgent)
        ingest = try RequestClient(context: context, endpoint: configuration.ingestEndpoint, curve: configuration.curve,
                                   connectCheck: .init(timeout: .milliseconds(500), service: "ingest"))
    }

    /// Feeds being fetched, by id, as they were when their fetch started.
    private var inFlight: [Int64: FeedStore.Feed] = [:]

    /// Polls due feeds until `stop` is requested: every tick, handles the fetches that ended and
    /// starts the feeds that are due and not already being fetched. Fetches run side by side, and
    /// each is handled as soon as it ends, so a slow or failing feed holds up no other.
    func run(until stop: StopSignal) {
        while !stop.isRequested {
            for (feedID, outcome) in fetcher.finished() {
                guard let feed = inFlight.removeValue(forKey: feedID) else { continue }
                handle(feed, outcome)
            }
            do {
                for feed in try store.dueFeeds() where inFlight[feed.id] == nil {
                    start(feed)
                }
            } catch {
                logger.error("feed store read failed", metadata: ["error": "\(error)", "store.path": "\(configuration.storePath)"])
            }
            Thread.sleep(forTimeInterval: configuration.tick.inSeconds)
        }
        fetcher.cancelAll()
    }

    private func start(_ feed: FeedStore.Feed) {
        guard let url = URL(string: feed.url), url.scheme != nil, url.host != nil else {
            return fail(feed, "not a URL")
        }
        inFlight[feed.id] = feed
        fetcher.start(.init(feedID: feed.id, url: url, etag: feed.etag, lastModified: feed.lastModified))
    }

    /// One fetch's outcome, recorded for its feed alone.
    func handle(_ feed: FeedStore.Feed, _ outcome: FeedFetcher.Outcome) {
        counters.add(polls: 1)
        switch outcome {
        case .notModified:
            counters.add(notModified: 1)
            logger.debug("feed not modified", metadata: ["feed.url": "\(feed.url)"])
            record { try store.recordNotModified(feedID: feed.id) }
        case .failed(let reason):
            fail(feed, reason)
        case .fetched(let body, let etag, let lastModified):
            handle(feed, body: body, etag: etag, lastModified: lastModified)
        }
    }

    private func handle(_ feed: FeedStore.Feed, body: Data, etag: String?, lastModified: String?) {
        let parsed: Feed
        do throws(FormatError) {
            parsed = try FeedReader.read(xml: String(decoding: body, as: UTF8.self))
        } catch {
            return fail(feed, "unreadable feed: \(error.message)")
        }
        var items: [(key: String, document: NewDocument)] = []
        for item in parsed.items {
            guard let record = item.record else {
                logger.warning("feed item skipped", metadata: ["feed.url": "\(feed.url)", "error": "\(item.error?.message ?? "")"])
                continue
            }
            items.append((Self.itemKey(record), Self.document(record)))
        }
        let fresh: [String]
        do {
            fresh = try store.unseen(items.map(\.key), feedID: feed.id)
        } catch {
            return logger.error("feed store read failed", metadata: ["error": "\(error)", "feed.url": "\(feed.url)"])
        }
        let freshSet = Set(fresh)
        var pending = items.filter { freshSet.contains($0.key) }
        // Each key once, in feed order.
        var keys = Set<String>()
        pending = pending.filter { keys.insert($0.key).inserted }
        do throws(SiftwireError) {
            try submit(pending, feed: feed)
        } catch {
            counters.add(deferred: 1)
            logger.warning("feed items not submitted; ingest will be tried again next round", metadata: [
                "feed.url": "\(feed.url)", "error": "\(error)",
            ])
            return record { try store.recordDeferred(feedID: feed.id, reason: "ingest: \(error.message)") }
        }
        record { try store.recordFetched(feedID: feed.id, etag: etag, lastModified: lastModified) }
        logger.info("feed polled", metadata: [
            "feed.url": "\(feed.url)", "feed.items": "\(parsed.items.count)", "feed.new_items": "\(pending.count)",
        ])
    }

    /// Submits in batches; each batch's items are marked seen once ingest answered for them.
    private func submit(_ items: [(key: String, document: NewDocument)], feed: FeedStore.Feed) throws(SiftwireError) {
        var start = 0
        while start < items.count {
            let batch = Array(items[start..<min(items.count, start + 100)])
            let reply = try ingest.request(SubmitDocuments(documents: batch.map(\.document)), timeout: configuration.ingestTimeout)
            var seen: [FeedStore.SeenItem] = []
            for (item, result) in zip(batch, reply.results) {
                seen.append(.init(key: item.key, outcome: result.outcome.rawValue, documentID: result.id))
                switch result.outcome {
                case .accepted: counters.add(submitted: 1)
                case .duplicate: counters.add(duplicates: 1)
                case .rejected:
                    counters.add(rejected: 1)
                    logger.warning("feed item rejected by ingest", metadata: [
                        "feed.url": "\(feed.url)", "item.url": "\(item.document.url ?? "")", "reason": "\(result.reason ?? "")",
                    ])
                }
            }
            do {
                try store.markSeen(seen, feedID: feed.id)
            } catch {
                logger.error("feed store write failed", metadata: ["error": "\(error)", "feed.url": "\(feed.url)"])
                throw SiftwireError(.internalError, "feed store: \(error)")
            }
            start += batch.count
        }
    }

    private func fail(_ feed: FeedStore.Feed, _ reason: String) {
        counters.add(failures: 1)
        var failures = 0
        record { failures = try store.recordFailure(feedID: feed.id, error: reason, schedule: configuration.schedule) }
        let delay = configuration.schedule.delay(intervalSeconds: feed.intervalSeconds, failures: failures)
        logger.warning("feed poll failed; backing off", metadata: [
            "feed.url": "\(feed.url)", "error": "\(reason)", "feed.failures": "\(failures)", "feed.retry_in_s": "\(Int(delay))",
        ])
    }

    private func record(_ write: () throws -> Void) {
        do { try write() } catch {
            logger.error("feed store write failed", metadata: ["error": "\(error)", "store.path": "\(configuration.storePath)"])
        }
    }

    /// What makes an item the same item next time: its guid/id, else its link, else its title,
    /// date and text (hashed, so the key has a fixed size).
    static func itemKey(_ record: DocumentRecord) -> String {
        let identity: String
        if let id = record.id, !id.isEmpty {
            identity = "id:" + id
        } else if let url = record.url, !url.isEmpty {
            identity = "url:" + url
        } else {
            identity = "text:" + [record.title ?? "", record.published ?? "", record.text].joined(separator: "\u{1F}")
        }
        return SHA256.hex(identity)
    }

    /// The item as ingest takes it: title, outlet (the feed's title), link, publication time and the rest.
    static func document(_ record: DocumentRecord) -> NewDocument {
        NewDocument(text: record.text, title: record.title, source: record.source, url: record.url, published: record.published,
                    language: record.language, author: record.author, tags: record.tags.isEmpty ? nil : record.tags)
    }
}

/// The poller's counters, written on its thread and read by `health` on the control thread.
final class PollCounters: @unchecked Sendable {
    struct Values: Sendable {
        var polls = 0, notModified = 0, failures = 0, deferred = 0, submitted = 0, duplicates = 0, rejected = 0
    }
    private let lock = NSLock()
    private var values = Values()

    func add(polls: Int = 0, notModified: Int = 0, failures: Int = 0, deferred: Int = 0, submitted: Int = 0, duplicates: Int = 0,
             rejected: Int = 0) {
        lock.withLock {
            values.polls += polls
            values.notModified += notModified
            values.failures += failures
            values.deferred += deferred
            values.submitted += submitted
            values.duplicates += duplicates
            values.rejected += rejected
        }
    }

    var snapshot: Values { lock.withLock { values } }
}

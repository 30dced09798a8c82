import Foundation
import Logging
import SiftwireFormats
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// The polling side of the service, on a thread of its own (an HTTP fetch must not hold up the
/// control socket): fetches the due feeds at once, reads them with `FeedReader`, submits their
/// unseen items to ingest, and marks items seen only once ingest has answered for them.
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

    /// Polls due feeds until `stop` is requested.
    func run(until stop: StopSignal) {
        while !stop.isRequested {
            do {
                let due = try store.dueFeeds()
                if due.isEmpty {
                    Thread.sleep(forTimeInterval: configuration.tick.inSeconds)
                } else {
                    pollRound(due, stop: stop)
                }
            } catch {
                logger.error("feed store read failed", metadata: ["error": "\(error)", "store.path": "\(configuration.storePath)"])
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    /// One round: every due feed fetched at once, then each handled on its own (one feed's failure
    /// is recorded for that feed alone).
    func pollRound(_ feeds: [FeedStore.Feed], stop: StopSignal) {
        var requests: [FeedFetcher.Request] = []
        for feed in feeds {
            guard let url = URL(string: feed.url) else {
                fail(feed, "not a URL")
                continue
            }
            requests.append(.init(feedID: feed.id, url: url, etag: feed.etag, lastModified: feed.lastModified))
        }
        let outcomes = fetcher.fetch(requests) { stop.isRequested }
        guard !stop.isRequested else { return }
        for feed in feeds where requests.contains(where: { $0.feedID == feed.id }) {
            counters.add(polls: 1)
            switch outcomes[feed.id] ?? .failed("no answer in time") {
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

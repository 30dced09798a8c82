import Foundation

/// Feeds: the RSS/Atom feeds the feed poller (`siftwire-feeds`) fetches, managed on its control
/// ROUTER. New items go to ingest as ordinary `ingest.submit` documents.

/// What the poller knows about one feed, as `feeds.add`, `feeds.list` and `feeds.remove` show it.
public struct FeedStatus: Codable, Sendable, Hashable {
    public var url: String
    /// Seconds between polls while the feed answers.
    public var intervalSeconds: Int
    /// Validators from the last full answer, sent back as `If-None-Match` / `If-Modified-Since`.
    public var etag: String?
    public var lastModified: String?
    /// ISO 8601 UTC: when it is polled next (later than one interval while it backs off).
    public var nextPollAt: String
    /// Failed polls in a row (HTTP errors, timeouts, unreadable feeds); 0 after a success.
    public var consecutiveFailures: Int
    public var lastError: String?
    /// ISO 8601 UTC of the last poll answered with a feed or `304 Not Modified`.
    public var lastSuccessAt: String?
    /// Items submitted to ingest and answered (accepted, duplicate or rejected): never submitted again.
    public var itemsSeen: Int
    public var addedAt: String

    public init(url: String, intervalSeconds: Int, etag: String? = nil, lastModified: String? = nil, nextPollAt: String,
                consecutiveFailures: Int = 0, lastError: String? = nil, lastSuccessAt: String? = nil, itemsSeen: Int = 0,
                addedAt: String) {
        self.url = url
        self.intervalSeconds = intervalSeconds
        self.etag = etag
        self.lastModified = lastModified
        self.nextPollAt = nextPollAt
        self.consecutiveFailures = consecutiveFailures
        self.lastError = lastError
        self.lastSuccessAt = lastSuccessAt
        self.itemsSeen = itemsSeen
        self.addedAt = addedAt
    }
}

/// `feeds.add` → `feeds.add.reply`: polls a feed URL from now on (adding a known URL changes its interval).
public struct FeedAdd: Request {
    public typealias Reply = FeedAdded
    public static let kind = MessageKind.feedsAdd
    /// An absolute `http` or `https` URL with a host.
    public var url: String
    /// Seconds between polls; absent: the service's default (300).
    public var intervalSeconds: Int?
    public init(url: String, intervalSeconds: Int? = nil) {
        self.url = url
        self.intervalSeconds = intervalSeconds
    }

    /// Longest feed URL accepted, in bytes.
    public static let maxURLBytes = 2048

    /// The URL's form (`invalid_argument` when it is not an absolute http(s) URL with a host);
    /// the interval's bounds are the service's.
    public func validate() throws(SiftwireError) {
        try Self.checkURL(url)
    }

    public static func checkURL(_ url: String) throws(SiftwireError) {
        guard !url.isEmpty else { throw SiftwireError(.invalidArgument, "url is empty: give the feed's http:// or https:// URL") }
        guard url.utf8.count <= maxURLBytes else {
            throw SiftwireError(.tooLarge, "url is \(url.utf8.count) bytes; the limit is \(maxURLBytes)")
        }
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = parsed.host, !host.isEmpty else {
            throw SiftwireError(.invalidArgument, "'\(url)' is not an http:// or https:// URL with a host")
        }
    }
}

public struct FeedAdded: MessageBody {
    public static let kind = MessageKind.feedsAddReply
    public var feed: FeedStatus
    /// False when the URL was already polled (its interval is updated).
    public var created: Bool
    public init(feed: FeedStatus, created: Bool) {
        self.feed = feed
        self.created = created
    }
}

/// `feeds.list` → `feeds.list.reply`: every feed, by URL.
public struct FeedListRequest: Request {
    public typealias Reply = FeedList
    public static let kind = MessageKind.feedsList
    public init() {}
}

public struct FeedList: MessageBody {
    public static let kind = MessageKind.feedsListReply
    public var feeds: [FeedStatus]
    public init(feeds: [FeedStatus]) { self.feeds = feeds }
}

/// `feeds.remove` → `feeds.remove.reply`: stops polling a feed and forgets its seen items
/// (documents already submitted stay in the pipeline); an unknown URL is `not_found`.
public struct FeedRemove: Request {
    public typealias Reply = FeedRemoved
    public static let kind = MessageKind.feedsRemove
    public var url: String
    public init(url: String) { self.url = url }
}

public struct FeedRemoved: MessageBody {
    public static let kind = MessageKind.feedsRemoveReply
    /// The feed as it was.
    public var feed: FeedStatus
    public init(feed: FeedStatus) { self.feed = feed }
}

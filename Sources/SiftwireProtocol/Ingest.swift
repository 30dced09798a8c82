/// A document as a client submits it. Everything but `text` is optional, so clients older than the
/// metadata fields (`id`, `url`, `published`, `language`, `author`, `tags`) still work unchanged.
public struct NewDocument: Codable, Sendable, Hashable {
    public var text: String
    /// Title; when absent the extractor takes the first line.
    public var title: String?
    /// Where it came from: the outlet's name ("sana", "Reuters"), or a path or URL.
    public var source: String?
    /// Document date (`YYYY-MM-DD`) when the client knows it; `published` takes precedence.
    public var date: String?
    /// An id chosen by the caller (1…256 bytes, no spaces); absent, ingest derives one from the content.
    public var id: String?
    /// Where it was published: canonical URL, feed item link.
    public var url: String?
    /// Publication date or date-time, normalised: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS[.f]]` with `Z` or `±HH:MM`.
    /// Its day is the document's date everywhere dates are used.
    public var published: String?
    /// Language tag as given (`en`, `ar`, `en-GB`).
    public var language: String?
    public var author: String?
    public var tags: [String]?

    public init(text: String, title: String? = nil, source: String? = nil, date: String? = nil, id: String? = nil,
                url: String? = nil, published: String? = nil, language: String? = nil, author: String? = nil,
                tags: [String]? = nil) {
        self.text = text
        self.title = title
        self.source = source
        self.date = date
        self.id = id
        self.url = url
        self.published = published
        self.language = language
        self.author = author
        self.tags = tags
    }

    /// The document's date: the day of `published`, else `date`.
    public var effectiveDate: String? {
        published.flatMap { DocumentMetadataRules.day(ofPublished: $0) } ?? date
    }
}

/// `ingest.submit` → `ingest.accepted`: stores documents durably, then replies.
public struct SubmitDocuments: Request {
    public typealias Reply = SubmitAccepted
    public static let kind = MessageKind.ingestSubmit
    public var documents: [NewDocument]
    public init(documents: [NewDocument]) { self.documents = documents }
}

public struct SubmitAccepted: MessageBody {
    public static let kind = MessageKind.ingestAccepted

    public enum Outcome: String, Codable, Sendable {
        /// Stored durably and queued for extraction.
        case accepted
        /// The same content was already stored: `id` is the existing document's.
        case duplicate
        /// Not stored: `reason` says why.
        case rejected
    }

    public struct Result: Codable, Sendable, Hashable {
        public var id: String?
        public var outcome: Outcome
        public var reason: String?
        public init(id: String?, outcome: Outcome, reason: String? = nil) {
            self.id = id
            self.outcome = outcome
            self.reason = reason
        }
    }

    /// The limits ingest applies, so a client can size its batches and explain a rejection.
    public struct Limits: Codable, Sendable, Hashable {
        /// Largest document text accepted, in UTF-8 bytes; larger ones are `rejected`.
        public var maxDocumentBytes: Int
        /// Most documents in one `ingest.submit`; more is `too_large`.
        public var maxBatch: Int
        /// Largest message (each frame) the socket accepts; over it the connection is dropped without a reply.
        public var maxMessageBytes: Int
        public init(maxDocumentBytes: Int, maxBatch: Int, maxMessageBytes: Int) {
            self.maxDocumentBytes = maxDocumentBytes
            self.maxBatch = maxBatch
            self.maxMessageBytes = maxMessageBytes
        }
    }

    /// One result per submitted document, in order.
    public var results: [Result]
    /// The limits in force (absent in replies from services older than this field).
    public var limits: Limits?
    public init(results: [Result], limits: Limits? = nil) {
        self.results = results
        self.limits = limits
    }
}

/// Where a document is in the pipeline.
public enum DocumentState: String, Codable, Sendable, CaseIterable {
    /// Stored, waiting for an extractor.
    case queued
    /// Leased to an extractor; not yet confirmed by the index.
    case leased
    /// Confirmed committed by the index.
    case indexed
    /// Failed extraction too many times; see `lastError`. Retry with `ingest.retry`.
    case dead
}

/// `ingest.track` → `ingest.track.reply`: the state of given documents.
public struct TrackDocuments: Request {
    public typealias Reply = TrackReply
    public static let kind = MessageKind.ingestTrack
    public var ids: [String]
    public init(ids: [String]) { self.ids = ids }
}

public struct TrackReply: MessageBody {
    public static let kind = MessageKind.ingestTrackReply
    public struct Item: Codable, Sendable, Hashable {
        public var id: String
        /// Nil when ingest has no such document.
        public var state: DocumentState?
        /// Deliveries to extractors so far.
        public var attempts: Int
        /// Failures counted toward dead-lettering.
        public var failures: Int
        public var lastError: String?
        public init(id: String, state: DocumentState?, attempts: Int, failures: Int, lastError: String?) {
            self.id = id
            self.state = state
            self.attempts = attempts
            self.failures = failures
            self.lastError = lastError
        }
    }
    public var documents: [Item]
    public init(documents: [Item]) { self.documents = documents }
}

/// `ingest.status` → `ingest.status.reply`: pipeline counts and connected extractors.
public struct PipelineStatusRequest: Request {
    public typealias Reply = PipelineStatus
    public static let kind = MessageKind.ingestStatus
    public init() {}
}

public struct PipelineStatus: MessageBody {
    public static let kind = MessageKind.ingestStatusReply

    public struct Extractor: Codable, Sendable, Hashable {
        public var id: String
        /// Documents the extractor has asked for and not yet been sent.
        public var credit: Int
        /// Documents currently leased to it.
        public var inFlight: Int
        /// Documents it finished (confirmed by the index) since it connected.
        public var completed: Int
        public var secondsSinceHeard: Double
        /// Completed documents per second since it connected.
        public var documentsPerSecond: Double
        /// The engine version it runs (absent for extractors that do not say).
        public var engineVersion: String?
        public init(id: String, credit: Int, inFlight: Int, completed: Int, secondsSinceHeard: Double, documentsPerSecond: Double,
                    engineVersion: String? = nil) {
            self.engineVersion = engineVersion
            self.id = id
            self.credit = credit
            self.inFlight = inFlight
            self.completed = completed
            self.secondsSinceHeard = secondsSinceHeard
            self.documentsPerSecond = documentsPerSecond
        }
    }

    /// Every document ever accepted (duplicates not counted twice).
    public var received: Int
    public var queued: Int
    public var leased: Int
    public var indexed: Int
    public var dead: Int
    /// Documents confirmed indexed per second over the last minute.
    public var indexedPerSecond: Double
    public var extractors: [Extractor]
    /// Dead-lettered documents (up to 100) with the reason of their last failure.
    public var deadLetters: [TrackReply.Item]
    /// Indexed documents per engine version as ingest recorded them from the index's confirmations
    /// (`""` for documents indexed before versions were recorded). Absent from older services.
    public var engineVersions: [String: Int]?
    /// Indexed documents on a version no connected extractor runs (nil when no extractor reports one).
    public var staleDocuments: Int?
    /// The most recent `ingest.reprocess` requests and how far they got (newest first).
    public var reprocessing: [ReprocessProgress]?

    public init(received: Int, queued: Int, leased: Int, indexed: Int, dead: Int, indexedPerSecond: Double, extractors: [Extractor], deadLetters: [TrackReply.Item]) {
        self.received = received
        self.queued = queued
        self.leased = leased
        self.indexed = indexed
        self.dead = dead
        self.indexedPerSecond = indexedPerSecond
        self.extractors = extractors
        self.deadLetters = deadLetters
    }
}

/// `ingest.retry` → `ingest.retry.reply`: puts dead documents back in the queue (all when `ids` is empty).
public struct RetryDeadDocuments: Request {
    public typealias Reply = RetryReply
    public static let kind = MessageKind.ingestRetry
    public var ids: [String]
    public init(ids: [String] = []) { self.ids = ids }
}

public struct RetryReply: MessageBody {
    public static let kind = MessageKind.ingestRetryReply
    public var requeued: Int
    public init(requeued: Int) { self.requeued = requeued }
}

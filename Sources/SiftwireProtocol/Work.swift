/// The work channel between ingest (ROUTER, binds) and extractors (DEALER, connect).
///
/// Credit-based flow: an extractor sends `work.ready` with the number of documents it can take;
/// ingest answers with `work.assign` messages carrying at most that many, each under a lease.
/// Both sides send `work.heartbeat` while idle; silence beyond the heartbeat timeout ends the
/// extractor's leases and its documents go to another extractor.

public struct WorkReady: MessageBody {
    public static let kind = MessageKind.workReady
    /// Stable name of the extractor (for status and logs).
    public var workerID: String
    /// Additional documents it can take now.
    public var credit: Int
    /// The extractor's `ExtractionEngine.version` (absent from older extractors).
    public var engineVersion: String?
    public init(workerID: String, credit: Int, engineVersion: String? = nil) {
        self.workerID = workerID
        self.credit = credit
        self.engineVersion = engineVersion
    }
}

/// One leased document.
public struct WorkItem: Codable, Sendable, Hashable {
    public var id: String
    /// SHA-256 of the text, hex.
    public var hash: String
    public var text: String
    public var title: String?
    public var source: String?
    /// The document's date: the day of `published` when submitted with one, else the submitted `date`.
    public var date: String?
    /// 1 on first delivery, then 2, 3…
    public var attempt: Int
    /// Metadata as submitted (absent when not given; absent in messages from older ingest services).
    public var url: String?
    public var published: String?
    public var language: String?
    public var author: String?
    public var tags: [String]?
    public init(id: String, hash: String, text: String, title: String?, source: String?, date: String?, attempt: Int,
                url: String? = nil, published: String? = nil, language: String? = nil, author: String? = nil, tags: [String]? = nil) {
        self.id = id
        self.hash = hash
        self.text = text
        self.title = title
        self.source = source
        self.date = date
        self.attempt = attempt
        self.url = url
        self.published = published
        self.language = language
        self.author = author
        self.tags = tags
    }
}

public struct WorkAssignment: MessageBody {
    public static let kind = MessageKind.workAssign
    public var items: [WorkItem]
    /// The lease: unconfirmed documents go back to the queue after this long.
    public var leaseSeconds: Double
    public init(items: [WorkItem], leaseSeconds: Double) {
        self.items = items
        self.leaseSeconds = leaseSeconds
    }
}

public struct WorkHeartbeat: MessageBody {
    public static let kind = MessageKind.workHeartbeat
    public var workerID: String
    /// Documents the sender could take now. Lets an extractor re-register with a restarted ingest.
    public var available: Int
    /// The extractor's `ExtractionEngine.version` (absent from ingest and from older extractors).
    public var engineVersion: String?
    public init(workerID: String, available: Int, engineVersion: String? = nil) {
        self.workerID = workerID
        self.available = available
        self.engineVersion = engineVersion
    }
}

/// `work.failed` → `ack`: extraction of a document failed; ingest counts the attempt.
public struct WorkFailed: Request {
    public typealias Reply = Ack
    public static let kind = MessageKind.workFailed
    public var workerID: String
    public var id: String
    public var reason: String
    public init(workerID: String, id: String, reason: String) {
        self.workerID = workerID
        self.id = id
        self.reason = reason
    }
}

/// `work.return` → `ack`: an extractor shutting down hands back documents it will not finish.
/// Ingest requeues them at once, uncharged, instead of waiting for their leases to expire.
public struct WorkReturn: Request {
    public typealias Reply = Ack
    public static let kind = MessageKind.workReturn
    public var workerID: String
    public var ids: [String]
    public init(workerID: String, ids: [String]) {
        self.workerID = workerID
        self.ids = ids
    }
}

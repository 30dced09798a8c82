/// `ingest.reprocess` → `ingest.reprocess.reply`: sends stored documents back through the pipeline.
///
/// Ingest moves every selected `indexed` document back to `queued` in one durable transaction; the
/// extractors re-extract them and the index replaces each one's extraction when the engine version
/// differs from the stored one. Exactly one selector is set.
public struct ReprocessDocuments: Request {
    public typealias Reply = ReprocessReply
    public static let kind = MessageKind.ingestReprocess

    public struct Selection: Codable, Sendable, Hashable {
        /// Every indexed document.
        public var all: Bool?
        /// Documents not extracted by this engine version (including those with no recorded version).
        public var notVersion: String?
        /// Documents on a version no connected extractor runs (needs at least one extractor reporting a version).
        public var stale: Bool?
        /// These documents (every id must be known to ingest).
        public var ids: [String]?

        public init(all: Bool? = nil, notVersion: String? = nil, stale: Bool? = nil, ids: [String]? = nil) {
            self.all = all
            self.notVersion = notVersion
            self.stale = stale
            self.ids = ids
        }

        public static let everything = Selection(all: true)
        public static func notOn(_ version: String) -> Selection { Selection(notVersion: version) }
        public static let staleDocuments = Selection(stale: true)
        public static func documents(_ ids: [String]) -> Selection { Selection(ids: ids) }

        /// How many selectors are set (a valid selection has exactly one).
        public var selectorCount: Int {
            (all == true ? 1 : 0) + (notVersion != nil ? 1 : 0) + (stale == true ? 1 : 0) + (ids != nil ? 1 : 0)
        }
    }

    public var selection: Selection
    public init(selection: Selection) { self.selection = selection }
}

public struct ReprocessReply: MessageBody {
    public static let kind = MessageKind.ingestReprocessReply
    /// The request's number: its progress is in `ingest.status` under `reprocessing`.
    public var request: Int
    /// Indexed documents moved back to the queue.
    public var requeued: Int
    /// Selected documents not yet indexed (queued or leased): they will be extracted by the running engine anyway.
    public var pending: Int
    /// Selected documents that are dead letters: not requeued (use `ingest.retry`).
    public var dead: Int
    public init(request: Int, requeued: Int, pending: Int, dead: Int) {
        self.request = request
        self.requeued = requeued
        self.pending = pending
        self.dead = dead
    }
}

/// How far one reprocess request got.
public struct ReprocessProgress: Codable, Sendable, Hashable {
    public var request: Int
    /// Documents it requeued.
    public var total: Int
    /// Of those, documents indexed again since.
    public var done: Int
    /// Of those, documents that became dead letters.
    public var dead: Int
    /// When it was made, seconds since 1970.
    public var requestedAt: Double
    public init(request: Int, total: Int, done: Int, dead: Int, requestedAt: Double) {
        self.request = request
        self.total = total
        self.done = done
        self.dead = dead
        self.requestedAt = requestedAt
    }
}

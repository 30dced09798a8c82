/// `query.sources` → `query.sources.reply`: the outlets documents came from, with how many
/// documents each has and the range of their dates (publication dates when submitted).
public struct SourcesQuery: Request {
    public typealias Reply = SourceList
    public static let kind = MessageKind.querySources
    /// Only outlets whose name starts with this (case-insensitive).
    public var prefix: String?
    /// Most outlets returned, 1…1000 (default 100), most documents first.
    public var limit: Int

    public static let limitCap = 1000

    public init(prefix: String? = nil, limit: Int = 100) {
        self.prefix = prefix
        self.limit = limit
    }

    /// Every field may be left out: no prefix, `limit` 100.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        prefix = try container.decodeIfPresent(String.self, forKey: .prefix)
        limit = try container.decodeIfPresent(Int.self, forKey: .limit) ?? 100
    }

    public func validate() throws(SiftwireError) {
        guard limit >= 1 else { throw SiftwireError(.invalidArgument, "limit must be at least 1") }
    }
}

public struct SourceList: MessageBody {
    public static let kind = MessageKind.querySourcesReply
    public struct Source: Codable, Sendable, Hashable {
        /// The outlet as submitted (the most common spelling when it was given in several cases).
        public var source: String
        public var documents: Int
        /// Documents of this outlet with no date (not in `first`…`last`).
        public var undated: Int
        /// Earliest and latest document date, `YYYY-MM-DD`; nil when none is dated.
        public var first: String?
        public var last: String?
        public init(source: String, documents: Int, undated: Int, first: String?, last: String?) {
            self.source = source
            self.documents = documents
            self.undated = undated
            self.first = first
            self.last = last
        }
    }
    /// Outlets, most documents first (then by name).
    public var sources: [Source]
    /// Outlets matching the query in all (may exceed `sources.count` when `limit` cut the list).
    public var total: Int
    /// Documents with no source at all.
    public var unattributed: Int
    public init(sources: [Source], total: Int, unattributed: Int) {
        self.sources = sources
        self.total = total
        self.unattributed = unattributed
    }
}

/// `query.search` → `query.search.reply`: full-text search (FTS5, BM25) with highlighted snippets.
public struct SearchQuery: Request {
    public typealias Reply = SearchResults
    public static let kind = MessageKind.querySearch
    /// FTS5 query syntax: words, "phrases", AND/OR/NOT, prefix*.
    public var text: String
    public var limit: Int
    public var offset: Int
    public init(text: String, limit: Int = 10, offset: Int = 0) {
        self.text = text
        self.limit = limit
        self.offset = offset
    }

    /// `limit` (default 10) and `offset` (default 0) may be left out on the wire.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        limit = try container.decodeIfPresent(Int.self, forKey: .limit) ?? 10
        offset = try container.decodeIfPresent(Int.self, forKey: .offset) ?? 0
    }
}

public struct SearchResults: MessageBody {
    public static let kind = MessageKind.querySearchReply
    public struct Hit: Codable, Sendable, Hashable {
        public var id: String
        public var title: String
        public var date: String?
        public var source: String?
        /// Excerpt with matches wrapped in `[` and `]`.
        public var snippet: String
        /// BM25 rank: lower is better.
        public var rank: Double
        public init(id: String, title: String, date: String?, source: String?, snippet: String, rank: Double) {
            self.id = id
            self.title = title
            self.date = date
            self.source = source
            self.snippet = snippet
            self.rank = rank
        }
    }
    public var total: Int
    public var hits: [Hit]
    /// The largest `limit` the service honours.
    public var limitCap: Int
    public init(total: Int, hits: [Hit], limitCap: Int) {
        self.total = total
        self.hits = hits
        self.limitCap = limitCap
    }
}

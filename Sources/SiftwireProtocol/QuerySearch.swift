/// `query.search` → `query.search.reply`: full-text search (FTS5, BM25) with highlighted snippets,
/// optional filters, and name-aware expansion of terms that are known entity names.
public struct SearchQuery: Request {
    public typealias Reply = SearchResults
    public static let kind = MessageKind.querySearch
    /// FTS5 query syntax: words, "phrases", AND/OR/NOT, prefix*.
    public var text: String
    public var limit: Int
    public var offset: Int
    /// Only documents mentioning this entity (an id or any name, resolved like `query.entity`).
    public var entity: String?
    /// Only documents mentioning at least one entity of this type (`PERSON`, `ORG`, `LOCATION`, `NORP`).
    public var entityType: String?
    /// Only documents dated on or after this day (`YYYY-MM-DD`); undated documents are left out.
    public var dateFrom: String?
    /// Only documents dated on or before this day (`YYYY-MM-DD`); undated documents are left out.
    public var dateTo: String?
    /// Only documents whose `source` is exactly this.
    public var source: String?
    /// Expand terms that name a known entity into all of its spellings (default true).
    public var expand: Bool?
    /// List every copy of a near-duplicate story (default false: one hit per story, the best ranked).
    public var allCopies: Bool?

    public init(text: String, limit: Int = 10, offset: Int = 0, entity: String? = nil, entityType: String? = nil,
                dateFrom: String? = nil, dateTo: String? = nil, source: String? = nil, expand: Bool? = nil, allCopies: Bool? = nil) {
        self.allCopies = allCopies
        self.text = text
        self.limit = limit
        self.offset = offset
        self.entity = entity
        self.entityType = entityType
        self.dateFrom = dateFrom
        self.dateTo = dateTo
        self.source = source
        self.expand = expand
    }

    /// Everything but `text` may be left out on the wire: `limit` 10, `offset` 0, no filters, expansion on.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        limit = try container.decodeIfPresent(Int.self, forKey: .limit) ?? 10
        offset = try container.decodeIfPresent(Int.self, forKey: .offset) ?? 0
        entity = try container.decodeIfPresent(String.self, forKey: .entity)
        entityType = try container.decodeIfPresent(String.self, forKey: .entityType)
        dateFrom = try container.decodeIfPresent(String.self, forKey: .dateFrom)
        dateTo = try container.decodeIfPresent(String.self, forKey: .dateTo)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        expand = try container.decodeIfPresent(Bool.self, forKey: .expand)
        allCopies = try container.decodeIfPresent(Bool.self, forKey: .allCopies)
    }

    /// The search rules, in one place: paging (`limit ≥ 1`, `offset ≥ 0`; the index caps `limit` at
    /// its stated `limitCap`) and the filters. The query service refuses a search that fails them;
    /// the index applies the same check to what it is asked directly.
    public func validate() throws(SiftwireError) {
        guard limit >= 1, offset >= 0 else {
            throw SiftwireError(.invalidArgument, "limit must be at least 1 and offset at least 0")
        }
        try validateFilters()
    }

    /// Value checks on the filters (types, dates).
    public func validateFilters() throws(SiftwireError) {
        _ = try QueryValidation.entityType(entityType)
        try QueryValidation.dateRange(from: dateFrom, to: dateTo)
        if let entity, entity.allSatisfy(\.isWhitespace) { throw SiftwireError(.invalidArgument, "entity is empty") }
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
        /// The document's metadata (outlet, URL, publication date…); absent when none is known.
        public var metadata: DocumentMetadata?
        /// When results are collapsed: the near-duplicate story this hit stands for (the id of its
        /// first-indexed copy) and how many matching documents it has; absent for a story of one.
        public var story: String?
        public var copies: Int?
        public init(id: String, title: String, date: String?, source: String?, snippet: String, rank: Double, metadata: DocumentMetadata? = nil,
                    story: String? = nil, copies: Int? = nil) {
            self.story = story
            self.copies = copies
            self.metadata = metadata
            self.id = id
            self.title = title
            self.date = date
            self.source = source
            self.snippet = snippet
            self.rank = rank
        }
    }
    /// A query term that names a known entity, and the spellings it was widened to.
    public struct Expansion: Codable, Sendable, Hashable {
        /// The term as written in the query (a word, or a phrase without its quotes).
        public var term: String
        public var entityID: String
        /// Every surface form OR-ed in place of the term, the term itself first.
        public var aliases: [String]
        public init(term: String, entityID: String, aliases: [String]) {
            self.term = term
            self.entityID = entityID
            self.aliases = aliases
        }
    }
    public var total: Int
    public var hits: [Hit]
    /// The largest `limit` the service honours.
    public var limitCap: Int
    /// Terms widened to all spellings of an entity; empty when none were.
    public var expansions: [Expansion]
    /// The FTS5 query actually run, when expansion changed it.
    public var effectiveText: String?
    /// `true` when matches were counted only up to `totalCap`: `total` is then a lower bound
    /// ("at least"). Absent when `total` is exact (and in replies from services older than this field).
    public var totalIsLowerBound: Bool?

    /// Most matches an unfiltered search counts; above it `total` says "at least" this many.
    public static let totalCap = 10_000

    public init(total: Int, hits: [Hit], limitCap: Int, expansions: [Expansion] = [], effectiveText: String? = nil,
                totalIsLowerBound: Bool? = nil) {
        self.totalIsLowerBound = totalIsLowerBound
        self.total = total
        self.hits = hits
        self.limitCap = limitCap
        self.expansions = expansions
        self.effectiveText = effectiveText
    }

    /// `expansions` is absent in replies from services older than this field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        total = try container.decode(Int.self, forKey: .total)
        hits = try container.decode([Hit].self, forKey: .hits)
        limitCap = try container.decode(Int.self, forKey: .limitCap)
        expansions = try container.decodeIfPresent([Expansion].self, forKey: .expansions) ?? []
        effectiveText = try container.decodeIfPresent(String.self, forKey: .effectiveText)
        totalIsLowerBound = try container.decodeIfPresent(Bool.self, forKey: .totalIsLowerBound)
    }
}

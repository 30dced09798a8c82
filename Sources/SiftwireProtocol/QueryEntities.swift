/// `query.entities` → `query.entities.reply`: entities ranked by mentions or documents, filtered
/// by type and by a name/alias prefix (autocomplete).
public struct EntitiesQuery: Request {
    public typealias Reply = EntityList
    public static let kind = MessageKind.queryEntities
    /// Largest page returned.
    public static let limitCap = 200
    /// `PERSON`, `ORG`, `LOCATION` or `NORP` (case-insensitive).
    public var type: String?
    /// Case- and diacritic-insensitive prefix of the entity's name or of any of its aliases.
    public var prefix: String?
    /// `mentions` (default) or `documents`.
    public var sort: String?
    public var limit: Int
    public var offset: Int

    public init(type: String? = nil, prefix: String? = nil, sort: String? = nil, limit: Int = 20, offset: Int = 0) {
        self.type = type
        self.prefix = prefix
        self.sort = sort
        self.limit = limit
        self.offset = offset
    }

    /// Every field may be left out: `limit` 20, `offset` 0, sorted by mentions.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        prefix = try container.decodeIfPresent(String.self, forKey: .prefix)
        sort = try container.decodeIfPresent(String.self, forKey: .sort)
        limit = try container.decodeIfPresent(Int.self, forKey: .limit) ?? 20
        offset = try container.decodeIfPresent(Int.self, forKey: .offset) ?? 0
    }

    public enum Sort: String, Sendable { case mentions, documents }

    /// The checked sort order.
    public func sortOrder() throws(SiftwireError) -> Sort {
        guard let sort else { return .mentions }
        guard let order = Sort(rawValue: sort) else {
            throw SiftwireError(.invalidArgument, "sort '\(sort)' is not one of mentions, documents")
        }
        return order
    }

    public func validate() throws(SiftwireError) {
        _ = try QueryValidation.entityType(type, field: "type")
        _ = try sortOrder()
        try QueryValidation.paging(limit: limit, offset: offset)
    }
}

public struct EntityList: MessageBody {
    public static let kind = MessageKind.queryEntitiesReply
    public struct Entry: Codable, Sendable, Hashable {
        public var id: String
        public var name: String
        public var type: EntityType
        public var documents: Int
        public var mentions: Int
        /// With `prefix`: the alias that matched, when the name itself does not.
        public var matchedAlias: String?
        public init(id: String, name: String, type: EntityType, documents: Int, mentions: Int, matchedAlias: String? = nil) {
            self.id = id
            self.name = name
            self.type = type
            self.documents = documents
            self.mentions = mentions
            self.matchedAlias = matchedAlias
        }
    }
    /// All entities passing the filters, whatever `limit`/`offset` are.
    public var total: Int
    public var entities: [Entry]
    /// The largest `limit` honoured.
    public var limitCap: Int
    public init(total: Int, entities: [Entry], limitCap: Int) {
        self.total = total
        self.entities = entities
        self.limitCap = limitCap
    }
}

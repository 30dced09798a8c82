/// `query.stats` → `query.stats.reply`: corpus counts and index size.
public struct StatsQuery: Request {
    public typealias Reply = IndexStats
    public static let kind = MessageKind.queryStats
    public init() {}
}

public struct IndexStats: MessageBody {
    public static let kind = MessageKind.queryStatsReply
    public var documents: Int
    public var entities: Int
    public var mentions: Int
    public var aliases: Int
    public var dates: Int
    /// Entities per type name.
    public var entitiesByType: [String: Int]
    public var indexBytes: Int
    /// Stored documents per engine version that extracted them (`""`: not recorded, stored by an
    /// older extractor). Absent from older indexes.
    public var engineVersions: [String: Int]?
    public init(documents: Int, entities: Int, mentions: Int, aliases: Int, dates: Int, entitiesByType: [String: Int], indexBytes: Int) {
        self.documents = documents
        self.entities = entities
        self.mentions = mentions
        self.aliases = aliases
        self.dates = dates
        self.entitiesByType = entitiesByType
        self.indexBytes = indexBytes
        self.engineVersions = nil
    }
}

import SiftwireExtraction

/// `query.entity` → `query.entity.reply`: an entity profile, looked up by id or by any alias.
public struct EntityQuery: Request {
    public typealias Reply = EntityProfile
    public static let kind = MessageKind.queryEntity
    /// An entity id (`org:hts`) or any name or alias, in any transliteration.
    public var name: String
    public var documentLimit: Int
    public init(name: String, documentLimit: Int = 10) {
        self.name = name
        self.documentLimit = documentLimit
    }

    /// `documentLimit` (default 10) may be left out on the wire.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        documentLimit = try container.decodeIfPresent(Int.self, forKey: .documentLimit) ?? 10
    }
}

public struct EntityProfile: MessageBody {
    public static let kind = MessageKind.queryEntityReply
    public struct Alias: Codable, Sendable, Hashable {
        public var text: String
        public var count: Int
        public init(text: String, count: Int) {
            self.text = text
            self.count = count
        }
    }
    public struct DocumentRef: Codable, Sendable, Hashable {
        public var id: String
        public var title: String
        public var date: String?
        public var mentions: Int
        public init(id: String, title: String, date: String?, mentions: Int) {
            self.id = id
            self.title = title
            self.date = date
            self.mentions = mentions
        }
    }
    public struct Related: Codable, Sendable, Hashable {
        public var id: String
        public var name: String
        public var type: EntityType
        /// Documents in which both entities are mentioned.
        public var documents: Int
        public init(id: String, name: String, type: EntityType, documents: Int) {
            self.id = id
            self.name = name
            self.type = type
            self.documents = documents
        }
    }

    public var id: String
    public var name: String
    public var type: EntityType
    public var aliases: [Alias]
    public var documentCount: Int
    public var mentionCount: Int
    public var firstSeen: String?
    public var lastSeen: String?
    public var documents: [DocumentRef]
    public var comentions: [Related]

    public init(id: String, name: String, type: EntityType, aliases: [Alias], documentCount: Int, mentionCount: Int,
                firstSeen: String?, lastSeen: String?, documents: [DocumentRef], comentions: [Related]) {
        self.id = id
        self.name = name
        self.type = type
        self.aliases = aliases
        self.documentCount = documentCount
        self.mentionCount = mentionCount
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.documents = documents
        self.comentions = comentions
    }
}

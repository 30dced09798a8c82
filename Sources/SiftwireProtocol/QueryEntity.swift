/// `query.entity` → `query.entity.reply`: an entity profile, looked up by id or by any alias.
///
/// When nothing matches exactly (id, alias matching key, entity name key), the closest entity by
/// edit distance between matching keys (or by key prefix) is profiled instead, with `match:
/// "fuzzy"`, its `score` and the runners-up in `alternatives`. Only when no entity scores at least
/// `EntityQuery.fuzzyThreshold` (or `fuzzy` is false) is the reply `not_found`.
public struct EntityQuery: Request {
    public typealias Reply = EntityProfile
    public static let kind = MessageKind.queryEntity
    /// Lowest score a fuzzy match must reach to be profiled.
    public static let fuzzyThreshold = 0.75
    /// Most `alternatives` listed.
    public static let alternativesCap = 5
    /// An entity id (`org:hts`) or any name or alias, in any transliteration.
    public var name: String
    public var documentLimit: Int
    /// Fall back to the closest name when nothing matches exactly (default true).
    public var fuzzy: Bool?
    public init(name: String, documentLimit: Int = 10, fuzzy: Bool? = nil) {
        self.name = name
        self.documentLimit = documentLimit
        self.fuzzy = fuzzy
    }

    /// `documentLimit` (default 10) and `fuzzy` (default true) may be left out on the wire.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        documentLimit = try container.decodeIfPresent(Int.self, forKey: .documentLimit) ?? 10
        fuzzy = try container.decodeIfPresent(Bool.self, forKey: .fuzzy)
    }
}

/// An entity a name may refer to, with how close the name is (1 = same matching key).
public struct EntityCandidate: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var type: EntityType
    /// 0…1: 1 − edit distance / longer key length, or 0.75…1 for a key prefix, rounded to 3 places.
    public var score: Double
    public init(id: String, name: String, type: EntityType, score: Double) {
        self.id = id
        self.name = name
        self.type = type
        self.score = score
    }
}

public struct EntityProfile: MessageBody {
    public static let kind = MessageKind.queryEntityReply
    public struct Alias: Codable, Sendable, Hashable {
        public var text: String
        public var count: Int
        /// Why this form names the entity: `transliteration key`, `contained name` (`… (kunya)`,
        /// `… (nisbah)` for a bare kunya or nisbah), `dictionary`, `stated alias`, `linked across
        /// documents` or `merged by <who>`; absent for the display name itself and from older services.
        public var reason: String?
        public init(text: String, count: Int, reason: String? = nil) {
            self.text = text
            self.count = count
            self.reason = reason
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
    /// How the name was resolved: `id`, `merged` (an id merged into this entity), `alias`, `name`
    /// (entity name key) or `fuzzy`.
    public var match: String?
    /// For `match: "fuzzy"`: the score of this entity (see `EntityCandidate.score`).
    public var score: Double?
    /// For `match: "fuzzy"`: other entities the name may mean, best first, at most 5.
    public var alternatives: [EntityCandidate]?
    /// Curation judgements touching this entity, oldest first; absent when there are none.
    public var judgements: [JudgementRef]?
    /// Claims in which the entity is speaker, actor or target (newest documents first, at most
    /// `EntityProfile.claimsCap`); absent when there are none.
    public var claims: [ClaimRecord]?
    /// How many such claims are stored (absent when none).
    public var claimCount: Int?
    public static let claimsCap = 10

    public init(id: String, name: String, type: EntityType, aliases: [Alias], documentCount: Int, mentionCount: Int,
                firstSeen: String?, lastSeen: String?, documents: [DocumentRef], comentions: [Related],
                match: String? = nil, score: Double? = nil, alternatives: [EntityCandidate]? = nil,
                judgements: [JudgementRef]? = nil) {
        self.judgements = judgements
        self.match = match
        self.score = score
        self.alternatives = alternatives
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

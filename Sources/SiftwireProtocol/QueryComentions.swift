/// `query.comentions` → `query.comentions.reply`: the co-mention graph around an entity.
/// Nodes are the entity, its neighbours (depth 1) and their neighbours (depth 2); edges join every
/// pair of included nodes mentioned together in at least `minWeight` documents.
public struct ComentionsQuery: Request {
    public typealias Reply = ComentionGraph
    public static let kind = MessageKind.queryComentions
    /// Most nodes returned, the centre included.
    public static let nodeCap = 200
    /// An entity id or any name (resolved like `query.entity`, without the fuzzy fallback).
    public var name: String
    /// 1 or 2 (default 1).
    public var depth: Int
    /// Smallest edge weight (documents in common) kept, ≥ 1 (default 1).
    public var minWeight: Int
    /// Most nodes, ≥ 1 (default 50); values above 200 are capped.
    public var limit: Int

    public init(name: String, depth: Int = 1, minWeight: Int = 1, limit: Int = 50) {
        self.name = name
        self.depth = depth
        self.minWeight = minWeight
        self.limit = limit
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        depth = try container.decodeIfPresent(Int.self, forKey: .depth) ?? 1
        minWeight = try container.decodeIfPresent(Int.self, forKey: .minWeight) ?? 1
        limit = try container.decodeIfPresent(Int.self, forKey: .limit) ?? 50
    }

    public func validate() throws(SiftwireError) {
        try QueryValidation.range("depth", depth, 1...2)
        guard minWeight >= 1 else { throw SiftwireError(.invalidArgument, "minWeight must be at least 1, got \(minWeight)") }
        guard limit >= 1 else { throw SiftwireError(.invalidArgument, "limit must be at least 1, got \(limit)") }
    }
}

public struct ComentionGraph: MessageBody {
    public static let kind = MessageKind.queryComentionsReply
    public struct Node: Codable, Sendable, Hashable {
        public var id: String
        public var name: String
        public var type: EntityType
        /// Documents mentioning this entity.
        public var documents: Int
        /// 0 for the centre, 1 for its neighbours, 2 for theirs.
        public var depth: Int
        public init(id: String, name: String, type: EntityType, documents: Int, depth: Int) {
            self.id = id
            self.name = name
            self.type = type
            self.documents = documents
            self.depth = depth
        }
    }
    public struct Edge: Codable, Sendable, Hashable {
        public var source: String
        public var target: String
        /// Documents mentioning both.
        public var weight: Int
        public init(source: String, target: String, weight: Int) {
            self.source = source
            self.target = target
            self.weight = weight
        }
    }
    /// The id of the entity asked about.
    public var center: String
    public var depth: Int
    public var minWeight: Int
    /// Centre first, then by depth, then heaviest link first.
    public var nodes: [Node]
    /// Undirected; `source` < `target`; heaviest first.
    public var edges: [Edge]
    /// True when more nodes qualified than `limit` allowed.
    public var truncated: Bool
    /// The largest `limit` honoured.
    public var nodeCap: Int
    public init(center: String, depth: Int, minWeight: Int, nodes: [Node], edges: [Edge], truncated: Bool, nodeCap: Int) {
        self.center = center
        self.depth = depth
        self.minWeight = minWeight
        self.nodes = nodes
        self.edges = edges
        self.truncated = truncated
        self.nodeCap = nodeCap
    }
}

/// `query.timeline` → `query.timeline.reply`: mentions of one or more entities per day, week or
/// month of the document date, with the documents behind each bucket.
public struct TimelineQuery: Request {
    public typealias Reply = Timeline
    public static let kind = MessageKind.queryTimeline
    /// Most entities in one request.
    public static let entityCap = 20
    /// Most document ids listed per bucket.
    public static let documentIDCap = 50
    /// Entity ids or names (resolved like `query.entity`, without the fuzzy fallback); 1…20.
    public var names: [String]
    /// `day`, `week` (ISO, starting Monday) or `month` (default).
    public var bucket: String
    public var dateFrom: String?
    public var dateTo: String?
    /// Document ids listed per bucket, ≥ 0 (default 10); values above 50 are capped.
    public var documentLimit: Int

    public init(names: [String], bucket: String = "month", dateFrom: String? = nil, dateTo: String? = nil, documentLimit: Int = 10) {
        self.names = names
        self.bucket = bucket
        self.dateFrom = dateFrom
        self.dateTo = dateTo
        self.documentLimit = documentLimit
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        names = try container.decode([String].self, forKey: .names)
        bucket = try container.decodeIfPresent(String.self, forKey: .bucket) ?? "month"
        dateFrom = try container.decodeIfPresent(String.self, forKey: .dateFrom)
        dateTo = try container.decodeIfPresent(String.self, forKey: .dateTo)
        documentLimit = try container.decodeIfPresent(Int.self, forKey: .documentLimit) ?? 10
    }

    public enum Bucket: String, Sendable, CaseIterable { case day, week, month, year }

    public func bucketSize() throws(SiftwireError) -> Bucket {
        guard let size = Bucket(rawValue: bucket) else {
            throw SiftwireError(.invalidArgument, "bucket '\(bucket)' is not one of day, week, month, year")
        }
        return size
    }

    public func validate() throws(SiftwireError) {
        guard !names.isEmpty else { throw SiftwireError(.invalidArgument, "names is empty: give at least one entity") }
        guard names.count <= Self.entityCap else {
            throw SiftwireError(.tooLarge, "\(names.count) entities in one timeline; the limit is \(Self.entityCap)")
        }
        if names.contains(where: { $0.allSatisfy(\.isWhitespace) }) { throw SiftwireError(.invalidArgument, "a name is empty") }
        _ = try bucketSize()
        try QueryValidation.dateRange(from: dateFrom, to: dateTo)
        guard documentLimit >= 0 else { throw SiftwireError(.invalidArgument, "documentLimit must be at least 0, got \(documentLimit)") }
    }
}

public struct Timeline: MessageBody {
    public static let kind = MessageKind.queryTimelineReply
    public struct Bucket: Codable, Sendable, Hashable {
        /// First day of the bucket, `YYYY-MM-DD` (the Monday for weeks, the 1st for months).
        public var start: String
        public var mentions: Int
        public var documents: Int
        /// Up to `documentLimit` ids, oldest first.
        public var documentIDs: [String]
        /// Metadata (outlet, URL, publication date…) of the listed documents that have any, by id.
        public var metadata: [String: DocumentMetadata]?
        public init(start: String, mentions: Int, documents: Int, documentIDs: [String], metadata: [String: DocumentMetadata]? = nil) {
            self.metadata = metadata
            self.start = start
            self.mentions = mentions
            self.documents = documents
            self.documentIDs = documentIDs
        }
    }
    public struct Series: Codable, Sendable, Hashable {
        public var entityID: String
        public var name: String
        public var type: EntityType
        /// Mentions in dated documents within the range.
        public var mentions: Int
        /// Documents mentioning the entity that have no usable date (not in any bucket).
        public var undated: Int
        /// Non-empty buckets in date order.
        public var buckets: [Bucket]
        public init(entityID: String, name: String, type: EntityType, mentions: Int, undated: Int, buckets: [Bucket]) {
            self.entityID = entityID
            self.name = name
            self.type = type
            self.mentions = mentions
            self.undated = undated
            self.buckets = buckets
        }
    }
    public var bucket: String
    public var series: [Series]
    /// The largest `documentLimit` honoured.
    public var documentIDCap: Int
    public init(bucket: String, series: [Series], documentIDCap: Int) {
        self.bucket = bucket
        self.series = series
        self.documentIDCap = documentIDCap
    }
}

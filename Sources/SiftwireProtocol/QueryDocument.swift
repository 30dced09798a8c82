/// `query.doc` → `query.doc.reply`: a document's text with its entity mentions and dates.
public struct DocumentQuery: Request {
    public typealias Reply = DocumentView
    public static let kind = MessageKind.queryDoc
    public var id: String
    public init(id: String) { self.id = id }
}

public struct DocumentView: MessageBody {
    public static let kind = MessageKind.queryDocReply
    public struct EntityMention: Codable, Sendable, Hashable {
        public var entityID: String
        public var name: String
        public var type: EntityType
        public var text: String
        public var start: Int
        public var end: Int
        public init(entityID: String, name: String, type: EntityType, text: String, start: Int, end: Int) {
            self.entityID = entityID
            self.name = name
            self.type = type
            self.text = text
            self.start = start
            self.end = end
        }
    }
    public var document: IndexedDocument
    public var mentions: [EntityMention]
    public var dates: [ExtractedDate]
    public init(document: IndexedDocument, mentions: [EntityMention], dates: [ExtractedDate]) {
        self.document = document
        self.mentions = mentions
        self.dates = dates
    }
}

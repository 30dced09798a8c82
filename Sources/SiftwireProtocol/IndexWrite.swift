import SiftwireExtraction

/// A document as the index stores it.
public struct IndexedDocument: Codable, Sendable, Hashable {
    public var id: String
    public var hash: String
    public var title: String
    public var text: String
    public var source: String?
    public var date: String?
    public init(id: String, hash: String, title: String, text: String, source: String?, date: String?) {
        self.id = id
        self.hash = hash
        self.title = title
        self.text = text
        self.source = source
        self.date = date
    }
}

/// `index.put` → `index.stored`: an extractor's result, written idempotently (keyed by id and hash).
public struct IndexPut: Request {
    public typealias Reply = IndexStored
    public static let kind = MessageKind.indexPut
    public var document: IndexedDocument
    public var extraction: Extraction
    public var workerID: String
    public init(document: IndexedDocument, extraction: Extraction, workerID: String) {
        self.document = document
        self.extraction = extraction
        self.workerID = workerID
    }
}

public struct IndexStored: MessageBody {
    public static let kind = MessageKind.indexStored
    public var id: String
    /// True when the same id and hash were already stored: nothing was written.
    public var alreadyStored: Bool
    public init(id: String, alreadyStored: Bool) {
        self.id = id
        self.alreadyStored = alreadyStored
    }
}

/// `index.committed` → `ack`: the index tells ingest these documents are committed.
public struct IndexCommitted: Request {
    public typealias Reply = Ack
    public static let kind = MessageKind.indexCommitted
    public struct Item: Codable, Sendable, Hashable {
        public var id: String
        public var workerID: String
        public init(id: String, workerID: String) {
            self.id = id
            self.workerID = workerID
        }
    }
    public var items: [Item]
    public init(items: [Item]) { self.items = items }
}

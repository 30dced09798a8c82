/// A document as the index stores it.
public struct IndexedDocument: Codable, Sendable, Hashable {
    public var id: String
    public var hash: String
    public var title: String
    public var text: String
    public var source: String?
    /// The date the index files the document under: the publication day when known, else the one
    /// the extractor found in the text.
    public var date: String?
    /// Metadata as submitted to ingest (each absent when not given).
    public var url: String?
    public var published: String?
    public var language: String?
    public var author: String?
    public var tags: [String]?
    public init(id: String, hash: String, title: String, text: String, source: String?, date: String?,
                url: String? = nil, published: String? = nil, language: String? = nil, author: String? = nil, tags: [String]? = nil) {
        self.id = id
        self.hash = hash
        self.title = title
        self.text = text
        self.source = source
        self.date = date
        self.url = url
        self.published = published
        self.language = language
        self.author = author
        self.tags = tags
    }

    /// The metadata as listings show it.
    public var metadata: DocumentMetadata {
        DocumentMetadata(source: source, url: url, published: published, language: language, author: author, tags: tags)
    }
}

/// `index.put` → `index.stored`: an extractor's result, written idempotently (keyed by id and hash).
public struct IndexPut: Request {
    public typealias Reply = IndexStored
    public static let kind = MessageKind.indexPut
    public var document: IndexedDocument
    public var extraction: Extraction
    public var workerID: String
    /// The engine that made `extraction` (`ExtractionEngine.version`); absent in puts from older
    /// extractors. A put whose version differs from the stored document's replaces its extraction.
    public var engineVersion: String?
    public init(document: IndexedDocument, extraction: Extraction, workerID: String, engineVersion: String? = nil) {
        self.document = document
        self.extraction = extraction
        self.workerID = workerID
        self.engineVersion = engineVersion
    }
}

public struct IndexStored: MessageBody {
    public static let kind = MessageKind.indexStored
    public var id: String
    /// True when the same id and hash (and engine version, or a put without one) were already
    /// stored: nothing was written.
    public var alreadyStored: Bool
    /// True when an earlier extraction of the document (another engine version) was replaced.
    public var replaced: Bool?
    /// The engine version the index now holds for the document (absent when none was recorded).
    public var engineVersion: String?
    public init(id: String, alreadyStored: Bool, replaced: Bool? = nil, engineVersion: String? = nil) {
        self.id = id
        self.alreadyStored = alreadyStored
        self.replaced = replaced
        self.engineVersion = engineVersion
    }
}

/// `index.committed` → `ack`: the index tells ingest these documents are committed.
public struct IndexCommitted: Request {
    public typealias Reply = Ack
    public static let kind = MessageKind.indexCommitted
    public struct Item: Codable, Sendable, Hashable {
        public var id: String
        public var workerID: String
        /// The engine version the index now holds for the document (absent when none was recorded).
        public var engineVersion: String?
        public init(id: String, workerID: String, engineVersion: String? = nil) {
            self.id = id
            self.workerID = workerID
            self.engineVersion = engineVersion
        }
    }
    public var items: [Item]
    public init(items: [Item]) { self.items = items }
}

extension IndexPut {
    /// Longest id (document, hash, entity, worker) accepted in a put, in UTF-8 bytes.
    public static let maxIDBytes = ModelLimits.maxIDBytes
    /// Longest title, entity name, alias or mention text, in UTF-8 bytes.
    public static let maxNameBytes = ModelLimits.maxNameBytes

    /// Checks a put before anything is written: ids present and short, every span inside the text
    /// and equal to the text it points at. A put from a confused or hostile writer is refused
    /// (`invalid_argument`) instead of storing offsets that would break readers.
    public func validate() throws(SiftwireError) {
        try Self.check("document.id", document.id, maxBytes: Self.maxIDBytes)
        try Self.check("document.hash", document.hash, maxBytes: Self.maxIDBytes)
        try Self.check("workerID", workerID, maxBytes: Self.maxIDBytes)
        if let engineVersion { try Self.check("engineVersion", engineVersion, maxBytes: Self.maxIDBytes) }
        try Self.check("document.title", document.title, maxBytes: Self.maxNameBytes, allowEmpty: true)
        let scalars = Array(document.text.unicodeScalars)
        func span(_ what: String, _ text: String, _ start: Int, _ end: Int) throws(SiftwireError) {
            guard start >= 0, start <= end, end <= scalars.count else {
                throw SiftwireError(.invalidArgument, "\(what) spans \(start)..<\(end) but the text has \(scalars.count) characters")
            }
            var slice = String.UnicodeScalarView()
            slice.append(contentsOf: scalars[start..<end])
            guard String(slice) == text else {
                throw SiftwireError(.invalidArgument, "\(what) text does not equal the text at \(start)..<\(end)")
            }
        }
        for (e, entity) in extraction.entities.enumerated() {
            try Self.check("extraction.entities[\(e)].id", entity.id, maxBytes: Self.maxIDBytes)
            try Self.check("extraction.entities[\(e)].name", entity.name, maxBytes: Self.maxNameBytes)
            for (a, alias) in entity.aliases.enumerated() {
                try Self.check("extraction.entities[\(e)].aliases[\(a)]", alias, maxBytes: Self.maxNameBytes, allowEmpty: true)
            }
            for (m, mention) in entity.mentions.enumerated() {
                try span("extraction.entities[\(e)].mentions[\(m)]", mention.text, mention.start, mention.end)
            }
        }
        for (d, date) in extraction.dates.enumerated() {
            try span("extraction.dates[\(d)]", date.text, date.start, date.end)
            if let value = date.value { try Self.check("extraction.dates[\(d)].value", value, maxBytes: 64, allowEmpty: true) }
        }
    }

    private static func check(_ field: String, _ value: String, maxBytes: Int, allowEmpty: Bool = false) throws(SiftwireError) {
        if !allowEmpty, value.isEmpty { throw SiftwireError(.invalidArgument, "\(field) is empty") }
        if value.utf8.count > maxBytes {
            throw SiftwireError(.invalidArgument, "\(field) is \(value.utf8.count) bytes; the limit is \(maxBytes)")
        }
    }
}

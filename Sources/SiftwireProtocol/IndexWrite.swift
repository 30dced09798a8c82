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
    /// The document as the index stores it. Its `title` and `date` are the extraction's (the one
    /// answer for both: the submitted title and date when given, else what the engine found); the
    /// index stores them as sent.
    public var document: IndexedDocument
    public var extraction: Extraction
    public var workerID: String
    /// The engine that made `extraction` (`ExtractionEngine.version`); absent in puts from older
    /// extractors. A put whose version differs from the stored document's replaces its extraction.
    public var engineVersion: String?
    /// The matching key (`MatchingKey.key`) of every entity name and stored alias text
    /// (`IndexPut.aliasText`) in `extraction.entities`, by that text, as the extractor computed
    /// them; the index stores them as sent. Absent in puts from older extractors, and any text
    /// missing here, is keyed by the index itself.
    public var keys: [String: String]?
    public init(document: IndexedDocument, extraction: Extraction, workerID: String, engineVersion: String? = nil,
                keys: [String: String]? = nil) {
        self.document = document
        self.extraction = extraction
        self.workerID = workerID
        self.engineVersion = engineVersion
        self.keys = keys
    }

    /// An alias or mention as the index stores it: whitespace runs (hard wraps) folded to one space.
    public static func aliasText(_ text: String) -> String {
        // Nearly every mention is printable ASCII with single inner spaces: nothing to fold.
        var previous: UInt8 = 0x20
        var plain = true
        for byte in text.utf8 {
            if byte >= 0x80 || byte < 0x20 || (byte == 0x20 && previous == 0x20) { plain = false; break }
            previous = byte
        }
        if plain, previous != 0x20 { return text }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
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

    /// Longest matching key accepted in `keys`, in UTF-8 bytes (a key folds its name, so it is
    /// rarely longer; an article may grow by a letter).
    public static let maxKeyBytes = 2 * ModelLimits.maxNameBytes

    /// Checks a put before anything is written: ids present and short, every span inside the text
    /// and equal to the text it points at, keys short. A put from a confused or hostile writer is
    /// refused (`invalid_argument`) instead of storing offsets that would break readers.
    public func validate() throws(SiftwireError) {
        try Self.check("document.id", document.id, maxBytes: Self.maxIDBytes)
        try Self.check("document.hash", document.hash, maxBytes: Self.maxIDBytes)
        try Self.check("workerID", workerID, maxBytes: Self.maxIDBytes)
        if let engineVersion { try Self.check("engineVersion", engineVersion, maxBytes: Self.maxIDBytes) }
        try Self.check("document.title", document.title, maxBytes: Self.maxNameBytes, allowEmpty: true)
        for (e, entity) in extraction.entities.enumerated() {
            try Self.check("extraction.entities[\(e)].id", entity.id, maxBytes: Self.maxIDBytes)
            try Self.check("extraction.entities[\(e)].name", entity.name, maxBytes: Self.maxNameBytes)
            for (a, alias) in entity.aliases.enumerated() {
                try Self.check("extraction.entities[\(e)].aliases[\(a)]", alias, maxBytes: Self.maxNameBytes, allowEmpty: true)
            }
        }
        for (d, date) in extraction.dates.enumerated() {
            if let value = date.value { try Self.check("extraction.dates[\(d)].value", value, maxBytes: 64, allowEmpty: true) }
        }
        for (text, key) in keys ?? [:] where key.utf8.count > Self.maxKeyBytes {
            throw SiftwireError(.invalidArgument, "keys['\(text.prefix(40))'] is \(key.utf8.count) bytes; the limit is \(Self.maxKeyBytes)")
        }
        try PutSpans(self).check(in: document.text)
    }

    private static func check(_ field: String, _ value: String, maxBytes: Int, allowEmpty: Bool = false) throws(SiftwireError) {
        if !allowEmpty, value.isEmpty { throw SiftwireError(.invalidArgument, "\(field) is empty") }
        if value.utf8.count > maxBytes {
            throw SiftwireError(.invalidArgument, "\(field) is \(value.utf8.count) bytes; the limit is \(maxBytes)")
        }
    }
}

/// The mention and date spans of a put, checked against its text without copying it: bounds first
/// (in put order, against the text's length in code points), then each span's text compared in
/// place, in one forward walk over the text's scalars with the spans in start order.
private struct PutSpans {
    struct Span {
        let start: Int
        let end: Int
        let text: String
        /// The entity's index and the mention's, or -1 and the date's index.
        let owner: Int
        let item: Int
    }

    var spans: [Span] = []

    init(_ put: IndexPut) {
        for (e, entity) in put.extraction.entities.enumerated() {
            for (m, mention) in entity.mentions.enumerated() {
                spans.append(Span(start: mention.start, end: mention.end, text: mention.text, owner: e, item: m))
            }
        }
        for (d, date) in put.extraction.dates.enumerated() {
            spans.append(Span(start: date.start, end: date.end, text: date.text, owner: -1, item: d))
        }
    }

    static func name(_ span: Span) -> String {
        span.owner >= 0 ? "extraction.entities[\(span.owner)].mentions[\(span.item)]" : "extraction.dates[\(span.item)]"
    }

    func check(in text: String) throws(SiftwireError) {
        guard !spans.isEmpty else { return }
        let scalars = text.unicodeScalars
        let count = scalars.count
        for span in spans where !(span.start >= 0 && span.start <= span.end && span.end <= count) {
            throw SiftwireError(.invalidArgument, "\(Self.name(span)) spans \(span.start)..<\(span.end) but the text has \(count) characters")
        }
        var position = 0
        var index = scalars.startIndex
        for span in spans.sorted(by: { $0.start < $1.start }) {
            index = scalars.index(index, offsetBy: span.start - position)
            position = span.start
            var at = index
            var equal = true
            var length = 0
            for scalar in span.text.unicodeScalars {
                guard length < span.end - span.start, scalars[at] == scalar else { equal = false; break }
                at = scalars.index(after: at)
                length += 1
            }
            guard equal, length == span.end - span.start else {
                throw SiftwireError(.invalidArgument, "\(Self.name(span)) text does not equal the text at \(span.start)..<\(span.end)")
            }
        }
    }
}

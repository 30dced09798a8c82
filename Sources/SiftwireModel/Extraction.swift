/// A document handed to the engine: its raw text exactly as read, and what is known about it.
public struct SourceDocument: Sendable, Hashable {
    /// The text exactly as read (UTF-8 decoded, before any repair). Offsets refer to it.
    public var text: String
    /// A title supplied by the caller; when nil the engine takes the first line.
    public var title: String?
    /// The document's date when known from outside the text (ISO `YYYY-MM-DD`).
    public var date: String?

    public init(text: String, title: String? = nil, date: String? = nil) {
        self.text = text
        self.title = title
        self.date = date
    }
}

/// A span of the raw text: `start`/`end` are Unicode code-point offsets, end exclusive.
public struct Mention: Codable, Sendable, Hashable {
    public var text: String
    public var start: Int
    public var end: Int

    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }
}

/// One real-world entity as found in one document.
public struct ExtractedEntity: Codable, Sendable, Hashable {
    /// Cross-document entity id: the same real-world entity gets the same id in every document.
    public var id: String
    /// Display name (the fullest form seen, or the dictionary's canonical name).
    public var name: String
    public var type: EntityType
    /// Every distinct surface form seen in this document and the aliases known for it.
    public var aliases: [String]
    public var mentions: [Mention]
    /// A role or title the text gives the entity ("Emir", "spokesman"), when one was found.
    public var role: String?

    public init(id: String, name: String, type: EntityType, aliases: [String], mentions: [Mention], role: String? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.aliases = aliases
        self.mentions = mentions
        self.role = role
    }
}

/// A date expression as written, with its ISO normalization when the text allows one.
public struct ExtractedDate: Codable, Sendable, Hashable {
    public var text: String
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; nil when it cannot be resolved.
    public var value: String?
    public var start: Int
    public var end: Int

    public init(text: String, value: String?, start: Int, end: Int) {
        self.text = text
        self.value = value
        self.start = start
        self.end = end
    }
}

/// Everything the engine found in one document.
public struct Extraction: Codable, Sendable, Hashable {
    public var title: String
    /// The document's own date (ISO `YYYY-MM-DD`) when given or found in the text.
    public var date: String?
    public var entities: [ExtractedEntity]
    public var dates: [ExtractedDate]
    /// Attributed statements and events, in document order (see `ExtractedClaim`).
    public var claims: [ExtractedClaim]

    public init(title: String, date: String?, entities: [ExtractedEntity], dates: [ExtractedDate], claims: [ExtractedClaim] = []) {
        self.title = title
        self.date = date
        self.entities = entities
        self.dates = dates
        self.claims = claims
    }

    enum CodingKeys: String, CodingKey { case title, date, entities, dates, claims }

    /// `claims` may be absent (extractions cached or sent before claims existed).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        entities = try c.decode([ExtractedEntity].self, forKey: .entities)
        dates = try c.decode([ExtractedDate].self, forKey: .dates)
        claims = try c.decodeIfPresent([ExtractedClaim].self, forKey: .claims) ?? []
    }
}

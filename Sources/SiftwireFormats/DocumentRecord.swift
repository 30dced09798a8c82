/// One document read from any input format, with what an analyst knows about it besides its text.
public struct DocumentRecord: Sendable, Equatable, Hashable, Codable {
    /// The article text (required; never empty).
    public var text: String
    /// The headline; nil when the input has none (downstream the extractor takes the first line).
    public var title: String?
    /// The outlet that published it ("SANA", "Reuters"), not a file path.
    public var source: String?
    /// Where it was published: canonical URL, feed item link.
    public var url: String?
    /// Publication date normalised by `PublicationDate`: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SSZ` in UTC.
    public var published: String?
    /// Language tag as given (`en`, `ar`, `en-GB`).
    public var language: String?
    public var author: String?
    public var tags: [String]
    /// An identifier the caller chose (JSON `id`, feed guid); nil lets ingest derive one from the content.
    public var id: String?

    public init(text: String, title: String? = nil, source: String? = nil, url: String? = nil,
                published: String? = nil, language: String? = nil, author: String? = nil,
                tags: [String] = [], id: String? = nil) {
        self.text = text
        self.title = title
        self.source = source
        self.url = url
        self.published = published
        self.language = language
        self.author = author
        self.tags = tags
        self.id = id
    }

    /// The fields a mapping can target, by the names used in `--map` and in JSON Lines.
    public enum Field: String, Sendable, CaseIterable, Codable {
        case text, title, source, url, published, language, author, tags, id
    }
}

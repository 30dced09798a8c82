import SiftwireExtraction
import SiftwireProtocol

extension IndexPut {
    /// The put an extractor sends for a leased item, the first time and (as the same bytes) on
    /// every resend. The extraction is the one answer for the document's title and date (the
    /// engine takes the submitted title and date when given, a submitted publication day being
    /// ingest's `date`; else it reads them from the text); the submitted metadata is passed on
    /// unchanged. The matching keys of the entities' names and aliases go with it, so the index
    /// stores them without recomputing them.
    public init(item: WorkItem, extraction: Extraction, workerID: String, engineVersion: String?) {
        let document = IndexedDocument(id: item.id, hash: item.hash, title: extraction.title, text: item.text,
                                       source: item.source, date: extraction.date, url: item.url, published: item.published,
                                       language: item.language, author: item.author, tags: item.tags)
        self.init(document: document, extraction: extraction, workerID: workerID, engineVersion: engineVersion,
                  keys: Self.matchingKeys(of: extraction.entities))
    }

    /// `MatchingKey.key` of each entity name and each alias and mention text as the index stores it.
    static func matchingKeys(of entities: [ExtractedEntity]) -> [String: String] {
        var keys: [String: String] = [:]
        func add(_ text: String) {
            if !text.isEmpty, keys[text] == nil { keys[text] = MatchingKey.key(text) }
        }
        for entity in entities {
            add(entity.name)
            for mention in entity.mentions { add(aliasText(mention.text)) }
            for alias in entity.aliases { add(aliasText(alias)) }
        }
        return keys
    }
}

import SiftwireProtocol

extension IndexedDocument {
    /// The document an extractor puts to the index for a leased item: the submitted title and
    /// metadata passed on unchanged; the title and date the engine found fill in what is missing
    /// (a submitted publication date always wins over a date read from the text).
    init(_ item: WorkItem, extraction: Extraction) {
        self.init(id: item.id, hash: item.hash, title: item.title ?? extraction.title, text: item.text,
                  source: item.source, date: item.date ?? extraction.date, url: item.url, published: item.published,
                  language: item.language, author: item.author, tags: item.tags)
    }
}

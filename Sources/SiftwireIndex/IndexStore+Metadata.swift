import Foundation
import GRDB
import SiftwireRuntime
import SiftwireProtocol

/// Document metadata in the index: stored with each document, shown in every reply that lists
/// documents, and the publication date as the document's date.
extension IndexStore {
    /// Migration "index v8: document metadata (source, url, published, language, author, tags)".
    /// `source` exists since v1; it gains an index for `--source` filters and `query.sources`.
    static func addDocumentMetadata(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE document ADD COLUMN url TEXT;
            ALTER TABLE document ADD COLUMN published TEXT;
            ALTER TABLE document ADD COLUMN language TEXT;
            ALTER TABLE document ADD COLUMN author TEXT;
            ALTER TABLE document ADD COLUMN tags TEXT;
            CREATE INDEX document_by_source ON document(source COLLATE NOCASE, date);
            """)
    }

    /// The metadata columns of `document` under alias `d`, in the order `metadata(_:)` reads them.
    static let metadataColumns = "d.source AS mSource, d.url AS mUrl, d.published AS mPublished, d.language AS mLanguage, d.author AS mAuthor, d.tags AS mTags"

    /// The metadata of a row selected with `metadataColumns`; nil when none is known.
    static func metadata(_ row: Row) -> DocumentMetadata? {
        DocumentMetadata(source: row["mSource"], url: row["mUrl"], published: row["mPublished"], language: row["mLanguage"],
                         author: row["mAuthor"], tags: TagsColumn.tags(row["mTags"])).orNil
    }
}

import Foundation
import GRDB
import SiftwireProtocol

/// Document metadata (caller-given id, url, publication date, language, author, tags): stored with
/// the document, checked on submit, handed to extractors with it.
extension IngestStore {
    /// Migration "ingest v3: document metadata".
    static func addDocumentMetadata(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE document ADD COLUMN url TEXT;
            ALTER TABLE document ADD COLUMN published TEXT;
            ALTER TABLE document ADD COLUMN language TEXT;
            ALTER TABLE document ADD COLUMN author TEXT;
            ALTER TABLE document ADD COLUMN tags TEXT;
            """)
    }

    /// What identifies a document's content: its text, preceded by its title when a title is given
    /// that the text does not already start with. So the same headline and text sent twice is a
    /// duplicate, and one text under two different headlines (an outlet's two versions) is not,
    /// while a text whose first line is its title hashes the same with or without `title`.
    public static func identityText(of document: NewDocument) -> String {
        guard let title = document.title?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty else {
            return document.text
        }
        let text = document.text.drop { $0.isWhitespace }
        if text.hasPrefix(title) { return document.text }
        return title + "\n" + document.text
    }

    /// Tags as stored: a JSON array, nil when there are none.
    /// Why the document's metadata is refused, nil when it is acceptable.
    static func metadataRejection(of document: NewDocument) -> String? {
        if let id = document.id, let problem = DocumentMetadataRules.idProblem(id) { return problem }
        if let published = document.published, !DocumentMetadataRules.isValidPublished(published) {
            return "published '\(published.prefix(40))' is not YYYY-MM-DD or an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ)"
        }
        if let language = document.language, language.utf8.count > DocumentMetadataRules.maxLanguageBytes {
            return "language is \(language.utf8.count) bytes; the limit is \(DocumentMetadataRules.maxLanguageBytes) bytes"
        }
        if let tags = document.tags {
            if tags.count > DocumentMetadataRules.maxTags {
                return "\(tags.count) tags; the limit is \(DocumentMetadataRules.maxTags)"
            }
            if let long = tags.first(where: { $0.utf8.count > DocumentMetadataRules.maxTagBytes }) {
                return "tag '\(long.prefix(40))…' is \(long.utf8.count) bytes; the limit is \(DocumentMetadataRules.maxTagBytes) bytes"
            }
        }
        return nil
    }
}

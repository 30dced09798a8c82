import Foundation
import GRDB
import SiftwireExtraction
import SiftwireProtocol

/// Alerts: what the index announces about a new document, and which watches it matches.
extension IndexStore {
    /// What the index announces about a newly stored document.
    public func announcement(documentID id: String) throws -> DocumentAnnouncement? {
        try db.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, title, date, source FROM document WHERE id = ?", arguments: [id]) else { return nil }
            let entities = try String.fetchAll(db, sql: "SELECT entityId FROM document_entity WHERE docId = ? ORDER BY entityId", arguments: [id])
            return DocumentAnnouncement(id: row["id"], title: row["title"], date: row["date"], source: row["source"], entities: entities)
        }
    }

    /// Which watched entities the document mentions (following merges) and which searches match it.
    public func match(_ request: IndexMatch) throws(SiftwireError) -> IndexMatchReply {
        let entities: [IndexMatchReply.EntityMatch] = try read { db in
            try request.entities.compactMap { name in
                guard let id = try Self.resolve(db, name)?.id,
                      try Bool.fetchOne(db, sql: "SELECT 1 FROM document_entity WHERE docId = ? AND entityId = ?", arguments: [request.documentID, id]) == true
                else { return nil }
                return IndexMatchReply.EntityMatch(name: name, entityID: id)
            }
        }
        let searches = request.searches.filter { text in
            ((try? search(SearchQuery(text: text, limit: 1), onlyDocument: request.documentID))?.total ?? 0) > 0
        }
        return IndexMatchReply(entities: entities, searches: searches)
    }
}

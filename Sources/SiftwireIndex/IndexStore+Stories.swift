import Foundation
import GRDB
import SiftwireProtocol

/// Near-duplicate stories at index time: each document's MinHash signature and LSH band keys are
/// stored; a new document whose signature is close enough to an earlier one's joins that
/// document's story (`document.story`, the id of the story's first-indexed copy; NULL for a
/// document that is the first or only copy). Every copy is kept; search collapses them.
extension IndexStore {
    /// Migration "index v9: near-duplicate stories (MinHash signatures, LSH bands)".
    static func addStories(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE document ADD COLUMN story TEXT;
            CREATE INDEX document_by_story ON document(story);
            CREATE TABLE story_signature (docId TEXT PRIMARY KEY, signature BLOB NOT NULL) WITHOUT ROWID;
            CREATE TABLE story_band (key INTEGER NOT NULL, docId TEXT NOT NULL, PRIMARY KEY (key, docId)) WITHOUT ROWID;
            """)
    }

    /// Files a newly inserted document under a story: the story of its most similar earlier copy
    /// at or above the threshold, if any. Returns the story id (nil: it starts its own).
    @discardableResult
    static func assignStory(documentID id: String, text: String, _ db: Database) throws -> String? {
        guard let signature = NearDuplicateSignature(text: text) else { return nil }
        let keys = signature.bandKeys
        var best: (id: String, similarity: Double)?
        var seen = Set<String>()
        for key in keys {
            for candidate in try String.fetchAll(db.cachedStatement(sql: "SELECT docId FROM story_band WHERE key = ?"), arguments: [key])
            where candidate != id && seen.insert(candidate).inserted {
                guard let blob = try Data.fetchOne(db.cachedStatement(sql: "SELECT signature FROM story_signature WHERE docId = ?"),
                                                   arguments: [candidate]),
                      let other = NearDuplicateSignature(bytes: Array(blob)) else { continue }
                let similarity = signature.similarity(to: other)
                if similarity >= NearDuplicateSignature.threshold, similarity > (best?.similarity ?? 0) {
                    best = (candidate, similarity)
                }
            }
        }
        var story: String?
        if let best {
            story = try String.fetchOne(db.cachedStatement(sql: "SELECT coalesce(story, id) FROM document WHERE id = ?"),
                                        arguments: [best.id]) ?? best.id
            try db.run(sql: "UPDATE document SET story = ? WHERE id = ?", arguments: [story, id])
        }
        try db.run(sql: "INSERT OR REPLACE INTO story_signature (docId, signature) VALUES (?, ?)",
                   arguments: [id, Data(signature.bytes)])
        for key in keys {
            try db.run(sql: "INSERT OR IGNORE INTO story_band (key, docId) VALUES (?, ?)", arguments: [key, id])
        }
        return story
    }

    /// Forgets a document's signature (its content is being replaced); copies filed under it start
    /// stories of their own.
    static func removeFromStories(documentID id: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM story_signature WHERE docId = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM story_band WHERE docId = ?", arguments: [id])
        try db.execute(sql: "UPDATE document SET story = NULL WHERE story = ?", arguments: [id])
    }

    /// Whether any document is filed as a copy of another (search collapses only then).
    static func hasCopies(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM document WHERE story IS NOT NULL LIMIT 1") ?? false
    }
}

import GRDB
import SiftwireProtocol

/// Per-entity totals (`entity_stats`) and co-mention pairs (`comention`): kept up to date by the
/// write path (summed per batch), rebuilt from `document_entity` for the entities curation or a
/// replaced document touched. Profiles and co-mention graphs read them instead of aggregating
/// every document an entity appears in.
extension IndexStore {
    /// The aggregate tables and their contents for an index written before they existed.
    static func createAggregates(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE entity_stats (
                entityId TEXT PRIMARY KEY,
                documents INTEGER NOT NULL,
                mentions INTEGER NOT NULL,
                firstDate TEXT,
                lastDate TEXT
            ) WITHOUT ROWID;
            CREATE TABLE comention (
                entityId TEXT NOT NULL,
                otherId TEXT NOT NULL,
                documents INTEGER NOT NULL,
                PRIMARY KEY (entityId, otherId)
            ) WITHOUT ROWID;
            INSERT INTO entity_stats (entityId, documents, mentions, firstDate, lastDate)
                SELECT de.entityId, COUNT(*), SUM(de.mentions), MIN(date(d.date)), MAX(date(d.date))
                FROM document_entity de JOIN document d ON d.id = de.docId GROUP BY de.entityId;
            INSERT INTO comention (entityId, otherId, documents)
                SELECT a.entityId, b.entityId, COUNT(*)
                FROM document_entity a JOIN document_entity b ON b.docId = a.docId AND b.entityId != a.entityId
                GROUP BY a.entityId, b.entityId;
            """)
    }

    /// Claims naming `entity` (an SQL expression) as speaker, actor or target, each claim once.
    static func claimCount(_ entity: String) -> String {
        """
        (SELECT COUNT(*) FROM (SELECT seq FROM claim WHERE speakerId = \(entity) UNION SELECT seq FROM claim WHERE actorId = \(entity)
                               UNION SELECT seq FROM claim WHERE targetId = \(entity)))
        """
    }

    /// Claim counts, and document order on claim rows, for an index written before they existed.
    static func addClaimOrder(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE claim ADD COLUMN docDate TEXT;
            ALTER TABLE claim ADD COLUMN docSeq INTEGER NOT NULL DEFAULT 0;
            UPDATE claim SET (docDate, docSeq) = (SELECT d.date, d.seq FROM document d WHERE d.id = claim.docId);
            DROP INDEX claim_by_speaker;
            DROP INDEX claim_by_actor;
            DROP INDEX claim_by_target;
            CREATE INDEX claim_by_speaker ON claim(speakerId, docDate, docSeq, docId);
            CREATE INDEX claim_by_actor ON claim(actorId, docDate, docSeq, docId);
            CREATE INDEX claim_by_target ON claim(targetId, docDate, docSeq, docId);
            ALTER TABLE entity_stats ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
            UPDATE entity_stats SET claims = \(claimCount("entity_stats.entityId"));
            """)
    }

    /// First and last day seen, recomputed for entities that lost a document.
    static func refreshEntityDays(_ ids: [String], _ db: Database) throws {
        for id in ids {
            try db.execute(sql: """
                UPDATE entity_stats SET (firstDate, lastDate) = (
                    SELECT MIN(date(d.date)), MAX(date(d.date)) FROM document_entity de JOIN document d ON d.id = de.docId
                    WHERE de.entityId = ?1)
                WHERE entityId = ?1
                """, arguments: [id])
            try db.execute(sql: "DELETE FROM entity_stats WHERE entityId = ? AND documents <= 0", arguments: [id])
        }
    }

    /// Rebuilds the totals and both directions of the co-mention pairs of `ids` from `document_entity`.
    static func rebuildAggregates(_ ids: Set<String>, _ db: Database) throws {
        for id in ids.sorted() {
            try db.execute(sql: "DELETE FROM entity_stats WHERE entityId = ?", arguments: [id])
            try db.execute(sql: """
                INSERT INTO entity_stats (entityId, documents, mentions, claims, firstDate, lastDate)
                SELECT de.entityId, COUNT(*), SUM(de.mentions), \(claimCount("de.entityId")), MIN(date(d.date)), MAX(date(d.date))
                FROM document_entity de JOIN document d ON d.id = de.docId WHERE de.entityId = ? GROUP BY de.entityId
                """, arguments: [id])
            for other in try String.fetchAll(db, sql: "SELECT otherId FROM comention WHERE entityId = ?", arguments: [id]) {
                try db.execute(sql: "DELETE FROM comention WHERE entityId = ? AND otherId = ?", arguments: [other, id])
            }
            try db.execute(sql: "DELETE FROM comention WHERE entityId = ?", arguments: [id])
            let pairs = try Row.fetchAll(db, sql: """
                SELECT b.entityId AS other, COUNT(*) AS documents
                FROM document_entity a JOIN document_entity b ON b.docId = a.docId AND b.entityId != a.entityId
                WHERE a.entityId = ? GROUP BY b.entityId
                """, arguments: [id])
            for pair in pairs {
                let other: String = pair["other"], documents: Int = pair["documents"]
                try db.execute(sql: "INSERT OR REPLACE INTO comention (entityId, otherId, documents) VALUES (?, ?, ?), (?, ?, ?)",
                               arguments: [id, other, documents, other, id, documents])
            }
        }
    }
}

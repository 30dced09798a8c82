import Foundation
import GRDB

/// The engine version that extracted each stored document, so stored documents can be reprocessed
/// when the engine changes and `query.stats` can say how many are on each version.
extension IndexStore {
    static func registerEngineVersionMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("index v10: engine version per document") { db in
            try db.execute(sql: """
                ALTER TABLE document ADD COLUMN engineVersion TEXT;
                ALTER TABLE confirmation_outbox ADD COLUMN engineVersion TEXT;
                CREATE INDEX document_by_engine_version ON document(engineVersion);
                """)
        }
    }

    /// Stored documents per engine version (`""`: none recorded).
    static func engineVersionCounts(_ db: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT COALESCE(engineVersion, '') AS version, COUNT(*) AS n FROM document GROUP BY 1") {
            counts[row["version"]] = row["n"]
        }
        return counts
    }

    /// The engine version stored for a document (nil when unknown or not recorded).
    public func engineVersion(of id: String) throws -> String? {
        try db.read { try String.fetchOne($0, sql: "SELECT engineVersion FROM document WHERE id = ?", arguments: [id]) }
    }
}

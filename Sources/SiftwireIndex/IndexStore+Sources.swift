import Foundation
import GRDB
import SiftwireProtocol

extension IndexStore {
    /// `query.sources`: outlets with their document counts and date ranges, most documents first.
    /// Outlet names are grouped case-insensitively (read off `document_by_source`).
    public func sources(_ query: SourcesQuery) throws(SiftwireError) -> SourceList {
        try query.validate()
        let limit = min(query.limit, SourcesQuery.limitCap)
        let prefix = query.prefix.map { $0.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%" }
        return try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT source COLLATE NOCASE AS key, COUNT(*) AS documents, COUNT(date(date)) AS dated,
                       min(date(date)) AS first, max(date(date)) AS last
                FROM document WHERE source IS NOT NULL AND (:prefix IS NULL OR source LIKE :prefix ESCAPE '\\')
                GROUP BY source COLLATE NOCASE ORDER BY documents DESC, key COLLATE NOCASE
                """, arguments: ["prefix": prefix])
            let unattributed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE source IS NULL") ?? 0
            let sources = try rows.prefix(limit).map { row in
                let key: String = row["key"]
                // The spelling most documents use.
                let spelling = try String.fetchOne(db, sql: """
                    SELECT source FROM document WHERE source = ? COLLATE NOCASE GROUP BY source ORDER BY COUNT(*) DESC, source LIMIT 1
                    """, arguments: [key]) ?? key
                let documents: Int = row["documents"]
                return SourceList.Source(source: spelling, documents: documents, undated: documents - (row["dated"] as Int),
                                         first: row["first"], last: row["last"])
            }
            return SourceList(sources: sources, total: rows.count, unattributed: unattributed)
        }
    }
}

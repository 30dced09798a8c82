import Foundation
import GRDB
import SiftwireProtocol

/// Engine versions and reprocessing: which engine extracted each indexed document (as the index's
/// confirmations say), and requeuing indexed documents so the running extractors extract them again.
extension IngestStore {
    static func registerReprocessMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("ingest v4: reprocess requests") { db in
            try db.execute(sql: """
                ALTER TABLE document ADD COLUMN engineVersion TEXT;
                ALTER TABLE document ADD COLUMN reprocessRequest INTEGER;
                ALTER TABLE document ADD COLUMN reprocessPending INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX document_by_reprocess ON document(reprocessRequest, state);
                CREATE INDEX document_by_engine_version ON document(state, engineVersion);
                CREATE INDEX document_lease_order ON document(state, suspect, reprocessPending, seq);
                CREATE TABLE reprocess_request (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    selection TEXT NOT NULL,
                    total INTEGER NOT NULL DEFAULT 0,
                    requestedAt REAL NOT NULL
                );
                """)
        }
    }

    /// Marks documents indexed, recording the engine version the index holds for each. Idempotent;
    /// returns how many changed state.
    ///
    /// A document requeued by a reprocess request only counts as indexed when it is leased (so the
    /// confirmation is for an extraction made after the request): a confirmation of its previous
    /// extraction, resent late by the index, does not end the reprocessing.
    @discardableResult
    public func markIndexed(_ items: [IndexCommitted.Item], now: Date = Date()) throws -> Int {
        try db.write { db in
            var changed = 0
            for item in items {
                try db.execute(
                    sql: """
                        UPDATE document SET state = 'indexed', indexedAt = ?, leaseWorker = NULL, leaseExpiresAt = NULL,
                            lastError = NULL, suspect = 0, reprocessPending = 0, engineVersion = COALESCE(?, engineVersion)
                        WHERE id = ? AND state != 'indexed' AND (reprocessPending = 0 OR state = 'leased')
                        """,
                    arguments: [now.timeIntervalSince1970, item.engineVersion, item.id])
                changed += db.changesCount
            }
            return changed
        }
    }

    /// Requeues the selected indexed documents in one transaction and records the request.
    /// `runningVersions` are the engine versions connected extractors report (for `stale`).
    /// Throws `invalid_argument` for a selection without exactly one selector and `not_found`
    /// naming unknown ids; nothing is written then.
    public func reprocess(_ selection: ReprocessDocuments.Selection, runningVersions: Set<String>,
                          now: Date = Date()) throws -> ReprocessReply {
        try Self.validate(selection, runningVersions: runningVersions)
        let encoded = String(decoding: try JSONEncoder().encode(selection), as: UTF8.self)
        return try db.write { db in
            try db.execute(sql: "INSERT INTO reprocess_request (selection, requestedAt) VALUES (?, ?)",
                           arguments: [encoded, now.timeIntervalSince1970])
            let request = Int(db.lastInsertedRowID)
            let requeue = """
                UPDATE document SET state = 'queued', reprocessRequest = ?, reprocessPending = 1, failures = 0, suspect = 0,
                    lastError = NULL, leaseWorker = NULL, leaseExpiresAt = NULL
                WHERE state = 'indexed' AND
                """
            var requeued = 0, pending = 0, dead = 0
            if let ids = selection.ids {
                var unknown: [String] = []
                for id in ids {
                    guard let state = try String.fetchOne(db.cachedStatement(sql: "SELECT state FROM document WHERE id = ?"),
                                                          arguments: [id]) else {
                        unknown.append(id)
                        continue
                    }
                    switch DocumentState(rawValue: state) {
                    case .indexed:
                        try db.execute(sql: requeue + " id = ?", arguments: [request, id])
                        requeued += db.changesCount
                    case .dead: dead += 1
                    default: pending += 1
                    }
                }
                if !unknown.isEmpty {
                    let shown = unknown.prefix(10).joined(separator: ", ")
                    throw SiftwireError(.notFound, "\(unknown.count) unknown document id(s): \(shown)\(unknown.count > 10 ? ", …" : "")")
                }
            } else {
                let (condition, arguments) = Self.condition(selection, runningVersions: runningVersions)
                try db.execute(sql: requeue + " \(condition)", arguments: [request] + arguments)
                requeued = db.changesCount
                pending = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE state IN ('queued', 'leased') AND reprocessRequest IS NOT ? AND \(condition)",
                                           arguments: [request] + arguments) ?? 0
                dead = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE state = 'dead' AND \(condition)", arguments: arguments) ?? 0
            }
            try db.execute(sql: "UPDATE reprocess_request SET total = ? WHERE id = ?", arguments: [requeued, request])
            return ReprocessReply(request: request, requeued: requeued, pending: pending, dead: dead)
        }
    }

    static func validate(_ selection: ReprocessDocuments.Selection, runningVersions: Set<String>) throws(SiftwireError) {
        guard selection.selectorCount == 1 else {
            throw SiftwireError(.invalidArgument,
                                "selection must set exactly one of all, notVersion, stale or ids; \(selection.selectorCount) set")
        }
        if let version = selection.notVersion, version.isEmpty || version.utf8.count > 256 {
            throw SiftwireError(.invalidArgument, "notVersion must be 1 to 256 bytes, got \(version.utf8.count)")
        }
        if let ids = selection.ids {
            guard !ids.isEmpty else { throw SiftwireError(.invalidArgument, "ids is empty: name at least one document") }
            if let bad = ids.first(where: { $0.isEmpty || $0.utf8.count > 256 }) {
                throw SiftwireError(.invalidArgument, "document id must be 1 to 256 bytes, got \(bad.utf8.count)")
            }
        }
        if selection.stale == true, runningVersions.isEmpty {
            throw SiftwireError(.unavailable, "no connected extractor reports an engine version, so no document can be called stale; "
                                + "start an extractor, or name the version with notVersion")
        }
    }

    private static func condition(_ selection: ReprocessDocuments.Selection, runningVersions: Set<String>) -> (String, StatementArguments) {
        if let version = selection.notVersion {
            return ("(engineVersion IS NULL OR engineVersion != ?)", [version])
        }
        if selection.stale == true {
            let versions = runningVersions.sorted()
            let marks = Array(repeating: "?", count: versions.count).joined(separator: ", ")
            return ("(engineVersion IS NULL OR engineVersion NOT IN (\(marks)))", StatementArguments(versions))
        }
        return ("1", [])
    }

    /// Indexed documents per engine version (`""` when none was recorded), and how many are on a
    /// version outside `running` (nil when `running` is empty).
    public func engineVersions(running: Set<String>) throws -> (versions: [String: Int], stale: Int?) {
        try db.read { db in
            var versions: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT COALESCE(engineVersion, '') AS version, COUNT(*) AS n FROM document WHERE state = 'indexed' GROUP BY 1
                """) {
                versions[row["version"]] = row["n"]
            }
            guard !running.isEmpty else { return (versions, nil) }
            let stale = versions.filter { !running.contains($0.key) }.values.reduce(0, +)
            return (versions, stale)
        }
    }

    /// The latest reprocess requests (newest first) with their progress.
    public func reprocessProgress(limit: Int = 5) throws -> [ReprocessProgress] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.id, r.total, r.requestedAt,
                    (SELECT COUNT(*) FROM document d WHERE d.reprocessRequest = r.id AND d.state = 'indexed' AND d.reprocessPending = 0) AS done,
                    (SELECT COUNT(*) FROM document d WHERE d.reprocessRequest = r.id AND d.state = 'dead') AS dead
                FROM reprocess_request r ORDER BY r.id DESC LIMIT ?
                """, arguments: [limit])
                .map { ReprocessProgress(request: $0["id"], total: $0["total"], done: $0["done"], dead: $0["dead"], requestedAt: $0["requestedAt"]) }
        }
    }

    /// One reprocess request's progress, or nil when there is no such request.
    public func reprocessProgress(request: Int) throws -> ReprocessProgress? {
        try db.read { db in
            try Row.fetchOne(db, sql: """
                SELECT r.id, r.total, r.requestedAt,
                    (SELECT COUNT(*) FROM document d WHERE d.reprocessRequest = r.id AND d.state = 'indexed' AND d.reprocessPending = 0) AS done,
                    (SELECT COUNT(*) FROM document d WHERE d.reprocessRequest = r.id AND d.state = 'dead') AS dead
                FROM reprocess_request r WHERE r.id = ?
                """, arguments: [request])
                .map { ReprocessProgress(request: $0["id"], total: $0["total"], done: $0["done"], dead: $0["dead"], requestedAt: $0["requestedAt"]) }
        }
    }
}

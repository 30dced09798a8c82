import Foundation
import GRDB
import SiftwireRuntime

/// The query service's own store: the query log and saved queries.
public final class QueryStore {
    let db: DatabaseQueue

    public init(path: String?) throws {
        db = try SQLiteStoreOpening.open(path: path, migrator: Self.migrator)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: query log and saved queries") { db in
            try db.execute(sql: """
                CREATE TABLE query_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    requestId TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    body TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    durationMs REAL NOT NULL,
                    at REAL NOT NULL
                );
                CREATE INDEX query_log_by_at ON query_log(at);
                CREATE TABLE saved_query (
                    name TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    body TEXT NOT NULL,
                    createdAt REAL NOT NULL
                );
                """)
        }
        return migrator
    }

    public struct LogEntry: Sendable, Equatable {
        public var requestID: String
        public var kind: String
        public var body: String
        /// `ok` or the error code.
        public var outcome: String
        public var durationMs: Double
    }

    /// Records one answered query.
    public func log(_ entry: LogEntry, at date: Date = Date()) throws {
        try db.write { db in
            try db.execute(
                sql: "INSERT INTO query_log (requestId, kind, body, outcome, durationMs, at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [entry.requestID, entry.kind, entry.body, entry.outcome, entry.durationMs, date.timeIntervalSince1970])
        }
    }

    /// The most recent log entries, newest first.
    public func recentQueries(limit: Int) throws -> [LogEntry] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM query_log ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                LogEntry(requestID: $0["requestId"], kind: $0["kind"], body: $0["body"], outcome: $0["outcome"], durationMs: $0["durationMs"])
            }
        }
    }

    public func queryCount() throws -> Int {
        try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM query_log") ?? 0 }
    }
}

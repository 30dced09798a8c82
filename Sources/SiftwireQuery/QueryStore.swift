import Foundation
import GRDB
import SiftwireProtocol
import SiftwireRuntime

/// The query service's own store: the query log and saved queries.
public final class QueryStore {
    let db: DatabaseQueue

    public init(path: String?) throws {
        db = try SQLiteStoreOpening.open(path: path, migrator: Self.migrator, durability: .normal)
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

    // MARK: watches (saved queries of kind `watch.entity` / `watch.search`)

    /// Saves a watch; `invalid_argument` when the name is taken.
    public func addWatch(_ watch: Watch, at date: Date = Date()) throws(SiftwireError) {
        do {
            try db.write { db in
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM saved_query WHERE name = ?", arguments: [watch.name]) == true {
                    throw SiftwireError(.invalidArgument, "a watch named '\(watch.name)' exists; remove it first")
                }
                try db.execute(sql: "INSERT INTO saved_query (name, kind, body, createdAt) VALUES (?, ?, ?, ?)",
                               arguments: [watch.name, watch.entity != nil ? "watch.entity" : "watch.search",
                                           watch.entity ?? watch.search ?? "", date.timeIntervalSince1970])
            }
        } catch let error as SiftwireError {
            throw error
        } catch {
            throw SiftwireError(.internalError, "query store write failed: \(error)")
        }
    }

    /// Every watch, by name.
    public func watches() throws -> [Watch] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM saved_query WHERE kind IN ('watch.entity', 'watch.search') ORDER BY name").map(Self.watch)
        }
    }

    /// Removes a watch and returns it, or nil when there is none by that name.
    public func removeWatch(named name: String) throws -> Watch? {
        try db.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM saved_query WHERE name = ? AND kind IN ('watch.entity', 'watch.search')",
                                             arguments: [name]) else { return nil }
            try db.execute(sql: "DELETE FROM saved_query WHERE name = ?", arguments: [name])
            return Self.watch(row)
        }
    }

    static func watch(_ row: Row) -> Watch {
        let kind: String = row["kind"], body: String = row["body"]
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return Watch(name: row["name"], entity: kind == "watch.entity" ? body : nil, search: kind == "watch.search" ? body : nil,
                     createdAt: formatter.string(from: Date(timeIntervalSince1970: row["createdAt"])))
    }
}

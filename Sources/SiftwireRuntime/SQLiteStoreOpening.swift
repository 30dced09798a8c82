import Foundation
import GRDB

/// Opens a service's own SQLite store: WAL, fsync'd commits, foreign keys, a busy timeout.
public enum SQLiteStoreOpening {
    /// Opens (creating if needed) the store at `path`; nil opens an in-memory store for tests.
    public static func open(path: String?) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            if path != nil {
                // FULL: a commit is on disk before it returns, so "accepted" means durable.
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        }
        guard let path else {
            return try DatabaseQueue(configuration: configuration)
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        }
        return queue
    }
}

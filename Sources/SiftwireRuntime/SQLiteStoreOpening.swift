import Foundation
import GRDB

/// Opens a service's own SQLite store: WAL, fsync'd commits, foreign keys, a busy timeout, migrations.
public enum SQLiteStoreOpening {
    public struct LockError: Error, CustomStringConvertible {
        public var description: String
    }

    /// How a commit reaches the disk.
    public enum Durability: Sendable {
        /// `synchronous = FULL`: a commit is on disk before it returns. For stores whose commits back
        /// a promise made to a peer (ingest's "accepted", the index's "committed").
        case full
        /// `synchronous = NORMAL` in WAL mode: never corrupt, but the last commits may be lost on a
        /// power cut. For caches and logs that can be rebuilt or lose a line.
        case normal
    }

    /// Opens (creating if needed) the store at `path` and migrates it; nil opens an in-memory store.
    ///
    /// Several processes may open one file at once (extractor replicas share theirs), so switching
    /// to WAL and migrating happen under an exclusive `flock` on `<path>.lock`.
    public static func open(path: String?, migrator: DatabaseMigrator, durability: Durability = .full) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            if path != nil {
                try db.execute(sql: durability == .full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            }
        }
        guard let path else {
            let queue = try DatabaseQueue(configuration: configuration)
            try migrator.migrate(queue)
            return queue
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try withFileLock(path + ".lock") {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try migrator.migrate(queue)
            return queue
        }
    }

    private static func withFileLock<T>(_ lockPath: String, _ body: () throws -> T) throws -> T {
        let fd = Glibc.open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LockError(description: "cannot open \(lockPath): errno \(errno)") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw LockError(description: "cannot lock \(lockPath): errno \(errno)") }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

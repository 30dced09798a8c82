import Foundation
import GRDB

/// Opens a service's own SQLite store: owner-only permissions, an integrity check, WAL, fsync'd
/// commits, foreign keys, a busy timeout, migrations.
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
    /// A file that is not a database or fails `PRAGMA quick_check` throws `StoreOpeningError`.
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
        try restrictToOwner(storeAt: path)
        return try withFileLock(path + ".lock") {
            do {
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                try queue.writeWithoutTransaction { db in
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                    try checkIntegrity(db, path: path)
                }
                try migrator.migrate(queue)
                return queue
            } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
                throw StoreOpeningError(path: path, reason: .notADatabase, detail: error.message ?? "file is not a database")
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
                throw StoreOpeningError(path: path, reason: .corrupted, detail: error.message ?? "database disk image is malformed")
            }
        }
    }

    /// Opens a read-only connection to the store at `path`, which its writer has already opened
    /// (WAL) and migrated: a reader of its own, whose reads run beside the writer's transactions
    /// and see the last commit before each read began. `prepare` runs on the connection once it is
    /// open (custom SQL functions, progress handlers).
    public static func openReader(path: String, prepare: @escaping @Sendable (Database) throws -> Void) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase(prepare)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// `PRAGMA quick_check`: reads every page and checks its structure (not index contents), so
    /// damage anywhere in the file is found at start-up rather than by some later query.
    private static func checkIntegrity(_ db: Database, path: String) throws {
        let problems = try String.fetchAll(db, sql: "PRAGMA quick_check(5)")
        guard problems != ["ok"] else { return }
        throw StoreOpeningError(path: path, reason: .corrupted, detail: "quick_check: " + problems.joined(separator: "; "))
    }

    /// The store's directory is 0700 and its files 0600: only the service's user reads them.
    /// A new database file is created empty with mode 0600 before SQLite opens it; SQLite gives
    /// its `-wal` and `-shm` files the mode of the database file.
    static func restrictToOwner(storeAt path: String) throws {
        let manager = FileManager.default
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try manager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        let fd = Glibc.open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LockError(description: "cannot open \(path): errno \(errno)") }
        close(fd)
        for file in [path, path + "-wal", path + "-shm", path + ".lock"] where manager.fileExists(atPath: file) {
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
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

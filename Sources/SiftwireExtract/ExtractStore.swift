import Foundation
import GRDB
import SiftwireExtraction
import SiftwireProtocol
import SiftwireRuntime

/// The extractor's own store: its name dictionary (seeded, user-extendable).
public final class ExtractStore {
    let db: DatabaseQueue

    public init(path: String?) throws {
        db = try SQLiteStoreOpening.open(path: path, migrator: Self.migrator, durability: .normal)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: dictionary and extraction cache") { db in
            try db.execute(sql: """
                CREATE TABLE dictionary_entry (
                    id TEXT PRIMARY KEY,
                    type TEXT NOT NULL,
                    name TEXT NOT NULL,
                    aliases TEXT NOT NULL,
                    origin TEXT NOT NULL
                );
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE extraction_cache (
                    docId TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    extraction BLOB NOT NULL,
                    at REAL NOT NULL,
                    PRIMARY KEY (docId, hash)
                ) WITHOUT ROWID;
                """)
        }
        // The per-document cache cost more than it saved: encoding and writing a result took
        // ~1.5 ms of CPU per document, re-extracting a redelivered one takes ~0.25 ms.
        migrator.registerMigration("v2: no extraction cache") { db in
            try db.execute(sql: "DROP TABLE extraction_cache")
        }
        return migrator
    }
}

extension ExtractStore {
    /// Loads the seed dictionary when its content changed since it was last loaded.
    /// User additions (origin `user`) are kept and win over seed entries with the same id.
    @discardableResult
    public func seed(with entries: [DictionaryEntry], version: String) throws -> Bool {
        try db.write { db in
            if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'seed_version'") == version { return false }
            try db.execute(sql: "DELETE FROM dictionary_entry WHERE origin = 'seed'")
            for entry in entries {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO dictionary_entry (id, type, name, aliases, origin) VALUES (?, ?, ?, ?, 'seed')",
                    arguments: [entry.id, entry.type.rawValue, entry.name, Self.encode(entry.aliases)])
            }
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('seed_version', ?)", arguments: [version])
            return true
        }
    }

    /// Adds a user entry, or adds aliases to an existing entry with the same id.
    public func addUserEntry(_ entry: DictionaryEntry) throws {
        try db.write { db in
            let existing = try String.fetchOne(db, sql: "SELECT aliases FROM dictionary_entry WHERE id = ?", arguments: [entry.id])
            let merged = Self.decode(existing ?? "[]") + entry.aliases
            var seen = Set<String>()
            let aliases = merged.filter { seen.insert($0).inserted }
            if existing != nil {
                try db.execute(sql: "UPDATE dictionary_entry SET aliases = ?, origin = 'user' WHERE id = ?",
                               arguments: [Self.encode(aliases), entry.id])
            } else {
                try db.execute(sql: "INSERT INTO dictionary_entry (id, type, name, aliases, origin) VALUES (?, ?, ?, ?, 'user')",
                               arguments: [entry.id, entry.type.rawValue, entry.name, Self.encode(aliases)])
            }
        }
    }

    public func dictionary() throws -> [DictionaryEntry] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM dictionary_entry ORDER BY id").compactMap { row in
                guard let type = EntityType(rawValue: row["type"]) else { return nil }
                return DictionaryEntry(id: row["id"], type: type, name: row["name"], aliases: Self.decode(row["aliases"]))
            }
        }
    }

    private static func encode(_ aliases: [String]) -> String {
        String(decoding: JSONCoding.encode(aliases), as: UTF8.self)
    }

    private static func decode(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}

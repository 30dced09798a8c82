import Foundation
import GRDB

/// Opens a service's SQLite file read-only (services stopped) and reports what SQLite finds.
enum StoreIntegrity {
    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check` of the file: `["ok"]` when sound.
    static func check(_ path: String) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            problems += try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            return problems
        }
    }

    /// Every store a stack writes under its data directory.
    static func stores(in directory: URL) -> [String] {
        ["ingest/ingest.sqlite", "index/index.sqlite", "query/query.sqlite", "extract/extract.sqlite"]
            .map { directory.appendingPathComponent($0).path }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }
}

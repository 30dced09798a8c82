import Foundation
import GRDB
import SiftwireProtocol
import SiftwireRuntime

/// Ingest's own store: every accepted document and where it is in the pipeline.
///
/// A document is written in an fsync'd transaction before the client hears "accepted";
/// its state then moves queued → leased → indexed, or to dead after too many failed attempts.
public final class IngestStore {
    let db: DatabaseQueue

    /// Opens the store at `path` (nil: in memory) and migrates it.
    public init(path: String?) throws {
        db = try SQLiteStoreOpening.open(path: path, migrator: Self.migrator)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: documents and their processing state") { db in
            try db.execute(sql: """
                CREATE TABLE document (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    hash TEXT NOT NULL UNIQUE,
                    title TEXT,
                    source TEXT,
                    date TEXT,
                    text TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'queued',
                    attempts INTEGER NOT NULL DEFAULT 0,
                    failures INTEGER NOT NULL DEFAULT 0,
                    leaseWorker TEXT,
                    leaseExpiresAt REAL,
                    lastError TEXT,
                    receivedAt REAL NOT NULL,
                    indexedAt REAL
                );
                CREATE INDEX document_by_state ON document(state, seq);
                CREATE INDEX document_by_indexed_at ON document(indexedAt);
                """)
        }
        migrator.registerMigration("v2: suspect documents are redelivered in isolation") { db in
            try db.execute(sql: """
                ALTER TABLE document ADD COLUMN suspect INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX document_suspects ON document(state, suspect, seq);
                """)
        }
        migrator.registerMigration("ingest v3: document metadata") { db in
            try addDocumentMetadata(db)
        }
        registerReprocessMigration(&migrator)
        return migrator
    }

    /// The id a document with this content hash gets: stable, so a resubmission finds the original.
    public static func documentID(hash: String) -> String {
        "d" + hash.prefix(16)
    }
}

extension IngestStore {
    /// Limits applied to every submitted document.
    public struct Limits: Sendable {
        public var maxDocumentBytes: Int
        /// Largest `title` or `source`, in UTF-8 bytes.
        public static let maxFieldBytes = 4096
        public init(maxDocumentBytes: Int = 16 << 20) { self.maxDocumentBytes = maxDocumentBytes }
    }

    /// Stores the acceptable documents in one durable transaction; returns one result per input.
    public func accept(_ documents: [NewDocument], limits: Limits, now: Date = Date()) throws -> [SubmitAccepted.Result] {
        try db.write { db in
            try documents.map { document in
                if let reason = Self.rejection(of: document, limits: limits) {
                    return SubmitAccepted.Result(id: nil, outcome: .rejected, reason: reason)
                }
                let hash = SHA256.hex(Self.identityText(of: document))
                if let existing = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM document WHERE hash = ?"), arguments: [hash]) {
                    return SubmitAccepted.Result(id: existing, outcome: .duplicate)
                }
                let id = document.id ?? Self.documentID(hash: hash)
                if document.id != nil,
                   try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM document WHERE id = ?"), arguments: [id]) == true {
                    return SubmitAccepted.Result(
                        id: nil, outcome: .rejected,
                        reason: "id '\(id.prefix(64))' is already used by a document with other content; choose another id or leave it out")
                }
                try db.execute(
                    sql: """
                        INSERT INTO document (id, hash, title, source, date, text, receivedAt, url, published, language, author, tags)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [id, hash, document.title, document.source, document.effectiveDate, document.text,
                                now.timeIntervalSince1970, document.url, document.published, document.language,
                                document.author, TagsColumn.value(document.tags)])
                return SubmitAccepted.Result(id: id, outcome: .accepted)
            }
        }
    }

    static func rejection(of document: NewDocument, limits: Limits) -> String? {
        let bytes = document.text.utf8.count
        if bytes > limits.maxDocumentBytes {
            return "document is \(bytes) bytes; the limit is \(limits.maxDocumentBytes) bytes"
        }
        for (field, value) in [("title", document.title), ("source", document.source), ("url", document.url), ("author", document.author)] {
            if let value, value.utf8.count > Limits.maxFieldBytes {
                return "\(field) is \(value.utf8.count) bytes; the limit is \(Limits.maxFieldBytes) bytes"
            }
        }
        if let reason = metadataRejection(of: document) { return reason }
        if document.text.allSatisfy(\.isWhitespace) { return "empty document: the text has no visible characters" }
        if let reason = DocumentText.binaryReason(document.text) { return reason }
        if let date = document.date, !ISODate.isValid(date) {
            return "date '\(date.prefix(40))' is not YYYY-MM-DD"
        }
        return nil
    }

    /// The states of the given documents (state nil when unknown).
    public func track(_ ids: [String]) throws -> [TrackReply.Item] {
        try db.read { db in
            try ids.map { id in
                let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT state, attempts, failures, lastError FROM document WHERE id = ?"), arguments: [id])
                return TrackReply.Item(
                    id: id,
                    state: row.flatMap { DocumentState(rawValue: $0["state"]) },
                    attempts: row?["attempts"] ?? 0,
                    failures: row?["failures"] ?? 0,
                    lastError: row?["lastError"])
            }
        }
    }

    public struct Counts: Equatable, Sendable {
        public var received = 0, queued = 0, leased = 0, indexed = 0, dead = 0
        public var indexedLastMinute = 0
    }

    public func counts(now: Date = Date()) throws -> Counts {
        try db.read { db in
            var counts = Counts()
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM document GROUP BY state") {
                let n: Int = row["n"]
                switch DocumentState(rawValue: row["state"]) {
                case .queued: counts.queued = n
                case .leased: counts.leased = n
                case .indexed: counts.indexed = n
                case .dead: counts.dead = n
                case nil: break
                }
                counts.received += n
            }
            counts.indexedLastMinute = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM document WHERE indexedAt >= ?",
                arguments: [now.timeIntervalSince1970 - 60]) ?? 0
            return counts
        }
    }
}

/// `YYYY-MM-DD` checks against the calendar (2026-02-31 is refused), without a date formatter.
enum ISODate {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month) else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}

import Foundation
import GRDB
import SiftwireProtocol
import SiftwireRuntime

/// The index's own store: documents with an FTS5 full-text index, entities, aliases, mentions,
/// per-document entity counts, per-entity totals and co-mention pairs (for profiles and graphs),
/// dates, claims, curation judgements and the confirmation outbox.
///
/// One store value is one SQLite connection, used by one thread at a time. The store opened with
/// `init(path:)` is the writer (the index loop's); `openReader()` gives a read-only store on its
/// own connection to the same WAL file, for a reader thread: the same read methods, its own time
/// limit, reads beside the writer's transactions. An in-memory store (path nil, for tests) is one
/// connection and has no readers.
public final class IndexStore {
    let db: DatabaseQueue
    let path: String?
    /// Longest a read may run inside `limitingTime` (nil: unlimited).
    public var readTimeLimit: Duration?
    /// This connection's deadline: the writer's, or one reader's.
    let readDeadline: ReadDeadline
    /// Entity and alias rows known to exist (the write path skips re-asserting them).
    var knownRows = KnownRows()
    /// PERSON names by part, for cross-document name links (nil until a write needs it).
    var personNames: PersonNames?
    /// The writer's cache of per-term impact lists (top-k search).
    var impactLists = ImpactLists()

    /// Opens the store at `path` (nil: in memory) and migrates it.
    public init(path: String?) throws {
        self.path = path
        let deadline = ReadDeadline()
        readDeadline = deadline
        db = try SQLiteStoreOpening.open(path: path, migrator: Self.migrator)
        db.inDatabase { db in IndexStore.prepare(db, deadline: deadline) }
    }

    /// A read-only connection to the store file at `path`, already opened and migrated by the writer.
    private init(readerOf path: String, readTimeLimit: Duration?) throws {
        self.path = path
        self.readTimeLimit = readTimeLimit
        let deadline = ReadDeadline()
        readDeadline = deadline
        db = try SQLiteStoreOpening.openReader(path: path) { db in IndexStore.prepare(db, deadline: deadline) }
    }

    /// A reader of this store: a read-only store on a connection of its own (the custom SQL
    /// function and a deadline of its own installed on it), with this store's `readTimeLimit`.
    /// Its reads see the last commit made before each began. An in-memory store cannot have one.
    public func openReader() throws -> IndexStore {
        guard let path else { throw SiftwireError(.internalError, "an in-memory index store has no readers; open the store on a file") }
        return try IndexStore(readerOf: path, readTimeLimit: readTimeLimit)
    }

    /// What every connection of the store needs: `siftwire_fold` and the read deadline's progress handler.
    private static func prepare(_ db: Database, deadline: ReadDeadline) {
        db.add(function: foldFunction)
        deadline.install(on: db)
    }

    /// Runs a request's reads under `readTimeLimit`: a statement still running past it is
    /// interrupted and the request fails with `time_limit`.
    public func limitingTime<T>(_ body: () throws(SiftwireError) -> T) throws(SiftwireError) -> T {
        try readDeadline.run(limit: readTimeLimit, body)
    }

    /// The `time_limit` error, stating the limit.
    var timeLimitError: SiftwireError {
        let ms = (readTimeLimit ?? .zero).wholeMilliseconds
        return SiftwireError(.timeLimit, "the read ran past the index's time limit of \(ms) ms; narrow the query (fewer prefix terms, a filter, a smaller depth)")
    }

    // Long because: the store's schema history, one registerMigration per version in order (their SQL is that history; new ones are appended).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: documents, full-text index, entities, mentions, dates, outbox") { db in
            try db.execute(sql: """
                CREATE TABLE document (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    hash TEXT NOT NULL,
                    title TEXT NOT NULL,
                    source TEXT,
                    date TEXT,
                    text TEXT NOT NULL,
                    indexedAt REAL NOT NULL
                );
                CREATE INDEX document_by_date ON document(date);
                CREATE VIRTUAL TABLE document_fts USING fts5(
                    title, text, content='document', content_rowid='seq',
                    tokenize='unicode61 remove_diacritics 2'
                );
                CREATE TABLE entity (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    matchKey TEXT NOT NULL
                );
                CREATE INDEX entity_by_key ON entity(matchKey);
                CREATE TABLE alias (
                    entityId TEXT NOT NULL REFERENCES entity(id),
                    text TEXT NOT NULL,
                    matchKey TEXT NOT NULL,
                    count INTEGER NOT NULL,
                    PRIMARY KEY (entityId, text)
                );
                CREATE INDEX alias_by_key ON alias(matchKey);
                CREATE TABLE mention (
                    docId TEXT NOT NULL REFERENCES document(id),
                    entityId TEXT NOT NULL REFERENCES entity(id),
                    text TEXT NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL
                );
                CREATE INDEX mention_by_doc ON mention(docId);
                CREATE TABLE document_entity (
                    docId TEXT NOT NULL REFERENCES document(id),
                    entityId TEXT NOT NULL REFERENCES entity(id),
                    mentions INTEGER NOT NULL,
                    PRIMARY KEY (docId, entityId)
                ) WITHOUT ROWID;
                CREATE INDEX document_entity_by_entity ON document_entity(entityId, docId);
                CREATE TABLE date_mention (
                    docId TEXT NOT NULL REFERENCES document(id),
                    text TEXT NOT NULL,
                    value TEXT,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL
                );
                CREATE INDEX date_mention_by_doc ON date_mention(docId);
                CREATE TABLE confirmation_outbox (
                    docId TEXT PRIMARY KEY,
                    workerId TEXT NOT NULL,
                    createdAt REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: curation judgements") { db in
            try db.execute(sql: """
                CREATE TABLE judgement (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'distinct')),
                    entityId TEXT NOT NULL,
                    otherId TEXT NOT NULL,
                    alias TEXT,
                    aliasKey TEXT,
                    byUser TEXT NOT NULL,
                    note TEXT,
                    at REAL NOT NULL
                );
                CREATE INDEX judgement_by_entity ON judgement(entityId, kind);
                CREATE INDEX judgement_by_other ON judgement(otherId, kind);
                """)
        }
        migrator.registerMigration("v3: claims") { db in
            try db.execute(sql: """
                CREATE TABLE claim (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    docId TEXT NOT NULL REFERENCES document(id),
                    sentence INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    speakerId TEXT,
                    speakerText TEXT,
                    verb TEXT,
                    content TEXT,
                    eventType TEXT,
                    trigger TEXT,
                    actorId TEXT,
                    actorText TEXT,
                    targetId TEXT,
                    targetText TEXT,
                    locationId TEXT,
                    locationText TEXT,
                    eventDate TEXT,
                    quantity TEXT,
                    polarity TEXT NOT NULL,
                    modality TEXT NOT NULL
                );
                CREATE INDEX claim_by_doc ON claim(docId);
                CREATE INDEX claim_by_speaker ON claim(speakerId);
                CREATE INDEX claim_by_actor ON claim(actorId);
                CREATE INDEX claim_by_target ON claim(targetId, eventType);
                """)
        }
        migrator.registerMigration("v4: entity totals and co-mention pairs") { db in
            try createAggregates(db)
        }
        migrator.registerMigration("v5: document order in document_entity, for an entity's latest documents") { db in
            // The document's date and sequence copied into each of its entity rows, so an entity's
            // newest documents are an index range, not a sort of every document it is in.
            try db.execute(sql: """
                ALTER TABLE document_entity ADD COLUMN date TEXT;
                ALTER TABLE document_entity ADD COLUMN docSeq INTEGER NOT NULL DEFAULT 0;
                UPDATE document_entity SET (date, docSeq) = (SELECT d.date, d.seq FROM document d WHERE d.id = document_entity.docId);
                DROP INDEX document_entity_by_entity;
                CREATE INDEX document_entity_by_entity ON document_entity(entityId, date, docSeq, docId);
                """)
        }
        migrator.registerMigration("v6: claim counts per entity, document order on claims") { db in
            try addClaimOrder(db)
        }
        migrator.registerMigration("v7: mention counts in the per-entity document index, for timelines") { db in
            try db.execute(sql: """
                DROP INDEX document_entity_by_entity;
                CREATE INDEX document_entity_by_entity ON document_entity(entityId, date, docSeq, docId, mentions);
                """)
        }
        migrator.registerMigration("index v8: document metadata (source, url, published, language, author, tags)") { db in
            try addDocumentMetadata(db)
        }
        migrator.registerMigration("index v9: near-duplicate stories (MinHash signatures, LSH bands)") { db in
            try addStories(db)
        }
        registerEngineVersionMigration(&migrator)
        registerClaimPlaceMigration(&migrator)
        registerImpactListMigration(&migrator)
        return migrator
    }
}

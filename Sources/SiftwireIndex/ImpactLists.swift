import Foundation
import GRDB

/// Per full-text term, the documents where it weighs most and a bound on its weight everywhere
/// else, kept beside FTS5 at write time so a search can find its best hits among few candidates
/// and prove no other document beats them (`TopKSearch`).
///
/// A term's weight in a document is its BM25 saturation (`BM25.saturation`) at the store's fixed
/// `referenceLength`. `impact_posting` keeps, per term, up to `capacity` documents by weight;
/// `impact_term.bound` is the largest weight of any other document holding the term (0 while the
/// list holds them all), `floor` the smallest listed weight and `listed` the list's size.
///
/// This value is the writer's cache of `impact_term` rows; it is only changed inside a write
/// transaction and must be dropped (`IndexStore.write`) when that transaction fails.
struct ImpactLists {
    /// Documents listed per term.
    static let capacity = 128

    struct Term: Equatable {
        var listed = 0
        var floor = 0.0
        var bound = 0.0
    }

    private var terms: [String: Term] = [:]
    private var dirty: Set<String> = []
    private var referenceLength: Double?

    static func createTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE impact_setting (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                referenceLength REAL NOT NULL
            );
            CREATE TABLE impact_term (
                term TEXT PRIMARY KEY,
                listed INTEGER NOT NULL,
                floor REAL NOT NULL,
                bound REAL NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE impact_posting (
                term TEXT NOT NULL,
                weight REAL NOT NULL,
                seq INTEGER NOT NULL,
                PRIMARY KEY (term, weight, seq)
            ) WITHOUT ROWID;
            """)
    }

    /// Lists every stored document (the migration that adds the tables, on an existing index).
    static func backfill(_ db: Database) throws {
        var lists = ImpactLists()
        try lists.rebuild(db, terms: try FTSTerms(db))
    }

    /// Stores below this many documents are re-listed when the average length outgrows the
    /// reference (a young store's average still moves; re-listing it is cheap); larger ones keep
    /// their reference, and their bounds widen with the average (`BM25.bound`).
    static let rebuildLimit = 2_000
    /// How far the average may move from the reference before a young store is re-listed.
    static let referenceDrift = 0.1

    /// Empties the lists and files every stored document again, at a reference length fitted to
    /// today's average.
    mutating func rebuild(_ db: Database, terms tokenizer: FTSTerms) throws {
        try db.execute(sql: "DELETE FROM impact_posting; DELETE FROM impact_term; DELETE FROM impact_setting")
        terms = [:]
        dirty = []
        referenceLength = nil
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, title, text FROM document ORDER BY seq")
        while let row = try rows.next() {
            try file(seq: row["seq"], counts: try tokenizer.count([row["title"], row["text"]]), db)
        }
        try flush(db)
    }

    /// Files a document just inserted into `document_fts` (its columns as inserted there).
    mutating func add(seq: Int64, columns: [String], terms tokenizer: FTSTerms, _ db: Database) throws {
        if let reference = try storedReferenceLength(db), let statistics = try FTSStatistics.load(db),
           abs(statistics.averageLength / reference - 1) > Self.referenceDrift, statistics.rows <= Self.rebuildLimit {
            try rebuild(db, terms: tokenizer)  // files this document too: it is in `document` already
            return
        }
        try file(seq: seq, counts: try tokenizer.count(columns), db)
    }

    private mutating func file(seq: Int64, counts: FTSTerms.Counts, _ db: Database) throws {
        guard counts.length > 0 else { return }
        let reference = try referenceLength(db)
        for (text, frequency) in counts.frequencies {
            let weight = BM25.saturation(frequency: frequency, length: counts.length, averageLength: reference)
            var term = try load(text, db)
            if term.listed < Self.capacity {
                try db.run(sql: "INSERT OR REPLACE INTO impact_posting (term, weight, seq) VALUES (?, ?, ?)", arguments: [text, weight, seq])
                term.floor = term.listed == 0 ? weight : min(term.floor, weight)
                term.listed += 1
                dirty.insert(text)
            } else if weight > term.floor {
                // In, and the lightest listed document out: its weight joins the bound.
                try db.run(sql: "INSERT OR REPLACE INTO impact_posting (term, weight, seq) VALUES (?, ?, ?)", arguments: [text, weight, seq])
                if let lightest = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT weight, seq FROM impact_posting WHERE term = ? ORDER BY weight, seq LIMIT 1
                    """), arguments: [text]) {
                    try db.run(sql: "DELETE FROM impact_posting WHERE term = ? AND weight = ? AND seq = ?",
                                   arguments: [text, lightest["weight"], lightest["seq"]])
                    term.bound = max(term.bound, lightest["weight"])
                }
                term.floor = try Double.fetchOne(db.cachedStatement(sql: "SELECT min(weight) FROM impact_posting WHERE term = ?"),
                                                 arguments: [text]) ?? 0
                dirty.insert(text)
            } else if weight > term.bound {
                term.bound = weight
                dirty.insert(text)
            }
            terms[text] = term
        }
    }

    /// Takes a document out of the lists before it leaves `document_fts` (its columns as stored).
    /// Its weight stays in a term's bound if it was there: bounds only ever need to be high enough.
    mutating func remove(seq: Int64, columns: [String], terms tokenizer: FTSTerms, _ db: Database) throws {
        let counts = try tokenizer.count(columns)
        for text in counts.frequencies.keys {
            var term = try load(text, db)
            try db.run(sql: "DELETE FROM impact_posting WHERE term = ? AND seq = ?", arguments: [text, seq])
            if db.changesCount > 0 { term.listed -= 1 }
            terms[text] = term
            dirty.insert(text)
        }
    }

    /// Writes the changed `impact_term` rows (at the end of each write transaction).
    mutating func flush(_ db: Database) throws {
        for text in dirty {
            guard let term = terms[text] else { continue }
            try db.run(sql: """
                INSERT OR REPLACE INTO impact_term (term, listed, floor, bound) VALUES (?, ?, ?, ?)
                """, arguments: [text, term.listed, term.floor, term.bound])
        }
        dirty.removeAll(keepingCapacity: true)
    }

    private mutating func load(_ text: String, _ db: Database) throws -> Term {
        if let term = terms[text] { return term }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT listed, floor, bound FROM impact_term WHERE term = ?"),
                                         arguments: [text])
        else { return Term() }
        return Term(listed: row["listed"], floor: row["floor"], bound: row["bound"])
    }

    private mutating func storedReferenceLength(_ db: Database) throws -> Double? {
        if let referenceLength { return referenceLength }
        referenceLength = try Double.fetchOne(db, sql: "SELECT referenceLength FROM impact_setting WHERE id = 1")
        return referenceLength
    }

    /// The fixed average length weights are computed at: set from the documents indexed when it is
    /// first needed, and again whenever a young store is re-listed.
    private mutating func referenceLength(_ db: Database) throws -> Double {
        if let stored = try storedReferenceLength(db) { return stored }
        let average = try FTSStatistics.load(db)?.averageLength ?? 0
        let reference = average >= 1 ? average : Self.defaultReferenceLength
        try db.execute(sql: "INSERT INTO impact_setting (id, referenceLength) VALUES (1, ?)", arguments: [reference])
        referenceLength = reference
        return reference
    }

    /// Tokens per document assumed when nothing is indexed yet.
    static let defaultReferenceLength = 500.0
}

extension IndexStore {
    static func registerImpactListMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("index v12: impact lists per term, for top-k search") { db in
            try ImpactLists.createTables(db)
            try ImpactLists.backfill(db)
        }
    }
}

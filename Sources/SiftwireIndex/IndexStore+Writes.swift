import Foundation
import GRDB
import SiftwireRuntime
import SiftwireExtraction
import SiftwireProtocol

/// Writing extraction results: batched, idempotent per (document id, content hash, engine version).
extension IndexStore {
    /// Writes a batch of puts in one transaction. A document already stored with the same hash is
    /// not written again. Every put's document goes into the confirmation outbox either way.
    /// Per-document rows (document, full text, mentions, dates, claims) are written as each put
    /// comes; per-entity rows (entities, alias counts, totals, co-mention pairs) are summed over
    /// the batch and written once at its end.
    /// `acknowledged` confirmations leave the outbox in the same transaction.
    public func write(_ puts: [IndexPut], acknowledged: [String] = [], now: Date = Date()) throws -> [IndexStored] {
        let known = knownRows
        var committed = false
        var laterLinks: [MergeEntities] = []
        // A failed transaction leaves the caches of rows it meant to write wrong: dropped, reloaded as needed.
        defer { if !committed { personNames = nil; impactLists = ImpactLists() } }
        let (stored, added) = try db.write { db in
            for id in acknowledged {
                try db.run(sql: "DELETE FROM confirmation_outbox WHERE docId = ?", arguments: [id])
            }
            var rules = try CurationRules.load(db)
            var keys = MatchingKeys()
            var totals = WriteBatchTotals()
            let terms = try FTSTerms(db)
            let stored = try puts.map { put in
                let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT hash, engineVersion FROM document WHERE id = ?"),
                                           arguments: [put.document.id])
                let storedHash: String? = row?["hash"]
                let storedVersion: String? = row?["engineVersion"]
                // Same content: stored once, unless the put comes from another engine version
                // (a reprocessed document), whose extraction replaces the stored one.
                let newVersion = put.engineVersion.map { $0 != storedVersion } ?? false
                let alreadyStored = storedHash == put.document.hash && !newVersion
                let replaced = storedHash != nil && !alreadyStored
                if !alreadyStored {
                    // A replaced document keeps its place in document order (latest documents, claims).
                    var seq: Int64?
                    var sameText = false
                    var story: String?
                    if replaced {
                        seq = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM document WHERE id = ?"), arguments: [put.document.id])
                        // the same text reprocessed keeps its story and the copies filed under it
                        sameText = storedHash == put.document.hash
                        story = try delete(documentID: put.document.id, keepingStory: sameText, terms: terms, db)
                    }
                    try insert(put, seq: seq, rules: &rules, laterLinks: &laterLinks, now: now, known: known, keys: &keys, totals: &totals,
                               terms: terms, db)
                    if sameText {
                        try db.run(sql: "UPDATE document SET story = ? WHERE id = ?", arguments: [story, put.document.id])
                    }
                }
                let version = alreadyStored ? storedVersion : put.engineVersion
                try db.run(
                    sql: "INSERT OR REPLACE INTO confirmation_outbox (docId, workerId, createdAt, engineVersion) VALUES (?, ?, ?, ?)",
                    arguments: [put.document.id, put.workerID, now.timeIntervalSince1970, version])
                return IndexStored(id: put.document.id, alreadyStored: alreadyStored, replaced: replaced, engineVersion: version)
            }
            try impactLists.flush(db)
            return (stored, try totals.write(db, known: known, keys: &keys))
        }
        committed = true
        knownRows.formUnion(added)
        // A new dictionary person that an existing unknown name is a form of: merged once stored.
        for link in laterLinks { _ = try? merge(link, now: now) }
        return stored
    }

    private func insert(_ put: IndexPut, seq kept: Int64?, rules: inout CurationRules, laterLinks: inout [MergeEntities], now: Date,
                        known: KnownRows, keys: inout MatchingKeys,
                        totals: inout WriteBatchTotals, terms: FTSTerms, _ db: Database) throws {
        let document = put.document
        let extraction = put.extraction
        // The date a document is filed under (timelines, profiles' first and last seen, claims'
        // document date, date filters) is the one the put carries: the extraction's, which is the
        // publication day or submitted date when known (ingest hands that out as the item's date).
        let date = document.date
        keys.adopt(put.keys)
        try db.run(
            sql: """
                INSERT INTO document (seq, id, hash, title, source, date, text, indexedAt, url, published, language, author, tags,
                                      engineVersion)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [kept, document.id, document.hash, document.title, document.source, date,
                        document.text, now.timeIntervalSince1970, document.url, document.published, document.language,
                        document.author, TagsColumn.value(document.tags), put.engineVersion])
        let seq = db.lastInsertedRowID
        try db.run(sql: "INSERT INTO document_fts (rowid, title, text) VALUES (?, ?, ?)",
                       arguments: [seq, document.title, document.text])
        try impactLists.add(seq: seq, columns: [document.title, document.text], terms: terms, db)
        try Self.assignStory(documentID: document.id, text: document.text, db)
        // Merge and split judgements apply to documents indexed after them; a new person's name may
        // link to the one existing person it is a shorter or longer form of (IndexStore+NameLinks).
        var entities = rules.apply(extraction.entities)
        let killed = Set(extraction.claims.compactMap { $0.event?.type == .kill && $0.polarity != .denied ? $0.event?.target?.entityID : nil })
        if try linkNames(entities, killed: killed, rules: &rules, laterLinks: &laterLinks, now: now, known: known, db) { entities = rules.apply(extraction.entities) }
        rememberNames(entities)
        for entity in entities {
            try totals.ensureEntity(entity, known: known, keys: &keys, db)
            for mention in entity.mentions {
                try db.run(
                    sql: #"INSERT INTO mention (docId, entityId, text, start, "end") VALUES (?, ?, ?, ?, ?)"#,
                    arguments: [document.id, entity.id, mention.text, mention.start, mention.end])
            }
            try db.run(
                sql: "INSERT OR REPLACE INTO document_entity (docId, entityId, mentions, date, docSeq) VALUES (?, ?, ?, ?, ?)",
                arguments: [document.id, entity.id, entity.mentions.count, date, seq])
        }
        let day = try date.flatMap { try String.fetchOne(db.cachedStatement(sql: "SELECT date(?)"), arguments: [$0]) }
        totals.add(entities, day: day)
        try insertClaims(extraction.claims, documentID: document.id, documentDate: date, documentSeq: seq, rules: rules,
                         totals: &totals, db)
        for date in extraction.dates {
            try db.run(
                sql: #"INSERT INTO date_mention (docId, text, value, start, "end") VALUES (?, ?, ?, ?, ?)"#,
                arguments: [document.id, date.text, date.value, date.start, date.end])
        }
    }

    /// Removes a document and everything derived from it (used when its content changed): its
    /// share of alias counts, entity totals and co-mention pairs is taken back.
    /// Takes a stored document out of every table and total; returns the story it was filed under.
    @discardableResult
    private func delete(documentID id: String, keepingStory: Bool, terms: FTSTerms, _ db: Database) throws -> String? {
        if let row = try Row.fetchOne(db, sql: "SELECT seq, title, text FROM document WHERE id = ?", arguments: [id]) {
            try impactLists.remove(seq: row["seq"], columns: [row["title"], row["text"]], terms: terms, db)
            try db.execute(sql: "INSERT INTO document_fts (document_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                           arguments: [row["seq"], row["title"], row["text"]])
        }
        try db.execute(sql: """
            UPDATE alias SET count = count - (
                SELECT COUNT(*) FROM mention m WHERE m.docId = ?1 AND m.entityId = alias.entityId AND m.text = alias.text)
            WHERE entityId IN (SELECT entityId FROM document_entity WHERE docId = ?1)
            """, arguments: [id])
        let entityIDs = try String.fetchAll(db, sql: "SELECT entityId FROM document_entity WHERE docId = ?", arguments: [id])
        try db.execute(sql: """
            UPDATE entity_stats SET documents = documents - 1,
                mentions = mentions - (SELECT mentions FROM document_entity WHERE docId = ?1 AND entityId = entity_stats.entityId)
            WHERE entityId IN (SELECT entityId FROM document_entity WHERE docId = ?1)
            """, arguments: [id])
        try db.execute(sql: """
            UPDATE entity_stats SET claims = claims - (
                SELECT COUNT(*) FROM claim WHERE docId = ?1 AND entity_stats.entityId IN (speakerId, actorId, targetId))
            WHERE entityId IN (SELECT speakerId FROM claim WHERE docId = ?1 UNION SELECT actorId FROM claim WHERE docId = ?1
                               UNION SELECT targetId FROM claim WHERE docId = ?1)
            """, arguments: [id])
        try db.execute(sql: """
            UPDATE comention SET documents = documents - 1
            WHERE entityId IN (SELECT entityId FROM document_entity WHERE docId = ?1)
              AND otherId IN (SELECT entityId FROM document_entity WHERE docId = ?1)
            """, arguments: [id])
        try db.execute(sql: """
            DELETE FROM comention WHERE documents <= 0 AND entityId IN (SELECT entityId FROM document_entity WHERE docId = ?1)
            """, arguments: [id])
        let story = try String.fetchOne(db.cachedStatement(sql: "SELECT story FROM document WHERE id = ?"), arguments: [id])
        if !keepingStory { try Self.removeFromStories(documentID: id, db) }
        for table in ["mention", "document_entity", "date_mention", "claim"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE docId = ?", arguments: [id])
        }
        try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [id])
        try Self.refreshEntityDays(entityIDs, db)
        return story
    }

    /// Surface forms are stored with whitespace runs (hard wraps) folded to one space.
    static func aliasText(_ text: String) -> String { IndexPut.aliasText(text) }

    /// Documents committed but not yet acknowledged by ingest, oldest first.
    public func pendingConfirmations(limit: Int) throws -> [IndexCommitted.Item] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT docId, workerId, engineVersion FROM confirmation_outbox ORDER BY createdAt LIMIT ?",
                             arguments: [limit])
                .map { IndexCommitted.Item(id: $0["docId"], workerID: $0["workerId"], engineVersion: $0["engineVersion"]) }
        }
    }

    /// Ingest acknowledged these confirmations.
    public func confirmationsAcknowledged(_ ids: [String]) throws {
        try db.write { db in
            for id in ids {
                try db.execute(sql: "DELETE FROM confirmation_outbox WHERE docId = ?", arguments: [id])
            }
        }
    }
}

/// Matching keys of a write transaction's entity names and aliases: the ones its puts carry (the
/// extractor computed them), and for a text no put keyed (puts from older extractors) one computed
/// here once, as the same names and aliases recur across the documents of a batch.
struct MatchingKeys {
    private var known: [String: String] = [:]

    /// Takes the keys a put was sent with; a text keyed earlier in the batch keeps its key.
    mutating func adopt(_ sent: [String: String]?) {
        guard let sent, !sent.isEmpty else { return }
        if known.isEmpty { known = sent } else { known.merge(sent) { kept, _ in kept } }
    }

    mutating func key(_ text: String) -> String {
        if let key = known[text] { return key }
        let key = MatchingKey.key(text)
        known[text] = key
        return key
    }
}

extension Database {
    /// Executes a write through a prepared statement cached per connection (hot paths).
    func run(sql: String, arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

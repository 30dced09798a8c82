import Foundation
import GRDB
import SiftwireRuntime
import SiftwireExtraction
import SiftwireProtocol

/// Reads that answer the query kinds.
extension IndexStore {
    /// Largest page of search hits returned.
    public static let searchLimitCap = 100

    /// Most spellings OR-ed in for one expanded search term.
    public static let expansionAliasCap = 20

    /// Full-text search ranked by BM25, with `[`…`]`-highlighted snippets, optional filters and
    /// name-aware expansion. The user's text only ever reaches SQLite as the bound MATCH argument.
    public func search(_ query: SearchQuery, onlyDocument: String? = nil) throws(SiftwireError) -> SearchResults {
        // The query service's rules for a search (SearchQuery.validate), checked again here for
        // whoever asks the index directly; the page is then capped at the stated limit.
        try query.validate()
        let limit = min(query.limit, Self.searchLimitCap)
        let offset = query.offset
        let type = try QueryValidation.entityType(query.entityType)
        var entityID: String?
        if let name = query.entity {
            guard let id = try resolveEntity(name) else {
                throw SiftwireError(.notFound, "no entity is known by the name '\(name)'")
            }
            entityID = id
        }
        let (text, expansions) = try expandedText(query)
        let (conditions, arguments) = Self.searchConditions(text: text, entityID: entityID, type: type, query: query, onlyDocument: onlyDocument)
        let filter = conditions.joined(separator: " AND ")
        // Without filters the count and the ranking need only the full-text index, not documents.
        let source = conditions.count == 1 ? "document_fts" : "document_fts JOIN document d ON d.seq = document_fts.rowid"
        let finalText = text
        let collapse = !(query.allCopies ?? false)
        return try readFTS { db in
            if collapse, try Self.hasCopies(db) {
                // One hit per near-duplicate story: its best-ranked matching copy, with the count.
                let joined = "document_fts JOIN document d ON d.seq = document_fts.rowid"
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT coalesce(d.story, d.id)) FROM \(joined) WHERE \(filter)",
                                             arguments: arguments) ?? 0
                let hits = try Row.fetchAll(db, sql: """
                    WITH matches AS MATERIALIZED (
                        SELECT document_fts.rowid AS seq, bm25(document_fts) AS score, coalesce(d.story, d.id) AS story FROM \(joined)
                        WHERE \(filter)
                    )
                    SELECT seq, min(score) AS rank, COUNT(*) AS copies, story FROM matches GROUP BY story ORDER BY rank LIMIT ? OFFSET ?
                    """, arguments: arguments + [limit, offset]).map { row in
                    let seq: Int64 = row["seq"]
                    var hit = try Self.hit(db, seq: seq, rank: row["rank"], snippet: Self.snippet(db, text: finalText, seq: seq))
                    let copies: Int = row["copies"]
                    if copies > 1 {
                        hit.copies = copies
                        hit.story = row["story"]
                    }
                    return hit
                }
                return SearchResults(total: total, hits: hits, limitCap: Self.searchLimitCap, expansions: expansions,
                                     effectiveText: expansions.isEmpty ? nil : finalText)
            }
            if conditions.count == 1 {
                let (total, atLeast) = try Self.countMatches(db, text: finalText)
                let hits: [SearchResults.Hit]
                if let page = try TopKSearch(db)?.page(finalText, offset: offset, limit: limit) {
                    // Proven to be the exhaustive ranking's page without scoring every match.
                    hits = try page.map { try Self.hit(db, seq: $0.seq, rank: $0.rank, snippet: Self.snippet(db, text: finalText, seq: $0.seq)) }
                } else {
                    // FTS5's own `ORDER BY rank` scores every match, stops at the page and makes snippets for its rows only.
                    hits = try Row.fetchAll(db, sql: """
                        SELECT rowid AS seq, rank, snippet(document_fts, 1, '[', ']', '…', 16) AS snippet FROM document_fts
                        WHERE document_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?
                        """, arguments: arguments + [limit, offset]).map { row in
                        try Self.hit(db, seq: row["seq"], rank: row["rank"], snippet: row["snippet"])
                    }
                }
                return SearchResults(total: total, hits: hits, limitCap: Self.searchLimitCap, expansions: expansions,
                                     effectiveText: expansions.isEmpty ? nil : finalText, totalIsLowerBound: atLeast ? true : nil)
            }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(source) WHERE \(filter)", arguments: arguments) ?? 0
            // Filtered: ranked first, snippets after for the page only (a snippet for every match
            // before sorting costs more than the ranking itself).
            let hits = try Row.fetchAll(db, sql: """
                SELECT document_fts.rowid AS seq, bm25(document_fts) AS rank FROM \(source)
                WHERE \(filter) ORDER BY rank LIMIT ? OFFSET ?
                """, arguments: arguments + [limit, offset]).map { row in
                let seq: Int64 = row["seq"]
                return try Self.hit(db, seq: seq, rank: row["rank"], snippet: Self.snippet(db, text: finalText, seq: seq))
            }
            return SearchResults(total: total, hits: hits, limitCap: Self.searchLimitCap, expansions: expansions,
                                 effectiveText: expansions.isEmpty ? nil : finalText)
        }
    }

    /// The search's MATCH text: with name-aware expansion (unless turned off), every term that
    /// names a known entity becomes an OR of its spellings; the expansions used come with it.
    private func expandedText(_ query: SearchQuery) throws(SiftwireError) -> (String, [SearchResults.Expansion]) {
        guard query.expand ?? true else {
            // No expansion, but "al-Jolani" is still the phrase it means, not FTS5 syntax.
            return (SearchExpansion.rewrite(query.text) { _ in nil }.text, [])
        }
        let rewritten = try read { db in
            try SearchExpansion.rewrite(query.text) { term in try Self.spellings(db, of: term) }
        }
        return (rewritten.text, rewritten.expansions.map { SearchResults.Expansion(term: $0.term, entityID: $0.entityID, aliases: $0.aliases) })
    }

    /// The search's WHERE conditions (fixed SQL fragments) and their bound arguments, the MATCH text first.
    private static func searchConditions(text: String, entityID: String?, type: EntityType?, query: SearchQuery,
                                         onlyDocument: String?) -> ([String], StatementArguments) {
        var conditions = ["document_fts MATCH ?"]
        var arguments: StatementArguments = [text]
        if let entityID {
            conditions.append("d.id IN (SELECT docId FROM document_entity WHERE entityId = ?)")
            arguments += [entityID]
        }
        if let type {
            conditions.append("d.id IN (SELECT de.docId FROM document_entity de JOIN entity e ON e.id = de.entityId WHERE e.type = ?)")
            arguments += [type.rawValue]
        }
        if let from = query.dateFrom {
            conditions.append("substr(d.date, 1, 10) >= ?")
            arguments += [from]
        }
        if let to = query.dateTo {
            conditions.append("substr(d.date, 1, 10) <= ?")
            arguments += [to]
        }
        if let source = query.source {
            conditions.append("d.source = ? COLLATE NOCASE")
            arguments += [source]
        }
        if let onlyDocument {
            conditions.append("d.id = ?")
            arguments += [onlyDocument]
        }
        return (conditions, arguments)
    }

    /// Matches of an unfiltered query, counted up to `SearchResults.totalCap` (then "at least", true).
    private static func countMatches(_ db: Database, text: String) throws -> (Int, Bool) {
        let counted = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM (SELECT 1 FROM document_fts WHERE document_fts MATCH ? LIMIT ?)
            """), arguments: [text, SearchResults.totalCap + 1]) ?? 0
        return counted > SearchResults.totalCap ? (SearchResults.totalCap, true) : (counted, false)
    }

    /// The highlighted excerpt of one matching document.
    private static func snippet(_ db: Database, text: String, seq: Int64) throws -> String {
        try String.fetchOne(db.cachedStatement(sql: """
            SELECT snippet(document_fts, 1, '[', ']', '…', 16) FROM document_fts WHERE document_fts MATCH ? AND rowid = ?
            """), arguments: [text, seq]) ?? ""
    }

    /// A search hit: the document's fields by sequence number, with its rank and snippet.
    private static func hit(_ db: Database, seq: Int64, rank: Double, snippet: String) throws -> SearchResults.Hit {
        let document = try Row.fetchOne(db.cachedStatement(sql: "SELECT d.id, d.title, d.date, d.source, \(metadataColumns) FROM document d WHERE d.seq = ?"), arguments: [seq])
        return SearchResults.Hit(id: document?["id"] ?? "", title: document?["title"] ?? "", date: document?["date"],
                                 source: document?["source"], snippet: oneLine(snippet), rank: rank,
                                 metadata: document.flatMap { metadata($0) })
    }

    /// The entity a search term names (same matching key as one of its aliases, or as its name),
    /// with its spellings, most mentioned first.
    static func spellings(_ db: Database, of term: String) throws -> (entityID: String, aliases: [String])? {
        let key = MatchingKey.key(term)
        guard key.count >= 2 else { return nil }
        guard let id = try String.fetchOne(db, sql: """
            SELECT entityId FROM alias WHERE matchKey = ? GROUP BY entityId ORDER BY SUM(count) DESC, entityId LIMIT 1
            """, arguments: [key]) ?? String.fetchOne(db, sql: "SELECT id FROM entity WHERE matchKey = ? ORDER BY id LIMIT 1", arguments: [key])
        else { return nil }
        let aliases = try String.fetchAll(db, sql: "SELECT text FROM alias WHERE entityId = ? ORDER BY count DESC, text LIMIT ?",
                                          arguments: [id, expansionAliasCap])
        return (id, aliases)
    }

    /// Runs an FTS read, turning FTS5 syntax errors into `invalid_query`. The SQL around the MATCH
    /// argument is fixed, so a plain SQLITE_ERROR can only come from the user's query text.
    private func readFTS<T>(_ body: (Database) throws -> T) throws(SiftwireError) -> T {
        do {
            return try db.read(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw timeLimitError
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            throw SiftwireError(.invalidQuery, "full-text query could not be parsed (\(error.message ?? "syntax error")); put words with special characters in double quotes, e.g. \"U.S.\"")
        } catch {
            throw SiftwireError(.internalError, "index read failed: \(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(SiftwireError) -> T {
        do {
            return try db.read(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw timeLimitError
        } catch let error as SiftwireError {
            throw error
        } catch {
            throw SiftwireError(.internalError, "index read failed: \(error)")
        }
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// The entity a name refers to: an id, an exact alias, or an alias with the same matching key.
    public func resolveEntity(_ name: String) throws(SiftwireError) -> String? {
        try resolveEntityMatch(name)?.id
    }

    /// The entity a name refers to and how: `id`, `merged` (an id merged into it), `alias`
    /// (matching key of an alias) or `name`.
    public func resolveEntityMatch(_ name: String) throws(SiftwireError) -> (id: String, match: String)? {
        try read { db in try Self.resolve(db, name) }
    }

    /// The profile of an entity: aliases, counts, first/last seen, documents and co-mentioned entities.
    public func profile(_ query: EntityQuery) throws(SiftwireError) -> EntityProfile {
        var match = "fuzzy"
        var score: Double?
        var alternatives: [EntityCandidate]?
        let id: String
        if let exact = try resolveEntityMatch(query.name) {
            (id, match) = exact
        } else {
            let candidates = (query.fuzzy ?? true) ? try entityCandidates(query.name, limit: EntityQuery.alternativesCap + 1) : []
            guard let best = candidates.first, best.score >= EntityQuery.fuzzyThreshold else {
                let near = candidates.prefix(3).map { "\($0.name) (\($0.id), score \($0.score))" }
                throw SiftwireError(.notFound, "no entity is known by the name '\(query.name)'"
                    + (near.isEmpty ? "" : "; closest: " + near.joined(separator: ", ")))
            }
            id = best.id
            score = best.score
            alternatives = Array(candidates.dropFirst().filter { $0.score >= 0.5 })
        }
        let documentLimit = min(max(query.documentLimit, 1), 100)
        return try read { db in
            guard let entity = try Row.fetchOne(db, sql: "SELECT name, type FROM entity WHERE id = ?", arguments: [id]) else {
                throw SiftwireError(.notFound, "entity '\(id)' is referenced but not stored")
            }
            var aliases = try Row.fetchAll(db, sql: "SELECT text, count FROM alias WHERE entityId = ? ORDER BY count DESC, text", arguments: [id])
                .map { EntityProfile.Alias(text: $0["text"], count: $0["count"]) }
            let reasons = try Self.aliasReasons(db, id: id, name: entity["name"], type: EntityType(rawValue: entity["type"]) ?? .org,
                                                aliases: aliases.map(\.text))
            for k in aliases.indices { aliases[k].reason = reasons[aliases[k].text] }
            let totals = try Row.fetchOne(db, sql: """
                SELECT documents, mentions, firstDate AS first, lastDate AS last FROM entity_stats WHERE entityId = ?
                """, arguments: [id])
            // Newest first, read off the (entityId, date, docSeq) index.
            let documents = try Row.fetchAll(db, sql: """
                SELECT d.id, d.title, d.date, de.mentions, \(Self.metadataColumns) FROM (
                    SELECT docId, mentions, date, docSeq FROM document_entity WHERE entityId = ? ORDER BY date DESC, docSeq DESC LIMIT ?
                ) de JOIN document d ON d.id = de.docId ORDER BY de.date DESC, de.docSeq DESC
                """, arguments: [id, documentLimit])
                .map { EntityProfile.DocumentRef(id: $0["id"], title: $0["title"], date: $0["date"], mentions: $0["mentions"], metadata: Self.metadata($0)) }
            // Names are joined only for partners at or above the tenth-highest count, not for every partner.
            let related = try Row.fetchAll(db, sql: """
                SELECT e.id, e.name, e.type, c.documents FROM comention c JOIN entity e ON e.id = c.otherId
                WHERE c.entityId = ?1 AND c.documents >= coalesce(
                    (SELECT documents FROM comention WHERE entityId = ?1 ORDER BY documents DESC LIMIT 1 OFFSET 9), 0)
                ORDER BY c.documents DESC, e.name LIMIT 10
                """, arguments: [id])
                .map { EntityProfile.Related(id: $0["id"], name: $0["name"], type: EntityType(rawValue: $0["type"]) ?? .org, documents: $0["documents"]) }
            let judgements = try Self.judgements(db, of: id)
            let claims = try Self.claims(involving: id, limit: EntityProfile.claimsCap, db)
            var profile = EntityProfile(
                id: id, name: entity["name"], type: EntityType(rawValue: entity["type"]) ?? .org, aliases: aliases,
                documentCount: totals?["documents"] ?? 0, mentionCount: totals?["mentions"] ?? 0,
                firstSeen: totals?["first"], lastSeen: totals?["last"], documents: documents, comentions: related,
                match: match, score: score, alternatives: alternatives, judgements: judgements.isEmpty ? nil : judgements)
            if claims.count > 0 { profile.claims = claims.claims; profile.claimCount = claims.count }
            return profile
        }
    }

    /// A document with its entity mentions and dates.
    public func document(_ query: DocumentQuery) throws(SiftwireError) -> DocumentView {
        let view: DocumentView? = try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM document WHERE id = ?", arguments: [query.id]) else { return nil }
            let document = IndexedDocument(id: row["id"], hash: row["hash"], title: row["title"], text: row["text"],
                                           source: row["source"], date: row["date"], url: row["url"], published: row["published"],
                                           language: row["language"], author: row["author"], tags: TagsColumn.tags(row["tags"]))
            let mentions = try Row.fetchAll(db, sql: """
                SELECT m.entityId, e.name, e.type, m.text, m.start, m."end" FROM mention m JOIN entity e ON e.id = m.entityId
                WHERE m.docId = ? ORDER BY m.start
                """, arguments: [query.id]).map {
                DocumentView.EntityMention(entityID: $0["entityId"], name: $0["name"], type: EntityType(rawValue: $0["type"]) ?? .org,
                                           text: $0["text"], start: $0["start"], end: $0["end"])
            }
            let dates = try Row.fetchAll(db, sql: #"SELECT text, value, start, "end" FROM date_mention WHERE docId = ? ORDER BY start"#, arguments: [query.id])
                .map { ExtractedDate(text: $0["text"], value: $0["value"], start: $0["start"], end: $0["end"]) }
            return DocumentView(document: document, mentions: mentions, dates: dates)
        }
        guard let view else { throw SiftwireError(.notFound, "no document with id '\(query.id)'") }
        return view
    }

    /// Corpus counts and the store's size on disk.
    public func stats() throws(SiftwireError) -> IndexStats {
        try read { db in
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
            var byType: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT type, COUNT(*) AS n FROM entity GROUP BY type") {
                byType[row["type"]] = row["n"]
            }
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            var stats = IndexStats(documents: try count("document"), entities: try count("entity"), mentions: try count("mention"),
                                   aliases: try count("alias"), dates: try count("date_mention"), entitiesByType: byType,
                                   indexBytes: pages * pageSize)
            stats.engineVersions = try Self.engineVersionCounts(db)
            return stats
        }
    }

    /// How many times each document id is stored (for exactly-once checks).
    public func documentCount() throws -> Int {
        try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM document") ?? 0 }
    }
}

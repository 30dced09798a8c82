import GRDB
import SiftwireExtraction

/// What one write transaction adds to the per-entity rows (entities, alias counts, per-entity
/// totals, co-mention pairs), summed over its documents so each distinct row is written once per
/// batch instead of once per document: the same few hundred entities recur across a batch.
struct WriteBatchTotals {
    struct AliasKey: Hashable {
        let entityID: String
        let text: String
    }

    struct Pair: Hashable {
        let entityID: String
        let otherID: String
    }

    struct EntityTotals {
        var documents = 0
        var mentions = 0
        /// Claims naming the entity as speaker, actor or target (each claim once).
        var claims = 0
        var firstDay: String?
        var lastDay: String?
    }

    /// Entities whose rows this batch inserted (they must exist before mentions refer to them).
    private(set) var insertedEntities: Set<String> = []
    private(set) var aliasCounts: [AliasKey: Int] = [:]
    private(set) var totals: [String: EntityTotals] = [:]
    private(set) var pairs: [Pair: Int] = [:]

    /// Adds one document's entities (after curation rules) dated `day` (`date(document.date)`).
    mutating func add(_ documentEntities: [ExtractedEntity], day: String?) {
        for entity in documentEntities {
            var seen: Set<String> = []
            for mention in entity.mentions {
                let text = IndexStore.aliasText(mention.text)
                seen.insert(text)
                aliasCounts[AliasKey(entityID: entity.id, text: text), default: 0] += 1
            }
            for alias in entity.aliases {
                let text = IndexStore.aliasText(alias)
                if seen.insert(text).inserted, aliasCounts[AliasKey(entityID: entity.id, text: text)] == nil {
                    aliasCounts[AliasKey(entityID: entity.id, text: text)] = 0
                }
            }
            var entry = totals[entity.id, default: EntityTotals()]
            entry.documents += 1
            entry.mentions += entity.mentions.count
            if let day {
                if entry.firstDay.map({ day < $0 }) ?? true { entry.firstDay = day }
                if entry.lastDay.map({ day > $0 }) ?? true { entry.lastDay = day }
            }
            totals[entity.id] = entry
        }
        let ids = Set(documentEntities.map(\.id))
        for a in ids {
            for b in ids where a != b { pairs[Pair(entityID: a, otherID: b), default: 0] += 1 }
        }
    }

    /// Counts one claim for each distinct entity it names as speaker, actor or target.
    mutating func addClaim(parties: [String?]) {
        for id in Set(parties.compactMap { $0 }) { totals[id, default: EntityTotals()].claims += 1 }
    }

    /// Inserts the entity's row unless it is known to exist already.
    mutating func ensureEntity(_ entity: ExtractedEntity, known: KnownRows, keys: inout MatchingKeys, _ db: Database) throws {
        guard !known.entities.contains(entity.id), insertedEntities.insert(entity.id).inserted else { return }
        try db.run(sql: "INSERT INTO entity (id, name, type, matchKey) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                   arguments: [entity.id, entity.name, entity.type.rawValue, keys.key(entity.name)])
    }

    /// Writes the sums. Zero-count aliases already in `known` are skipped (their rows exist);
    /// returns what this batch made known.
    func write(_ db: Database, known: KnownRows, keys: inout MatchingKeys) throws -> KnownRows {
        var added = KnownRows(entities: insertedEntities)
        for (key, count) in aliasCounts where !key.text.isEmpty {
            if count == 0, known.aliases.contains(key) { continue }
            try db.run(sql: """
                INSERT INTO alias (entityId, text, matchKey, count) VALUES (?, ?, ?, ?)
                ON CONFLICT(entityId, text) DO UPDATE SET count = count + excluded.count
                """, arguments: [key.entityID, key.text, keys.key(key.text), count])
            added.aliases.insert(key)
        }
        for (id, entry) in totals {
            try db.run(sql: """
                INSERT INTO entity_stats (entityId, documents, mentions, claims, firstDate, lastDate) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(entityId) DO UPDATE SET documents = documents + excluded.documents,
                    mentions = mentions + excluded.mentions, claims = claims + excluded.claims,
                    firstDate = min(coalesce(firstDate, excluded.firstDate), coalesce(excluded.firstDate, firstDate)),
                    lastDate = max(coalesce(lastDate, excluded.lastDate), coalesce(excluded.lastDate, lastDate))
                """, arguments: [id, entry.documents, entry.mentions, entry.claims, entry.firstDay, entry.lastDay])
        }
        for (pair, documents) in pairs {
            try db.run(sql: """
                INSERT INTO comention (entityId, otherId, documents) VALUES (?, ?, ?)
                ON CONFLICT(entityId, otherId) DO UPDATE SET documents = documents + excluded.documents
                """, arguments: [pair.entityID, pair.otherID, documents])
        }
        return added
    }
}

/// Entity and alias rows the store has committed, so later batches need not upsert them again
/// just to be sure they exist. Forgotten whenever curation moves or deletes rows.
struct KnownRows {
    var entities: Set<String> = []
    var aliases: Set<WriteBatchTotals.AliasKey> = []

    mutating func formUnion(_ other: KnownRows) {
        entities.formUnion(other.entities)
        aliases.formUnion(other.aliases)
    }
}

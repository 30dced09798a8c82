import Foundation
import GRDB
import SiftwireExtraction
import SiftwireProtocol

/// The merge and split judgements, loaded once per write transaction and applied to every put in
/// it, so documents indexed after a judgement are stored as the analyst said.
struct CurationRules {
    struct Split {
        let newID: String
        let newName: String
    }

    /// Merged-away id → the id it was merged into.
    var merges: [String: String] = [:]
    /// Entity id → alias matching key → where mentions with that key go instead.
    var splits: [String: [String: Split]] = [:]

    var isEmpty: Bool { merges.isEmpty && splits.isEmpty }

    static func load(_ db: Database) throws -> CurationRules {
        var rules = CurationRules()
        for row in try Row.fetchAll(db, sql: """
            SELECT j.kind, j.entityId, j.otherId, j.aliasKey, e.name
            FROM judgement j LEFT JOIN entity e ON e.id = j.otherId
            WHERE j.kind IN ('merge', 'split') ORDER BY j.seq
            """) {
            let entityID: String = row["entityId"], otherID: String = row["otherId"]
            if row["kind"] == "merge" {
                rules.merges[entityID] = otherID
            } else if let key: String = row["aliasKey"] {
                rules.splits[entityID, default: [:]][key] = Split(newID: otherID, newName: row["name"] ?? otherID)
            }
        }
        return rules
    }

    /// `id` and every id it was merged into, in order; the last is where it lives now.
    func chain(_ id: String) -> [String] {
        var chain = [id]
        while let next = merges[chain[chain.count - 1]], !chain.contains(next) { chain.append(next) }
        return chain
    }

    func canonical(_ id: String) -> String { chain(id).last ?? id }

    /// One document's extracted entities as they are to be stored: merged ids replaced by the
    /// entity they were merged into, split-off surface forms moved to their own entity, and
    /// entities that now share an id combined.
    func apply(_ entities: [ExtractedEntity]) -> [ExtractedEntity] {
        guard !isEmpty else { return entities }
        var order: [String] = []
        var byID: [String: ExtractedEntity] = [:]
        func slot(_ id: String, name: String, type: EntityType, role: String?) {
            if byID[id] == nil {
                order.append(id)
                byID[id] = ExtractedEntity(id: id, name: name, type: type, aliases: [], mentions: [], role: role)
            }
        }
        for entity in entities {
            let chain = chain(entity.id)
            let home = chain[chain.count - 1]
            func target(_ text: String) -> (id: String, name: String) {
                let key = MatchingKey.key(text)
                for id in chain {
                    if let split = splits[id]?[key] { return (canonical(split.newID), split.newName) }
                }
                return (home, entity.name)
            }
            if entity.mentions.isEmpty { slot(home, name: entity.name, type: entity.type, role: entity.role) }
            for mention in entity.mentions {
                let (id, name) = target(mention.text)
                slot(id, name: name, type: entity.type, role: id == home ? entity.role : nil)
                byID[id]!.mentions.append(mention)
            }
            for alias in entity.aliases {
                // A known alias alone does not link the document to a split-off entity.
                let (id, _) = target(alias)
                if id == home { slot(home, name: entity.name, type: entity.type, role: entity.role) }
                guard byID[id] != nil else { continue }
                if !byID[id]!.aliases.contains(alias) { byID[id]!.aliases.append(alias) }
            }
        }
        return order.map { byID[$0]! }
    }
}

/// Curation: merge, split and distinct judgements, applied to what is stored and recorded in
/// the `judgement` table.
extension IndexStore {
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Runs a curation write, keeping `SiftwireError`s and wrapping anything else as `internal`.
    private func curate<T>(_ body: (Database) throws -> T) throws(SiftwireError) -> T {
        // Curation moves and deletes entity and alias rows.
        knownRows = KnownRows()
        personNames = nil
        do {
            return try db.write(body)
        } catch let error as SiftwireError {
            throw error
        } catch {
            throw SiftwireError(.internalError, "index write failed: \(error)")
        }
    }

    private static func require(_ db: Database, _ name: String, field: String) throws -> String {
        guard let id = try resolve(db, name)?.id else {
            throw SiftwireError(.notFound, "\(field): no entity is known by the name '\(name)'")
        }
        return id
    }

    /// `id` and every id merged into it, directly or through a chain.
    private static func mergedGroup(_ db: Database, _ id: String) throws -> Set<String> {
        let rules = try CurationRules.load(db)
        return Set(rules.merges.keys.filter { rules.canonical($0) == id }).union([id])
    }

    private static func record(_ db: Database, _ judgement: Judgement, aliasKey: String? = nil, now: Date) throws {
        try db.execute(sql: """
            INSERT INTO judgement (kind, entityId, otherId, alias, aliasKey, byUser, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [judgement.kind, judgement.entity, judgement.other, judgement.alias, aliasKey, judgement.by,
                             judgement.note, now.timeIntervalSince1970])
    }

    private static func judgement(_ row: Row) -> Judgement {
        Judgement(kind: row["kind"], entity: row["entityId"], other: row["otherId"], alias: row["alias"], by: row["byUser"],
                  at: timestamp(Date(timeIntervalSince1970: row["at"])), note: row["note"])
    }

    private static func by(_ name: String?) -> String {
        guard let name, !name.allSatisfy(\.isWhitespace) else { return "unknown" }
        return name
    }

    /// `from` is the same entity as `into`: its mentions, aliases and document links move to
    /// `into` (counts added up), `from` disappears, and later documents naming `from` are stored
    /// under `into`. Merging a pair already merged changes nothing; a pair judged distinct is refused.
    public func merge(_ request: MergeEntities, now: Date = Date()) throws(SiftwireError) -> CurationResult.Merge {
        try curate { db in
            let fromID = try Self.require(db, request.from, field: "from")
            let intoID = try Self.require(db, request.into, field: "into")
            if fromID == intoID {
                if let row = try Row.fetchOne(db, sql: """
                    SELECT * FROM judgement WHERE kind = 'merge' AND entityId IN (?, ?) ORDER BY seq DESC LIMIT 1
                    """, arguments: [request.from, request.into]) {
                    return CurationResult.Merge(judgement: Self.judgement(row), changed: false, mentionsMoved: 0, documentsMoved: 0, aliasesMoved: 0)
                }
                throw SiftwireError(.invalidArgument, "'\(request.from)' and '\(request.into)' are the same entity (\(intoID))")
            }
            let fromGroup = try Self.mergedGroup(db, fromID), intoGroup = try Self.mergedGroup(db, intoID)
            for row in try Row.fetchAll(db, sql: "SELECT * FROM judgement WHERE kind = 'distinct' ORDER BY seq") {
                let a: String = row["entityId"], b: String = row["otherId"]
                if (fromGroup.contains(a) && intoGroup.contains(b)) || (fromGroup.contains(b) && intoGroup.contains(a)) {
                    let j = Self.judgement(row)
                    throw SiftwireError(.invalidArgument, "refused: \(a) and \(b) were judged distinct by \(j.by) at \(j.at)"
                        + (j.note.map { " (\($0))" } ?? "") + "; that 'distinct' judgement stands")
                }
            }
            try db.execute(sql: "UPDATE mention SET entityId = ? WHERE entityId = ?", arguments: [intoID, fromID])
            let mentions = db.changesCount
            for column in ["speakerId", "actorId", "targetId", "locationId"] {
                try db.execute(sql: "UPDATE claim SET \(column) = ? WHERE \(column) = ?", arguments: [intoID, fromID])
            }
            try db.execute(sql: """
                INSERT INTO document_entity (docId, entityId, mentions, date, docSeq)
                SELECT docId, ?, mentions, date, docSeq FROM document_entity WHERE entityId = ? AND true
                ON CONFLICT(docId, entityId) DO UPDATE SET mentions = mentions + excluded.mentions
                """, arguments: [intoID, fromID])
            try db.execute(sql: "DELETE FROM document_entity WHERE entityId = ?", arguments: [fromID])
            let documents = db.changesCount
            try db.execute(sql: """
                INSERT INTO alias (entityId, text, matchKey, count)
                SELECT ?, text, matchKey, count FROM alias WHERE entityId = ? AND true
                ON CONFLICT(entityId, text) DO UPDATE SET count = count + excluded.count
                """, arguments: [intoID, fromID])
            try db.execute(sql: "DELETE FROM alias WHERE entityId = ?", arguments: [fromID])
            let aliases = db.changesCount
            try db.execute(sql: "DELETE FROM entity WHERE id = ?", arguments: [fromID])
            try Self.rebuildAggregates([fromID, intoID], db)
            let judgement = Judgement(kind: "merge", entity: fromID, other: intoID, by: Self.by(request.by),
                                      at: Self.timestamp(now), note: request.note)
            try Self.record(db, judgement, now: now)
            return CurationResult.Merge(judgement: judgement, changed: true, mentionsMoved: mentions, documentsMoved: documents, aliasesMoved: aliases)
        }
    }

    /// The id a split-off surface form gets: `<type prefix>:split-<matching key>`, the same every time.
    static func splitID(of entityID: String, type: String, key: String) -> String {
        let prefix = entityID.split(separator: ":").first.map(String.init).flatMap { $0 == entityID ? nil : $0 } ?? type.lowercased()
        let slug = key.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? String($0) : "-" }.joined()
        return "\(prefix):split-\(slug)"
    }

    /// The surface form `alias` (by matching key) does not name `entity`: its mentions and alias
    /// rows move to a new entity, and later documents' mentions with that key go there too.
    public func split(_ request: SplitEntity, now: Date = Date()) throws(SiftwireError) -> CurationResult.Split {
        try curate { db in
            let id = try Self.require(db, request.entity, field: "entity")
            let key = MatchingKey.key(request.alias)
            guard !key.isEmpty else { throw SiftwireError(.invalidArgument, "alias '\(request.alias)' has no letters to match") }
            let entity = try Row.fetchOne(db, sql: "SELECT name, type FROM entity WHERE id = ?", arguments: [id])!
            let newID = Self.splitID(of: id, type: entity["type"], key: key)
            if let row = try Row.fetchOne(db, sql: """
                SELECT * FROM judgement WHERE kind = 'split' AND entityId = ? AND aliasKey = ? ORDER BY seq DESC LIMIT 1
                """, arguments: [id, key]) {
                let judgement = Self.judgement(row)
                return CurationResult.Split(judgement: judgement, newEntity: judgement.other, changed: false, mentionsMoved: 0, documentsMoved: 0)
            }
            guard newID != id else { throw SiftwireError(.invalidArgument, "'\(request.alias)' is what \(id) was split off for") }
            let aliases = try Row.fetchAll(db, sql: "SELECT text, count FROM alias WHERE entityId = ? AND matchKey = ? ORDER BY count DESC, text",
                                           arguments: [id, key])
            guard let top = aliases.first else {
                let known = try String.fetchAll(db, sql: "SELECT text FROM alias WHERE entityId = ? ORDER BY count DESC LIMIT 10", arguments: [id])
                throw SiftwireError(.notFound, "\(id) has no alias matching '\(request.alias)'; its aliases include: \(known.joined(separator: ", "))")
            }
            let name = request.newName.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 } ?? (top["text"] as String)
            try db.execute(sql: "INSERT INTO entity (id, name, type, matchKey) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                           arguments: [newID, name, entity["type"], MatchingKey.key(name)])
            let moving = try Row.fetchAll(db, sql: "SELECT rowid, docId, text FROM mention WHERE entityId = ?", arguments: [id])
                .filter { MatchingKey.key($0["text"]) == key }
            var documents = Set<String>()
            for row in moving {
                try db.execute(sql: "UPDATE mention SET entityId = ? WHERE rowid = ?", arguments: [newID, row["rowid"]])
                documents.insert(row["docId"])
            }
            for doc in documents {
                for entityID in [id, newID] {
                    let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention WHERE docId = ? AND entityId = ?", arguments: [doc, entityID]) ?? 0
                    if count > 0 {
                        try db.execute(sql: """
                            INSERT OR REPLACE INTO document_entity (docId, entityId, mentions, date, docSeq)
                            SELECT ?1, ?2, ?3, date, seq FROM document WHERE id = ?1
                            """, arguments: [doc, entityID, count])
                    } else {
                        try db.execute(sql: "DELETE FROM document_entity WHERE docId = ? AND entityId = ?", arguments: [doc, entityID])
                    }
                }
            }
            try db.execute(sql: """
                INSERT INTO alias (entityId, text, matchKey, count)
                SELECT ?, text, matchKey, count FROM alias WHERE entityId = ? AND matchKey = ? AND true
                ON CONFLICT(entityId, text) DO UPDATE SET count = count + excluded.count
                """, arguments: [newID, id, key])
            try db.execute(sql: "DELETE FROM alias WHERE entityId = ? AND matchKey = ?", arguments: [id, key])
            try Self.rebuildAggregates([id, newID], db)
            let judgement = Judgement(kind: "split", entity: id, other: newID, alias: request.alias, by: Self.by(request.by),
                                      at: Self.timestamp(now), note: request.note)
            try Self.record(db, judgement, aliasKey: key, now: now)
            return CurationResult.Split(judgement: judgement, newEntity: newID, changed: true, mentionsMoved: moving.count,
                                        documentsMoved: documents.count)
        }
    }

    /// `a` and `b` are not the same entity; a later merge of the two is refused.
    public func distinct(_ request: DistinctEntities, now: Date = Date()) throws(SiftwireError) -> CurationResult.Distinct {
        try curate { db in
            let a = try Self.require(db, request.a, field: "a"), b = try Self.require(db, request.b, field: "b")
            guard a != b else {
                throw SiftwireError(.invalidArgument, "'\(request.a)' and '\(request.b)' are the same entity (\(a)); split or un-merge first")
            }
            if let row = try Row.fetchOne(db, sql: """
                SELECT * FROM judgement WHERE kind = 'distinct' AND ((entityId = ?1 AND otherId = ?2) OR (entityId = ?2 AND otherId = ?1))
                ORDER BY seq DESC LIMIT 1
                """, arguments: [a, b]) {
                return CurationResult.Distinct(judgement: Self.judgement(row), changed: false)
            }
            let judgement = Judgement(kind: "distinct", entity: a, other: b, by: Self.by(request.by), at: Self.timestamp(now), note: request.note)
            try Self.record(db, judgement, now: now)
            return CurationResult.Distinct(judgement: judgement, changed: true)
        }
    }

    /// Judgements touching `id`, oldest first, seen from it.
    static func judgements(_ db: Database, of id: String) throws -> [EntityProfile.JudgementRef] {
        try Row.fetchAll(db, sql: "SELECT * FROM judgement WHERE entityId = ?1 OR otherId = ?1 ORDER BY seq", arguments: [id]).map { row in
            let j = judgement(row)
            return EntityProfile.JudgementRef(kind: j.kind, other: j.entity == id ? j.other : j.entity, alias: j.alias, by: j.by,
                                              at: j.at, note: j.note)
        }
    }

    /// Every judgement, oldest first.
    public func allJudgements() throws(SiftwireError) -> [Judgement] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM judgement ORDER BY seq").map(Self.judgement) }
    }
}

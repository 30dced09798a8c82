import Foundation
import GRDB
import SiftwireExtraction
import SiftwireProtocol

/// Reads for analysts: fuzzy name lookup, entity lists, co-mention graphs, timelines.
extension IndexStore {
    /// `siftwire_fold(text)`: case- and diacritic-folded text, for prefix matching with LIKE.
    static var foldFunction: DatabaseFunction {
        DatabaseFunction("siftwire_fold", argumentCount: 1, pure: true) { values in
            guard let text = String.fromDatabaseValue(values[0]) else { return nil }
            return text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        }
    }

    // MARK: Fuzzy lookup

    /// Entities whose name or alias matching keys are close to `name`'s, best first.
    /// Score: 1 − edit distance / longer key length; a key that starts with the query's key (3+
    /// characters) scores at least 0.75 + 0.25 × (query key length / key length).
    public func entityCandidates(_ name: String, limit: Int) throws(SiftwireError) -> [EntityCandidate] {
        let query = Array(MatchingKey.key(name).unicodeScalars)
        guard !query.isEmpty else { return [] }
        return try read { db in
            var best: [String: Double] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT entityId AS id, matchKey FROM alias UNION SELECT id, matchKey FROM entity")
            while let row = try rows.next() {
                let id: String = row["id"]
                let key = Array((row["matchKey"] as String).unicodeScalars)
                guard !key.isEmpty else { continue }
                let longer = max(key.count, query.count)
                var score = 0.0
                if query.count >= 3, key.count >= query.count, key.starts(with: query) {
                    score = 0.75 + 0.25 * Double(query.count) / Double(key.count)
                }
                // Distances that cannot beat the threshold of 0.5 are not worth computing.
                if abs(key.count - query.count) * 2 <= longer {
                    score = max(score, 1 - Double(Self.editDistance(query, key)) / Double(longer))
                }
                // "Qurashi" for "Abu al-Hussein al-Husseini al-Qurashi": one word of the name, its last above the others
                if query.count >= 4, !query.contains(" "), key.count > query.count {
                    let words = key.split(separator: " ").map { Array($0) }
                    if words.last == query { score = max(score, 0.8) } else if words.contains(query) { score = max(score, 0.76) }
                }
                if score > best[id] ?? 0 { best[id] = score }
            }
            let ranked = best.filter { $0.value > 0 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit)
            return try ranked.compactMap { id, score in
                guard let entity = try Row.fetchOne(db, sql: "SELECT name, type FROM entity WHERE id = ?", arguments: [id]) else { return nil }
                return EntityCandidate(id: id, name: entity["name"], type: EntityType(rawValue: entity["type"]) ?? .org,
                                       score: (score * 1000).rounded() / 1000)
            }
        }
    }

    /// Levenshtein distance over Unicode scalars.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    // MARK: query.entities

    /// Entities ranked by mentions or documents, filtered by type and name/alias prefix.
    public func entities(_ query: EntitiesQuery) throws(SiftwireError) -> EntityList {
        let type = try QueryValidation.entityType(query.type, field: "type")
        let sort = try query.sortOrder()
        let limit = min(max(query.limit, 1), EntitiesQuery.limitCap)
        let offset = max(query.offset, 0)
        var pattern: String?
        if let prefix = query.prefix, !prefix.allSatisfy(\.isWhitespace) {
            let folded = prefix.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            pattern = folded.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
        }
        let order = sort == .mentions ? "mentions DESC, documents DESC" : "documents DESC, mentions DESC"
        let from = #"""
            FROM entity e LEFT JOIN entity_stats c ON c.entityId = e.id
            WHERE (:type IS NULL OR e.type = :type)
              AND (:pattern IS NULL OR siftwire_fold(e.name) LIKE :pattern ESCAPE '\'
                   OR EXISTS (SELECT 1 FROM alias a WHERE a.entityId = e.id AND siftwire_fold(a.text) LIKE :pattern ESCAPE '\'))
            """#
        let arguments: StatementArguments = ["type": type?.rawValue, "pattern": pattern, "limit": limit, "offset": offset]
        return try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) \(from)", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(db, sql: #"""
                SELECT e.id, e.name, e.type, COALESCE(c.documents, 0) AS documents, COALESCE(c.mentions, 0) AS mentions,
                       CASE WHEN :pattern IS NULL OR siftwire_fold(e.name) LIKE :pattern ESCAPE '\' THEN NULL
                            ELSE (SELECT a.text FROM alias a WHERE a.entityId = e.id AND siftwire_fold(a.text) LIKE :pattern ESCAPE '\'
                                  ORDER BY a.count DESC, a.text LIMIT 1) END AS matchedAlias
                \#(from)
                ORDER BY \#(order), e.name, e.id LIMIT :limit OFFSET :offset
                """#, arguments: arguments)
            let entries = rows.map {
                EntityList.Entry(id: $0["id"], name: $0["name"], type: EntityType(rawValue: $0["type"]) ?? .org,
                                 documents: $0["documents"], mentions: $0["mentions"], matchedAlias: $0["matchedAlias"])
            }
            return EntityList(total: total, entities: entries, limitCap: EntitiesQuery.limitCap)
        }
    }

    // MARK: query.comentions

    /// The co-mention graph around an entity.
    public func comentions(_ query: ComentionsQuery) throws(SiftwireError) -> ComentionGraph {
        try query.validate()
        guard let center = try resolveEntity(query.name) else {
            throw SiftwireError(.notFound, "no entity is known by the name '\(query.name)'")
        }
        let limit = min(query.limit, ComentionsQuery.nodeCap)
        let minWeight = query.minWeight
        return try read { db in
            var cache: [String: [(id: String, weight: Int)]] = [:]
            func neighbours(_ id: String) throws -> [(id: String, weight: Int)] {
                if let known = cache[id] { return known }
                let found = try Row.fetchAll(db, sql: """
                    SELECT otherId AS id, documents AS weight FROM comention
                    WHERE entityId = ? AND documents >= ? ORDER BY documents DESC, otherId
                    """, arguments: [id, minWeight]).map { (id: $0["id"] as String, weight: $0["weight"] as Int) }
                cache[id] = found
                return found
            }
            var order = [center]
            var depthOf = [center: 0]
            var truncated = false
            let first = try neighbours(center)
            for n in first {
                if order.count < limit { order.append(n.id); depthOf[n.id] = 1 } else { truncated = true }
            }
            if query.depth == 2 {
                let firstIDs = Set(first.map(\.id))
                var strongest: [String: Int] = [:]
                for id in order where depthOf[id] == 1 {
                    for n in try neighbours(id) where depthOf[n.id] == nil && !firstIDs.contains(n.id) {
                        strongest[n.id] = max(strongest[n.id] ?? 0, n.weight)
                    }
                }
                for (id, _) in strongest.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                    if order.count < limit { order.append(id); depthOf[id] = 2 } else { truncated = true }
                }
            }
            // Edges among the included nodes only: one primary-key lookup per pair, not every
            // neighbour of every node.
            let nodeList = String(decoding: JSONCoding.encode(order), as: UTF8.self)
            var edges = try Row.fetchAll(db, sql: """
                SELECT entityId AS source, otherId AS target, documents AS weight FROM comention
                WHERE entityId IN (SELECT value FROM json_each(?1)) AND otherId IN (SELECT value FROM json_each(?1))
                  AND entityId < otherId AND documents >= ?2
                """, arguments: [nodeList, minWeight]).map {
                ComentionGraph.Edge(source: $0["source"], target: $0["target"], weight: $0["weight"])
            }
            edges.sort { $0.weight != $1.weight ? $0.weight > $1.weight : ($0.source, $0.target) < ($1.source, $1.target) }
            let nodes = try order.map { id in
                let row = try Row.fetchOne(db, sql: """
                    SELECT e.name, e.type, (SELECT documents FROM entity_stats WHERE entityId = e.id) AS documents
                    FROM entity e WHERE e.id = ?
                    """, arguments: [id])
                return ComentionGraph.Node(id: id, name: row?["name"] ?? id, type: EntityType(rawValue: row?["type"] ?? "") ?? .org,
                                           documents: row?["documents"] ?? 0, depth: depthOf[id] ?? 0)
            }
            return ComentionGraph(center: center, depth: query.depth, minWeight: minWeight, nodes: nodes, edges: edges,
                                  truncated: truncated, nodeCap: ComentionsQuery.nodeCap)
        }
    }

    // MARK: query.timeline

    /// Mentions per day, week, month or year of the document date, per entity.
    public func timeline(_ query: TimelineQuery) throws(SiftwireError) -> Timeline {
        try query.validate()
        let size = try query.bucketSize()
        let documentLimit = min(query.documentLimit, TimelineQuery.documentIDCap)
        var ids: [String] = []
        for name in query.names {
            guard let id = try resolveEntity(name) else {
                throw SiftwireError(.notFound, "no entity is known by the name '\(name)'")
            }
            if !ids.contains(id) { ids.append(id) }
        }
        // Buckets from the document date copied into `document_entity`: the entity's rows are read
        // off its (entityId, date, docSeq, docId, mentions) index in date order, no join, no sort.
        let bucket = switch size {
        case .day: "date(de.date)"
        case .week: "date(de.date, 'weekday 0', '-6 days')"
        case .month: "strftime('%Y-%m-01', de.date)"
        case .year: "strftime('%Y-01-01', de.date)"
        }
        return try read { db in
            let series = try ids.map { id in
                let entity = try Row.fetchOne(db, sql: "SELECT name, type FROM entity WHERE id = ?", arguments: [id])
                let rows = try Row.fetchAll(db, sql: """
                    SELECT \(bucket) AS bucket, de.docId AS id, de.mentions
                    FROM document_entity de INDEXED BY document_entity_by_entity
                    WHERE de.entityId = :id AND date(de.date) IS NOT NULL
                      AND (:from IS NULL OR date(de.date) >= :from) AND (:to IS NULL OR date(de.date) <= :to)
                    ORDER BY de.date, de.docSeq
                    """, arguments: ["id": id, "from": query.dateFrom, "to": query.dateTo])
                var buckets: [Timeline.Bucket] = []
                for row in rows {
                    let start: String = row["bucket"]
                    if buckets.last?.start != start { buckets.append(Timeline.Bucket(start: start, mentions: 0, documents: 0, documentIDs: [])) }
                    buckets[buckets.count - 1].mentions += row["mentions"] as Int
                    buckets[buckets.count - 1].documents += 1
                    if buckets[buckets.count - 1].documentIDs.count < documentLimit { buckets[buckets.count - 1].documentIDs.append(row["id"]) }
                }
                for b in buckets.indices {
                    var known: [String: DocumentMetadata] = [:]
                    for id in buckets[b].documentIDs {
                        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.metadataColumns) FROM document d WHERE d.id = ?"), arguments: [id]),
                           let metadata = Self.metadata(row) {
                            known[id] = metadata
                        }
                    }
                    if !known.isEmpty { buckets[b].metadata = known }
                }
                let undated = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM document_entity WHERE entityId = ? AND date(date) IS NULL
                    """, arguments: [id]) ?? 0
                return Timeline.Series(entityID: id, name: entity?["name"] ?? id, type: EntityType(rawValue: entity?["type"] ?? "") ?? .org,
                                       mentions: buckets.reduce(0) { $0 + $1.mentions }, undated: undated, buckets: buckets)
            }
            return Timeline(bucket: size.rawValue, series: series, documentIDCap: TimelineQuery.documentIDCap)
        }
    }
}

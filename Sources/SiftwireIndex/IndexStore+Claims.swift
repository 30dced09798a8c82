import Foundation
import GRDB
import SiftwireExtraction
import SiftwireProtocol

/// Claims: stored with their document (replaced with it), listed with filters, grouped into contradictions.
extension IndexStore {
    /// Stores one document's claims; entity ids go through the merge judgements like the document's entities.
    /// The document's date and sequence go on each claim row, so an entity's newest claims are an index range.
    func insertClaims(_ claims: [ExtractedClaim], documentID: String, documentDate: String?, documentSeq: Int64,
                      rules: CurationRules, totals: inout WriteBatchTotals, _ db: Database) throws {
        func id(_ a: ClaimArgument?) -> String? { a?.entityID.map { rules.isEmpty ? $0 : rules.canonical($0) } }
        for c in claims {
            totals.addClaim(parties: [id(c.speaker), id(c.event?.actor), id(c.event?.target)])
            try db.run(sql: """
                INSERT INTO claim (docId, sentence, start, "end", speakerId, speakerText, verb, content, eventType, trigger,
                    actorId, actorText, targetId, targetText, locationId, locationText, eventDate, quantity, polarity, modality,
                    docDate, docSeq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    documentID, c.sentence, c.start, c.end, id(c.speaker), c.speaker.map { Self.aliasText($0.text) }, c.verb,
                    c.content.map { Self.aliasText($0.text) }, c.event?.type.rawValue, c.event.map { $0.trigger.text },
                    id(c.event?.actor), c.event?.actor.map { Self.aliasText($0.text) },
                    id(c.event?.target), c.event?.target.map { Self.aliasText($0.text) },
                    id(c.event?.location), c.event?.location.map { Self.aliasText($0.text) },
                    c.event?.date, c.event?.quantity, c.polarity.rawValue, c.modality.rawValue,
                    documentDate, documentSeq,
                ])
        }
    }

    /// The columns and joins every claim read uses; `claimDate` is the event's full date, else the document's.
    static let claimSelect = """
        SELECT c.*, d.title AS docTitle, d.date AS docDate, d.source AS docSource, \(metadataColumns),
               coalesce(d.story, d.id) AS docStory,
               es.name AS speakerName, ea.name AS actorName, et.name AS targetName, el.name AS locationName,
               CASE WHEN length(c.eventDate) = 10 THEN c.eventDate ELSE date(d.date) END AS claimDate
        FROM claim c JOIN document d ON d.id = c.docId
        LEFT JOIN entity es ON es.id = c.speakerId LEFT JOIN entity ea ON ea.id = c.actorId
        LEFT JOIN entity et ON et.id = c.targetId LEFT JOIN entity el ON el.id = c.locationId
        """

    static func claimRecord(_ row: Row) -> ClaimRecord {
        func party(_ prefix: String) -> ClaimParty? {
            let id: String? = row[prefix + "Id"], text: String? = row[prefix + "Text"], name: String? = row[prefix + "Name"]
            guard id != nil || text != nil else { return nil }
            return ClaimParty(entityID: id, name: name ?? text ?? id ?? "", text: text ?? name ?? "")
        }
        var event: ClaimRecord.Event? = nil
        if let raw: String = row["eventType"], let type = EventType(rawValue: raw) {
            event = ClaimRecord.Event(type: type, trigger: row["trigger"] ?? "", actor: party("actor"), target: party("target"),
                                      location: party("location"), date: row["eventDate"], quantity: row["quantity"])
        }
        return ClaimRecord(id: row["seq"], documentID: row["docId"], documentTitle: row["docTitle"], documentDate: row["docDate"],
                           source: row["docSource"], sentence: row["sentence"], start: row["start"], end: row["end"],
                           speaker: party("speaker"), verb: row["verb"], content: row["content"], event: event,
                           polarity: ClaimPolarity(rawValue: row["polarity"]) ?? .asserted,
                           modality: ClaimModality(rawValue: row["modality"]) ?? .asserted, metadata: metadata(row))
    }

    /// `query.claims`: filtered, newest documents first, paged.
    public func claims(_ query: ClaimsQuery) throws(SiftwireError) -> ClaimList {
        try query.validate()
        var ids: [String: String] = [:]
        for (field, name) in query.names {
            guard let id = try resolveEntity(name) else { throw SiftwireError(.notFound, "\(field): no entity is known by the name '\(name)'") }
            ids[field] = id
        }
        let limit = min(query.limit, ClaimsQuery.limitCap)
        let filter = """
            WHERE (:speaker IS NULL OR c.speakerId = :speaker) AND (:actor IS NULL OR c.actorId = :actor)
              AND (:target IS NULL OR c.targetId = :target)
              AND (:entity IS NULL OR :entity IN (c.speakerId, c.actorId, c.targetId, c.locationId))
              AND (:type IS NULL OR c.eventType = :type)
              AND (:from IS NULL OR claimDate >= :from) AND (:to IS NULL OR claimDate <= :to)
            """
        let arguments: StatementArguments = [
            "speaker": ids["speaker"], "actor": ids["actor"], "target": ids["target"], "entity": ids["entity"],
            "type": query.eventType, "from": query.dateFrom, "to": query.dateTo, "limit": limit, "offset": query.offset,
        ]
        return try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(Self.claimSelect) \(filter))", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(db, sql: "\(Self.claimSelect) \(filter) ORDER BY d.date DESC, d.seq DESC, c.seq LIMIT :limit OFFSET :offset",
                                        arguments: arguments)
            return ClaimList(total: total, offset: query.offset, claims: rows.map(Self.claimRecord), limitCap: ClaimsQuery.limitCap)
        }
    }

    /// Claims in which an entity is speaker, actor or target, for its profile.
    static func claims(involving id: String, limit: Int, _ db: Database) throws -> (count: Int, claims: [ClaimRecord]) {
        let count = try Int.fetchOne(db, sql: "SELECT claims FROM entity_stats WHERE entityId = ?", arguments: [id]) ?? 0
        guard count > 0 else { return (0, []) }
        // The newest `limit` documents with a claim naming the entity in each role (three index
        // ranges), then the claims of those documents: never a sort of every claim about it.
        let rows = try Row.fetchAll(db, sql: """
            WITH docs AS (
                SELECT docId FROM (SELECT DISTINCT docDate, docSeq, docId FROM claim WHERE speakerId = :id ORDER BY docDate DESC, docSeq DESC LIMIT :limit)
                UNION SELECT docId FROM (SELECT DISTINCT docDate, docSeq, docId FROM claim WHERE actorId = :id ORDER BY docDate DESC, docSeq DESC LIMIT :limit)
                UNION SELECT docId FROM (SELECT DISTINCT docDate, docSeq, docId FROM claim WHERE targetId = :id ORDER BY docDate DESC, docSeq DESC LIMIT :limit))
            \(claimSelect)
            WHERE c.docId IN (SELECT docId FROM docs) AND :id IN (c.speakerId, c.actorId, c.targetId)
            ORDER BY d.date DESC, d.seq DESC, c.seq LIMIT :limit
            """, arguments: ["id": id, "limit": limit])
        return (count, rows.map(claimRecord))
    }

    /// `query.contradictions`: same event type and target, close in time, disagreeing on who did it or whether it happened.
    public func contradictions(_ query: ContradictionsQuery) throws(SiftwireError) -> Contradictions {
        try query.validate()
        var entityID: String? = nil
        if let name = query.entity {
            guard let id = try resolveEntity(name) else { throw SiftwireError(.notFound, "no entity is known by the name '\(name)'") }
            entityID = id
        }
        let types = query.eventType.map { [$0] } ?? [EventType.kill, .attack, .arrest].map(\.rawValue)
        let rows = try read { db in
            try Row.fetchAll(db, sql: """
                \(Self.claimSelect)
                WHERE c.targetId IS NOT NULL AND c.eventType IN (\(types.map { "'\($0)'" }.joined(separator: ", ")))
                  AND (:entity IS NULL OR c.targetId = :entity OR c.targetId IN (SELECT targetId FROM claim WHERE :entity IN (speakerId, actorId)))
                ORDER BY c.eventType, c.targetId, claimDate, d.seq, c.seq LIMIT 20000
                """, arguments: ["entity": entityID])
        }
        var groups: [(Contradictions.Group, documents: Int, latest: String)] = []
        var start = 0
        while start < rows.count {
            var end = start + 1
            let type: String = rows[start]["eventType"], target: String = rows[start]["targetId"]
            while end < rows.count, rows[end]["eventType"] as String == type, rows[end]["targetId"] as String == target { end += 1 }
            for cluster in Self.timeClusters(Array(rows[start..<end]), windowDays: query.windowDays) {
                if let g = Self.contradiction(cluster) { groups.append(g) }
            }
            start = end
        }
        groups.sort { $0.documents != $1.documents ? $0.documents > $1.documents : $0.latest > $1.latest }
        return Contradictions(groups: groups.prefix(min(query.limit, ContradictionsQuery.limitCap)).map(\.0))
    }

    /// Splits date-ordered claims where consecutive dates are more than `windowDays` apart; undated claims join the first cluster.
    static func timeClusters(_ rows: [Row], windowDays: Int) -> [[Row]] {
        var clusters: [[Row]] = []
        var undated: [Row] = []
        var lastDay: Int? = nil
        for row in rows {
            guard let date: String = row["claimDate"], let day = dayNumber(date) else { undated.append(row); continue }
            if let last = lastDay, day - last <= windowDays { clusters[clusters.count - 1].append(row) } else { clusters.append([row]) }
            lastDay = day
        }
        if clusters.isEmpty { return undated.isEmpty ? [] : [undated] }
        clusters[0].append(contentsOf: undated)
        return clusters
    }

    static func dayNumber(_ iso: String) -> Int? {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return nil }
        let (y, m, d) = (p[1] <= 2 ? p[0] - 1 : p[0], p[1], p[2])
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1
        return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy
    }

    /// The group's versions when they disagree: different asserted actors, or a denial of an asserted actor.
    static func contradiction(_ rows: [Row]) -> (Contradictions.Group, documents: Int, latest: String)? {
        let records = rows.map(claimRecord)
        struct Key: Hashable { var actor: String?; var denied: Bool }
        var order: [Key] = []
        var members: [Key: [ClaimRecord]] = [:]
        for r in records {
            let key = Key(actor: r.event?.actor?.entityID, denied: r.polarity != .asserted)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(r)
        }
        let asserted = Set(order.filter { !$0.denied }.compactMap(\.actor))
        let deniedActors = Set(order.filter(\.denied).compactMap(\.actor))
        var reasons: [String] = []
        if asserted.count >= 2 { reasons.append("conflicting actors") }
        if !deniedActors.isDisjoint(with: asserted) { reasons.append("denial") }
        let speakers = Set(records.map { $0.speaker?.entityID ?? $0.speaker?.text ?? "" })
        guard !reasons.isEmpty, speakers.count >= 2, let first = records.first, let target = first.event?.target else { return nil }
        // versions with an actor first (most claims first), the ones naming no actor last
        let keys = order.sorted { a, b in
            if (a.actor == nil) != (b.actor == nil) { return a.actor != nil }
            return members[a]!.count > members[b]!.count
        }
        // Near-duplicate copies of one story are one source of evidence, not several.
        var storyOf: [String: String] = [:]
        for row in rows { storyOf[row["docId"]] = row["docStory"] }
        let versions = keys.map { key -> Contradictions.Version in
            let claims = members[key]!
            var claimants: [String] = [], documents: [String] = []
            for c in claims {
                let who = c.speaker?.name ?? "the outlet (\(c.source ?? c.documentTitle))"
                if !claimants.contains(who) { claimants.append(who) }
                if !documents.contains(c.documentID) { documents.append(c.documentID) }
            }
            return Contradictions.Version(actor: claims.first?.event?.actor.flatMap { $0.entityID != nil ? $0 : nil },
                                          polarity: key.denied ? (claims.first?.polarity ?? .denied) : .asserted,
                                          claimants: claimants, documentIDs: documents,
                                          claims: Array(claims.prefix(ContradictionsQuery.claimsPerVersionCap)),
                                          stories: Set(documents.map { storyOf[$0] ?? $0 }).count)
        }
        let dates = rows.compactMap { $0["claimDate"] as String? }.sorted()
        let documents = Set(records.map { storyOf[$0.documentID] ?? $0.documentID }).count
        let targetParty = ClaimParty(entityID: target.entityID, name: target.entityID != nil ? target.name : target.text, text: target.text)
        return (Contradictions.Group(eventType: first.event!.type, target: targetParty, from: dates.first, to: dates.last,
                                     reasons: reasons, versions: versions), documents, dates.last ?? "")
    }
}

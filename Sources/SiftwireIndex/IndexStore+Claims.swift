import Foundation
import GRDB
import SiftwireExtraction
import SiftwireProtocol

/// Claims: stored with their document (replaced with it), listed with filters, grouped into contradictions.
extension IndexStore {
    /// Claims written before it read as happening in no state-wide place, and as no running totals.
    static func registerClaimPlaceMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("index v11: event places that are states, running totals") { db in
            try db.execute(sql: "ALTER TABLE claim ADD COLUMN locationIsState INTEGER NOT NULL DEFAULT 0")
            try db.execute(sql: "ALTER TABLE claim ADD COLUMN runningTotal INTEGER NOT NULL DEFAULT 0")
        }
    }

    /// Stores one document's claims; entity ids go through the merge judgements like the document's entities.
    /// The document's date and sequence go on each claim row, so an entity's newest claims are an index range.
    func insertClaims(_ claims: [ExtractedClaim], documentID: String, documentDate: String?, documentSeq: Int64,
                      rules: CurationRules, totals: inout WriteBatchTotals, _ db: Database) throws {
        func id(_ a: ClaimArgument?) -> String? { a?.entityID.map { rules.isEmpty ? $0 : rules.canonical($0) } }
        // an acting nationality is filed under its state ("Russian jets" → Russia); its words stay as written
        func actorID(_ a: ClaimArgument?) -> String? { a.flatMap { $0.state ?? $0.entityID }.map { rules.isEmpty ? $0 : rules.canonical($0) } }
        for c in claims {
            totals.addClaim(parties: [id(c.speaker), actorID(c.event?.actor), id(c.event?.target)])
            try db.run(sql: """
                INSERT INTO claim (docId, sentence, start, "end", speakerId, speakerText, verb, content, eventType, trigger,
                    actorId, actorText, targetId, targetText, locationId, locationText, eventDate, quantity, polarity, modality,
                    docDate, docSeq, locationIsState, runningTotal)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    documentID, c.sentence, c.start, c.end, id(c.speaker), c.speaker.map { Self.aliasText($0.text) }, c.verb,
                    c.content.map { Self.aliasText($0.text) }, c.event?.type.rawValue, c.event.map { $0.trigger.text },
                    actorID(c.event?.actor), c.event?.actor.map { Self.aliasText($0.text) },
                    id(c.event?.target), c.event?.target.map { Self.aliasText($0.text) },
                    id(c.event?.location), c.event?.location.map { Self.aliasText($0.text) },
                    c.event?.date, c.event?.quantity, c.polarity.rawValue, c.modality.rawValue,
                    documentDate, documentSeq, c.event?.location?.state != nil, c.event?.runningTotal == true,
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
                                      location: party("location"), date: row["eventDate"], quantity: row["quantity"],
                                      runningTotal: (row["runningTotal"] as Bool?) == true ? true : nil)
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
        // One document's claims: a plain equality (not `:document IS NULL OR …`), so SQLite reads claim_by_doc.
        let filter = """
            WHERE \(query.document == nil ? "" : "c.docId = :document AND ")(:speaker IS NULL OR c.speakerId = :speaker) AND (:actor IS NULL OR c.actorId = :actor)
              AND (:target IS NULL OR c.targetId = :target)
              AND (:entity IS NULL OR :entity IN (c.speakerId, c.actorId, c.targetId, c.locationId))
              AND (:type IS NULL OR c.eventType = :type)
              AND (:from IS NULL OR claimDate >= :from) AND (:to IS NULL OR claimDate <= :to)
            """
        var arguments: StatementArguments = [
            "speaker": ids["speaker"], "actor": ids["actor"], "target": ids["target"], "entity": ids["entity"],
            "type": query.eventType, "from": query.dateFrom, "to": query.dateTo, "limit": limit, "offset": query.offset,
        ]
        if let document = query.document { arguments += ["document": document] }
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

    /// `query.contradictions`: claims grouped into events (`EventGrouping`), the events whose accounts disagree.
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
                \(Self.claimSelect.replacingOccurrences(of: "el.name AS locationName",
                                                       with: "el.name AS locationName, et.type AS targetType, CASE WHEN c.quantity IS NOT NULL THEN substr(d.text, c.start + 1, c.\"end\" - c.start) END AS sentenceText"))
                WHERE (c.targetId IS NOT NULL OR (c.locationId IS NOT NULL AND c.locationIsState = 0)) AND c.runningTotal = 0
                  AND c.eventType IN (\(types.map { "'\($0)'" }.joined(separator: ", ")))
                ORDER BY claimDate, d.seq, c.seq LIMIT 20000
                """)
        }
        let claims = rows.map(Self.eventClaim)
        var groups: [(Contradictions.Group, documents: Int, latest: String)] = []
        for event in EventGrouping.events(claims, windowDays: query.windowDays) {
            if let entityID, !event.contains(where: { c in [c.actor, c.record.event?.target?.entityID, c.record.speaker?.entityID].contains(entityID) }) {
                continue
            }
            if let g = Self.contradiction(event) { groups.append(g) }
        }
        groups.sort { $0.documents != $1.documents ? $0.documents > $1.documents : $0.latest > $1.latest }
        return Contradictions(groups: groups.prefix(min(query.limit, ContradictionsQuery.limitCap)).map(\.0))
    }

    static func eventClaim(_ row: Row) -> EventGrouping.EventClaim {
        let record = claimRecord(row)
        let date: String? = row["claimDate"]
        let story: String = row["docStory"]
        let outlet = record.source.map { $0.lowercased() } ?? "story:" + story
        let claimant = record.speaker.map { $0.entityID ?? $0.text.lowercased() } ?? "outlet:" + outlet
        return EventGrouping.EventClaim(record: record, day: date.flatMap(dayNumber), date: date, story: story, outlet: outlet,
                                        claimant: claimant, targetIsPerson: (row["targetType"] as String?) == EntityType.person.rawValue,
                                        placeIsState: row["locationIsState"] ?? false, means: (row["sentenceText"] as String?).map(EventMeans.of) ?? [])
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

    /// One event's versions when its accounts disagree: one version per actor and stance, and in a casualty
    /// dispute per toll as well.
    static func contradiction(_ event: [EventGrouping.EventClaim]) -> (Contradictions.Group, documents: Int, latest: String)? {
        let reasons = EventGrouping.reasons(event)
        guard !reasons.isEmpty, Set(event.map(\.claimant)).count >= 2, let first = event.first?.record, let firstEvent = first.event else { return nil }
        let figures = reasons.contains("different figures") ? EventGrouping.outletFigures(event) : [:]
        struct Key: Hashable { var actor: String?; var denied: Bool; var figure: Int? }
        var order: [Key] = []
        var members: [Key: [EventGrouping.EventClaim]] = [:]
        for c in event {
            let key = Key(actor: c.actor, denied: c.denied, figure: c.figure == nil ? nil : figures[c.outlet])
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(c)
        }
        // versions with an actor or a toll first (most claims first), the ones naming neither last
        let keys = order.sorted { a, b in
            let an = a.actor == nil && a.figure == nil, bn = b.actor == nil && b.figure == nil
            if an != bn { return !an }
            return members[a]!.count > members[b]!.count
        }
        let versions = keys.map { key -> Contradictions.Version in
            let claims = members[key]!
            var claimants: [String] = [], documents: [String] = [], outlets: [String] = []
            for c in claims {
                let who = c.record.speaker?.name ?? "the outlet (\(c.record.source ?? c.record.documentTitle))"
                if !claimants.contains(who) { claimants.append(who) }
                if !documents.contains(c.record.documentID) { documents.append(c.record.documentID) }
                if let s = c.record.source, !outlets.contains(s) { outlets.append(s) }
            }
            return Contradictions.Version(actor: claims.first?.record.event?.actor.flatMap { $0.entityID != nil ? $0 : nil },
                                          polarity: key.denied ? (claims.first?.record.polarity ?? .denied) : .asserted,
                                          claimants: claimants, documentIDs: documents,
                                          claims: Array(claims.map(\.record).prefix(ContradictionsQuery.claimsPerVersionCap)),
                                          stories: Set(claims.map(\.story)).count, figure: key.figure, outlets: outlets.isEmpty ? nil : outlets)
        }
        let dates = event.compactMap(\.date).sorted()
        let documents = Set(event.map(\.story)).count
        let target = event.lazy.compactMap { $0.record.event?.target }.first { $0.entityID != nil }
        let targetParty = target.map { ClaimParty(entityID: $0.entityID, name: $0.entityID != nil ? $0.name : $0.text, text: $0.text) }
            ?? ClaimParty(entityID: nil, name: "people", text: "")
        // the place that makes a place event one (a person event is one by its person, wherever reported)
        let isPlaceEvent: Bool = if case .place = EventGrouping.key(event[0]) { true } else { false }
        let location = isPlaceEvent ? firstEvent.location.flatMap { $0.entityID != nil ? $0 : nil } : nil
        return (Contradictions.Group(eventType: firstEvent.type, target: targetParty, from: dates.first, to: dates.last,
                                     reasons: reasons, versions: versions, location: location),
                documents, dates.last ?? "")
    }
}

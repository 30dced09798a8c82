import Foundation
import GRDB
import Testing
import SiftwireExtraction
import SiftwireProtocol
@testable import SiftwireIndex

/// The per-entity totals and co-mention pairs the write path keeps (summed per batch) must always
/// equal what aggregating `document_entity` from scratch gives, whatever happened before.
@Suite("Index store: entity totals and co-mention pairs stay equal to a recount")
struct IndexAggregatesTests {
    typealias T = IndexStoreTests
    let store: IndexStore

    static let julani = T.entity("person:julani", "Abu Mohammad al-Julani", .person, mentions: ["al-Julani", "al-Jolani"])
    static let hts = T.entity("org:hts", "Hay'at Tahrir al-Sham", .org, mentions: ["HTS", "HTS", "Tahrir al-Sham"])
    static let idlib = T.entity("loc:idlib", "Idlib", .location, mentions: ["Idleb"])
    static let ahrar = T.entity("org:ahrar", "Ahrar al-Sham", .org, mentions: ["Ahrar ash-Sham"])

    init() throws {
        store = try IndexStore(path: nil)
    }

    struct Snapshot: Equatable {
        var stats: [String]
        var pairs: [String]
    }

    /// What the tables hold, and what a recount from `document_entity` and `document` gives.
    func stored() throws -> Snapshot {
        try store.db.read { db in
            Snapshot(
                stats: try String.fetchAll(db, sql: """
                    SELECT entityId || ' ' || documents || ' ' || mentions || ' ' || claims || ' ' || ifnull(firstDate, '-') || ' ' || ifnull(lastDate, '-')
                    FROM entity_stats ORDER BY entityId
                    """),
                pairs: try String.fetchAll(db, sql: "SELECT entityId || ' ' || otherId || ' ' || documents FROM comention ORDER BY entityId, otherId"))
        }
    }

    func recounted() throws -> Snapshot {
        try store.db.read { db in
            Snapshot(
                stats: try String.fetchAll(db, sql: """
                    SELECT de.entityId || ' ' || COUNT(*) || ' ' || SUM(de.mentions) || ' '
                        || (SELECT COUNT(*) FROM claim c WHERE de.entityId IN (c.speakerId, c.actorId, c.targetId)) || ' '
                        || ifnull(MIN(date(d.date)), '-') || ' ' || ifnull(MAX(date(d.date)), '-')
                    FROM document_entity de JOIN document d ON d.id = de.docId GROUP BY de.entityId ORDER BY de.entityId
                    """),
                pairs: try String.fetchAll(db, sql: """
                    SELECT a.entityId || ' ' || b.entityId || ' ' || COUNT(*)
                    FROM document_entity a JOIN document_entity b ON b.docId = a.docId AND b.entityId != a.entityId
                    GROUP BY a.entityId, b.entityId ORDER BY a.entityId, b.entityId
                    """))
        }
    }

    func expectConsistent(_ step: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (have, want) = (try stored(), try recounted())
        #expect(have == want, "after \(step)", sourceLocation: sourceLocation)
        #expect(!have.stats.isEmpty, "after \(step)", sourceLocation: sourceLocation)
    }

    @Test func batchesReplacementsMergesAndSplitsKeepTotalsAndPairsEqualToARecount() throws {
        _ = try store.write([
            T.put("d1", text: "one", date: "2023-08-03", entities: [Self.julani, Self.hts, Self.idlib]),
            T.put("d2", text: "two", date: "2021-01-15T09:30:00Z", entities: [Self.hts, Self.idlib]),
            T.put("d3", text: "three", date: nil, entities: [Self.julani, Self.ahrar]),
        ])
        try expectConsistent("the first batch")
        _ = try store.write([
            T.put("d4", text: "four", date: "2024-02-01", entities: [Self.hts, Self.ahrar, Self.idlib]),
            T.put("d1", text: "one", date: "2023-08-03", entities: [Self.julani, Self.hts, Self.idlib]),
        ])
        try expectConsistent("a second batch with a redelivered document")
        // d4's content changed: its old share comes off, the new one goes on; HTS's last day moves back.
        _ = try store.write([T.put("d4", text: "four, corrected", date: "2019-05-05", entities: [Self.julani])])
        try expectConsistent("a replaced document")
        _ = try store.write(ClaimStoreTests.puts)
        try expectConsistent("documents with claims")
        // d3 keeps its date but loses its claims (and HTS's denial with them).
        _ = try store.write([ClaimStoreTests.put("d3", date: "2023-08-05", entities: [ClaimStoreTests.hts, ClaimStoreTests.leader],
                                                 claims: [], text: "Text of d3, corrected.")])
        try expectConsistent("a replaced document that had claims")
        _ = try store.merge(MergeEntities(into: "org:hts", from: "org:ahrar", by: "ana", note: nil))
        try expectConsistent("a merge")
        _ = try store.merge(MergeEntities(into: "org:hts", from: "org:isis", by: "ana", note: nil))
        try expectConsistent("a merge of an entity that claims were about")
        _ = try store.split(SplitEntity(entity: "person:julani", alias: "al-Jolani", newName: nil, by: "ana", note: nil))
        try expectConsistent("a split")
        _ = try store.write([T.put("d5", text: "five", date: "2025-03-12", entities: [Self.julani, Self.ahrar, Self.idlib])])
        try expectConsistent("a batch after curation")

        let profile = try store.profile(EntityQuery(name: "org:hts"))
        // d1–d4 were replaced by the claim fixtures: HTS is in d2, d3, d4 and (merged from Ahrar) d5.
        #expect(profile.documentCount == 4 && profile.firstSeen == "2023-08-04" && profile.lastSeen == "2025-06-01")
        // Claims naming HTS (or ISIS, merged into it): d2's two, d4's; newest document first.
        #expect(profile.claimCount == 3)
        #expect(profile.claims?.map(\.documentID) == ["d4", "d2", "d2"])
    }

    @Test func anIndexWrittenBeforeTheTotalsExistedGetsThemFromItsRows() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-aggregates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("index.sqlite").path
        // An index as v3 left it: rows written with that schema, nothing after.
        do {
            let old = try DatabaseQueue(path: path)
            try IndexStore.migrator.migrate(old, upTo: "v3: claims")
            try old.write { db in
                try db.execute(sql: """
                    INSERT INTO document (id, hash, title, date, text, indexedAt) VALUES
                        ('d1', 'h1', 't', '2023-08-03', 'one', 0), ('d2', 'h2', 't', '2022-01-01', 'two', 0);
                    INSERT INTO entity (id, name, type, matchKey) VALUES
                        ('org:hts', 'HTS', 'ORG', 'hts'), ('person:julani', 'al-Julani', 'PERSON', 'julani'), ('loc:idlib', 'Idlib', 'LOCATION', 'idlib');
                    INSERT INTO document_entity (docId, entityId, mentions) VALUES
                        ('d1', 'org:hts', 3), ('d1', 'person:julani', 2), ('d2', 'org:hts', 3), ('d2', 'loc:idlib', 1);
                    INSERT INTO claim (docId, sentence, start, "end", speakerId, actorId, targetId, polarity, modality) VALUES
                        ('d1', 0, 0, 3, 'person:julani', 'org:hts', NULL, 'asserted', 'asserted'),
                        ('d2', 0, 0, 3, 'org:hts', 'org:hts', 'loc:idlib', 'denied', 'asserted');
                    """)
            }
        }
        let reopened = try IndexStore(path: path)
        let profile = try reopened.profile(EntityQuery(name: "org:hts"))
        #expect(profile.documentCount == 2 && profile.mentionCount == 6 && profile.firstSeen == "2022-01-01" && profile.lastSeen == "2023-08-03")
        #expect(Set(profile.comentions.map(\.id)) == ["person:julani", "loc:idlib"])
        #expect(profile.documents.map(\.id) == ["d1", "d2"])
        #expect(profile.claimCount == 2 && profile.claims?.map(\.documentID) == ["d1", "d2"])
    }
}

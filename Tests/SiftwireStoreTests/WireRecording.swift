import Foundation
import Testing
import SiftwireExtraction
import SiftwireProtocol
import SiftwireResources
import SiftwireRuntime
@testable import SiftwireExtract
@testable import SiftwireIndex

/// Records real `siftwire/1` bodies (puts made by the engine from the demo corpus, and the index's
/// replies to every query kind) into `Tests/SiftwireProtocolTests/WireV1/`, where
/// `WireCompatibilityTests` decodes and re-encodes them byte for byte. Runs only when
/// `SIFTWIRE_RECORD_WIRE=1`: the files are a record of one protocol version, rewritten on purpose.
@Suite("Wire recording (SIFTWIRE_RECORD_WIRE=1)")
struct WireRecording {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SiftwireProtocolTests/WireV1")

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SIFTWIRE_RECORD_WIRE"] == "1"))
    func recordCurrentVersion() throws {
        var count = 0
        func record(_ envelope: Envelope, _ name: String) throws {
            count += 1
            let file = String(format: "%03d", count) + "_\(envelope.kind.rawValue)_\(name).json"
            try envelope.body.write(to: Self.directory.appendingPathComponent(file))
        }
        try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)

        let extractStore = try ExtractStore(path: nil)
        let engine = ExtractionEngine(dictionary: try SeedDictionary.prepare(extractStore))
        let index = try IndexStore(path: nil)
        var puts: [IndexPut] = []
        for (n, article) in try SiftwireResources.demoCorpus().enumerated() {
            let extraction = engine.extract(SourceDocument(text: article.text, date: n % 3 == 0 ? nil : "2023-08-0\(n % 9 + 1)"))
            let id = "d" + String(SHA256.hex(article.text).prefix(16))
            let document = IndexedDocument(id: id, hash: SHA256.hex(article.text), title: extraction.title,
                                           text: article.text, source: n % 2 == 0 ? "demo" : nil, date: extraction.date)
            puts.append(IndexPut(document: document, extraction: extraction, workerID: "recorder"))
        }
        for put in puts.prefix(6) { try record(Envelope(put), put.document.id) }
        let stored = try index.write(puts, now: Date(timeIntervalSince1970: 1_700_000_000))
        try record(Envelope(stored[0]), "first")

        let requests: [(String, any Request)] = [
            ("plain", SearchQuery(text: "Idlib")),
            ("filtered", SearchQuery(text: "\"Tahrir al-Sham\" AND denied", limit: 5, entityType: "PERSON", dateFrom: "2020-01-01")),
            ("expanded", SearchQuery(text: "al-Jolani")),
            ("julani", EntityQuery(name: "al-Jolani", documentLimit: 3)),
            ("fuzzy", EntityQuery(name: "Idlip")),
            ("doc", DocumentQuery(id: puts[1].document.id)),
            ("stats", StatsQuery()),
            ("people", EntitiesQuery(type: "PERSON", sort: "documents", limit: 5)),
            ("prefix", EntitiesQuery(prefix: "jol")),
            ("hts", ComentionsQuery(name: "HTS", depth: 2, minWeight: 1, limit: 10)),
            ("months", TimelineQuery(names: ["HTS", "al-Jolani"], bucket: "month")),
            ("kills", ClaimsQuery(eventType: "kill")),
            ("speaker", ClaimsQuery(speaker: "Islamic State")),
            ("qurashi", ContradictionsQuery(entity: "Abu al-Hussein al-Husseini al-Qurashi")),
            ("all", ContradictionsQuery()),
            ("match", IndexMatch(documentID: puts[0].document.id, entities: ["org:hts", "person:julani"], searches: ["Idlib", "drone"])),
        ]
        for (name, request) in requests {
            let envelope = Envelope(request)
            try record(envelope, name)
            let reply = try reply(to: envelope, index)
            try record(reply, name)
        }
        let now = Date(timeIntervalSince1970: 1_700_000_100)
        let curation: [(String, any Request)] = [
            ("merge", MergeEntities(into: "org:hts", from: "org:nusra", by: "recorder", note: "same group")),
            ("split", SplitEntity(entity: "org:hts", alias: "Tahrir al-Sham", by: "recorder")),
            ("distinct", DistinctEntities(a: "org:hts", b: "person:julani", by: "recorder")),
        ]
        for (name, request) in curation {
            let envelope = Envelope(request)
            try record(envelope, name)
            switch request {
            case let merge as MergeEntities: try record(envelope.reply(index.merge(merge, now: now)), name)
            case let split as SplitEntity: try record(envelope.reply(index.split(split, now: now)), name)
            case let distinct as DistinctEntities: try record(envelope.reply(index.distinct(distinct, now: now)), name)
            default: break
            }
        }
        try record(Envelope(ErrorReply(SiftwireError(.invalidArgument, "limit must be at least 1, got 0"))), "invalid")
        try record(Envelope(Ack()), "ack")
        try record(Envelope(HealthRequest()), "health")
        try record(Envelope(HealthReply(service: "siftwire-index", uptimeSeconds: 12.5, details: ["documents": "24", "batches": "3"])), "index")
        try record(Envelope(SubmitDocuments(documents: [NewDocument(text: "Idlib\nHTS said so.", title: "t", source: "s", date: "2023-08-03")])), "one")
        try record(Envelope(DocumentAnnouncement(id: puts[0].document.id, title: puts[0].document.title, date: puts[0].document.date,
                                                 source: "demo", entities: puts[0].extraction.entities.map(\.id))), "first")
        try record(Envelope(Alert(watch: "hts", document: Alert.Document(id: "d0", title: "Idlib", date: nil), matched: "org:hts")), "hts")
        try record(Envelope(WatchAdd(name: "strikes", search: "\"drone strike\"")), "strikes")
        try record(Envelope(WorkAssignment(items: [WorkItem(id: "d0", hash: "h0", text: "Idlib", title: nil, source: "s", date: nil, attempt: 1)],
                                           leaseSeconds: 30)), "one")
        try record(Envelope(WorkReady(workerID: "w1", credit: 32)), "w1")
        try record(Envelope(IndexCommitted(items: [IndexCommitted.Item(id: "d0", workerID: "w1")])), "one")
    }

    private func reply(to envelope: Envelope, _ store: IndexStore) throws -> Envelope {
        switch envelope.kind {
        case .querySearch: envelope.reply(try store.search(envelope.decodeBody(SearchQuery.self)))
        case .queryEntity: envelope.reply(try store.profile(envelope.decodeBody(EntityQuery.self)))
        case .queryDoc: envelope.reply(try store.document(envelope.decodeBody(DocumentQuery.self)))
        case .queryStats: envelope.reply(try store.stats())
        case .queryEntities: envelope.reply(try store.entities(envelope.decodeBody(EntitiesQuery.self)))
        case .queryComentions: envelope.reply(try store.comentions(envelope.decodeBody(ComentionsQuery.self)))
        case .queryTimeline: envelope.reply(try store.timeline(envelope.decodeBody(TimelineQuery.self)))
        case .queryClaims: envelope.reply(try store.claims(envelope.decodeBody(ClaimsQuery.self)))
        case .queryContradictions: envelope.reply(try store.contradictions(envelope.decodeBody(ContradictionsQuery.self)))
        case .indexMatch: envelope.reply(try store.match(envelope.decodeBody(IndexMatch.self)))
        default: envelope.reply(error: SiftwireError(.unknownKind, envelope.kind.rawValue))
        }
    }
}

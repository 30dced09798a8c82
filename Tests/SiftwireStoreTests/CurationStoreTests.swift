import Foundation
import Testing
import SiftwireExtraction
import SiftwireProtocol
@testable import SiftwireIndex
@testable import SiftwireQuery

@Suite("Index store: curation (merge, split, distinct) and watch matching")
struct CurationStoreTests {
    typealias T = IndexStoreTests
    let store: IndexStore

    static let julani = T.entity("person:julani", "Abu Mohammad al-Julani", .person, mentions: ["Abu Mohammad al-Julani", "al-Julani"])
    static let jolani = T.entity("person:jolani-x", "al-Jolani", .person, mentions: ["al-Jolani", "al-Jolani"])
    static let hts = T.entity("org:hts", "Hay'at Tahrir al-Sham", .org, mentions: ["HTS", "Tahrir al-Sham"])
    static let idlib = T.entity("loc:idlib", "Idlib", .location, mentions: ["Idlib"])

    init() throws {
        store = try IndexStore(path: nil)
        try Self.seed(store)
    }

    static func seed(_ store: IndexStore) throws {
        _ = try store.write([
            T.put("d1", text: "al-Julani leads HTS in Idlib.", date: "2023-08-03", entities: [julani, hts, idlib]),
            T.put("d2", text: "al-Jolani spoke about Tahrir al-Sham.", date: "2023-09-01", entities: [jolani, hts]),
            T.put("d3", text: "al-Jolani again, in Idlib.", date: "2023-10-01", entities: [jolani, idlib]),
        ])
    }

    static func code<R>(_ body: () throws(SiftwireError) -> R) -> ErrorCode? {
        do { _ = try body(); return nil } catch { return error.code }
    }

    @Test func mergeMovesMentionsAliasesAndDocumentsAndIsIdempotent() throws {
        let result = try store.merge(MergeEntities(into: "person:julani", from: "person:jolani-x", by: "ana", note: "same man"))
        #expect(result.changed && result.mentionsMoved == 4 && result.documentsMoved == 2)
        let profile = try store.profile(EntityQuery(name: "person:julani"))
        #expect(profile.documentCount == 3 && profile.mentionCount == 6)
        #expect(profile.aliases.first { $0.text == "al-Jolani" }?.count == 4)
        #expect(profile.judgements == [EntityProfile.JudgementRef(kind: "merge", other: "person:jolani-x", alias: nil, by: "ana",
                                                                   at: result.judgement.at, note: "same man")])
        // The merged-away id still resolves, to the survivor.
        let redirected = try store.profile(EntityQuery(name: "person:jolani-x"))
        #expect(redirected.id == "person:julani" && redirected.match == "merged")
        #expect(try store.stats().entities == 3)
        // Again: nothing changes, counts stay.
        let again = try store.merge(MergeEntities(into: "person:julani", from: "person:jolani-x"))
        #expect(!again.changed && again.judgement.kind == "merge")
        #expect(try store.profile(EntityQuery(name: "person:julani")).mentionCount == 6)
        #expect(try store.allJudgements().count == 1)
        // Comentions and search filters see the merged entity.
        #expect(Set(try store.search(SearchQuery(text: "Idlib OR Sham", entity: "person:jolani-x")).hits.map(\.id)) == ["d1", "d2", "d3"])
    }

    @Test func mergeAppliesToDocumentsIndexedLaterFollowingChains() throws {
        _ = try store.merge(MergeEntities(into: "person:julani", from: "person:jolani-x"))
        let golani = T.entity("person:golani-y", "al-Golani", .person, mentions: ["al-Golani"])
        _ = try store.write([T.put("d4", text: "al-Golani surfaced.", date: "2024-01-01", entities: [golani])])
        _ = try store.merge(MergeEntities(into: "person:jolani-x", from: "person:golani-y"))  // resolves to person:julani
        _ = try store.write([
            T.put("d5", text: "al-Jolani and al-Golani, later.", date: "2024-02-01", entities: [Self.jolani, golani]),
        ])
        let view = try store.document(DocumentQuery(id: "d5"))
        #expect(Set(view.mentions.map(\.entityID)) == ["person:julani"])
        let profile = try store.profile(EntityQuery(name: "person:julani"))
        #expect(profile.documentCount == 5)
        #expect(profile.documents.first { $0.id == "d5" }?.mentions == 3)
        #expect(try store.announcement(documentID: "d5")?.entities == ["person:julani"])
    }

    @Test func splitMovesAnAliasToANewEntityNowAndLater() throws {
        let result = try store.split(SplitEntity(entity: "HTS", alias: "Tahrir al-Sham", by: "ana"))
        #expect(result.changed && result.mentionsMoved == 2 && result.documentsMoved == 2)
        #expect(result.newEntity.hasPrefix("org:split-"))
        let split = try store.profile(EntityQuery(name: result.newEntity))
        #expect(split.name == "Tahrir al-Sham" && split.documentCount == 2 && split.type == .org)
        #expect(split.judgements?.first?.other == "org:hts")
        let hts = try store.profile(EntityQuery(name: "org:hts"))
        #expect(hts.documentCount == 2 && hts.mentionCount == 2 && hts.aliases.map(\.text) == ["HTS"])
        #expect(hts.judgements?.first?.kind == "split" && hts.judgements?.first?.alias == "Tahrir al-Sham")
        // Later documents: the form goes to the new entity; the rest stays.
        _ = try store.write([T.put("d6", text: "HTS, also Tahrir al-Sham.", date: "2024-03-01", entities: [Self.hts])])
        let view = try store.document(DocumentQuery(id: "d6"))
        #expect(Set(view.mentions.map { "\($0.text)=\($0.entityID)" }) == ["HTS=org:hts", "Tahrir al-Sham=\(result.newEntity)"])
        #expect(try store.split(SplitEntity(entity: "org:hts", alias: "Tahrir al-Sham")).changed == false)
        // A dictionary alias without a mention does not link a later document to the split-off entity.
        var htsKnownAlias = Self.hts
        htsKnownAlias.mentions = [Mention(text: "HTS", start: 0, end: 3)]
        _ = try store.write([T.put("d8", text: "HTS only.", date: "2024-03-02", entities: [htsKnownAlias])])
        #expect(try store.profile(EntityQuery(name: result.newEntity)).documentCount == 3)
        #expect(Self.code { () throws(SiftwireError) in try store.split(SplitEntity(entity: "org:hts", alias: "Nusra")) } == .notFound)
        // Same id every time for the same form.
        #expect(IndexStore.splitID(of: "org:hts", type: "ORG", key: MatchingKey.key("Tahrir al-Sham")) == result.newEntity)
    }

    @Test func distinctRefusesALaterMergeNamingTheJudgement() throws {
        let distinct = try store.distinct(DistinctEntities(a: "person:julani", b: "person:jolani-x", by: "ana", note: "father and son"))
        #expect(distinct.changed)
        do {
            _ = try store.merge(MergeEntities(into: "person:julani", from: "person:jolani-x"))
            Issue.record("merge of a distinct pair was accepted")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("distinct") && error.message.contains("ana") && error.message.contains("father and son"))
        }
        #expect(try store.distinct(DistinctEntities(a: "person:jolani-x", b: "person:julani")).changed == false)
        #expect(Self.code { () throws(SiftwireError) in try store.distinct(DistinctEntities(a: "HTS", b: "org:hts")) } == .invalidArgument)
        #expect(Self.code { () throws(SiftwireError) in try store.merge(MergeEntities(into: "nobody-at-all-xyz", from: "HTS")) } == .notFound)
        #expect(try store.profile(EntityQuery(name: "person:julani")).judgements?.map(\.kind) == ["distinct"])
    }

    @Test func judgementsSurviveReopeningTheStoreFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("curation-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let first = try IndexStore(path: path)
            try Self.seed(first)
            _ = try first.merge(MergeEntities(into: "person:julani", from: "person:jolani-x", by: "ana"))
            _ = try first.split(SplitEntity(entity: "org:hts", alias: "Tahrir al-Sham"))
            _ = try first.distinct(DistinctEntities(a: "org:hts", b: "loc:idlib"))
        }
        let reopened = try IndexStore(path: path)
        #expect(try reopened.allJudgements().map(\.kind) == ["merge", "split", "distinct"])
        #expect(try reopened.profile(EntityQuery(name: "person:jolani-x")).id == "person:julani")
        _ = try reopened.write([T.put("d7", text: "al-Jolani, Tahrir al-Sham.", date: "2024-04-01", entities: [Self.jolani, Self.hts])])
        let ids = Set(try reopened.document(DocumentQuery(id: "d7")).mentions.map(\.entityID))
        #expect(ids.contains("person:julani") && !ids.contains("person:jolani-x") && ids.contains { $0.hasPrefix("org:split-") })
        #expect(Self.code { () throws(SiftwireError) in try reopened.merge(MergeEntities(into: "org:hts", from: "loc:idlib")) } == .invalidArgument)
    }

    @Test func matchReportsWatchedEntitiesAndSearchesForOneDocument() throws {
        _ = try store.merge(MergeEntities(into: "person:julani", from: "person:jolani-x"))
        let reply = try store.match(IndexMatch(documentID: "d2", entities: ["person:jolani-x", "loc:idlib"], searches: ["Tahrir", "drone", "\"unclosed"]))
        #expect(reply.entities == [IndexMatchReply.EntityMatch(name: "person:jolani-x", entityID: "person:julani")])
        #expect(reply.searches == ["Tahrir"])
    }

    @Test func watchesAreSavedListedAndRemoved() throws {
        let queries = try QueryStore(path: nil)
        try queries.addWatch(Watch(name: "hts", entity: "org:hts", search: nil, createdAt: ""))
        try queries.addWatch(Watch(name: "strikes", entity: nil, search: "drone strike", createdAt: ""))
        #expect(Self.code { () throws(SiftwireError) in try queries.addWatch(Watch(name: "hts", entity: "x", search: nil, createdAt: "")) } == .invalidArgument)
        #expect(try queries.watches().map(\.name) == ["hts", "strikes"])
        #expect(try queries.watches().last?.search == "drone strike")
        #expect(try queries.removeWatch(named: "hts")?.entity == "org:hts")
        #expect(try queries.removeWatch(named: "hts") == nil)
        #expect(Self.code { () throws(SiftwireError) in try WatchAdd(name: "x", entity: "a", search: "b").validate() } == .invalidArgument)
        #expect(Self.code { () throws(SiftwireError) in try WatchAdd(name: "x").validate() } == .invalidArgument)
    }
}

import Foundation
import Testing
import SiftwireProtocol
@testable import SiftwireIngest

@Suite("Ingest store: the durable work queue")
struct IngestStoreTests {
    let store: IngestStore
    let limits = IngestStore.Limits(maxDocumentBytes: 1000)

    init() throws {
        store = try IngestStore(path: nil)
    }

    func accept(_ texts: [String]) throws -> [String] {
        try store.accept(texts.map { NewDocument(text: $0) }, limits: limits).compactMap(\.id)
    }

    @Test func acceptedDocumentsAreQueuedWithStableContentIDs() throws {
        let ids = try accept(["HTS took Idlib.", "ISIS denied it."])
        #expect(ids.count == 2)
        #expect(Set(ids).count == 2)
        #expect(ids.allSatisfy { $0.hasPrefix("d") && $0.count == 17 })
        #expect(try store.counts().queued == 2)
    }

    @Test func exactDuplicateIsAnsweredWithTheExistingID() throws {
        let first = try accept(["Same text."])[0]
        // Metadata plays no part, and a title the text already starts with adds nothing.
        let again = try store.accept([NewDocument(text: "Same text.", source: "other", date: "2020-01-01"),
                                      NewDocument(text: "Same text.", title: "Same text.")], limits: limits)
        #expect(again == [SubmitAccepted.Result(id: first, outcome: .duplicate), SubmitAccepted.Result(id: first, outcome: .duplicate)])
        #expect(try store.counts().received == 1)
    }

    @Test func emptyOversizedAndBadlyDatedDocumentsAreRejectedWithReasons() throws {
        let results = try store.accept([
            NewDocument(text: "  \n\t "),
            NewDocument(text: String(repeating: "x", count: 1001)),
            NewDocument(text: "fine", date: "03/08/2023"),
            NewDocument(text: "not a day", date: "2026-02-31"),
            NewDocument(text: "fine too", date: "2023-08-03"),
        ], limits: limits)
        #expect(results.map(\.outcome) == [.rejected, .rejected, .rejected, .rejected, .accepted])
        #expect(results[0].reason?.contains("empty") == true)
        #expect(results[1].reason?.contains("1000") == true)
        #expect(results[2].reason?.contains("YYYY-MM-DD") == true)
        #expect(results[3].reason?.contains("2026-02-31") == true)
        #expect(try store.counts().received == 1)
    }

    @Test func leasesGoOldestFirstAndNeverTwice() throws {
        let ids = try accept(["a", "b", "c"])
        let first = try store.leaseNext(count: 2, to: "w1", lease: 30)
        let second = try store.leaseNext(count: 2, to: "w2", lease: 30)
        #expect(first.map(\.id) == Array(ids.prefix(2)))
        #expect(second.map(\.id) == [ids[2]])
        #expect(first.allSatisfy { $0.attempt == 1 })
        #expect(try store.leaseNext(count: 1, to: "w3", lease: 30).isEmpty)
    }

    @Test func expiredLeaseReturnsToTheQueueWithoutCountingAFailure() throws {
        let id = try accept(["a"])[0]
        let now = Date()
        _ = try store.leaseNext(count: 1, to: "w1", lease: 5, now: now)
        #expect(try store.releaseExpiredLeases(now: now.addingTimeInterval(1)) == [])
        #expect(try store.releaseExpiredLeases(now: now.addingTimeInterval(6)) == [id])
        let item = try #require(try store.track([id]).first)
        #expect(item.state == .queued)
        #expect(item.failures == 0)
        #expect(try store.leaseNext(count: 1, to: "w2", lease: 5).first?.attempt == 2)
    }

    @Test func poisonDocumentIsDeadLetteredAfterMaxFailuresAndOthersFlow() throws {
        let ids = try accept(["poison", "healthy"])
        for round in 1...3 {
            let leased = try store.leaseNext(count: 1, to: "w", lease: 30)
            #expect(leased.first?.id == ids[0], "round \(round)")
            try store.recordFailure(id: ids[0], reason: "extractor crashed", maxFailures: 3)
        }
        let dead = try #require(try store.track([ids[0]]).first)
        #expect(dead.state == .dead)
        #expect(dead.lastError == "extractor crashed")
        #expect(try store.deadLetters().map(\.id) == [ids[0]])
        #expect(try store.leaseNext(count: 5, to: "w", lease: 30).map(\.id) == [ids[1]])
        #expect(try store.retryDead([]) == 1)
        #expect(try store.track([ids[0]]).first?.state == .queued)
    }

    @Test func lostWorkerReleasesOnlyItsOwnLeasesAsFailures() throws {
        _ = try accept(["a", "b"])
        _ = try store.leaseNext(count: 1, to: "w1", lease: 30)
        _ = try store.leaseNext(count: 1, to: "w2", lease: 30)
        #expect(try store.releaseLeases(of: "w1", reason: "gone", maxFailures: 3) == 1)
        let counts = try store.counts()
        #expect(counts.queued == 1 && counts.leased == 1)
    }

    @Test func holderLostWithManyDocumentsMakesThemSuspectsWithoutCharge() throws {
        let ids = try accept(["a", "b", "c"])
        _ = try store.leaseNext(count: 2, to: "w1", lease: 30)
        #expect(try store.releaseLeases(of: "w1", reason: "crashed", maxFailures: 1) == 2)
        let tracked = try store.track(ids)
        #expect(tracked.map(\.state) == [.queued, .queued, .queued])
        #expect(tracked.map(\.failures) == [0, 0, 0], "a crash among several documents charges none of them")
        // Suspects are not handed out in batches; they come one at a time.
        #expect(try store.leaseNext(count: 5, to: "w2", lease: 30).map(\.id) == [ids[2]])
        let suspect = try #require(try store.leaseSuspect(to: "w3", lease: 30))
        #expect(suspect.id == ids[0])
        // Lost while holding that one suspect alone: now it is charged, and past the limit, dead.
        #expect(try store.releaseLeases(of: "w3", reason: "crashed again", maxFailures: 1) == 1)
        #expect(try store.track([ids[0]]).first?.state == .dead)
        #expect(try store.leaseSuspect(to: "w4", lease: 30)?.id == ids[1])
    }

    @Test func markingIndexedIsIdempotent() throws {
        let ids = try accept(["a", "b"])
        _ = try store.leaseNext(count: 2, to: "w", lease: 30)
        #expect(try store.markIndexed(ids) == 2)
        #expect(try store.markIndexed(ids) == 0)
        let counts = try store.counts()
        #expect(counts.indexed == 2 && counts.leased == 0 && counts.indexedLastMinute == 2)
    }

    @Test func documentsSurviveReopeningTheStoreFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let id = try IngestStore(path: path).accept([NewDocument(text: "durable")], limits: limits)[0].id
        let reopened = try IngestStore(path: path)
        #expect(try reopened.track([id!]).first?.state == .queued)
    }

    @Test func contentHashIsSHA256() {
        #expect(SHA256Check.abc == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

import SiftwireRuntime
enum SHA256Check {
    static let abc = SiftwireRuntime.SHA256.hex("abc")
}

import Foundation
import Testing
import SiftwireCLI
import SiftwireExtraction
import SiftwireProtocol

/// Claims from extraction to query on a real stack holding the demo corpus: who killed the Islamic State's
/// fourth leader (Erdogan says Turkish intelligence, the Islamic State says HTS, HTS denies).
@Suite("Claims end to end: query.claims, query.contradictions and profiles on the demo corpus", .serialized)
struct ClaimsEndToEndTests {
    @Test func theDemoCorpusShowsWhoSaysWhoKilledTheLeaderEachSideAttributed() throws {
        let (stack, ids) = try QueryKindsTests.stackWithDemoCorpus()
        defer { _ = stack.stop() }
        let client = stack.client
        let erdoganDoc = try #require(ids.first { $0.key.hasPrefix("16-") }?.value)
        let isisDoc = try #require(ids.first { $0.key.hasPrefix("17-") }?.value)
        let denialDoc = try #require(ids.first { $0.key.hasPrefix("18-") }?.value)

        let turkey = try client.ask(EntityQuery(name: "Turkey")).id
        let hts = try client.ask(EntityQuery(name: "HTS")).id
        let isis = try client.ask(EntityQuery(name: "Islamic State")).id
        let leader = try client.ask(EntityQuery(name: "Abu al-Hussein al-Husseini al-Qurashi")).id

        let reply = try client.ask(ContradictionsQuery(entity: "Abu al-Hussein al-Husseini al-Qurashi", eventType: "kill"))
        let group = try #require(reply.groups.first { $0.target.entityID == leader })
        #expect(group.reasons.contains("conflicting actors"))
        #expect(group.reasons.contains("denial"))
        func version(_ actor: String, _ polarity: ClaimPolarity) -> Contradictions.Version? {
            group.versions.first { $0.actor?.entityID == actor && $0.polarity == polarity }
        }
        // Turkish intelligence did it, says Erdogan (doc 16): a state's own service acts for the state, in its words
        let byMIT = try #require(version(turkey, .asserted))
        #expect(byMIT.documentIDs.contains(erdoganDoc))
        #expect(byMIT.claims.contains { $0.documentID == erdoganDoc && $0.speaker?.name.contains("Erdo") == true })
        #expect(byMIT.claims.contains { $0.event?.actor?.text.contains("MIT") == true || $0.event?.actor?.text.contains("intelligence") == true })
        // HTS did it, says the Islamic State (doc 17)
        let byHTS = try #require(version(hts, .asserted))
        #expect(byHTS.claims.contains { $0.documentID == isisDoc && $0.speaker?.entityID == isis })
        // HTS denies it (doc 18)
        let denied = try #require(version(hts, .denied))
        #expect(denied.claims.contains { $0.documentID == denialDoc && $0.speaker?.entityID == hts && $0.verb == "deny" })
        // every side with an actor carries its claimants and documents
        for v in group.versions where v.actor != nil {
            #expect(!v.claimants.isEmpty && !v.documentIDs.isEmpty)
            #expect(v.claims.allSatisfy { !$0.documentID.isEmpty && !$0.documentTitle.isEmpty })
        }

        // query.claims with filters, and the entity profile lists claims
        let accusations = try client.ask(ClaimsQuery(speaker: "Islamic State", actor: "HTS", eventType: "kill"))
        #expect(accusations.total >= 1 && accusations.claims.allSatisfy { $0.speaker?.entityID == isis && $0.event?.actor?.entityID == hts })
        let dated = try client.ask(ClaimsQuery(target: leader, dateFrom: "2023-08-01", dateTo: "2023-08-31"))
        #expect(dated.total >= 1 && !dated.claims.contains { $0.documentID == erdoganDoc })
        let profile = try client.ask(EntityQuery(name: "HTS"))
        #expect((profile.claimCount ?? 0) >= 3)
        #expect(profile.claims?.contains { $0.event?.actor?.entityID == hts || $0.speaker?.entityID == hts } == true)
        #expect(QueryKindsTests.code { () throws(SiftwireError) in try client.ask(ClaimsQuery(eventType: "bombing")) } == .invalidArgument)
        #expect(QueryKindsTests.code { () throws(SiftwireError) in try client.ask(ContradictionsQuery(entity: "Nobody Known At All")) } == .notFound)

        // the CLI renders both, as tables and as JSON
        let table = try stack.cli(["query", "contradictions", "Abu al-Hussein al-Husseini al-Qurashi"])
        #expect(table.status == 0)
        #expect(table.output.contains("kill of Abu al-Hussein al-Husseini al-Qurashi"))
        #expect(table.output.contains("NOT by Hay'at Tahrir al-Sham"))
        let json = try stack.cli(["query", "claims", "--speaker", "HTS", "--json"])
        #expect(json.status == 0)
        let list = try JSONDecoder().decode(ClaimList.self, from: Data(json.output.utf8))
        #expect(list.total >= 1 && list.claims.allSatisfy { $0.speaker?.entityID == hts })
        let entity = try stack.cli(["query", "entity", "HTS"])
        #expect(entity.output.contains("claims ("))
    }
}

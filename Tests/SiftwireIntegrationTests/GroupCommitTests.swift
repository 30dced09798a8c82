import Foundation
import Testing
import SiftwireCLI
import SiftwireProtocol

/// The index holds a put up to its commit delay so puts arriving together share one transaction,
/// and a put that nothing follows is still committed when the delay runs out.
@Suite("Index group commit", .serialized)
struct GroupCommitTests {
    func indexHealth(_ stack: TestStack) throws -> [String: String] {
        try stack.client.health(of: stack.launcher.options.endpoints.index, timeout: .seconds(5)).details
    }

    @Test func putsArrivingTogetherShareATransactionAndALonePutIsStillCommitted() throws {
        let stack = try TestStack(extractors: 2, extraArguments: ["siftwire-index": ["--commit-delay-ms", "150"]])
        defer { _ = stack.stop() }

        // One document and nothing after it: written when the delay runs out, not left waiting.
        let lone = try stack.client.submit([NewDocument(text: "A lone report from Sarmada about the bread price.")])
        try stack.waitUntilSettled(lone.results.compactMap(\.id), timeout: .seconds(20))
        var health = try indexHealth(stack)
        #expect(health["written"] == "1" && health["batches"] == "1", "\(health)")
        #expect(health["commitDelayMs"] == "150")

        let ids = try stack.client.submit(try TestStack.articles(120)).results.compactMap(\.id)
        let states = try stack.waitUntilSettled(ids, timeout: .seconds(60))
        #expect(states.values.allSatisfy { $0.state == .indexed })
        health = try indexHealth(stack)
        let written = Int(health["written"] ?? "") ?? 0, batches = Int(health["batches"] ?? "") ?? 0
        #expect(written == 121, "\(health)")
        // Two extractors put dozens of documents within 150 ms: far fewer transactions than documents.
        #expect(batches >= 2 && batches * 3 <= written, "\(batches) transactions for \(written) documents")
    }
}

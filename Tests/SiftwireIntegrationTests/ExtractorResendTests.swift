import Foundation
import Testing
import SiftwireMessaging
import SiftwireProtocol

/// An extractor whose index does not answer resends the put it kept: the same message, request id
/// and body byte for byte, and one answer settles it (a late answer to the other send adds no credit).
@Suite("An extractor resends the put it kept", .serialized)
struct ExtractorResendTests {
    @Test func anUnansweredPutIsResentAsTheSameMessageAndOneAnswerSettlesIt() throws {
        let context = ZMQContext()
        let ingest = try ZMQSocket(context, .router)
        try ingest.bind("tcp://127.0.0.1:*")
        let index = try ZMQSocket(context, .router)
        try index.bind("tcp://127.0.0.1:*")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-resend-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = TestStack.binDirectory.appendingPathComponent("siftwire-extract")
        process.arguments = ["--work", ingest.lastEndpoint, "--index", index.lastEndpoint, "--data", directory.path,
                             "--worker-id", "resend-test", "--engine", "rules", "--log-level", "error"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }

        let ready = try #require(try HostileExtractorPeersTests.await(.workReady, on: ingest), "the extractor announces credit")
        let item = WorkItem(id: "dresend000000001", hash: String(repeating: "ab", count: 32),
                            text: "Hay'at Tahrir al-Sham (HTS) said on 3 August 2023 that it had taken Idlib.",
                            title: nil, source: "test", date: nil, attempt: 1)
        try ingest.send([ready.route] + Envelope(WorkAssignment(items: [item], leaseSeconds: 60)).frames)

        let first = try #require(try HostileExtractorPeersTests.await(.indexPut, on: index, timeout: .seconds(30)), "the put")
        let put = try first.envelope.decodeBody(IndexPut.self)
        try put.validate()
        #expect(put.document.title == put.extraction.title && put.document.date == put.extraction.date)
        #expect(put.document.date == "2023-08-03")
        #expect(put.keys?["Hay'at Tahrir al-Sham"] != nil)

        // Unanswered for the put timeout (5 s): the same message again.
        let again = try #require(try HostileExtractorPeersTests.await(.indexPut, on: index, timeout: .seconds(15)), "the resend")
        #expect(again.envelope.requestID == first.envelope.requestID)
        #expect(again.envelope.body == first.envelope.body)

        // Both sends answered: the first answer frees the document, the second is ignored.
        for _ in 0..<2 {
            try index.send([again.route] + again.envelope.reply(IndexStored(id: item.id, alreadyStored: false)).frames)
        }
        let credit = try #require(try HostileExtractorPeersTests.await(.workReady, on: ingest, timeout: .seconds(10)), "credit back")
        #expect(try credit.envelope.decodeBody(WorkReady.self).credit == 1)
        #expect(try HostileExtractorPeersTests.await(.workReady, on: ingest, timeout: .seconds(2)) == nil, "one credit per document")
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

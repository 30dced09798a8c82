import Foundation
import Testing
import SiftwireCLI
import SiftwireFuzzing
import SiftwireMessaging
import SiftwireProtocol

/// An extractor connected to an "ingest" and an "index" that the test plays: thousands of random
/// and mutated messages on both connections (absurd lease times, garbage frames, replies to
/// nothing) must neither crash it nor stop it from doing real work afterwards.
@Suite("Hostile peers of an extractor", .serialized)
struct HostileExtractorPeersTests {
    /// Waits for a message of `kind` on a ROUTER; returns its route and envelope.
    static func await(_ kind: MessageKind, on socket: ZMQSocket, timeout: Duration = .seconds(60)) throws -> (route: Data, envelope: Envelope)? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let frames = try socket.receive(timeout: .milliseconds(200)), frames.count == 5,
                  let envelope = try? Envelope.decode(Array(frames.dropFirst())) else { continue }
            if envelope.kind == kind { return (frames[0], envelope) }
        }
        return nil
    }

    @Test func anExtractorSurvivesHostileIngestAndIndexPeers() throws {
        let context = ZMQContext()
        let ingest = try ZMQSocket(context, .router)
        try ingest.bind("tcp://127.0.0.1:*")
        let index = try ZMQSocket(context, .router)
        try index.bind("tcp://127.0.0.1:*")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-extract-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = TestStack.binDirectory.appendingPathComponent("siftwire-extract")
        process.arguments = ["--work", ingest.lastEndpoint, "--index", index.lastEndpoint, "--data", directory.path,
                             "--worker-id", "hostile-test", "--log-level", "error"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }

        let ready = try #require(try Self.await(.workReady, on: ingest), "the extractor announces credit")
        let route = ready.route

        // The flood: hostile messages from "ingest" on the work connection.
        let count = max(1000, FrameFlood.framesPerEndpoint / 4)
        var fuzzer = FrameFuzzer(seed: 0xE47, seeds: ProtocolSamples.extractorInbound)
        var sent = 0
        let sendDeadline = ContinuousClock.now + .seconds(120)
        while sent < count, ContinuousClock.now < sendDeadline, process.isRunning {
            do {
                try ingest.send([route] + fuzzer.next(), dontWait: true)
                sent += 1
            } catch {
                // Full queue (wait) or, with ROUTER_MANDATORY, a peer that is gone (the loop ends on exit).
                Thread.sleep(forTimeInterval: 0.005)
            }
            // Keep both sockets drained: the puts and notices the extractor sends back.
            while try ingest.receiveIfReady() != nil {}
            if sent % 100 == 0 { while try index.receiveIfReady() != nil {} }
        }
        // And from "index": answer whatever puts arrive with hostile replies, then flood its route.
        var indexRoute: Data?
        let floodEnd = ContinuousClock.now + .seconds(10)
        var indexSent = 0
        while indexSent < count, ContinuousClock.now < floodEnd, process.isRunning {
            if let frames = try index.receive(timeout: .milliseconds(50)), frames.count >= 2 { indexRoute = frames[0] }
            guard let indexRoute else { continue }
            for _ in 0..<100 where indexSent < count {
                try? index.send([indexRoute] + fuzzer.next(), dontWait: true)
                indexSent += 1
            }
        }
        print("hostile extractor peers: \(sent) messages from ingest, \(indexSent) from the index")
        try #require(process.isRunning, "the extractor is still running after the flood (exit status \(process.isRunning ? 0 : process.terminationStatus))")

        // Real work afterwards: a fresh assignment is extracted and put to the index with exact spans.
        while try index.receiveIfReady() != nil {}
        let text = "Idlib, Syria — Hay'at Tahrir al-Sham (HTS) said on 3 August 2023 that Abu Mohammad al-Julani would speak."
        let item = WorkItem(id: "dafterflood00001", hash: String(repeating: "ef", count: 32), text: text,
                            title: nil, source: "test", date: nil, attempt: 1)
        let assignment = Envelope(WorkAssignment(items: [item], leaseSeconds: 30))
        var put: (route: Data, envelope: Envelope)?
        let deadline = ContinuousClock.now + .seconds(60)
        while put == nil, ContinuousClock.now < deadline {
            try ingest.send([route] + assignment.frames)
            while let candidate = try Self.await(.indexPut, on: index, timeout: .seconds(5)) {
                if (try? candidate.envelope.decodeBody(IndexPut.self))?.document.id == item.id { put = candidate; break }
            }
        }
        let received = try #require(put, "the extractor still extracts and puts")
        let body = try received.envelope.decodeBody(IndexPut.self)
        try body.validate()
        #expect(body.extraction.entities.contains { $0.id == "org:hts" })
        try index.send([received.route] + received.envelope.reply(IndexStored(id: item.id, alreadyStored: false)).frames)
        #expect(try Self.await(.workReady, on: ingest, timeout: .seconds(30)) != nil, "and asks for more work")
        #expect(process.isRunning)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

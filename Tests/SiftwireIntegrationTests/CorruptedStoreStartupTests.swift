import Foundation
import SiftwireClient
import SiftwireStack
import Testing
import SiftwireCLI
import SiftwireProtocol

@Suite("A real service refuses to start on a corrupted store, and leaves it as it was", .serialized)
struct CorruptedStoreStartupTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-corrupt-\(UUID().uuidString.prefix(8))")
    var storePath: String { directory.appendingPathComponent("ingest/ingest.sqlite").path }

    /// Runs a real ingest service, stores `count` documents through it, and stops it with SIGTERM.
    func makeIngestStore(documents count: Int) throws -> Endpoints {
        let endpoints = try Endpoints.freeLoopback()
        let process = Process()
        process.executableURL = TestStack.binDirectory.appendingPathComponent("siftwire-ingest")
        process.arguments = ["--bind", endpoints.ingest, "--work-bind", endpoints.work, "--data", directory.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let client = try SiftwireClient(ingest: endpoints.ingest, query: endpoints.query, timeout: .seconds(30))
        // on a loaded machine the service may take a while to bind
        _ = TestStack.waitForHealth(client, of: endpoints.ingest, process: process, timeout: .seconds(120))
        let texts = (0..<count).map { "Dispatch \($0): a convoy of water tankers reached the camp at noon. " + String(repeating: "Line \($0) of the dispatch. ", count: 50) }
        let accepted = try client.submit(texts.map { NewDocument(text: $0) })
        #expect(accepted.results.allSatisfy { $0.outcome == .accepted })
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return endpoints
    }

    func overwrite(at offset: Int, count: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: storePath))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 61 &+ 0x5A) }))
    }

    func startIngest(_ endpoints: Endpoints) throws -> ServiceProcess.Result {
        try ServiceProcess.run("siftwire-ingest", ["--bind", endpoints.ingest, "--work-bind", endpoints.work, "--data", directory.path],
                               timeout: .seconds(30))
    }

    @Test func garbageOverTheHeaderStopsStartUpWithExitStatus65AndAClearMessage() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let endpoints = try makeIngestStore(documents: 10)
        try overwrite(at: 0, count: 100)
        let before = try Data(contentsOf: URL(fileURLWithPath: storePath))
        let run = try startIngest(endpoints)
        #expect(!run.timedOut, "the service must stop by itself")
        #expect(run.status == 65, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("store unusable; not starting"))
        #expect(run.stderr.contains("store.problem=not_a_database"))
        #expect(run.stderr.contains(storePath))
        #expect(try Data(contentsOf: URL(fileURLWithPath: storePath)) == before, "never rebuilt or rewritten")
    }

    @Test func damagedPagesFarFromTheHeaderAreFoundAtStartUpToo() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let endpoints = try makeIngestStore(documents: 40)
        let size = try #require(FileManager.default.attributesOfItem(atPath: storePath)[.size] as? Int)
        try overwrite(at: size - 2 * 4096, count: 4096)
        let before = try Data(contentsOf: URL(fileURLWithPath: storePath))
        let run = try startIngest(endpoints)
        #expect(!run.timedOut)
        #expect(run.status == 65, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("store.problem=corrupted"), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: storePath)) == before)
    }
}
